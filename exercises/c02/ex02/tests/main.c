#include <stdio.h>
#include <string.h>
#include <limits.h>

int	ft_str_is_alpha(char *str);

struct s_case
{
	const char	*name;
	const char	*str;
};

static const struct s_case	g_cases[] = {
	{"empty", ""},
	{"letters", "HelloWorld"},
	{"with_space", "Hello World"},
	{"with_digit", "abc1"},
	{"single_letter", "z"},
#ifdef HIDDEN_border_chars
	{"border_chars", "@"},
#endif
#ifdef HIDDEN_bracket
	{"bracket", "A["},
#endif
#ifdef HIDDEN_backquote
	{"backquote", "`a"},
#endif
#ifdef HIDDEN_brace
	{"brace", "z{"},
#endif
#ifdef HIDDEN_accented
	{"accented", "caf\303\251"},
#endif
#ifdef HIDDEN_all_letters
	{"all_letters", "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"},
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
	printf("%d\n", ft_str_is_alpha(buf));
	return (0);
}
