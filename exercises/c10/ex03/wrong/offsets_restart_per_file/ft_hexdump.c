/* ************************************************************************** */
/*                                                                            */
/*                                                        :::      ::::::::   */
/*   ft_hexdump.c                                       :+:      :+:    :+:   */
/*                                                    +:+ +:+         +:+     */
/*   By: sbenali <sbenali@student.42lyon.fr>        +#+  +:+       +#+        */
/*                                                +#+#+#+#+#+   +#+           */
/*   Created: 2027/01/05 09:12:31 by sbenali           #+#    #+#             */
/*   Updated: 2027/01/05 10:47:05 by sbenali          ###   ########.fr       */
/*                                                                            */
/* ************************************************************************** */

#include "ft_hexdump.h"

static void	init(t_hex *h, char *argv0)
{
	h->prog = basename(argv0);
	h->offset = 0;
	h->len = 0;
	h->has_prev = 0;
	h->star = 0;
}

static int	dump_fd(t_hex *h, int fd, char *name)
{
	unsigned char	buf[BUF_SIZE];
	int				n;
	int				i;

	n = read(fd, buf, BUF_SIZE);
	while (n > 0)
	{
		i = 0;
		while (i < n)
			ft_add_byte(h, buf[i++]);
		n = read(fd, buf, BUF_SIZE);
	}
	if (n < 0)
		return (ft_error(h->prog, name, strerror(errno)));
	return (0);
}

/* Returns 1 when the file could not be opened, 2 when it could not be read. */
static int	dump_file(t_hex *h, char *name)
{
	int	fd;
	int	ret;

	ft_finish(h);
	init(h, h->prog);
	fd = open(name, O_RDONLY);
	if (fd < 0)
		return (ft_error(h->prog, name, strerror(errno)));
	ret = dump_fd(h, fd, name);
	close(fd);
	return (ret * 2);
}

static int	usage(char *prog)
{
	ft_putstr_fd(2, "usage: ");
	ft_putstr_fd(2, prog);
	ft_putstr_fd(2, " -C [file ...]\n");
	return (1);
}

int	main(int argc, char **argv)
{
	t_hex	h;
	int		opened;
	int		status;
	int		ret;
	int		i;

	init(&h, argv[0]);
	if (argc < 2 || argv[1][0] != '-' || argv[1][1] != 'C' || argv[1][2])
		return (usage(h.prog));
	status = 0;
	opened = (argc == 2 && dump_fd(&h, 0, "stdin") == 0);
	i = 1;
	while (++i < argc)
	{
		ret = dump_file(&h, argv[i]);
		opened += (ret != 1);
		status |= (ret != 0);
	}
	ft_finish(&h);
	if (!opened)
		return (ft_error(h.prog, NULL, "all input file arguments failed"));
	return (status);
}
