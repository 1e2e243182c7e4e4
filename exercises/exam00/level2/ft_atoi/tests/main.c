#include <stdio.h>
#include <string.h>

int	ft_atoi(const char *str);

static const char	*g_cases[] = {
	"42",
	"   -42",
	"+17abc",
	"--5",
	" \011\012\013\014\015 123",
	"abc",
	"2147483647",
	"-2147483648",
	"",
	"00042",
	"- 5",
	"12 34",
	"+-5",
	"-0",
	0
};

int	main(int argc, char **argv)
{
	char	buf[64];
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
	printf("%d\n", ft_atoi(buf));
	return (0);
}
