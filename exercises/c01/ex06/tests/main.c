#include <stdio.h>
#include <string.h>
#include <limits.h>

int	ft_strlen(char *str);

static char	g_big[10001];

int	main(int argc, char **argv)
{
	if (argc < 2)
		return (2);
	memset(g_big, 'x', 10000);
	g_big[10000] = '\0';
	if (strcmp(argv[1], "empty") == 0)
		printf("%d\n", ft_strlen(""));
	else if (strcmp(argv[1], "one") == 0)
		printf("%d\n", ft_strlen("a"));
	else if (strcmp(argv[1], "hello") == 0)
		printf("%d\n", ft_strlen("Hello, World!"));
#ifdef HIDDEN_embedded_nul
	else if (strcmp(argv[1], "embedded_nul") == 0)
	{
		char	nul[8];

		memcpy(nul, "abc\0def", 8);
		printf("%d\n", ft_strlen(nul));
	}
#endif
#ifdef HIDDEN_high_bytes
	else if (strcmp(argv[1], "high_bytes") == 0)
		printf("%d\n", ft_strlen("\xff\x80 \xc3\xa9t\xc3\xa9"));
#endif
#ifdef HIDDEN_big
	else if (strcmp(argv[1], "big") == 0)
		printf("%d\n", ft_strlen(g_big));
#endif
#ifdef HIDDEN_suffix
	else if (strcmp(argv[1], "suffix") == 0)
		printf("%d\n", ft_strlen(g_big + 9990));
#endif
	else
		return (2);
	return (0);
}
