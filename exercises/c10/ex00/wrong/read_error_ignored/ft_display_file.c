/* ************************************************************************** */
/*                                                                            */
/*                                                        :::      ::::::::   */
/*   ft_display_file.c                                  :+:      :+:    :+:   */
/*                                                    +:+ +:+         +:+     */
/*   By: lgarnier <lgarnier@student.42lyon.fr>      +#+  +:+       +#+        */
/*                                                +#+#+#+#+#+   +#+           */
/*   Created: 2027/01/05 09:12:31 by lgarnier          #+#    #+#             */
/*   Updated: 2027/01/05 10:47:05 by lgarnier         ###   ########.fr       */
/*                                                                            */
/* ************************************************************************** */

#include "ft_display_file.h"

static int	ft_error(char *message)
{
	int	len;

	len = 0;
	while (message[len] != '\0')
		len++;
	write(2, message, len);
	return (1);
}

static int	display(int fd)
{
	char	buf[BUF_SIZE];
	int		n;

	n = read(fd, buf, BUF_SIZE);
	while (n > 0)
	{
		write(1, buf, n);
		n = read(fd, buf, BUF_SIZE);
	}
	return (n);
}

int	main(int argc, char **argv)
{
	int	fd;
	int	ret;

	if (argc < 2)
		return (ft_error("File name missing.\n"));
	if (argc > 2)
		return (ft_error("Too many arguments.\n"));
	fd = open(argv[1], O_RDONLY);
	if (fd < 0)
		return (ft_error("Cannot read file.\n"));
	ret = display(fd);
	close(fd);
	return (ret * 0);
}
