#include <stdio.h>
#include <string.h>

int	ft_strlen(char *str);

struct s_case
{
	const char	*name;
	const char	*str;
};

static const struct s_case	g_cases[] = {
	{"case0", ""},
	{"case1", "Hello, World!"},
	{"case2", "a"},
#ifdef HIDDEN_case3
	{"case3", "\303\251t\303\251\377"},
#endif
#ifdef HIDDEN_case4
	{"case4", "012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789"},
#endif
#ifdef HIDDEN_case5
	{"case5", "   "},
#endif
	{0, 0}
};

int	main(int argc, char **argv)
{
	char	buf[128];
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
	printf("%d\n", ft_strlen(buf));
	return (0);
}
