/* ************************************************************************** */
/*                                                                            */
/*                                                        :::      ::::::::   */
/*   ft_cat.c                                           :+:      :+:    :+:   */
/*                                                    +:+ +:+         +:+     */
/*   By: tnguyen <tnguyen@student.42lyon.fr>        +#+  +:+       +#+        */
/*                                                +#+#+#+#+#+   +#+           */
/*   Created: 2027/01/05 09:12:31 by tnguyen           #+#    #+#             */
/*   Updated: 2027/01/05 10:47:05 by tnguyen          ###   ########.fr       */
/*                                                                            */
/* ************************************************************************** */

#include "ft_cat.h"

static int	cat_fd(int fd, char *name, char *prog)
{
	char	buf[BUF_SIZE];
	int		n;

	n = read(fd, buf, BUF_SIZE);
	while (n > 0)
	{
		write(1, buf, n);
		n = read(fd, buf, BUF_SIZE);
	}
	if (n < 0)
		return (ft_print_error(prog, name, errno));
	return (0);
}

static int	cat_file(char *name, char *prog)
{
	int	fd;
	int	ret;

	if (name[0] == '-' && name[1] == '\0')
		return (cat_fd(0, name, prog));
	fd = open(name, O_RDONLY);
	if (fd < 0)
		return (ft_print_error(prog, name, errno));
	ret = cat_fd(fd, name, prog);
	close(fd);
	return (ret);
}

int	main(int argc, char **argv)
{
	char	*prog;
	int		status;
	int		i;

	prog = argv[0];
	if (argc < 2)
		return (cat_fd(0, "-", prog));
	status = 0;
	i = 1;
	while (i < argc)
	{
		if (cat_file(argv[i], prog) != 0)
			status = 1;
		i++;
	}
	return (status);
}
