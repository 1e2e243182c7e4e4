/* ************************************************************************** */
/*                                                                            */
/*                                                        :::      ::::::::   */
/*   ft_is_sort.c                                       :+:      :+:    :+:   */
/*                                                    +:+ +:+         +:+     */
/*   By: ncaron <ncaron@student.42lyon.fr>          +#+  +:+       +#+        */
/*                                                +#+#+#+#+#+   +#+           */
/*   Created: 2027/01/04 09:14:22 by ncaron            #+#    #+#             */
/*   Updated: 2027/01/04 11:02:48 by ncaron           ###   ########.fr       */
/*                                                                            */
/* ************************************************************************** */

int	ft_is_sort(int *tab, int length, int (*f)(int, int))
{
	int	i;
	int	dir;

	if (length < 2)
		return (1);
	dir = 1;
	if (f(tab[0], tab[1]) > 0)
		dir = -1;
	i = 1;
	while (i < length - 1)
	{
		if (f(tab[i], tab[i + 1]) * dir > 0)
			return (0);
		i++;
	}
	return (1);
}
