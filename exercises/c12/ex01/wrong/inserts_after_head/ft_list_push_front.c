/* ************************************************************************** */
/*                                                                            */
/*                                                        :::      ::::::::   */
/*   ft_list_push_front.c                               :+:      :+:    :+:   */
/*                                                    +:+ +:+         +:+     */
/*   By: mroussel <mroussel@student.42lyon.fr>      +#+  +:+       +#+        */
/*                                                +#+#+#+#+#+   +#+           */
/*   Created: 2026/12/14 09:12:44 by mroussel          #+#    #+#             */
/*   Updated: 2026/12/14 11:40:02 by mroussel         ###   ########.fr       */
/*                                                                            */
/* ************************************************************************** */

#include <stdlib.h>
#include "ft_list.h"

void	ft_list_push_front(t_list **begin_list, void *data)
{
	t_list	*elem;

	elem = ft_create_elem(data);
	if (*begin_list == NULL)
		*begin_list = elem;
	else
	{
		elem->next = (*begin_list)->next;
		(*begin_list)->next = elem;
	}
}
