#include <stdio.h>
#include <string.h>
#include <limits.h>

int	ft_strcmp(char *s1, char *s2);

struct s_case
{
	const char		*name;
	const char		*s1;
	const char		*s2;
	unsigned int	n;
};

static const struct s_case	g_cases[] = {
	{"equal", "Hello", "Hello", 0U},
	{"smaller", "abc", "abd", 0U},
	{"greater", "abd", "abc", 0U},
	{"prefix_first", "abc", "abcd", 0U},
	{"prefix_second", "abcd", "abc", 0U},
	{"both_empty", "", "", 0U},
#ifdef HIDDEN_empty_first
	{"empty_first", "", "a", 0U},
#endif
#ifdef HIDDEN_empty_second
	{"empty_second", "a", "", 0U},
#endif
#ifdef HIDDEN_case_matters
	{"case_matters", "Apple", "apple", 0U},
#endif
#ifdef HIDDEN_high_byte_vs_ascii
	{"high_byte_vs_ascii", "\310", "a", 0U},
#endif
#ifdef HIDDEN_ascii_vs_high_byte
	{"ascii_vs_high_byte", "zzz", "z\200", 0U},
#endif
#ifdef HIDDEN_differs_late
	{"differs_late", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx1", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx2", 0U},
#endif
	{0, 0, 0, 0}
};

int	main(int argc, char **argv)
{
	char	s1[128];
	char	s2[128];
	int		ret;
	int		i;

	if (argc < 2)
		return (2);
	i = 0;
	while (g_cases[i].name && strcmp(g_cases[i].name, argv[1]) != 0)
		i++;
	if (!g_cases[i].name)
		return (2);
	memset(s1, 0, sizeof(s1));
	memset(s2, 0, sizeof(s2));
	strcpy(s1, g_cases[i].s1);
	strcpy(s2, g_cases[i].s2);
	ret = ft_strcmp(s1, s2);
	if (ret < 0)
		printf("negative\n");
	else if (ret > 0)
		printf("positive\n");
	else
		printf("zero\n");
	return (0);
}
