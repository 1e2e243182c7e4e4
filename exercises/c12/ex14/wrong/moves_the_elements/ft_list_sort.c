/* ************************************************************************** */
/*                                                                            */
/*                                                        :::      ::::::::   */
/*   ft_list_sort.c                                     :+:      :+:    :+:   */
/*                                                    +:+ +:+         +:+     */
/*   By: mroussel <mroussel@student.42lyon.fr>      +#+  +:+       +#+        */
/*                                                +#+#+#+#+#+   +#+           */
/*   Created: 2026/12/14 09:12:44 by mroussel          #+#    #+#             */
/*   Updated: 2026/12/14 11:40:02 by mroussel         ###   ########.fr       */
/*                                                                            */
/* ************************************************************************** */

#include <stdlib.h>
#include "ft_list.h"

static t_list	*ft_merge(t_list *a, t_list *b, int (*cmp)())
{
	t_list	*head;
	t_list	**tail;

	head = NULL;
	tail = &head;
	while (a != NULL && b != NULL)
	{
		if ((*cmp)(a->data, b->data) <= 0)
		{
			*tail = a;
			a = a->next;
		}
		else
		{
			*tail = b;
			b = b->next;
		}
		tail = &(*tail)->next;
	}
	if (a != NULL)
		*tail = a;
	else
		*tail = b;
	return (head);
}

static t_list	*ft_merge_sort(t_list *list, int (*cmp)())
{
	t_list	*slow;
	t_list	*fast;
	t_list	*half;

	if (list == NULL || list->next == NULL)
		return (list);
	slow = list;
	fast = list->next;
	while (fast != NULL && fast->next != NULL)
	{
		slow = slow->next;
		fast = fast->next->next;
	}
	half = slow->next;
	slow->next = NULL;
	return (ft_merge(ft_merge_sort(list, cmp), ft_merge_sort(half, cmp), cmp));
}

void	ft_list_sort(t_list **begin_list, int (*cmp)())
{
	*begin_list = ft_merge_sort(*begin_list, cmp);
}
