/* ************************************************************************** */
/*                                                                            */
/*                                                        :::      ::::::::   */
/*   read_file.c                                        :+:      :+:    :+:   */
/*                                                    +:+ +:+         +:+     */
/*   By: mbrunet <mbrunet@student.42lyon.fr>        +#+  +:+       +#+        */
/*                                                +#+#+#+#+#+   +#+           */
/*   Created: 2027/01/22 10:04:51 by mbrunet           #+#    #+#             */
/*   Updated: 2027/01/23 17:41:08 by mbrunet          ###   ########.fr       */
/*                                                                            */
/* ************************************************************************** */

#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>
#include "rush02.h"

static char	*grow(char *buf, size_t len, size_t *cap)
{
	char	*bigger;
	size_t	i;

	bigger = malloc(*cap * 2 + 1);
	if (bigger)
	{
		i = 0;
		while (i < len)
		{
			bigger[i] = buf[i];
			i++;
		}
		*cap *= 2;
	}
	free(buf);
	return (bigger);
}

static char	*read_fd(int fd, size_t *len)
{
	char	*buf;
	size_t	cap;
	ssize_t	got;

	cap = READ_SIZE;
	buf = malloc(cap + 1);
	*len = 0;
	got = 1;
	while (buf && got > 0)
	{
		if (*len + READ_SIZE > cap)
			buf = grow(buf, *len, &cap);
		if (buf)
			got = read(fd, buf + *len, READ_SIZE);
		if (buf && got > 0)
			*len += got;
	}
	if (buf && got < 0)
	{
		free(buf);
		return (NULL);
	}
	return (buf);
}

/* the whole file in one block, with room for a final '\0' */
char	*read_file(char *path, size_t *len)
{
	int		fd;
	char	*buf;

	fd = open(path, O_RDONLY);
	if (fd < 0)
		return (NULL);
	buf = read_fd(fd, len);
	close(fd);
	return (buf);
}
