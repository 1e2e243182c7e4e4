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

unsigned int	ft_strlcpy(char *dest, char *src, unsigned int size);

struct s_case
{
	const char		*name;
	const char		*src;
	int				len;
	unsigned int	arg;
	int				buf;
};

static const struct s_case	g_cases[] = {
	{"size_larger", "Hello", 6, 10, 12},
	{"size_fits_exactly", "Hello", 6, 6, 8},
	{"truncates", "Hello", 6, 5, 8},
	{"size_one", "Hello", 6, 1, 4},
	{"size_zero", "Hello", 6, 0, 4},
#ifdef HIDDEN_empty_src
	{"empty_src", "", 1, 5, 7},
#endif
#ifdef HIDDEN_empty_src_size_zero
	{"empty_src_size_zero", "", 1, 0, 3},
#endif
#ifdef HIDDEN_long_src_small_size
	{"long_src_small_size", "ABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFGHIJKLMNOPQRSTUVWXYZ", 79, 8, 10},
#endif
#ifdef HIDDEN_high_bytes
	{"high_bytes", "\377\376\200abc", 7, 4, 6},
#endif
	{0, 0, 0, 0, 0}
};

int	main(int argc, char **argv)
{
	char	dest[128];
	char	src[128];
	unsigned int	ret;
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
	ret = ft_strlcpy(dest, src, g_cases[i].arg);
	printf("ret=%u ", ret);
	show_bytes(dest, g_cases[i].buf);
	printf("\n");
	return (0);
}
