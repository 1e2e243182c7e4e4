/* ************************************************************************** */
/*                                                                            */
/*                                                        :::      ::::::::   */
/*   ft_rrange.c                                        :+:      :+:    :+:   */
/*                                                    +:+ +:+         +:+     */
/*   By: mmarchal <mmarchal@student.42.fr>          +#+  +:+       +#+        */
/*                                                +#+#+#+#+#+   +#+           */
/*   Created: 2026/12/14 09:12:40 by mmarchal          #+#    #+#             */
/*   Updated: 2026/12/14 09:31:05 by mmarchal         ###   ########.fr       */
/*                                                                            */
/* ************************************************************************** */

#include <stdlib.h>

int	*ft_rrange(int start, int end)
{
	int		*tab;
	long	size;
	long	i;

	size = (long)end - (long)start;
	if (size < 0)
		size = -size;
	size++;
	tab = malloc(sizeof(int) * size);
	if (!tab)
		return (NULL);
	i = 0;
	while (i < size)
	{
		if (start <= end)
			tab[i] = (int)(end - i);
		else
			tab[i] = (int)(end + i);
		i++;
	}
	return (tab);
}
