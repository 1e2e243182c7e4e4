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

void	ft_list_remove_if(t_list **begin_list, void *data_ref, int (*cmp)(),
	void (*free_fct)(void *))
{
	t_list	*cur;
	t_list	*prev;

	prev = NULL;
	cur = *begin_list;
	while (cur != NULL)
	{
		if ((*cmp)(cur->data, data_ref) == 0)
		{
			if (prev == NULL)
				*begin_list = cur->next;
			else
				prev->next = cur->next;
			(*free_fct)(cur->data);
			free(cur);
		}
		else
			prev = cur;
		cur = cur->next;
	}
}
