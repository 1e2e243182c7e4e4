#include <stdio.h>
#include <string.h>
#include <limits.h>

int	ft_str_is_numeric(char *str);

struct s_case
{
	const char	*name;
	const char	*str;
};

static const struct s_case	g_cases[] = {
	{"empty", ""},
	{"digits", "0123456789"},
	{"negative", "-42"},
	{"with_letter", "42a"},
	{"single_digit", "7"},
#ifdef HIDDEN_slash_and_colon
	{"slash_and_colon", "/:"},
#endif
#ifdef HIDDEN_space
	{"space", "4 2"},
#endif
#ifdef HIDDEN_plus
	{"plus", "+1"},
#endif
#ifdef HIDDEN_decimal
	{"decimal", "3.14"},
#endif
#ifdef HIDDEN_colon
	{"colon", "12:"},
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
	printf("%d\n", ft_str_is_numeric(buf));
	return (0);
}
