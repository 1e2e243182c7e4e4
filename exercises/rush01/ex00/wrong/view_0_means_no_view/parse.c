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
** The argument is exactly 16 digits from 0 to 4 (0: no view), each followed
** by one space except the last one, which ends the string.
*/
int	parse_views(char *str, int *views)
{
	int	i;

	i = 0;
	while (i < CELLS)
	{
		if (str[2 * i] < '0' || str[2 * i] > '0' + SIZE)
			return (0);
		views[i] = str[2 * i] - '0';
		if (i < CELLS - 1 && str[2 * i + 1] != ' ')
			return (0);
		i++;
	}
	return (str[2 * CELLS - 1] == '\0');
}
