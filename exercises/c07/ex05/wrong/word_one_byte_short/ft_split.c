/* ************************************************************************** */
/*                                                                            */
/*                                                        :::      ::::::::   */
/*   ft_split.c                                         :+:      :+:    :+:   */
/*                                                    +:+ +:+         +:+     */
/*   By: fdurand <fdurand@student.42lyon.fr>        +#+  +:+       +#+        */
/*                                                +#+#+#+#+#+   +#+           */
/*   Created: 2026/12/07 09:45:12 by fdurand           #+#    #+#             */
/*   Updated: 2026/12/07 11:40:47 by fdurand          ###   ########.fr       */
/*                                                                            */
/* ************************************************************************** */

#include <stdlib.h>

static int	is_sep(char c, char *charset)
{
	while (*charset != '\0')
	{
		if (*charset == c)
			return (1);
		charset++;
	}
	return (0);
}

static int	count_words(char *str, char *charset)
{
	int	count;
	int	in_word;

	count = 0;
	in_word = 0;
	while (*str != '\0')
	{
		if (is_sep(*str, charset))
			in_word = 0;
		else if (!in_word)
		{
			in_word = 1;
			count++;
		}
		str++;
	}
	return (count);
}

static char	*dup_word(char *start, int len)
{
	char	*word;
	int		i;

	word = (char *)malloc(sizeof(char) * len);
	if (word == NULL)
		return (NULL);
	i = 0;
	while (i < len)
	{
		word[i] = start[i];
		i++;
	}
	word[len] = '\0';
	return (word);
}

static char	**free_all(char **tab, int n)
{
	while (n > 0)
	{
		n--;
		free(tab[n]);
	}
	free(tab);
	return (NULL);
}

char	**ft_split(char *str, char *charset)
{
	char	**tab;
	int		i;
	int		len;

	tab = (char **)malloc(sizeof(char *) * (count_words(str, charset) + 1));
	if (tab == NULL)
		return (NULL);
	i = 0;
	while (*str != '\0')
	{
		len = 0;
		while (str[len] != '\0' && !is_sep(str[len], charset))
			len++;
		if (len > 0)
		{
			tab[i] = dup_word(str, len);
			if (tab[i] == NULL)
				return (free_all(tab, i));
			i++;
		}
		str += len + (str[len] != '\0');
	}
	tab[i] = NULL;
	return (tab);
}
