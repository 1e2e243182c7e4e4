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

char	*ft_strcat(char *dest, char *src);

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
	{"basic", "Hello, ", 8, "World", 0U, 16},
	{"empty_src", "abc", 4, "", 0U, 6},
	{"empty_dest", "", 1, "xyz", 0U, 6},
	{"both_empty", "", 1, "", 0U, 3},
#ifdef HIDDEN_twice_as_long
	{"twice_as_long", "ab", 3, "cdefghijklmnopqrstuvwxyz", 0U, 30},
#endif
#ifdef HIDDEN_high_bytes
	{"high_bytes", "caf", 4, "\303\251\377", 0U, 9},
#endif
#ifdef HIDDEN_backslashes
	{"backslashes", "C:\\", 4, "tmp\\x", 0U, 12},
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
	ret = ft_strcat(dest, src);
	printf("%s ", ret == dest ? "ret=dest" : "ret!=dest");
	show_bytes(dest, g_cases[i].show);
	printf("\n");
	return (0);
}
