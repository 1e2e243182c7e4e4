#include <stdio.h>
#include <string.h>
#include <limits.h>

char	*ft_strstr(char *str, char *to_find);

struct s_case
{
	const char	*name;
	const char	*str;
	const char	*to_find;
};

static const struct s_case	g_cases[] = {
	{"at_start", "Hello World", "Hello"},
	{"in_middle", "Hello World", "o W"},
	{"at_end", "Hello World", "World"},
	{"absent", "Hello World", "world"},
	{"empty_needle", "Hello", ""},
	{"first_of_several", "abcabcabc", "bca"},
#ifdef HIDDEN_both_empty
	{"both_empty", "", ""},
#endif
#ifdef HIDDEN_empty_haystack
	{"empty_haystack", "", "a"},
#endif
#ifdef HIDDEN_needle_longer
	{"needle_longer", "abc", "abcd"},
#endif
#ifdef HIDDEN_needle_cut_at_end
	{"needle_cut_at_end", "abc", "cd"},
#endif
#ifdef HIDDEN_needs_backtracking
	{"needs_backtracking", "aaab", "aab"},
#endif
#ifdef HIDDEN_overlapping_retry
	{"overlapping_retry", "abababac", "ababac"},
#endif
#ifdef HIDDEN_single_char
	{"single_char", "xyz", "z"},
#endif
	{0, 0, 0}
};

int	main(int argc, char **argv)
{
	char	str[128];
	char	to_find[128];
	char	*ret;
	int		i;

	if (argc < 2)
		return (2);
	i = 0;
	while (g_cases[i].name && strcmp(g_cases[i].name, argv[1]) != 0)
		i++;
	if (!g_cases[i].name)
		return (2);
	memset(str, 0, sizeof(str));
	memset(to_find, 0, sizeof(to_find));
	strcpy(str, g_cases[i].str);
	strcpy(to_find, g_cases[i].to_find);
	ret = ft_strstr(str, to_find);
	if (ret == NULL)
		printf("NULL\n");
	else if (ret >= str && ret <= str + strlen(str))
		printf("found at offset %d\n", (int)(ret - str));
	else
		printf("pointer outside str\n");
	return (0);
}
