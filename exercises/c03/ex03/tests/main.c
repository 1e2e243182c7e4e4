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

char	*ft_strncat(char *dest, char *src, unsigned int nb);

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
	{"nb_smaller", "Hello, ", 8, "World", 3U, 14},
	{"nb_equal", "Hello, ", 8, "World", 5U, 14},
	{"nb_larger_no_padding", "ab", 3, "cd", 10U, 8},
	{"nb_zero", "abc", 4, "def", 0U, 6},
	{"empty_dest", "", 1, "xyz", 2U, 5},
#ifdef HIDDEN_empty_src
	{"empty_src", "abc", 4, "", 4U, 6},
#endif
#ifdef HIDDEN_nb_one
	{"nb_one", "x", 2, "yz", 1U, 5},
#endif
#ifdef HIDDEN_nb_uint_max
	{"nb_uint_max", "12", 3, "345", 4294967295U, 8},
#endif
	{0, 0, 0, 0, 0, 0}
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
	memcpy(dest, g_cases[i].dest, g_cases[i].dest_len);
	memset(src, 0, sizeof(src));
	strcpy(src, g_cases[i].src);
	ret = ft_strncat(dest, src, g_cases[i].arg);
	printf("%s ", ret == dest ? "ret=dest" : "ret!=dest");
	show_bytes(dest, g_cases[i].show);
	printf("\n");
	return (0);
}
