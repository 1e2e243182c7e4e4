/* ************************************************************************** */
/*                                                                            */
/*                                                        :::      ::::::::   */
/*   btree_apply_by_level.c                             :+:      :+:    :+:   */
/*                                                    +:+ +:+         +:+     */
/*   By: cdelmas <cdelmas@student.42lyon.fr>        +#+  +:+       +#+        */
/*                                                +#+#+#+#+#+   +#+           */
/*   Created: 2027/01/11 09:20:11 by cdelmas           #+#    #+#             */
/*   Updated: 2027/01/11 11:05:48 by cdelmas          ###   ########.fr       */
/*                                                                            */
/* ************************************************************************** */

#include <stdlib.h>
#include "ft_btree.h"

static int	count_nodes(t_btree *root)
{
	if (root == NULL)
		return (0);
	return (1 + count_nodes(root->left) + count_nodes(root->right));
}

static int	push_children(t_btree **queue, int tail, t_btree *node)
{
	if (node->left != NULL)
		queue[tail++] = node->left;
	if (node->right != NULL)
		queue[tail++] = node->right;
	return (tail);
}

static void	walk(t_btree **queue, int n,
		void (*applyf)(void *item, int current_level, int is_first_elem))
{
	int	head;
	int	tail;
	int	level;
	int	prev;
	int	end;

	head = 0;
	tail = 1;
	level = 0;
	prev = 0;
	end = 1;
	while (head < n)
	{
		if (head == end)
		{
			level++;
			end = tail;
		}
		applyf(queue[head]->item, level, level != prev);
		prev = level;
		tail = push_children(queue, tail, queue[head]);
		head++;
	}
}

void	btree_apply_by_level(t_btree *root,
		void (*applyf)(void *item, int current_level, int is_first_elem))
{
	t_btree	**queue;
	int		n;

	n = count_nodes(root);
	if (n == 0)
		return ;
	queue = malloc(sizeof(t_btree *) * n);
	if (queue == NULL)
		return ;
	queue[0] = root;
	walk(queue, n, applyf);
	free(queue);
}
