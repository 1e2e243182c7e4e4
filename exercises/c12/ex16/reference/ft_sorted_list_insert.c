/* ************************************************************************** */
/*                                                                            */
/*                                                        :::      ::::::::   */
/*   ft_sorted_list_insert.c                            :+:      :+:    :+:   */
/*                                                    +:+ +:+         +:+     */
/*   By: mroussel <mroussel@student.42lyon.fr>      +#+  +:+       +#+        */
/*                                                +#+#+#+#+#+   +#+           */
/*   Created: 2026/12/14 09:12:44 by mroussel          #+#    #+#             */
/*   Updated: 2026/12/14 11:40:02 by mroussel         ###   ########.fr       */
/*                                                                            */
/* ************************************************************************** */

#include <stdlib.h>
#include "ft_list.h"

void	ft_sorted_list_insert(t_list **begin_list, void *data, int (*cmp)())
{
	t_list	*elem;
	t_list	*cur;

	elem = ft_create_elem(data);
	if (elem == NULL)
		return ;
	if (*begin_list == NULL || (*cmp)(data, (*begin_list)->data) < 0)
	{
		elem->next = *begin_list;
		*begin_list = elem;
		return ;
	}
	cur = *begin_list;
	while (cur->next != NULL && (*cmp)(cur->next->data, data) <= 0)
		cur = cur->next;
	elem->next = cur->next;
	cur->next = elem;
}
