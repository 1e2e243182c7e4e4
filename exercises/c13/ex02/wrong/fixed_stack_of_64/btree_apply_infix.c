/* ************************************************************************** */
/*                                                                            */
/*                                                        :::      ::::::::   */
/*   btree_apply_infix.c                                :+:      :+:    :+:   */
/*                                                    +:+ +:+         +:+     */
/*   By: mkaradag <mkaradag@student.42lyon.fr>      +#+  +:+       +#+        */
/*                                                +#+#+#+#+#+   +#+           */
/*   Created: 2027/01/11 09:22:11 by mkaradag          #+#    #+#             */
/*   Updated: 2027/01/11 11:07:48 by mkaradag         ###   ########.fr       */
/*                                                                            */
/* ************************************************************************** */

#include <stddef.h>
#include "ft_btree.h"

void	btree_apply_infix(t_btree *root, void (*applyf)(void *))
{
	t_btree	*stack[64];
	int		top;

	top = 0;
	while (root != NULL || top > 0)
	{
		while (root != NULL)
		{
			stack[top++] = root;
			root = root->left;
		}
		root = stack[--top];
		applyf(root->item);
		root = root->right;
	}
}
