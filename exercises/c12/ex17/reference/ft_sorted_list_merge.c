/* ************************************************************************** */
/*                                                                            */
/*                                                        :::      ::::::::   */
/*   ft_sorted_list_merge.c                             :+:      :+:    :+:   */
/*                                                    +:+ +:+         +:+     */
/*   By: mroussel <mroussel@student.42lyon.fr>      +#+  +:+       +#+        */
/*                                                +#+#+#+#+#+   +#+           */
/*   Created: 2026/12/14 09:12:44 by mroussel          #+#    #+#             */
/*   Updated: 2026/12/14 11:40:02 by mroussel         ###   ########.fr       */
/*                                                                            */
/* ************************************************************************** */

#include <stdlib.h>
#include "ft_list.h"

static void	ft_take(t_list ***tail, t_list **from)
{
	**tail = *from;
	*from = (*from)->next;
	*tail = &(**tail)->next;
}

void	ft_sorted_list_merge(t_list **begin_list1, t_list *begin_list2,
	int (*cmp)())
{
	t_list	*head;
	t_list	**tail;

	head = NULL;
	tail = &head;
	while (*begin_list1 != NULL && begin_list2 != NULL)
	{
		if ((*cmp)((*begin_list1)->data, begin_list2->data) <= 0)
			ft_take(&tail, begin_list1);
		else
			ft_take(&tail, &begin_list2);
	}
	if (*begin_list1 != NULL)
		*tail = *begin_list1;
	else
		*tail = begin_list2;
	*begin_list1 = head;
}
