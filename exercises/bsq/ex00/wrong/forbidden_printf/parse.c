/* ************************************************************************** */
/*                                                                            */
/*                                                        :::      ::::::::   */
/*   parse.c                                            :+:      :+:    :+:   */
/*                                                    +:+ +:+         +:+     */
/*   By: ychevali <ychevali@student.42lyon.fr>      +#+  +:+       +#+        */
/*                                                +#+#+#+#+#+   +#+           */
/*   Created: 2026/12/18 09:14:22 by ychevali          #+#    #+#             */
/*   Updated: 2026/12/18 11:02:48 by ychevali         ###   ########.fr       */
/*                                                                            */
/* ************************************************************************** */

#include "bsq.h"

static int	printable(char c)
{
	return (c >= 32 && c <= 126);
}

static int	chars_ok(t_map *m)
{
	if (!printable(m->empty) || !printable(m->obst) || !printable(m->full))
		return (0);
	if (m->empty == m->obst || m->empty == m->full || m->obst == m->full)
		return (0);
	return (1);
}

static int	parse_header(t_map *m, size_t *pos)
{
	size_t	end;
	size_t	i;

	end = 0;
	while (end < m->len && m->buf[end] != '\n')
		end++;
	if (end == m->len || end < 4)
		return (0);
	m->empty = m->buf[end - 3];
	m->obst = m->buf[end - 2];
	m->full = m->buf[end - 1];
	if (!chars_ok(m))
		return (0);
	m->rows = 0;
	i = 0;
	while (i < end - 3)
	{
		if (m->buf[i] < '0' || m->buf[i] > '9' || m->rows > (long)m->len)
			return (0);
		m->rows = m->rows * 10 + m->buf[i] - '0';
		i++;
	}
	*pos = end + 1;
	return (m->rows > 0);
}

static int	check_line(t_map *m, size_t start, size_t *next)
{
	size_t	i;

	i = start;
	while (i < m->len && m->buf[i] != '\n')
	{
		if (m->buf[i] != m->empty && m->buf[i] != m->obst)
			return (0);
		i++;
	}
	if (i == m->len)
		return (0);
	if (m->cols < 0)
		m->cols = i - start;
	*next = i + 1;
	return ((long)(i - start) == m->cols);
}

int	parse_map(t_map *m)
{
	size_t	pos;
	long	row;

	if (!parse_header(m, &pos))
		return (0);
	m->grid = m->buf + pos;
	m->cols = -1;
	row = 0;
	while (row < m->rows)
	{
		if (pos >= m->len || !check_line(m, pos, &pos))
			return (0);
		row++;
	}
	return (pos == m->len && m->cols > 0);
}
