/* ************************************************************************** */
/*                                                                            */
/*                                                        :::      ::::::::   */
/*   ft_advanced_sort_string_tab.c                      :+:      :+:    :+:   */
/*                                                    +:+ +:+         +:+     */
/*   By: ncaron <ncaron@student.42lyon.fr>          +#+  +:+       +#+        */
/*                                                +#+#+#+#+#+   +#+           */
/*   Created: 2027/01/04 09:14:22 by ncaron            #+#    #+#             */
/*   Updated: 2027/01/04 11:02:48 by ncaron           ###   ########.fr       */
/*                                                                            */
/* ************************************************************************** */

void	ft_swap_str(char **a, char **b)
{
	char	*tmp;

	tmp = *a;
	*a = *b;
	*b = tmp;
}

void	ft_advanced_sort_string_tab(char **tab, int (*cmp)(char *, char *))
{
	int		i;
	int		done;
	char	diff;

	done = 0;
	while (!done)
	{
		done = 1;
		i = 0;
		while (tab[i] && tab[i + 1])
		{
			diff = cmp(tab[i], tab[i + 1]);
			if (diff > 0)
			{
				ft_swap_str(&tab[i], &tab[i + 1]);
				done = 0;
			}
			i++;
		}
	}
}
