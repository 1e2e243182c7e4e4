/* ************************************************************************** */
/*                                                                            */
/*                                                        :::      ::::::::   */
/*   ft_split.c                                         :+:      :+:    :+:   */
/*                                                    +:+ +:+         +:+     */
/*   By: ahamidi <ahamidi@student.42lyon.fr>        +#+  +:+       +#+        */
/*                                                +#+#+#+#+#+   +#+           */
/*   Created: 2027/01/04 09:12:31 by ahamidi           #+#    #+#             */
/*   Updated: 2027/01/04 10:47:05 by ahamidi          ###   ########.fr       */
/*                                                                            */
/* ************************************************************************** */

#include <stdlib.h>

static int	in_charset(char c, char *charset)
{
	int	i;

	i = 0;
	while (charset[i] != '\0')
	{
		if (charset[i] == c)
			return (1);
		i++;
	}
	return (0);
}

static int	word_len(char *str, char *charset)
{
	int	len;

	len = 0;
	while (str[len] != '\0' && !in_charset(str[len], charset))
		len++;
	return (len);
}

static int	count_words(char *str, char *charset)
{
	int	count;
	int	len;

	count = 0;
	while (*str != '\0')
	{
		len = word_len(str, charset);
		if (len == 0)
			str++;
		else
		{
			count++;
			str += len;
		}
	}
	return (count);
}

static char	*copy_word(char *str, int len, char **tab, int filled)
{
	char	*word;
	int		i;

	word = malloc(len + 1);
	if (word == NULL)
	{
		while (filled > 0)
			free(tab[--filled]);
		free(tab);
		return (NULL);
	}
	i = -1;
	while (++i < len)
		word[i] = str[i];
	word[len] = '\0';
	return (word);
}

char	**ft_split(char *str, char *charset)
{
	char	**tab;
	char	*word;
	int		n;
	int		len;

	tab = malloc(sizeof(char *) * (count_words(str, charset) + 1));
	if (tab == NULL)
		return (NULL);
	n = 0;
	while (*str != '\0')
	{
		len = word_len(str, charset);
		if (len == 0)
			str++;
		else
		{
			word = copy_word(str, len, tab, n);
			if (word == NULL)
				return (NULL);
			tab[n++] = word;
			str += len;
		}
	}
	tab[n] = NULL;
	return (tab);
}
