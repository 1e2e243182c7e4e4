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

static char	pick(int col, int row, int x, int y)
{
	if (row == 1 && col == 1)
		return ('C');
	if (row == 1 && col == x)
		return ('A');
	if (row == y && col == 1)
		return ('C');
	if (row == y && col == x)
		return ('A');
	if (row == 1 || row == y)
		return ('B');
	if (col == 1 || col == x)
		return ('B');
	return (' ');
}

void	rush(int x, int y)
{
	int	col;
	int	row;

	if (x <= 0 || y <= 0)
		return ;
	row = 1;
	while (row <= y)
	{
		col = 1;
		while (col <= x)
		{
			ft_putchar(pick(col, row, x, y));
			col++;
		}
		ft_putchar('\n');
		row++;
	}
}
