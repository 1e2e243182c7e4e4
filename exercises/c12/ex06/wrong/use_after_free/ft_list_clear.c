/* ************************************************************************** */
/*                                                                            */
/*                                                        :::      ::::::::   */
/*   ft_list_clear.c                                    :+:      :+:    :+:   */
/*                                                    +:+ +:+         +:+     */
/*   By: mroussel <mroussel@student.42lyon.fr>      +#+  +:+       +#+        */
/*                                                +#+#+#+#+#+   +#+           */
/*   Created: 2026/12/14 09:12:44 by mroussel          #+#    #+#             */
/*   Updated: 2026/12/14 11:40:02 by mroussel         ###   ########.fr       */
/*                                                                            */
/* ************************************************************************** */

#include <stdlib.h>
#include "ft_list.h"

static void	ft_free_elem(t_list *elem, void (*free_fct)(void *))
{
	(*free_fct)(elem->data);
	free(elem);
}

void	ft_list_clear(t_list *begin_list, void (*free_fct)(void *))
{
	while (begin_list != NULL)
	{
		ft_free_elem(begin_list, free_fct);
		begin_list = begin_list->next;
	}
}
