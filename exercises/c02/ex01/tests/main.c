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

char	*ft_strncpy(char *dest, char *src, unsigned int n);

struct s_case
{
	const char		*name;
	const char		*src;
	int				len;
	unsigned int	arg;
	int				buf;
};

static const struct s_case	g_cases[] = {
	{"n_larger_pads", "Hello", 6, 9, 12},
	{"n_equals_length", "Hello", 6, 5, 8},
	{"n_smaller", "Hello", 6, 3, 8},
	{"n_zero", "Hello", 6, 0, 6},
	{"empty_src", "", 1, 5, 8},
#ifdef HIDDEN_n_length_plus_one
	{"n_length_plus_one", "abc", 4, 4, 6},
#endif
#ifdef HIDDEN_embedded_nul_pads
	{"embedded_nul_pads", "ab\000cd", 6, 5, 7},
#endif
#ifdef HIDDEN_high_bytes
	{"high_bytes", "\377\200\177", 4, 4, 6},
#endif
#ifdef HIDDEN_long_pad
	{"long_pad", "x", 2, 40, 42},
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
	ret = ft_strncpy(dest, src, g_cases[i].arg);
	printf("%s ", ret == dest ? "ret=dest" : "ret!=dest");
	show_bytes(dest, g_cases[i].buf);
	printf("\n");
	return (0);
}
