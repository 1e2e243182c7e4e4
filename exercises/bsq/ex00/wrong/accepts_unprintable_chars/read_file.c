/* ************************************************************************** */
/*                                                                            */
/*                                                        :::      ::::::::   */
/*   read_file.c                                        :+:      :+:    :+:   */
/*                                                    +:+ +:+         +:+     */
/*   By: ychevali <ychevali@student.42lyon.fr>      +#+  +:+       +#+        */
/*                                                +#+#+#+#+#+   +#+           */
/*   Created: 2026/12/18 09:14:22 by ychevali          #+#    #+#             */
/*   Updated: 2026/12/18 11:02:48 by ychevali         ###   ########.fr       */
/*                                                                            */
/* ************************************************************************** */

#include <stdlib.h>
#include <unistd.h>
#include "bsq.h"

static int	grow(t_map *m, size_t *cap)
{
	char	*bigger;
	size_t	i;

	bigger = malloc(*cap * 2);
	if (!bigger)
		return (0);
	i = 0;
	while (i < m->len)
	{
		bigger[i] = m->buf[i];
		i++;
	}
	free(m->buf);
	m->buf = bigger;
	*cap *= 2;
	return (1);
}

int	read_all(int fd, t_map *m)
{
	size_t	cap;
	ssize_t	got;

	cap = READ_SIZE;
	m->len = 0;
	m->buf = malloc(cap);
	if (!m->buf)
		return (0);
	got = 1;
	while (got > 0)
	{
		if (m->len + READ_SIZE > cap && !grow(m, &cap))
			return (0);
		got = read(fd, m->buf + m->len, READ_SIZE);
		if (got > 0)
			m->len += got;
	}
	return (got == 0);
}
