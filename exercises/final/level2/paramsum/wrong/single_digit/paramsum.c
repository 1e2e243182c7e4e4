#include <unistd.h>

static void	put_nbr(int n)
{
	char	c;

	c = '0' + n;
	write(1, &c, 1);
}

int	main(int argc, char **argv)
{
	(void)argv;
	put_nbr(argc - 1);
	write(1, "\n", 1);
	return (0);
}
