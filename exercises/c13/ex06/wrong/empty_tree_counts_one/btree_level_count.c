/* ************************************************************************** */
/*                                                                            */
/*                                                        :::      ::::::::   */
/*   btree_level_count.c                                :+:      :+:    :+:   */
/*                                                    +:+ +:+         +:+     */
/*   By: tnguyen <tnguyen@student.42lyon.fr>        +#+  +:+       +#+        */
/*                                                +#+#+#+#+#+   +#+           */
/*   Created: 2027/01/11 09:20:11 by tnguyen           #+#    #+#             */
/*   Updated: 2027/01/11 11:05:48 by tnguyen          ###   ########.fr       */
/*                                                                            */
/* ************************************************************************** */

#include <stddef.h>
#include "ft_btree.h"

static void	walk(t_btree *node, int level, int *max)
{
	if (node == NULL)
		return ;
	if (level > *max)
		*max = level;
	walk(node->left, level + 1, max);
	walk(node->right, level + 1, max);
}

int	btree_level_count(t_btree *root)
{
	int	max;

	max = 1;
	walk(root, 1, &max);
	return (max);
}
