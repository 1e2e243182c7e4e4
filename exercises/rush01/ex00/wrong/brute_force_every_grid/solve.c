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
** Every grid of heights 1 to 4 is tried in reading order, as the digits of
** a number in base 4, until one is a valid answer.
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

static int	distinct(int *grid, int start, int step)
{
	int	i;
	int	j;

	i = 0;
	while (i < SIZE)
	{
		j = i + 1;
		while (j < SIZE)
		{
			if (grid[start + i * step] == grid[start + j * step])
				return (0);
			j++;
		}
		i++;
	}
	return (1);
}

static int	valid(int *grid, int *views)
{
	int	i;

	i = 0;
	while (i < SIZE)
	{
		if (!distinct(grid, i * SIZE, 1) || !distinct(grid, i, SIZE))
			return (0);
		if (seen(grid, i, SIZE) != views[i]
			|| seen(grid, 3 * SIZE + i, -SIZE) != views[SIZE + i]
			|| seen(grid, i * SIZE, 1) != views[2 * SIZE + i]
			|| seen(grid, i * SIZE + SIZE - 1, -1) != views[3 * SIZE + i])
			return (0);
		i++;
	}
	return (1);
}

int	solve(int *grid, int *views, int pos)
{
	unsigned long	n;
	unsigned long	m;
	int				i;

	n = pos;
	while (n < (1UL << (2 * CELLS)))
	{
		m = n;
		i = CELLS - 1;
		while (i >= 0)
		{
			grid[i] = (m & 3) + 1;
			m >>= 2;
			i--;
		}
		if (valid(grid, views))
			return (1);
		n++;
	}
	return (0);
}
