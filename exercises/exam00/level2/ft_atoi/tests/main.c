#include <stdio.h>
#include <string.h>

int	ft_atoi(const char *str);

struct s_case
{
	const char	*name;
	const char	*str;
};

static const struct s_case	g_cases[] = {
	{"case0", "42"},
	{"case1", "   -42"},
	{"case2", "+17abc"},
	{"case3", "--5"},
	{"case4", " \011\012\013\014\015 123"},
	{"case5", "abc"},
#ifdef HIDDEN_case6
	{"case6", "2147483647"},
#endif
#ifdef HIDDEN_case7
	{"case7", "-2147483648"},
#endif
#ifdef HIDDEN_case8
	{"case8", ""},
#endif
#ifdef HIDDEN_case9
	{"case9", "00042"},
#endif
#ifdef HIDDEN_case10
	{"case10", "- 5"},
#endif
#ifdef HIDDEN_case11
	{"case11", "12 34"},
#endif
#ifdef HIDDEN_case12
	{"case12", "+-5"},
#endif
#ifdef HIDDEN_case13
	{"case13", "-0"},
#endif
	{0, 0}
};

int	main(int argc, char **argv)
{
	char	buf[64];
	int		i;

	if (argc < 2)
		return (2);
	i = 0;
	while (g_cases[i].name && strcmp(g_cases[i].name, argv[1]) != 0)
		i++;
	if (!g_cases[i].name)
		return (2);
	memset(buf, 0, sizeof(buf));
	strcpy(buf, g_cases[i].str);
	printf("%d\n", ft_atoi(buf));
	return (0);
}
