#include <stdlib.h>

static int	is_sep(char c)
{
	return (c == ' ' || c == '\t' || c == '\n');
}

static int	count_words(char *s)
{
	int	n;

	n = 0;
	while (*s)
	{
		while (*s && is_sep(*s))
			s++;
		if (*s)
			n++;
		while (*s && !is_sep(*s))
			s++;
	}
	return (n);
}

static char	*dup_word(char *s, int len)
{
	char	*w;
	int		i;

	w = malloc(len + 1);
	if (!w)
		return (NULL);
	i = 0;
	while (i < len)
	{
		w[i] = s[i];
		i++;
	}
	return (w);
}

char	**ft_split(char *str)
{
	char	**tab;
	int		i;
	int		len;

	tab = malloc(sizeof(char *) * (count_words(str) + 1));
	if (!tab)
		return (NULL);
	i = 0;
	while (*str)
	{
		while (*str && is_sep(*str))
			str++;
		if (!*str)
			break ;
		len = 0;
		while (str[len] && !is_sep(str[len]))
			len++;
		tab[i++] = dup_word(str, len);
		str += len;
	}
	tab[i] = NULL;
	return (tab);
}
