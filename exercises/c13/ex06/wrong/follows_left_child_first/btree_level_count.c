/* ************************************************************************** */
/*                                                                            */
/*                                                        :::      ::::::::   */
/*   btree_level_count.c                                :+:      :+:    :+:   */
/*                                                    +:+ +:+         +:+     */
/*   By: tnguyen <tnguyen@student.42lyon.fr>        +#+  +:+       +#+        */
/*                                                +#+#+#+#+#+   +#+           */
/*   Created: 2027/01/11 09:22:11 by tnguyen           #+#    #+#             */
/*   Updated: 2027/01/11 11:07:48 by tnguyen          ###   ########.fr       */
/*                                                                            */
/* ************************************************************************** */

#include <stddef.h>
#include "ft_btree.h"

int	btree_level_count(t_btree *root)
{
	if (root == NULL)
		return (0);
	if (root->left != NULL)
		return (1 + btree_level_count(root->left));
	return (1 + btree_level_count(root->right));
}
