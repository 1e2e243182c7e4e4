/* ************************************************************************** */
/*                                                                            */
/*                                                        :::      ::::::::   */
/*   print.c                                            :+:      :+:    :+:   */
/*                                                    +:+ +:+         +:+     */
/*   By: lfontain <lfontain@student.42lyon.fr>      +#+  +:+       +#+        */
/*                                                +#+#+#+#+#+   +#+           */
/*   Created: 2027/01/16 10:12:31 by lfontain          #+#    #+#             */
/*   Updated: 2027/01/17 18:40:05 by lfontain         ###   ########.fr       */
/*                                                                            */
/* ************************************************************************** */

#include <stdio.h>
#include "rush01.h"

void	print_grid(int *grid)
{
	int	row;

	row = 0;
	while (row < SIZE)
	{
		printf("%d %d %d %d\n", grid[row * SIZE], grid[row * SIZE + 1],
			grid[row * SIZE + 2], grid[row * SIZE + 3]);
		row++;
	}
}

void	print_error(void)
{
	printf("Error\n");
}
