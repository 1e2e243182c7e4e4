/* ************************************************************************** */
/*                                                                            */
/*                                                        :::      ::::::::   */
/*   ft_iterative_factorial.c                           :+:      :+:    :+:   */
/*                                                    +:+ +:+         +:+     */
/*   By: ckerboul <ckerboul@student.42lyon.fr>      +#+  +:+       +#+        */
/*                                                +#+#+#+#+#+   +#+           */
/*   Created: 2026/11/25 09:14:02 by ckerboul          #+#    #+#             */
/*   Updated: 2026/11/25 11:47:39 by ckerboul         ###   ########.fr       */
/*                                                                            */
/* ************************************************************************** */

static int	multiply_down(int nb, int acc)
{
	if (nb <= 1)
		return (acc);
	return (multiply_down(nb - 1, acc * nb));
}

int	ft_iterative_factorial(int nb)
{
	if (nb < 0)
		return (0);
	return (multiply_down(nb, 1));
}
