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

static int	is_space(char c)
{
	return (c == ' ' || (c >= '\t' && c <= '\r'));
}

static int	ft_atoi(char **str)
{
	int	sign;
	int	n;

	while (is_space(**str))
		(*str)++;
	sign = 1;
	if (**str == '-' || **str == '+')
	{
		if (**str == '-')
			sign = -1;
		(*str)++;
	}
	n = 0;
	while (**str >= '0' && **str <= '9' && n < 1000)
	{
		n = n * 10 + **str - '0';
		(*str)++;
	}
	return (n * sign);
}

/*
** Reads 16 numbers with an atoi, each between 1 and 4.
*/
int	parse_views(char *str, int *views)
{
	int	count;

	count = 0;
	while (count < CELLS)
	{
		views[count] = ft_atoi(&str);
		if (views[count] < 1 || views[count] > SIZE)
			return (0);
		count++;
	}
	while (is_space(*str))
		str++;
	return (*str == '\0');
}
