/* ************************************************************************** */
/*                                                                            */
/*                                                        :::      ::::::::   */
/*   print.c                                            :+:      :+:    :+:   */
/*                                                    +:+ +:+         +:+     */
/*   By: lfontain <lfontain@student.42lyon.fr>      +#+  +:+       +#+        */
/*                                                +#+#+#+#+#+   +#+           */
/*   Created: 2027/01/16 10:12:31 by lfontain          #+#    #+#             */
/*   Updated: 2027/01/17 18:40:05 by lfontain         ###   ########.fr       */
/*                                                                            */
/* ************************************************************************** */

#include <unistd.h>
#include "rush01.h"

void	print_grid(int *grid)
{
	char	line[2 * SIZE];
	int		row;
	int		col;

	row = 0;
	while (row < SIZE)
	{
		col = 0;
		while (col < SIZE)
		{
			line[2 * col] = '0' + grid[row * SIZE + col];
			line[2 * col + 1] = ' ';
			col++;
		}
		line[2 * SIZE - 1] = '\n';
		write(1, line, 2 * SIZE);
		row++;
	}
}

void	print_error(void)
{
	write(1, "Error\n", 6);
}
