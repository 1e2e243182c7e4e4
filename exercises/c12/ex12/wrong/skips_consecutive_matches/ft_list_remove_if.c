/* ************************************************************************** */
/*                                                                            */
/*                                                        :::      ::::::::   */
/*   ft_list_remove_if.c                                :+:      :+:    :+:   */
/*                                                    +:+ +:+         +:+     */
/*   By: mroussel <mroussel@student.42lyon.fr>      +#+  +:+       +#+        */
/*                                                +#+#+#+#+#+   +#+           */
/*   Created: 2026/12/14 09:12:44 by mroussel          #+#    #+#             */
/*   Updated: 2026/12/14 11:40:02 by mroussel         ###   ########.fr       */
/*                                                                            */
/* ************************************************************************** */

#include <stdlib.h>
#include "ft_list.h"

static void	ft_remove_head(t_list **begin_list, void *data_ref, int (*cmp)(),
	void (*free_fct)(void *))
{
	t_list	*cur;

	cur = *begin_list;
	while (cur != NULL && (*cmp)(cur->data, data_ref) == 0)
	{
		*begin_list = cur->next;
		(*free_fct)(cur->data);
		free(cur);
		cur = *begin_list;
	}
}

void	ft_list_remove_if(t_list **begin_list, void *data_ref, int (*cmp)(),
	void (*free_fct)(void *))
{
	t_list	*cur;
	t_list	*tmp;

	ft_remove_head(begin_list, data_ref, cmp, free_fct);
	cur = *begin_list;
	while (cur != NULL && cur->next != NULL)
	{
		if ((*cmp)(cur->next->data, data_ref) == 0)
		{
			tmp = cur->next;
			cur->next = tmp->next;
			(*free_fct)(tmp->data);
			free(tmp);
		}
		cur = cur->next;
	}
}
