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

char	*ft_strcpy(char *dest, char *src);

struct s_case
{
	const char		*name;
	const char		*src;
	int				len;
	unsigned int	arg;
	int				buf;
};

static const struct s_case	g_cases[] = {
	{"hello", "Hello", 6, 0, 10},
	{"empty", "", 1, 0, 4},
	{"exact_fit", "abcdef", 7, 0, 7},
	{"sentence", "Bonjour, la piscine !", 22, 0, 25},
#ifdef HIDDEN_embedded_nul
	{"embedded_nul", "ab\000cd", 6, 0, 7},
#endif
#ifdef HIDDEN_high_bytes
	{"high_bytes", "\303\251t\303\251 \377\200", 9, 0, 10},
#endif
#ifdef HIDDEN_backslash
	{"backslash", "C:\\dir\\file", 12, 0, 14},
#endif
#ifdef HIDDEN_long
	{"long", "!\"#$%&'()*+,-./0123456789:;<=>\?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~", 95, 0, 97},
#endif
	{0, 0, 0, 0, 0}
};

int	main(int argc, char **argv)
{
	char	dest[128];
	char	src[128];
	char	*ret;
	int		i;

	if (argc < 2)
		return (2);
	i = 0;
	while (g_cases[i].name && strcmp(g_cases[i].name, argv[1]) != 0)
		i++;
	if (!g_cases[i].name)
		return (2);
	memset(dest, '~', sizeof(dest));
	memset(src, 0, sizeof(src));
	memcpy(src, g_cases[i].src, g_cases[i].len);
	ret = ft_strcpy(dest, src);
	printf("%s ", ret == dest ? "ret=dest" : "ret!=dest");
	show_bytes(dest, g_cases[i].buf);
	printf("\n");
	return (0);
}
