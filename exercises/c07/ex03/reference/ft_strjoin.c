/* ************************************************************************** */
/*                                                                            */
/*                                                        :::      ::::::::   */
/*   ft_strjoin.c                                       :+:      :+:    :+:   */
/*                                                    +:+ +:+         +:+     */
/*   By: mroussel <mroussel@student.42lyon.fr>      +#+  +:+       +#+        */
/*                                                +#+#+#+#+#+   +#+           */
/*   Created: 2026/12/07 09:24:12 by mroussel          #+#    #+#             */
/*   Updated: 2026/12/07 11:19:47 by mroussel         ###   ########.fr       */
/*                                                                            */
/* ************************************************************************** */

#include <stdlib.h>

static long	ft_len(char *s)
{
	long	len;

	len = 0;
	while (s[len] != '\0')
		len++;
	return (len);
}

static char	*ft_append(char *dst, char *src)
{
	while (*src != '\0')
	{
		*dst = *src;
		dst++;
		src++;
	}
	return (dst);
}

char	*ft_strjoin(int size, char **strs, char *sep)
{
	char	*res;
	char	*end;
	long	total;
	int		i;

	total = 0;
	i = 0;
	while (i < size)
		total += ft_len(strs[i++]);
	if (size > 1)
		total += ft_len(sep) * (size - 1);
	res = (char *)malloc(sizeof(char) * (total + 1));
	if (res == NULL)
		return (NULL);
	end = res;
	i = 0;
	while (i < size)
	{
		end = ft_append(end, strs[i]);
		if (i < size - 1)
			end = ft_append(end, sep);
		i++;
	}
	*end = '\0';
	return (res);
}
