/* ************************************************************************** */
/*                                                                            */
/*                                                        :::      ::::::::   */
/*   parse.c                                            :+:      :+:    :+:   */
/*                                                    +:+ +:+         +:+     */
/*   By: mbenali <mbenali@student.42lyon.fr>        +#+  +:+       +#+        */
/*                                                +#+#+#+#+#+   +#+           */
/*   Created: 2027/01/16 10:12:31 by mbenali           #+#    #+#             */
/*   Updated: 2027/01/17 18:40:05 by mbenali          ###   ########.fr       */
/*                                                                            */
/* ************************************************************************** */

#include "rush01.h"

/*
** Spaces are skipped, each digit from 1 to 4 is one view, anything else is an
** error; there must be 16 views.
*/
int	parse_views(char *str, int *views)
{
	int	count;

	count = 0;
	while (*str)
	{
		if (*str >= '1' && *str <= '0' + SIZE && count < CELLS)
			views[count++] = *str - '0';
		else if (*str != ' ')
			return (0);
		str++;
	}
	return (count == CELLS);
}
