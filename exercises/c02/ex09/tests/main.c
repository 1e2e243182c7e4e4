#include <stdio.h>
#include <string.h>
#include <limits.h>

static void	show_bytes(const char *buf, int n)
{
	int	i;

	i = 0;
	while (i < n)
	{
		if (buf[i] == '\\')
			printf("\\\\");
		else if (buf[i] >= 32 && buf[i] <= 126)
			printf("%c", buf[i]);
		else
			printf("\\%02x", (unsigned char)buf[i]);
		i++;
	}
}

char	*ft_strcapitalize(char *str);

struct s_case
{
	const char	*name;
	const char	*str;
};

static const struct s_case	g_cases[] = {
	{"subject_example", "salut, comment tu vas \? 42mots quarante-deux; cinquante+et+un"},
	{"empty", ""},
	{"one_word", "bONJOUR"},
	{"already_capitalized", "Hello World"},
#ifdef HIDDEN_digits_start_words
	{"digits_start_words", "42born 2code 101SCHOOL"},
#endif
#ifdef HIDDEN_separators
	{"separators", "a-b_c.d,e;f!g\?h'i\"j"},
#endif
#ifdef HIDDEN_spaces_and_tabs
	{"spaces_and_tabs", "  leading\011and\012trailing  "},
#endif
#ifdef HIDDEN_accented
	{"accented", "\303\251cole \303\251T\303\251"},
#endif
#ifdef HIDDEN_all_ascii
	{"all_ascii", "\001\002\003\004\005\006\007\010\011\012\013\014\015\016\017\020\021\022\023\024\025\026\027\030\031\032\033\034\035\036\037 !\"#$%&'()*+,-./0123456789:;<=>\?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~\177"},
#endif
#ifdef HIDDEN_preceded_by_letters
	{"preceded_by_letters", "bonjour, 42mots et le monde"},
#endif
	{0, 0}
};

int	main(int argc, char **argv)
{
	char	buf[256];
	char	*str;
	char	*ret;
	int		i;
	int		len;

	if (argc < 2)
		return (2);
	i = 0;
	while (g_cases[i].name && strcmp(g_cases[i].name, argv[1]) != 0)
		i++;
	if (!g_cases[i].name)
		return (2);
	memset(buf, '~', sizeof(buf));
	str = buf;
#ifdef HIDDEN_preceded_by_letters
	memcpy(buf, "Salut ", 6);
	memset(buf + 6, 'Q', 16);
	str = buf + 22;
#endif
	len = (int)strlen(g_cases[i].str);
	memcpy(str, g_cases[i].str, len + 1);
	ret = ft_strcapitalize(str);
	printf("%s ", ret == str ? "ret=str" : "ret!=str");
	show_bytes(str, len + 2);
	printf("\n");
	return (0);
}
