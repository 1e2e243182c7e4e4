/* ************************************************************************** */
/*                                                                            */
/*                                                        :::      ::::::::   */
/*   rush00.c                                           :+:      :+:    :+:   */
/*                                                    +:+ +:+         +:+     */
/*   By: ydiallo <ydiallo@student.42lyon.fr>        +#+  +:+       +#+        */
/*                                                +#+#+#+#+#+   +#+           */
/*   Created: 2026/12/05 10:41:37 by ydiallo           #+#    #+#             */
/*   Updated: 2026/12/06 18:02:11 by ydiallo          ###   ########.fr       */
/*                                                                            */
/* ************************************************************************** */

void	ft_putchar(char c);

static char	pick(int col, int row, int x, int y)
{
	if (row == 1 && col == 1)
		return ('o');
	if (row == 1 && col == x)
		return ('o');
	if (row == y && col == 1)
		return ('o');
	if (row == y && col == x)
		return ('o');
	if (row == 1 || row == y)
		return ('-');
	if (col == 1 || col == x)
		return ('|');
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
		if (row < y)
			ft_putchar('\n');
		row++;
	}
}
