/* ************************************************************************** */
/*                                                                            */
/*                                                        :::      ::::::::   */
/*   check.c                                            :+:      :+:    :+:   */
/*                                                    +:+ +:+         +:+     */
/*   By: mbrunet <mbrunet@student.42lyon.fr>        +#+  +:+       +#+        */
/*                                                +#+#+#+#+#+   +#+           */
/*   Created: 2027/01/22 10:04:51 by mbrunet           #+#    #+#             */
/*   Updated: 2027/01/23 17:41:08 by mbrunet          ###   ########.fr       */
/*                                                                            */
/* ************************************************************************** */

#include "rush02.h"

static int	has_key(t_dict *dict, int n, int zeros)
{
	char	key[48];
	int		i;

	i = 0;
	if (n >= 10)
		key[i++] = n / 10 + '0';
	key[i++] = n % 10 + '0';
	while (zeros-- > 0)
		key[i++] = '0';
	key[i] = '\0';
	return (dict_get(dict, key) != NULL);
}

/* 0 to 20, the tens, 100 and every unit up to undecillion */
int	has_reference_keys(t_dict *dict)
{
	int	n;

	n = 0;
	while (n <= 20)
		if (!has_key(dict, n++, 0))
			return (0);
	n = 3;
	while (n <= 9)
		if (!has_key(dict, n++, 1))
			return (0);
	if (!has_key(dict, 1, 2))
		return (0);
	n = 1;
	while (n <= 12)
		if (!has_key(dict, 1, 3 * n++))
			return (0);
	return (1);
}
