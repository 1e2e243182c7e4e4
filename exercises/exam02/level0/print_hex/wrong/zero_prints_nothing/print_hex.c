#include <unistd.h>

static int	parse(char *s)
{
	int	n;

	n = 0;
	while (*s >= '0' && *s <= '9')
		n = n * 10 + (*s++ - '0');
	return (n);
}

static void	put_hex(unsigned int n)
{
	if (n == 0)
		return ;
	put_hex(n / 16);
	write(1, &"0123456789abcdef"[n % 16], 1);
}

int	main(int argc, char **argv)
{
	if (argc == 2)
		put_hex(parse(argv[1]));
	write(1, "\n", 1);
	return (0);
}
