/* ************************************************************************** */
/*                                                                            */
/*                                                        :::      ::::::::   */
/*   btree_level_count.c                                :+:      :+:    :+:   */
/*                                                    +:+ +:+         +:+     */
/*   By: tnguyen <tnguyen@student.42lyon.fr>        +#+  +:+       +#+        */
/*                                                +#+#+#+#+#+   +#+           */
/*   Created: 2027/01/11 09:21:11 by tnguyen           #+#    #+#             */
/*   Updated: 2027/01/11 11:06:48 by tnguyen          ###   ########.fr       */
/*                                                                            */
/* ************************************************************************** */

#include <stddef.h>
#include "ft_btree.h"

static int	depth(t_btree *root)
{
	int	left;
	int	right;

	if (root->left == NULL && root->right == NULL)
		return (0);
	left = 0;
	right = 0;
	if (root->left != NULL)
		left = depth(root->left) + 1;
	if (root->right != NULL)
		right = depth(root->right) + 1;
	if (left > right)
		return (left);
	return (right);
}

int	btree_level_count(t_btree *root)
{
	if (root == NULL)
		return (0);
	return (depth(root));
}
