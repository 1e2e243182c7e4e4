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

unsigned int	ft_strlcat(char *dest, char *src, unsigned int size);

struct s_case
{
	const char		*name;
	const char		*dest;
	int				dest_len;
	const char		*src;
	unsigned int	arg;
	int				show;
};

static const struct s_case	g_cases[] = {
	{"enough_room", "Hello, ", 8, "World", 20U, 16},
	{"truncates", "Hello, ", 8, "World", 10U, 14},
	{"exact_fit", "abc", 4, "def", 7U, 9},
	{"size_equals_dest_len", "abc", 4, "def", 3U, 6},
	{"size_smaller_than_dest", "abcdef", 7, "xy", 3U, 9},
	{"size_zero", "abc", 4, "def", 0U, 6},
#ifdef HIDDEN_room_for_nul_only
	{"room_for_nul_only", "abc", 4, "def", 4U, 7},
#endif
#ifdef HIDDEN_empty_src
	{"empty_src", "abc", 4, "", 10U, 6},
#endif
#ifdef HIDDEN_empty_dest
	{"empty_dest", "", 1, "hello", 3U, 7},
#endif
#ifdef HIDDEN_empty_dest_size_zero
	{"empty_dest_size_zero", "", 1, "hello", 0U, 3},
#endif
#ifdef HIDDEN_long_src
	{"long_src", "12", 3, "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz", 12U, 16},
#endif
	{0, 0, 0, 0, 0, 0}
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
	memcpy(dest, g_cases[i].dest, g_cases[i].dest_len);
	memset(src, 0, sizeof(src));
	strcpy(src, g_cases[i].src);
	ret = ft_strlcat(dest, src, g_cases[i].arg);
	printf("ret=%u ", ret);
	show_bytes(dest, g_cases[i].show);
	printf("\n");
	return (0);
}
