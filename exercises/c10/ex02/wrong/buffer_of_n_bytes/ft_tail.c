/* ************************************************************************** */
/*                                                                            */
/*                                                        :::      ::::::::   */
/*   ft_tail.c                                          :+:      :+:    :+:   */
/*                                                    +:+ +:+         +:+     */
/*   By: okane <okane@student.42lyon.fr>            +#+  +:+       +#+        */
/*                                                +#+#+#+#+#+   +#+           */
/*   Created: 2027/01/05 09:12:31 by okane             #+#    #+#             */
/*   Updated: 2027/01/05 10:47:05 by okane            ###   ########.fr       */
/*                                                                            */
/* ************************************************************************** */

#include "ft_tail.h"

static void	header(t_tail *t, char *name)
{
	if (!t->headers)
		return ;
	if (!t->first)
		ft_putstr_fd(1, "\n");
	ft_putstr_fd(1, "==> ");
	ft_putstr_fd(1, name);
	ft_putstr_fd(1, " <==\n");
	t->first = 0;
}

static int	tail_file(t_tail *t, char *name)
{
	int	fd;
	int	ret;

	if (name[0] == '-' && name[1] == '\0')
	{
		header(t, "standard input");
		if (ft_tail_fd(0, t->count) < 0)
			return (ft_error(t->prog, "error reading", "standard input", ""));
		return (0);
	}
	fd = open(name, O_RDONLY);
	if (fd < 0)
		return (ft_error(t->prog, "cannot open", name, " for reading"));
	header(t, name);
	ret = ft_tail_fd(fd, t->count);
	close(fd);
	if (ret < 0)
		return (ft_error(t->prog, "error reading", name, ""));
	return (0);
}

static int	usage(char *prog)
{
	ft_putstr_fd(2, prog);
	ft_putstr_fd(2, ": usage: ");
	ft_putstr_fd(2, prog);
	ft_putstr_fd(2, " -c NUMBER [FILE]...\n");
	return (1);
}

int	main(int argc, char **argv)
{
	t_tail	t;
	int		status;
	int		i;

	t.prog = basename(argv[0]);
	if (argc < 3 || argv[1][0] != '-' || argv[1][1] != 'c' || argv[1][2])
		return (usage(t.prog));
	if (ft_parse_count(argv[2], &t.count) < 0)
		return (ft_error(t.prog, "invalid number of bytes:", argv[2], NULL));
	t.headers = (argc > 4);
	t.first = 1;
	if (argc == 3)
		return (tail_file(&t, "-"));
	status = 0;
	i = 3;
	while (i < argc)
	{
		if (tail_file(&t, argv[i]) != 0)
			status = 1;
		i++;
	}
	return (status);
}
