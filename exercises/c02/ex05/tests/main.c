#include <stdio.h>
#include <string.h>
#include <limits.h>

int	ft_str_is_uppercase(char *str);

struct s_case
{
	const char	*name;
	const char	*str;
};

static const struct s_case	g_cases[] = {
	{"empty", ""},
	{"uppercase", "ABCXYZ"},
	{"one_lower", "ABcD"},
	{"with_space", "HELLO WORLD"},
	{"single", "Z"},
#ifdef HIDDEN_at_sign
	{"at_sign", "@"},
#endif
#ifdef HIDDEN_bracket
	{"bracket", "["},
#endif
#ifdef HIDDEN_both_ends
	{"both_ends", "AZ"},
#endif
#ifdef HIDDEN_digits
	{"digits", "ABC42"},
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
	memcpy(buf, g_cases[i].str, strlen(g_cases[i].str));
	printf("%d\n", ft_str_is_uppercase(buf));
	return (0);
}
