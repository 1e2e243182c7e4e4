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

#include <stdlib.h>
#include "bsq.h"

static int	min3(int a, int b, int c)
{
	if (b < a)
		a = b;
	if (c < a)
		a = c;
	return (a);
}

static void	scan_row(t_map *m, int *dp, long i, t_best *best)
{
	long	j;
	int		diag;
	int		above;
	char	*row;

	row = m->grid + i * (m->cols + 1);
	diag = 0;
	j = 0;
	while (j < m->cols)
	{
		above = dp[j + 1];
		if (row[j] == m->obst)
			dp[j + 1] = 0;
		else
			dp[j + 1] = 1 + min3(dp[j], above, diag);
		diag = above;
		if (dp[j + 1] > best->size)
		{
			best->size = dp[j + 1];
			best->row = i;
			best->col = j;
		}
		j++;
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
	int		*dp;
	t_best	best;
	long	i;

	dp = malloc(sizeof(int) * (m->cols + 1));
	if (!dp)
		return (0);
	i = 0;
	while (i <= m->cols)
	{
		dp[i] = 0;
		i++;
	}
	best.size = 0;
	best.row = 0;
	best.col = 0;
	i = 0;
	while (i < m->rows)
	{
		scan_row(m, dp, i, &best);
		i++;
	}
	fill(m, &best);
	free(dp);
	return (1);
}
