/* ************************************************************************** */
/*                                                                            */
/*                                                        :::      ::::::::   */
/*   ft_tail.h                                          :+:      :+:    :+:   */
/*                                                    +:+ +:+         +:+     */
/*   By: okane <okane@student.42lyon.fr>            +#+  +:+       +#+        */
/*                                                +#+#+#+#+#+   +#+           */
/*   Created: 2027/01/05 09:12:31 by okane             #+#    #+#             */
/*   Updated: 2027/01/05 10:47:05 by okane            ###   ########.fr       */
/*                                                                            */
/* ************************************************************************** */

#ifndef FT_TAIL_H
# define FT_TAIL_H

# include <errno.h>
# include <fcntl.h>
# include <libgen.h>
# include <stdlib.h>
# include <string.h>
# include <unistd.h>

# define BUF_SIZE 4096

typedef struct s_buf
{
	char			*data;
	unsigned long	len;
	unsigned long	cap;
}	t_buf;

typedef struct s_tail
{
	char			*prog;
	unsigned long	count;
	int				headers;
	int				first;
}	t_tail;

void	ft_putstr_fd(int fd, char *str);
int		ft_error(char *prog, char *before, char *name, char *after);
int		ft_parse_count(char *str, unsigned long *count);
int		ft_tail_fd(int fd, unsigned long count);

#endif
