/* ************************************************************************** */
/*                                                                            */
/*                                                        :::      ::::::::   */
/*   ft_convert_base.c                                  :+:      :+:    :+:   */
/*                                                    +:+ +:+         +:+     */
/*   By: fdurand <fdurand@student.42lyon.fr>        +#+  +:+       +#+        */
/*                                                +#+#+#+#+#+   +#+           */
/*   Created: 2026/12/07 09:32:12 by fdurand           #+#    #+#             */
/*   Updated: 2026/12/07 11:27:47 by fdurand          ###   ########.fr       */
/*                                                                            */
/* ************************************************************************** */

#include <stdlib.h>

int	ft_base_len(char *base)
{
	int	i;
	int	j;

	i = 0;
	while (base[i] != '\0')
	{
		if (base[i] == '+' || base[i] == '-' || base[i] == ' '
			|| (base[i] >= 9 && base[i] <= 13))
			return (0);
		j = i + 1;
		while (base[j] != '\0')
		{
			if (base[i] == base[j])
				return (0);
			j++;
		}
		i++;
	}
	if (i < 2)
		return (0);
	return (i);
}

int	ft_index_in_base(char c, char *base)
{
	int	i;

	i = 0;
	while (base[i] != '\0')
	{
		if (base[i] == c)
			return (i);
		i++;
	}
	return (-1);
}

long	ft_atoi_base(char *str, char *base, int len)
{
	long	n;
	int		sign;
	int		digit;

	while (*str == ' ' || (*str >= 9 && *str <= 13))
		str++;
	sign = 1;
	while (*str == '+' || *str == '-')
	{
		if (*str == '-')
			sign = -sign;
		str++;
	}
	n = 0;
	digit = ft_index_in_base(*str, base);
	while (*str != '\0' && digit >= 0)
	{
		n = n * len + digit;
		str++;
		digit = ft_index_in_base(*str, base);
	}
	return (n * sign);
}

static int	ft_result_size(long n, int len)
{
	int	size;

	size = 1;
	if (n < 0)
	{
		size++;
		n = -n;
	}
	while (n >= len)
	{
		n /= len;
		size++;
	}
	return (size);
}

static void	ft_fill(char *res, long n, int size, char *base)
{
	int	len;

	len = 0;
	while (base[len] != '\0')
		len++;
	res[size] = '\0';
	if (n < 0)
	{
		res[0] = '-';
		n = -n;
	}
	size--;
	res[size] = base[n % len];
	while (n >= len)
	{
		n /= len;
		size--;
		res[size] = base[n % len];
	}
}

char	*ft_convert_base(char *nbr, char *base_from, char *base_to)
{
	long	n;
	int		from_len;
	int		to_len;
	int		size;
	char	*res;

	from_len = ft_base_len(base_from);
	to_len = ft_base_len(base_to);
	if (from_len == 0 || to_len == 0)
		return (NULL);
	n = ft_atoi_base(nbr, base_from, from_len);
	size = ft_result_size(n, to_len);
	res = (char *)malloc(sizeof(char) * (size + 1));
	if (res == NULL)
		return (NULL);
	ft_fill(res, n, size, base_to);
	return (res);
}
