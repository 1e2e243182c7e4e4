/* ************************************************************************** */
/*                                                                            */
/*                                                        :::      ::::::::   */
/*   ft_convert_base.c                                  :+:      :+:    :+:   */
/*                                                    +:+ +:+         +:+     */
/*   By: mroussel <mroussel@student.42lyon.fr>      +#+  +:+       +#+        */
/*                                                +#+#+#+#+#+   +#+           */
/*   Created: 2026/12/07 09:30:12 by mroussel          #+#    #+#             */
/*   Updated: 2026/12/07 11:25:47 by mroussel         ###   ########.fr       */
/*                                                                            */
/* ************************************************************************** */

#include <stdlib.h>

int		ft_base_len(char *base);
long	ft_atoi_base(char *str, char *base, int len);

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
