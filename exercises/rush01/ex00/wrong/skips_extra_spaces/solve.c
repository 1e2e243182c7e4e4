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
** The grid is filled cell by cell in reading order, heights tried from 1 to
** 4: the first complete grid found is the smallest in reading order.
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

static int	fits(int *grid, int *views, int pos)
{
	int	row;
	int	col;

	row = pos / SIZE;
	col = pos % SIZE;
	if (col == SIZE - 1)
	{
		if (seen(grid, row * SIZE, 1) != views[2 * SIZE + row])
			return (0);
		if (seen(grid, row * SIZE + SIZE - 1, -1) != views[3 * SIZE + row])
			return (0);
	}
	if (row == SIZE - 1)
	{
		if (seen(grid, col, SIZE) != views[col])
			return (0);
		if (seen(grid, pos, -SIZE) != views[SIZE + col])
			return (0);
	}
	return (1);
}

int	solve(int *grid, int *views, int pos)
{
	int	h;

	if (pos == CELLS)
		return (1);
	h = 1;
	while (h <= SIZE)
	{
		if (is_free(grid, pos, h))
		{
			grid[pos] = h;
			if (fits(grid, views, pos) && solve(grid, views, pos + 1))
				return (1);
		}
		h++;
	}
	grid[pos] = 0;
	return (0);
}
