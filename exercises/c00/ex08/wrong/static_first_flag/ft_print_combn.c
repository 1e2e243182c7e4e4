/* ************************************************************************** */
/*                                                                            */
/*                                                        :::      ::::::::   */
/*   ft_print_combn.c                                   :+:      :+:    :+:   */
/*                                                    +:+ +:+         +:+     */
/*   By: school101 <school101@student.101.fr>       +#+  +:+       +#+        */
/*                                                +#+#+#+#+#+   +#+           */
/*   Created: 2026/11/23 18:00:00 by school101         #+#    #+#             */
/*   Updated: 2026/11/23 18:00:00 by school101        ###   ########.fr       */
/*                                                                            */
/* ************************************************************************** */

#include <unistd.h>

static void	ft_put_comb(char *digits, int n)
{
	static int	first = 1;

	if (!first)
		write(1, ", ", 2);
	first = 0;
	write(1, digits, n);
}

static void	ft_fill(char *digits, int pos, int n)
{
	char	d;

	if (pos == n)
	{
		ft_put_comb(digits, n);
		return ;
	}
	if (pos == 0)
		d = '0';
	else
		d = digits[pos - 1] + 1;
	while (d <= '9' - (n - 1 - pos))
	{
		digits[pos] = d;
		ft_fill(digits, pos + 1, n);
		d++;
	}
}

void	ft_print_combn(int n)
{
	char	digits[10];

	if (n <= 0 || n >= 10)
		return ;
	ft_fill(digits, 0, n);
}
