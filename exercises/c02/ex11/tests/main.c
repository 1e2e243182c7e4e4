#include <stdio.h>
#include <string.h>
#include <limits.h>
#include <unistd.h>

void	ft_putstr_non_printable(char *str);

struct s_case
{
	const char	*name;
	const char	*str;
	int			len;
};

static const struct s_case	g_cases[] = {
	{"subject_example", "Coucou\012tu vas bien \?", 21},
	{"empty", "", 1},
	{"all_printable", " !\"#$%&'()*+,-./0123456789:;<=>\?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~", 96},
	{"tab_and_cr", "a\011b\015c", 6},
#ifdef HIDDEN_low_controls
	{"low_controls", "\001\002\003\004\005\006\007\010\011\012\013\014\015\016\017\020\021\022\023\024\025\026\027\030\031\032\033\034\035\036\037", 32},
#endif
#ifdef HIDDEN_del
	{"del", "del\177end", 8},
#endif
#ifdef HIDDEN_high_bytes
	{"high_bytes", "\200\237\240\303\251\376\377", 8},
#endif
#ifdef HIDDEN_backslash_kept
	{"backslash_kept", "\\n is not \012", 12},
#endif
#ifdef HIDDEN_stops_at_nul
	{"stops_at_nul", "ab\000\001cd", 7},
#endif
	{0, 0, 0}
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
	memcpy(buf, g_cases[i].str, g_cases[i].len);
	ft_putstr_non_printable(buf);
	return (0);
}
