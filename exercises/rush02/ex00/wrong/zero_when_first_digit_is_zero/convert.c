/* ************************************************************************** */
/*                                                                            */
/*                                                        :::      ::::::::   */
/*   convert.c                                          :+:      :+:    :+:   */
/*                                                    +:+ +:+         +:+     */
/*   By: mbrunet <mbrunet@student.42lyon.fr>        +#+  +:+       +#+        */
/*                                                +#+#+#+#+#+   +#+           */
/*   Created: 2027/01/22 10:04:51 by mbrunet           #+#    #+#             */
/*   Updated: 2027/01/23 17:41:08 by mbrunet          ###   ########.fr       */
/*                                                                            */
/* ************************************************************************** */

#include <stdlib.h>
#include <unistd.h>
#include "rush02.h"

/* one dictionary word; nothing is printed on the first (checking) pass */
static int	emit(t_out *out, char *key)
{
	char	*value;

	value = dict_get(out->dict, key);
	if (!value)
		return (0);
	if (out->print)
	{
		if (!out->first)
			write(1, " ", 1);
		ft_putstr(value);
	}
	out->first = 0;
	return (1);
}

/* the key of n, 0 <= n <= 999, written in digits */
static int	emit_int(t_out *out, int n)
{
	char	key[4];
	int		i;

	i = 0;
	if (n >= 100)
		key[i++] = n / 100 + '0';
	if (n >= 10)
		key[i++] = n / 10 % 10 + '0';
	key[i++] = n % 10 + '0';
	key[i] = '\0';
	return (emit(out, key));
}

/* 1 <= n <= 999: [digit hundred] [tens [unit] | 1..19] */
static int	emit_group(t_out *out, int n)
{
	if (n >= 100)
	{
		if (!emit_int(out, n / 100) || !emit_int(out, 100))
			return (0);
		n %= 100;
	}
	if (n == 0)
		return (1);
	if (n < 20 || n % 10 == 0)
		return (emit_int(out, n));
	return (emit_int(out, n - n % 10) && emit_int(out, n % 10));
}

/* the unit of rank k: "1" followed by 3k zeros */
static int	emit_unit(t_out *out, int k)
{
	char	*key;
	int		i;
	int		ok;

	key = malloc(3 * k + 2);
	if (!key)
		return (0);
	key[0] = '1';
	i = 1;
	while (i <= 3 * k)
		key[i++] = '0';
	key[i] = '\0';
	ok = emit(out, key);
	free(key);
	return (ok);
}

/* digits: no leading zero, len digits (0 for the number zero) */
int	write_number(t_out *out, char *digits, int len)
{
	int	k;
	int	n;
	int	size;

	if (len == 0)
		return (emit(out, "0"));
	size = (len - 1) % 3 + 1;
	k = (len - 1) / 3;
	while (k >= 0)
	{
		n = 0;
		while (size-- > 0)
			n = n * 10 + *digits++ - '0';
		if (n && !emit_group(out, n))
			return (0);
		if (n && k > 0 && !emit_unit(out, k))
			return (0);
		size = 3;
		k--;
	}
	return (1);
}
