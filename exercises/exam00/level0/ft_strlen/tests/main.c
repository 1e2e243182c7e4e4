#include <stdio.h>
#include <string.h>

int	ft_strlen(char *str);

static const char	*g_cases[] = {
	"",
	"Hello, World!",
	"a",
	"\303\251t\303\251\377",
	"012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789",
	"   ",
	0
};

int	main(int argc, char **argv)
{
	char	buf[128];
	int		i;
	int		n;

	if (argc < 2 || strncmp(argv[1], "case", 4) != 0)
		return (2);
	n = 0;
	sscanf(argv[1] + 4, "%d", &n);
	i = 0;
	while (g_cases[i] && i < n)
		i++;
	if (!g_cases[i] || i != n)
		return (2);
	memset(buf, 0, sizeof(buf));
	strcpy(buf, g_cases[i]);
	printf("%d\n", ft_strlen(buf));
	return (0);
}
