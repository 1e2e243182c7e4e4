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

static int	make_room(t_buf *b)
{
	char			*bigger;
	unsigned long	i;

	if (b->len + BUF_SIZE <= b->cap)
		return (0);
	b->cap = (b->len + BUF_SIZE) * 2;
	bigger = malloc(b->cap);
	if (bigger == NULL)
		return (-1);
	i = 0;
	while (i < b->len)
	{
		bigger[i] = b->data[i];
		i++;
	}
	free(b->data);
	b->data = bigger;
	return (0);
}

static void	keep_last(t_buf *b, unsigned long count)
{
	unsigned long	skip;
	unsigned long	i;

	if (b->len <= count)
		return ;
	skip = b->len - count;
	i = 0;
	while (i < count)
	{
		b->data[i] = b->data[i + skip];
		i++;
	}
	b->len = count;
}

/* Reads fd to its end, keeping only its last `count` bytes, then writes them.
   Returns -1 when read fails (errno tells why). */
int	ft_tail_fd(int fd, unsigned long count)
{
	t_buf	b;
	int		n;

	b.data = NULL;
	b.len = 0;
	b.cap = 0;
	n = 1;
	while (n > 0)
	{
		n = make_room(&b);
		if (n == 0)
			n = read(fd, b.data + b.len, BUF_SIZE);
		if (n > 0)
			b.len += n;
		keep_last(&b, count);
	}
	if (n == 0)
		write(1, b.data, b.len);
	free(b.data);
	return (n);
}
