/* ************************************************************************** */
/*                                                                            */
/*                                                        :::      ::::::::   */
/*   solve.c                                            :+:      :+:    :+:   */
/*                                                    +:+ +:+         +:+     */
/*   By: ychevali <ychevali@student.42lyon.fr>      +#+  +:+       +#+        */
/*                                                +#+#+#+#+#+   +#+           */
/*   Created: 2026/12/18 09:14:22 by ychevali          #+#    #+#             */
/*   Updated: 2026/12/18 11:02:48 by ychevali         ###   ########.fr       */
/*                                                                            */
/* ************************************************************************** */

#include "bsq.h"

static int	square_fits(t_map *m, long i, long j, long size)
{
	long	r;
	long	c;

	if (i + size > m->rows || j + size > m->cols)
		return (0);
	r = i;
	while (r < i + size)
	{
		c = j;
		while (c < j + size)
		{
			if (m->grid[r * (m->cols + 1) + c] == m->obst)
				return (0);
			c++;
		}
		r++;
	}
	return (1);
}

static void	try_cell(t_map *m, long i, long j, t_best *best)
{
	long	size;

	size = 1;
	while (square_fits(m, i, j, size))
		size++;
	size--;
	if (size > best->size)
	{
		best->size = size;
		best->row = i + size - 1;
		best->col = j + size - 1;
	}
}

static void	fill(t_map *m, t_best *best)
{
	long	i;
	long	j;

	i = best->row - best->size + 1;
	while (i <= best->row)
	{
		j = best->col - best->size + 1;
		while (j <= best->col)
		{
			m->grid[i * (m->cols + 1) + j] = m->full;
			j++;
		}
		i++;
	}
}

int	solve_map(t_map *m)
{
	t_best	best;
	long	i;
	long	j;

	best.size = 0;
	best.row = 0;
	best.col = 0;
	i = 0;
	while (i < m->rows)
	{
		j = 0;
		while (j < m->cols)
		{
			try_cell(m, i, j, &best);
			j++;
		}
		i++;
	}
	fill(m, &best);
	return (1);
}
