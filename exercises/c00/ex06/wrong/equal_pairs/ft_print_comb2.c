/* ************************************************************************** */
/*                                                                            */
/*                                                        :::      ::::::::   */
/*   ft_print_comb2.c                                   :+:      :+:    :+:   */
/*                                                    +:+ +:+         +:+     */
/*   By: school101 <school101@student.101.fr>       +#+  +:+       +#+        */
/*                                                +#+#+#+#+#+   +#+           */
/*   Created: 2026/11/23 18:00:00 by school101         #+#    #+#             */
/*   Updated: 2026/11/23 18:00:00 by school101        ###   ########.fr       */
/*                                                                            */
/* ************************************************************************** */

#include <unistd.h>

static void	ft_print_pair(int a, int b)
{
	char	out[5];

	out[0] = a / 10 + '0';
	out[1] = a % 10 + '0';
	out[2] = ' ';
	out[3] = b / 10 + '0';
	out[4] = b % 10 + '0';
	write(1, out, 5);
	if (a != 98)
		write(1, ", ", 2);
}

void	ft_print_comb2(void)
{
	int	a;
	int	b;

	a = 0;
	while (a <= 98)
	{
		b = a;
		while (b <= 99)
		{
			ft_print_pair(a, b);
			b++;
		}
		a++;
	}
}
