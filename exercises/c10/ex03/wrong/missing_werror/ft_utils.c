/* ************************************************************************** */
/*                                                                            */
/*                                                        :::      ::::::::   */
/*   ft_utils.c                                         :+:      :+:    :+:   */
/*                                                    +:+ +:+         +:+     */
/*   By: sbenali <sbenali@student.42lyon.fr>        +#+  +:+       +#+        */
/*                                                +#+#+#+#+#+   +#+           */
/*   Created: 2027/01/05 09:12:31 by sbenali           #+#    #+#             */
/*   Updated: 2027/01/05 10:47:05 by sbenali          ###   ########.fr       */
/*                                                                            */
/* ************************************************************************** */

#include "ft_hexdump.h"

void	ft_putstr_fd(int fd, char *str)
{
	int	len;

	len = 0;
	while (str[len] != '\0')
		len++;
	write(fd, str, len);
}

/* "prog: name: message\n", or "prog: message\n" without a name. */
int	ft_error(char *prog, char *name, char *message)
{
	ft_putstr_fd(2, prog);
	ft_putstr_fd(2, ": ");
	if (name != NULL)
	{
		ft_putstr_fd(2, name);
		ft_putstr_fd(2, ": ");
	}
	ft_putstr_fd(2, message);
	ft_putstr_fd(2, "\n");
	return (1);
}

void	ft_put_hex(char *out, unsigned long n, int digits)
{
	char	*hex;

	hex = "0123456789abcdef";
	while (digits > 0)
	{
		digits--;
		out[digits] = hex[n % 16];
		n /= 16;
	}
}
