/* ************************************************************************** */
/*                                                                            */
/*                                                        :::      ::::::::   */
/*   btree_apply_by_level.c                             :+:      :+:    :+:   */
/*                                                    +:+ +:+         +:+     */
/*   By: cdelmas <cdelmas@student.42lyon.fr>        +#+  +:+       +#+        */
/*                                                +#+#+#+#+#+   +#+           */
/*   Created: 2027/01/11 09:21:11 by cdelmas           #+#    #+#             */
/*   Updated: 2027/01/11 11:06:48 by cdelmas          ###   ########.fr       */
/*                                                                            */
/* ************************************************************************** */

#include <stdlib.h>
#include "ft_btree.h"

static int	height(t_btree *root)
{
	int	left;
	int	right;

	if (root == NULL)
		return (0);
	left = height(root->left);
	right = height(root->right);
	if (left > right)
		return (left + 1);
	return (right + 1);
}

static void	visit(t_btree *node, int level, int *seen,
		void (*applyf)(void *item, int current_level, int is_first_elem))
{
	if (node == NULL)
		return ;
	applyf(node->item, level, seen[level] == 0);
	seen[level] = 1;
	visit(node->left, level + 1, seen, applyf);
	visit(node->right, level + 1, seen, applyf);
}

void	btree_apply_by_level(t_btree *root,
		void (*applyf)(void *item, int current_level, int is_first_elem))
{
	int	*seen;
	int	h;
	int	i;

	h = height(root);
	if (h == 0)
		return ;
	seen = malloc(sizeof(int) * h);
	if (seen == NULL)
		return ;
	i = 0;
	while (i < h)
		seen[i++] = 0;
	visit(root, 0, seen, applyf);
	free(seen);
}
