/* ************************************************************************** */
/*                                                                            */
/*                                                        :::      ::::::::   */
/*   solve.c                                            :+:      :+:    :+:   */
/*                                                    +:+ +:+         +:+     */
/*   By: lfontain <lfontain@student.42lyon.fr>      +#+  +:+       +#+        */
/*                                                +#+#+#+#+#+   +#+           */
/*   Created: 2027/01/16 10:12:31 by lfontain          #+#    #+#             */
/*   Updated: 2027/01/17 18:40:05 by lfontain         ###   ########.fr       */
/*                                                                            */
/* ************************************************************************** */

#include "rush01.h"

/*
** views: col1up..col4up (0-3), col1down..col4down (4-7),
** row1left..row4left (8-11), row1right..row4right (12-15).
** Each row in turn gets the first arrangement that fits its own views and
** the columns above it; the column views are checked at the end.
*/
static int	seen(int *grid, int start, int step)
{
	int	i;
	int	max;
	int	count;

	i = 0;
	max = 0;
	count = 0;
	while (i < SIZE)
	{
		if (grid[start + i * step] > max)
		{
			max = grid[start + i * step];
			count++;
		}
		i++;
	}
	return (count);
}

static int	is_free(int *grid, int pos, int h)
{
	int	i;
	int	row;
	int	col;

	row = pos / SIZE;
	col = pos % SIZE;
	i = 0;
	while (i < SIZE)
	{
		if (i < col && grid[row * SIZE + i] == h)
			return (0);
		if (i < row && grid[i * SIZE + col] == h)
			return (0);
		i++;
	}
	return (1);
}

static int	row_fits(int *grid, int *views, int row)
{
	if (seen(grid, row * SIZE, 1) != views[2 * SIZE + row])
		return (0);
	return (seen(grid, row * SIZE + SIZE - 1, -1) == views[3 * SIZE + row]);
}

static int	fill_row(int *grid, int *views, int row, int col)
{
	int	h;

	if (col == SIZE)
		return (row_fits(grid, views, row));
	h = 1;
	while (h <= SIZE)
	{
		if (is_free(grid, row * SIZE + col, h))
		{
			grid[row * SIZE + col] = h;
			if (fill_row(grid, views, row, col + 1))
				return (1);
		}
		h++;
	}
	grid[row * SIZE + col] = 0;
	return (0);
}

int	solve(int *grid, int *views, int pos)
{
	int	row;
	int	col;

	row = pos / SIZE;
	while (row < SIZE)
	{
		if (!fill_row(grid, views, row, 0))
			return (0);
		row++;
	}
	col = 0;
	while (col < SIZE)
	{
		if (seen(grid, col, SIZE) != views[col]
			|| seen(grid, 3 * SIZE + col, -SIZE) != views[SIZE + col])
			return (0);
		col++;
	}
	return (1);
}
