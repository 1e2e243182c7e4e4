#include <stdio.h>
#include <string.h>
#include <limits.h>

int	ft_str_is_lowercase(char *str);

struct s_case
{
	const char	*name;
	const char	*str;
};

static const struct s_case	g_cases[] = {
	{"empty", ""},
	{"lowercase", "abcxyz"},
	{"one_upper", "abcXyz"},
	{"with_space", "hello world"},
	{"single", "a"},
#ifdef HIDDEN_backquote
	{"backquote", "`"},
#endif
#ifdef HIDDEN_brace
	{"brace", "{"},
#endif
#ifdef HIDDEN_z_and_a
	{"z_and_a", "za"},
#endif
#ifdef HIDDEN_digits
	{"digits", "abc123"},
#endif
#ifdef HIDDEN_accented
	{"accented", "\303\251t\303\251"},
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
	printf("%d\n", ft_str_is_lowercase(buf));
	return (0);
}
