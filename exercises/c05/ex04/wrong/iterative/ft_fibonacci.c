/* ************************************************************************** */
/*                                                                            */
/*                                                        :::      ::::::::   */
/*   ft_fibonacci.c                                     :+:      :+:    :+:   */
/*                                                    +:+ +:+         +:+     */
/*   By: tgarnier <tgarnier@student.42lyon.fr>      +#+  +:+       +#+        */
/*                                                +#+#+#+#+#+   +#+           */
/*   Created: 2026/11/25 09:14:02 by tgarnier          #+#    #+#             */
/*   Updated: 2026/11/25 11:47:39 by tgarnier         ###   ########.fr       */
/*                                                                            */
/* ************************************************************************** */

int	ft_fibonacci(int index)
{
	int	prev;
	int	cur;
	int	next;

	if (index < 0)
		return (-1);
	prev = 0;
	cur = 1;
	if (index == 0)
		return (0);
	while (index > 1)
	{
		next = prev + cur;
		prev = cur;
		cur = next;
		index--;
	}
	return (cur);
}
