/* ************************************************************************** */
/*                                                                            */
/*                                                        :::      ::::::::   */
/*   main.c                                             :+:      :+:    :+:   */
/*                                                    +:+ +:+         +:+     */
/*   By: ychevali <ychevali@student.42lyon.fr>      +#+  +:+       +#+        */
/*                                                +#+#+#+#+#+   +#+           */
/*   Created: 2026/12/18 09:14:22 by ychevali          #+#    #+#             */
/*   Updated: 2026/12/18 11:02:48 by ychevali         ###   ########.fr       */
/*                                                                            */
/* ************************************************************************** */

#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>
#include "bsq.h"

static void	put_all(int fd, char *s, size_t len)
{
	ssize_t	w;

	while (len > 0)
	{
		w = write(fd, s, len);
		if (w <= 0)
			return ;
		s += w;
		len -= w;
	}
}

static void	process_fd(int fd)
{
	t_map	m;
	int		ok;

	m.buf = NULL;
	ok = read_all(fd, &m) && parse_map(&m) && solve_map(&m);
	if (ok)
		put_all(1, m.grid, m.len - (m.grid - m.buf));
	else
		put_all(2, "map error\n", 10);
	free(m.buf);
}

int	main(int argc, char **argv)
{
	int	i;
	int	fd;

	if (argc < 2)
		process_fd(0);
	i = 1;
	while (i < argc)
	{
		if (i > 1)
			put_all(1, "\n", 1);
		fd = open(argv[i], O_RDONLY);
		if (fd < 0)
			put_all(2, "map error\n", 10);
		else
		{
			process_fd(fd);
			close(fd);
		}
		i++;
	}
	return (0);
}
