/* ************************************************************************** */
/*                                                                            */
/*                                                        :::      ::::::::   */
/*   ft_utils.c                                         :+:      :+:    :+:   */
/*                                                    +:+ +:+         +:+     */
/*   By: tnguyen <tnguyen@student.42lyon.fr>        +#+  +:+       +#+        */
/*                                                +#+#+#+#+#+   +#+           */
/*   Created: 2027/01/05 09:12:31 by tnguyen           #+#    #+#             */
/*   Updated: 2027/01/05 10:47:05 by tnguyen          ###   ########.fr       */
/*                                                                            */
/* ************************************************************************** */

#include "ft_cat.h"

void	ft_putstr_fd(int fd, char *str)
{
	int	len;

	len = 0;
	while (str[len] != '\0')
		len++;
	write(fd, str, len);
}

int	ft_print_error(char *prog, char *name, int err)
{
	ft_putstr_fd(2, prog);
	ft_putstr_fd(2, ": ");
	ft_putstr_fd(2, name);
	ft_putstr_fd(2, ": ");
	ft_putstr_fd(2, strerror(err));
	ft_putstr_fd(2, "\n");
	return (1);
}
