/* ************************************************************************** */
/*                                                                            */
/*                                                        :::      ::::::::   */
/*   ft_hexdump.h                                       :+:      :+:    :+:   */
/*                                                    +:+ +:+         +:+     */
/*   By: sbenali <sbenali@student.42lyon.fr>        +#+  +:+       +#+        */
/*                                                +#+#+#+#+#+   +#+           */
/*   Created: 2027/01/05 09:12:31 by sbenali           #+#    #+#             */
/*   Updated: 2027/01/05 10:47:05 by sbenali          ###   ########.fr       */
/*                                                                            */
/* ************************************************************************** */

#ifndef FT_HEXDUMP_H
# define FT_HEXDUMP_H

# include <errno.h>
# include <fcntl.h>
# include <libgen.h>
# include <string.h>
# include <unistd.h>

# define BUF_SIZE 4096

typedef struct s_hex
{
	char			*prog;
	unsigned long	offset;
	unsigned char	line[16];
	unsigned char	prev[16];
	int				len;
	int				has_prev;
	int				star;
}	t_hex;

void	ft_putstr_fd(int fd, char *str);
int		ft_error(char *prog, char *name, char *message);
void	ft_put_hex(char *out, unsigned long n, int digits);
void	ft_add_byte(t_hex *h, unsigned char c);
void	ft_finish(t_hex *h);

#endif
