/* ************************************************************************** */
/*                                                                            */
/*                                                        :::      ::::::::   */
/*   ft_ten_queens_puzzle.c                             :+:      :+:    :+:   */
/*                                                    +:+ +:+         +:+     */
/*   By: acolin <acolin@student.42lyon.fr>          +#+  +:+       +#+        */
/*                                                +#+#+#+#+#+   +#+           */
/*   Created: 2026/11/25 09:14:02 by acolin            #+#    #+#             */
/*   Updated: 2026/11/25 11:47:39 by acolin           ###   ########.fr       */
/*                                                                            */
/* ************************************************************************** */

#include <unistd.h>

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
	char	line[11];
	int		i;

	i = 0;
	while (i < 10)
	{
		line[i] = pos[i] + '0';
		i++;
	}
	line[10] = '\n';
	write(1, line, 11);
}

static void	solve(int *pos, int col, int *count)
{
	int	row;

	if (col == 10)
	{
		print_solution(pos);
		*count += 1;
		return ;
	}
	row = 0;
	while (row < 10)
	{
		if (is_safe(pos, col, row))
		{
			pos[col] = row;
			solve(pos, col + 1, count);
		}
		row++;
	}
}

int	ft_ten_queens_puzzle(void)
{
	static int	count;
	int			pos[10];

	solve(pos, 0, &count);
	return (count);
}
