/* ************************************************************************** */
/*                                                                            */
/*                                                        :::      ::::::::   */
/*   rush03.c                                           :+:      :+:    :+:   */
/*                                                    +:+ +:+         +:+     */
/*   By: lrousset <lrousset@student.42lyon.fr>      +#+  +:+       +#+        */
/*                                                +#+#+#+#+#+   +#+           */
/*   Created: 2026/12/05 15:47:09 by lrousset          #+#    #+#             */
/*   Updated: 2026/12/06 20:41:50 by lrousset         ###   ########.fr       */
/*                                                                            */
/* ************************************************************************** */

void	ft_putchar(char c);

static void	draw_line(int x, char left, char middle, char right)
{
	int	i;

	ft_putchar(left);
	i = 2;
	while (i < x)
	{
		ft_putchar(middle);
		i++;
	}
	if (x > 2)
		ft_putchar(right);
	ft_putchar('\n');
}

void	rush(int x, int y)
{
	int	row;

	if (x <= 0 || y <= 0)
		return ;
	draw_line(x, 'A', 'B', 'C');
	row = 2;
	while (row < y)
	{
		draw_line(x, 'B', ' ', 'B');
		row++;
	}
	if (y > 1)
		draw_line(x, 'A', 'B', 'C');
}
