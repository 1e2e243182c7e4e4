/* ************************************************************************** */
/*                                                                            */
/*                                                        :::      ::::::::   */
/*   expand_str.c                                       :+:      :+:    :+:   */
/*                                                    +:+ +:+         +:+     */
/*   By: mmarchal <mmarchal@student.42.fr>          +#+  +:+       +#+        */
/*                                                +#+#+#+#+#+   +#+           */
/*   Created: 2026/12/14 09:12:40 by mmarchal          #+#    #+#             */
/*   Updated: 2026/12/14 09:31:05 by mmarchal         ###   ########.fr       */
/*                                                                            */
/* ************************************************************************** */

#include <unistd.h>

static int	is_blank(char c)
{
	return (c == ' ' || c == '\t');
}

int	main(int argc, char **argv)
{
	char	*s;
	int		words;

	if (argc == 2)
	{
		s = argv[1];
		words = 0;
		while (*s)
		{
			while (is_blank(*s))
				s++;
			if (*s && words > 0)
				write(1, "   ", 3);
			if (*s)
				words++;
			while (*s && !is_blank(*s))
			{
				write(1, s, 1);
				s++;
			}
		}
	}
	write(1, "\n", 1);
	return (0);
}
