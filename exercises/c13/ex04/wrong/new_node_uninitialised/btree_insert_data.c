/* ************************************************************************** */
/*                                                                            */
/*                                                        :::      ::::::::   */
/*   btree_insert_data.c                                :+:      :+:    :+:   */
/*                                                    +:+ +:+         +:+     */
/*   By: abouzid <abouzid@student.42lyon.fr>        +#+  +:+       +#+        */
/*                                                +#+#+#+#+#+   +#+           */
/*   Created: 2027/01/11 09:22:11 by abouzid           #+#    #+#             */
/*   Updated: 2027/01/11 11:07:48 by abouzid          ###   ########.fr       */
/*                                                                            */
/* ************************************************************************** */

#include <stdlib.h>
#include "ft_btree.h"

static t_btree	*new_node(void *item)
{
	t_btree	*node;

	node = malloc(sizeof(t_btree));
	if (node == NULL)
		return (NULL);
	node->item = item;
	return (node);
}

void	btree_insert_data(t_btree **root, void *item,
		int (*cmpf)(void *, void *))
{
	if (root == NULL)
		return ;
	while (*root != NULL)
	{
		if (cmpf(item, (*root)->item) < 0)
			root = &(*root)->left;
		else
			root = &(*root)->right;
	}
	*root = new_node(item);
}
