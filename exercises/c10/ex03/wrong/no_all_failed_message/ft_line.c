/* ************************************************************************** */
/*                                                                            */
/*                                                        :::      ::::::::   */
/*   ft_line.c                                          :+:      :+:    :+:   */
/*                                                    +:+ +:+         +:+     */
/*   By: sbenali <sbenali@student.42lyon.fr>        +#+  +:+       +#+        */
/*                                                +#+#+#+#+#+   +#+           */
/*   Created: 2027/01/05 09:12:31 by sbenali           #+#    #+#             */
/*   Updated: 2027/01/05 10:47:05 by sbenali          ###   ########.fr       */
/*                                                                            */
/* ************************************************************************** */

#include "ft_hexdump.h"

static int	put_ascii(t_hex *h, char *out)
{
	int	pos;
	int	i;

	pos = 0;
	out[pos++] = ' ';
	out[pos++] = ' ';
	out[pos++] = '|';
	i = 0;
	while (i < h->len)
	{
		out[pos] = '.';
		if (h->line[i] >= 32 && h->line[i] <= 126)
			out[pos] = h->line[i];
		pos++;
		i++;
	}
	out[pos++] = '|';
	out[pos++] = '\n';
	return (pos);
}

/* "%08lx  xx xx xx xx xx xx xx xx  xx xx xx xx xx xx xx xx  |ascii|\n" */
static void	print_line(t_hex *h)
{
	char	out[80];
	int		i;
	int		pos;

	ft_put_hex(out, h->offset, 8);
	pos = 8;
	i = -1;
	while (++i < 16)
	{
		out[pos++] = ' ';
		if (i == 0 || i == 8)
			out[pos++] = ' ';
		out[pos] = ' ';
		out[pos + 1] = ' ';
		if (i < h->len)
			ft_put_hex(out + pos, h->line[i], 2);
		pos += 2;
	}
	pos += put_ascii(h, out + pos);
	write(1, out, pos);
}

static void	full_line(t_hex *h)
{
	int	i;
	int	same;

	same = h->has_prev;
	i = -1;
	while (++i < 16)
	{
		if (h->prev[i] != h->line[i])
			same = 0;
		h->prev[i] = h->line[i];
	}
	h->has_prev = 1;
	if (same && !h->star)
		write(1, "*\n", 2);
	else if (!same)
		print_line(h);
	h->star = same;
	h->offset += 16;
	h->len = 0;
}

void	ft_add_byte(t_hex *h, unsigned char c)
{
	h->line[h->len] = c;
	h->len++;
	if (h->len == 16)
		full_line(h);
}

void	ft_finish(t_hex *h)
{
	char	out[9];

	if (h->len > 0)
	{
		print_line(h);
		h->offset += h->len;
	}
	if (h->offset == 0)
		return ;
	ft_put_hex(out, h->offset, 8);
	out[8] = '\n';
	write(1, out, 9);
}
