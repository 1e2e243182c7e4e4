#include <stdio.h>
#include <string.h>

char	*ft_strrev(char *str);

struct s_case
{
	const char	*name;
	const char	*str;
};

static const struct s_case	g_cases[] = {
	{"case0", "Hello"},
	{"case1", ""},
	{"case2", "a"},
	{"case3", "Bonjour 42!"},
#ifdef HIDDEN_case4
	{"case4", "ab"},
#endif
#ifdef HIDDEN_case5
	{"case5", "abcd"},
#endif
#ifdef HIDDEN_case6
	{"case6", "\303\251t\303\251\377\001"},
#endif
#ifdef HIDDEN_case7
	{"case7", "012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789"},
#endif
#ifdef HIDDEN_case8
	{"case8", "  tab\there  "},
#endif
	{0, 0}
};

/* prints printable bytes as they are, others as \xx (hex), a backslash as \\ */
static void	print_escaped(const char *s)
{
	while (*s)
	{
		if (*s == '\\')
			printf("\\\\");
		else if (*s >= 32 && *s < 127)
			printf("%c", *s);
		else
			printf("\\%02x", (unsigned char)*s);
		s++;
	}
}

int	main(int argc, char **argv)
{
	char	buf[128];
	char	*ret;
	size_t	len;
	size_t	k;
	int		i;

	if (argc < 2)
		return (2);
	i = 0;
	while (g_cases[i].name && strcmp(g_cases[i].name, argv[1]) != 0)
		i++;
	if (!g_cases[i].name)
		return (2);
	memset(buf, '~', sizeof(buf));
	len = strlen(g_cases[i].str);
	memcpy(buf, g_cases[i].str, len + 1);
	ret = ft_strrev(buf);
	printf("\"");
	print_escaped(buf);
	printf("\"\n");
	if (ret != buf)
		printf("the returned pointer is not str\n");
	k = len + 1;
	while (k < sizeof(buf) && buf[k] == '~')
		k++;
	if (buf[len] != '\0' || k != sizeof(buf))
		printf("bytes changed after the end of the string\n");
	return (0);
}
