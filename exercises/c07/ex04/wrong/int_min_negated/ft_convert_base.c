/* ************************************************************************** */
/*                                                                            */
/*                                                        :::      ::::::::   */
/*   ft_convert_base.c                                  :+:      :+:    :+:   */
/*                                                    +:+ +:+         +:+     */
/*   By: fdurand <fdurand@student.42lyon.fr>        +#+  +:+       +#+        */
/*                                                +#+#+#+#+#+   +#+           */
/*   Created: 2026/12/07 09:33:12 by fdurand           #+#    #+#             */
/*   Updated: 2026/12/07 11:28:47 by fdurand          ###   ########.fr       */
/*                                                                            */
/* ************************************************************************** */

#include <stdlib.h>

int	ft_check_base(char *base);
int	ft_atoi_base(char *str, char *base);

int	ft_nb_len(int nb, int len)
{
	int	size;

	size = 1;
	if (nb < 0)
	{
		nb = -nb;
		size++;
	}
	while (nb >= len)
	{
		nb = nb / len;
		size++;
	}
	return (size);
}

char	*ft_convert_base(char *nbr, char *base_from, char *base_to)
{
	int		nb;
	int		len;
	int		size;
	char	*res;

	len = ft_check_base(base_to);
	if (ft_check_base(base_from) < 2 || len < 2)
		return (NULL);
	nb = ft_atoi_base(nbr, base_from);
	size = ft_nb_len(nb, len);
	res = (char *)malloc(sizeof(char) * (size + 1));
	if (!res)
		return (NULL);
	res[size] = '\0';
	if (nb < 0)
	{
		res[0] = '-';
		nb = -nb;
	}
	while (size > 0 && res[size - 1] != '-')
	{
		res[--size] = base_to[nb % len];
		nb = nb / len;
	}
	return (res);
}
