/* ************************************************************************** */
/*                                                                            */
/*                                                        :::      ::::::::   */
/*   main.c                                             :+:      :+:    :+:   */
/*                                                    +:+ +:+         +:+     */
/*   By: mbenali <mbenali@student.42lyon.fr>        +#+  +:+       +#+        */
/*                                                +#+#+#+#+#+   +#+           */
/*   Created: 2027/01/16 10:12:31 by mbenali           #+#    #+#             */
/*   Updated: 2027/01/17 18:40:05 by mbenali          ###   ########.fr       */
/*                                                                            */
/* ************************************************************************** */

#include "rush01.h"

int	main(int argc, char **argv)
{
	int	views[CELLS];
	int	grid[CELLS];
	int	i;

	if (argc != 2 || !parse_views(argv[1], views))
	{
		print_error();
		return (1);
	}
	i = 0;
	while (i < CELLS)
		grid[i++] = 0;
	if (!solve(grid, views, 0))
	{
		print_error();
		return (1);
	}
	print_grid(grid);
	return (0);
}
