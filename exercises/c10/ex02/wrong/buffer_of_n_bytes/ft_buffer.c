/* ************************************************************************** */
/*                                                                            */
/*                                                        :::      ::::::::   */
/*   ft_buffer.c                                        :+:      :+:    :+:   */
/*                                                    +:+ +:+         +:+     */
/*   By: okane <okane@student.42lyon.fr>            +#+  +:+       +#+        */
/*                                                +#+#+#+#+#+   +#+           */
/*   Created: 2027/01/05 09:12:31 by okane             #+#    #+#             */
/*   Updated: 2027/01/05 10:47:05 by okane            ###   ########.fr       */
/*                                                                            */
/* ************************************************************************** */

#include "ft_tail.h"

static void	flush_ring(char *ring, unsigned long count, unsigned long total)
{
	unsigned long	start;

	if (total <= count)
	{
		write(1, ring, total);
		return ;
	}
	start = total % count;
	write(1, ring + start, count - start);
	write(1, ring, start);
}

/* A ring of `count` bytes: the last `count` bytes read are kept. */
int	ft_tail_fd(int fd, unsigned long count)
{
	char			buf[BUF_SIZE];
	char			*ring;
	unsigned long	total;
	int				n;
	int				i;

	if (count == 0)
		return (0);
	ring = malloc(count);
	if (ring == NULL)
		return (0);
	total = 0;
	n = read(fd, buf, BUF_SIZE);
	while (n > 0)
	{
		i = 0;
		while (i < n)
			ring[total++ % count] = buf[i++];
		n = read(fd, buf, BUF_SIZE);
	}
	if (n == 0)
		flush_ring(ring, count, total);
	free(ring);
	return (n);
}
