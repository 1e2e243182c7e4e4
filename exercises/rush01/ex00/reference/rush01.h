/* ************************************************************************** */
/*                                                                            */
/*                                                        :::      ::::::::   */
/*   rush01.h                                           :+:      :+:    :+:   */
/*                                                    +:+ +:+         +:+     */
/*   By: mbenali <mbenali@student.42lyon.fr>        +#+  +:+       +#+        */
/*                                                +#+#+#+#+#+   +#+           */
/*   Created: 2027/01/16 10:12:31 by mbenali           #+#    #+#             */
/*   Updated: 2027/01/17 18:40:05 by mbenali          ###   ########.fr       */
/*                                                                            */
/* ************************************************************************** */

#ifndef RUSH01_H
# define RUSH01_H

# define SIZE 4
# define CELLS 16

int		parse_views(char *str, int *views);
int		solve(int *grid, int *views, int pos);
void	print_grid(int *grid);
void	print_error(void);

#endif
