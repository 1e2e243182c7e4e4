/* ************************************************************************** */
/*                                                                            */
/*                                                        :::      ::::::::   */
/*   ft_split.c                                         :+:      :+:    :+:   */
/*                                                    +:+ +:+         +:+     */
/*   By: adurand <adurand@student.42lyon.fr>        +#+  +:+       +#+        */
/*                                                +#+#+#+#+#+   +#+           */
/*   Created: 2026/12/07 09:43:12 by adurand           #+#    #+#             */
/*   Updated: 2026/12/07 11:38:47 by adurand          ###   ########.fr       */
/*                                                                            */
/* ************************************************************************** */

#include <stdlib.h>

int	is_sep(char c, char *charset)
{
	int	i;

	i = 0;
	while (charset[i])
	{
		if (c == charset[i])
			return (1);
		i++;
	}
	return (0);
}

int	count_words(char *str, char *charset)
{
	int	i;
	int	count;

	if (!str[0])
		return (0);
	count = 1;
	i = 0;
	while (str[i])
	{
		if (is_sep(str[i], charset) && str[i + 1])
			count++;
		i++;
	}
	return (count);
}

char	*next_word(char **str, char *charset)
{
	char	*word;
	int		len;
	int		i;

	len = 0;
	while ((*str)[len] && !is_sep((*str)[len], charset))
		len++;
	word = (char *)malloc(sizeof(char) * (len + 1));
	if (!word)
		return (NULL);
	i = 0;
	while (i < len)
	{
		word[i] = (*str)[i];
		i++;
	}
	word[i] = '\0';
	*str += len;
	if (**str)
		(*str)++;
	return (word);
}

char	**ft_split(char *str, char *charset)
{
	char	**tab;
	int		count;
	int		i;

	count = count_words(str, charset);
	tab = (char **)malloc(sizeof(char *) * (count + 1));
	if (!tab)
		return (NULL);
	i = 0;
	while (i < count)
	{
		tab[i] = next_word(&str, charset);
		i++;
	}
	tab[i] = 0;
	return (tab);
}
