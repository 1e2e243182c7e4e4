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

static char	*read_fd(int fd, size_t *len)
{
	char	*buf;
	ssize_t	got;

	buf = malloc(READ_SIZE + 1);
	if (!buf)
		return (NULL);
	got = read(fd, buf, READ_SIZE);
	if (got < 0)
	{
		free(buf);
		return (NULL);
	}
	*len = got;
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
