#include <stdio.h>
#include <string.h>
#include <limits.h>

int	ft_str_is_printable(char *str);

struct s_case
{
	const char	*name;
	const char	*str;
};

static const struct s_case	g_cases[] = {
	{"empty", ""},
	{"sentence", "Hello, World! 42 ~"},
	{"newline", "line\012"},
	{"tab", "a\011b"},
	{"space_only", " "},
#ifdef HIDDEN_all_printable
	{"all_printable", " !\"#$%&'()*+,-./0123456789:;<=>\?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~"},
#endif
#ifdef HIDDEN_del
	{"del", "abc\177"},
#endif
#ifdef HIDDEN_unit_separator
	{"unit_separator", "\037"},
#endif
#ifdef HIDDEN_high_byte
	{"high_byte", "\303\251"},
#endif
#ifdef HIDDEN_byte_255
	{"byte_255", "ok\377"},
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
	printf("%d\n", ft_str_is_printable(buf));
	return (0);
}
