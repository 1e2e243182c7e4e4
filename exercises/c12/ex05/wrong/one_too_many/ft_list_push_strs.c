/* ************************************************************************** */
/*                                                                            */
/*                                                        :::      ::::::::   */
/*   ft_list_push_strs.c                                :+:      :+:    :+:   */
/*                                                    +:+ +:+         +:+     */
/*   By: mroussel <mroussel@student.42lyon.fr>      +#+  +:+       +#+        */
/*                                                +#+#+#+#+#+   +#+           */
/*   Created: 2026/12/14 09:12:44 by mroussel          #+#    #+#             */
/*   Updated: 2026/12/14 11:40:02 by mroussel         ###   ########.fr       */
/*                                                                            */
/* ************************************************************************** */

#include <stdlib.h>
#include "ft_list.h"

t_list	*ft_list_push_strs(int size, char **strs)
{
	t_list	*list;
	t_list	*elem;
	int		i;

	list = NULL;
	i = 0;
	while (i <= size)
	{
		elem = ft_create_elem(strs[i]);
		if (elem == NULL)
			return (list);
		elem->next = list;
		list = elem;
		i++;
	}
	return (list);
}
