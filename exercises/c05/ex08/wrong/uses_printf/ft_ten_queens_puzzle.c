/* ************************************************************************** */
/*                                                                            */
/*                                                        :::      ::::::::   */
/*   ft_ten_queens_puzzle.c                             :+:      :+:    :+:   */
/*                                                    +:+ +:+         +:+     */
/*   By: tgarnier <tgarnier@student.42lyon.fr>      +#+  +:+       +#+        */
/*                                                +#+#+#+#+#+   +#+           */
/*   Created: 2026/11/25 09:14:02 by tgarnier          #+#    #+#             */
/*   Updated: 2026/11/25 11:47:39 by tgarnier         ###   ########.fr       */
/*                                                                            */
/* ************************************************************************** */

#include <stdio.h>

static int	is_safe(int *pos, int col, int row)
{
	int	c;

	c = 0;
	while (c < col)
	{
		if (pos[c] == row || pos[c] - row == col - c
			|| row - pos[c] == col - c)
			return (0);
		c++;
	}
	return (1);
}

static void	print_solution(int *pos)
{
	int	i;

	i = 0;
	while (i < 10)
	{
		printf("%d", pos[i]);
		i++;
	}
	printf("\n");
}

static int	solve(int *pos, int col)
{
	int	row;
	int	count;

	if (col == 10)
	{
		print_solution(pos);
		return (1);
	}
	count = 0;
	row = 0;
	while (row < 10)
	{
		if (is_safe(pos, col, row))
		{
			pos[col] = row;
			count += solve(pos, col + 1);
		}
		row++;
	}
	return (count);
}

int	ft_ten_queens_puzzle(void)
{
	int	pos[10];

	return (solve(pos, 0));
}
