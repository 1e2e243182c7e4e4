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

#include <stdio.h>

static void	put_line(unsigned char *p, unsigned int n)
{
	unsigned int	i;

	printf("%016lx: ", (unsigned long)p);
	i = 0;
	while (i < 16)
	{
		if (i < n)
			printf("%02x", p[i]);
		else
			printf("  ");
		if (i % 2 == 1)
			printf(" ");
		i++;
	}
	i = 0;
	while (i < n)
	{
		if (p[i] >= 32 && p[i] <= 126)
			printf("%c", p[i]);
		else
			printf(".");
		i++;
	}
	printf("\n");
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
