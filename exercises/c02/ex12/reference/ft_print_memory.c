/* ************************************************************************** */
/*                                                                            */
/*                                                        :::      ::::::::   */
/*   ft_print_memory.c                                  :+:      :+:    :+:   */
/*                                                    +:+ +:+         +:+     */
/*   By: lbernard <lbernard@student.42lyon.fr>      +#+  +:+       +#+        */
/*                                                +#+#+#+#+#+   +#+           */
/*   Created: 2026/11/23 18:42:07 by lbernard          #+#    #+#             */
/*   Updated: 2026/11/23 19:05:31 by lbernard         ###   ########.fr       */
/*                                                                            */
/* ************************************************************************** */

#include <unistd.h>

static void	put_hex(unsigned long n, int digits)
{
	char	buf[16];
	int		i;

	i = digits - 1;
	while (i >= 0)
	{
		buf[i] = "0123456789abcdef"[n % 16];
		n = n / 16;
		i--;
	}
	write(1, buf, digits);
}

static void	put_chars(unsigned char *p, unsigned int n)
{
	unsigned int	i;

	i = 0;
	while (i < n)
	{
		if (p[i] >= 32 && p[i] <= 126)
			write(1, &p[i], 1);
		else
			write(1, ".", 1);
		i++;
	}
	write(1, "\n", 1);
}

static void	put_line(unsigned char *p, unsigned int n)
{
	unsigned int	i;

	put_hex((unsigned long)p, 16);
	write(1, ": ", 2);
	i = 0;
	while (i < 16)
	{
		if (i < n)
			put_hex(p[i], 2);
		else
			write(1, "  ", 2);
		if (i % 2 == 1)
			write(1, " ", 1);
		i++;
	}
	put_chars(p, n);
}

void	*ft_print_memory(void *addr, unsigned int size)
{
	unsigned int	off;
	unsigned int	n;

	off = 0;
	while (off < size)
	{
		n = size - off;
		if (n > 16)
			n = 16;
		put_line((unsigned char *)addr + off, n);
		off = off + 16;
	}
	return (addr);
}
