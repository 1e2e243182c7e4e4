/* ************************************************************************** */
/*                                                                            */
/*                                                        :::      ::::::::   */
/*   ft_list_reverse_fun.c                              :+:      :+:    :+:   */
/*                                                    +:+ +:+         +:+     */
/*   By: mroussel <mroussel@student.42lyon.fr>      +#+  +:+       +#+        */
/*                                                +#+#+#+#+#+   +#+           */
/*   Created: 2026/12/14 09:12:44 by mroussel          #+#    #+#             */
/*   Updated: 2026/12/14 11:40:02 by mroussel         ###   ########.fr       */
/*                                                                            */
/* ************************************************************************** */

#include <stdlib.h>
#include "ft_list.h"

static t_list	*ft_elem_at(t_list *list, int index)
{
	while (index-- > 0)
		list = list->next;
	return (list);
}

void	ft_list_reverse_fun(t_list *begin_list)
{
	t_list	*left;
	t_list	*right;
	void	*tmp;
	int		size;
	int		i;

	size = 0;
	left = begin_list;
	while (left != NULL)
	{
		size++;
		left = left->next;
	}
	i = 0;
	while (i < size / 2)
	{
		left = ft_elem_at(begin_list, i);
		right = ft_elem_at(begin_list, size - 1 - i);
		tmp = left->data;
		left->data = right->data;
		right->data = tmp;
		i++;
	}
}
