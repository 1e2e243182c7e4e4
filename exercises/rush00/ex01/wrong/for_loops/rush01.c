/* ************************************************************************** */
/*                                                                            */
/*                                                        :::      ::::::::   */
/*   rush01.c                                           :+:      :+:    :+:   */
/*                                                    +:+ +:+         +:+     */
/*   By: sbenali <sbenali@student.42lyon.fr>        +#+  +:+       +#+        */
/*                                                +#+#+#+#+#+   +#+           */
/*   Created: 2026/12/05 11:03:55 by sbenali           #+#    #+#             */
/*   Updated: 2026/12/06 16:55:29 by sbenali          ###   ########.fr       */
/*                                                                            */
/* ************************************************************************** */

void	ft_putchar(char c);

static char	pick(int col, int row, int x, int y)
{
	if (row == 1 && col == 1)
		return ('/');
	if (row == 1 && col == x)
		return ('\\');
	if (row == y && col == 1)
		return ('\\');
	if (row == y && col == x)
		return ('/');
	if (row == 1 || row == y)
		return ('*');
	if (col == 1 || col == x)
		return ('*');
	return (' ');
}

void	rush(int x, int y)
{
	int	col;
	int	row;

	if (x <= 0 || y <= 0)
		return ;
	for (row = 1; row <= y; row++)
	{
		for (col = 1; col <= x; col++)
		{
			ft_putchar(pick(col, row, x, y));
		}
		ft_putchar('\n');
	}
}
