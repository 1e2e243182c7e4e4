#include <unistd.h>

static int	is_blank(char c)
{
	return (c == ' ' || c == '\t');
}

static void	rcap(char *s)
{
	char	c;
	int		i;

	i = 0;
	while (s[i])
	{
		c = s[i];
		if (c >= 'A' && c <= 'Z')
			c += 32;
		if (c >= 'a' && c <= 'z' && (i == 0 || is_blank(s[i - 1])))
			c -= 32;
		write(1, &c, 1);
		i++;
	}
	write(1, "\n", 1);
}

int	main(int argc, char **argv)
{
	int	i;

	if (argc < 2)
		write(1, "\n", 1);
	i = 1;
	while (i < argc)
		rcap(argv[i++]);
	return (0);
}
