/* ************************************************************************** */
/*                                                                            */
/*                                                        :::      ::::::::   */
/*   ft_utils.c                                         :+:      :+:    :+:   */
/*                                                    +:+ +:+         +:+     */
/*   By: okane <okane@student.42lyon.fr>            +#+  +:+       +#+        */
/*                                                +#+#+#+#+#+   +#+           */
/*   Created: 2027/01/05 09:12:31 by okane             #+#    #+#             */
/*   Updated: 2027/01/05 10:47:05 by okane            ###   ########.fr       */
/*                                                                            */
/* ************************************************************************** */

#include "ft_tail.h"

void	ft_putstr_fd(int fd, char *str)
{
	int	len;

	len = 0;
	while (str[len] != '\0')
		len++;
	write(fd, str, len);
}

/* prog: before 'name'after: strerror(errno), as tail writes its errors
   (without after nor strerror when after is NULL). */
int	ft_error(char *prog, char *before, char *name, char *after)
{
	int	err;

	err = errno;
	ft_putstr_fd(2, prog);
	ft_putstr_fd(2, ": ");
	ft_putstr_fd(2, before);
	ft_putstr_fd(2, " '");
	ft_putstr_fd(2, name);
	ft_putstr_fd(2, "'");
	if (after != NULL)
	{
		ft_putstr_fd(2, after);
		ft_putstr_fd(2, ": ");
		ft_putstr_fd(2, strerror(err));
	}
	ft_putstr_fd(2, "\n");
	return (1);
}

int	ft_parse_count(char *str, unsigned long *count)
{
	int	i;

	*count = 0;
	i = 0;
	if (str[0] == '\0')
		return (-1);
	while (str[i] >= '0' && str[i] <= '9')
	{
		if (*count > 1000000000000000000UL)
			return (-1);
		*count = *count * 10 + (str[i] - '0');
		i++;
	}
	if (str[i] != '\0')
		return (-1);
	return (0);
}
