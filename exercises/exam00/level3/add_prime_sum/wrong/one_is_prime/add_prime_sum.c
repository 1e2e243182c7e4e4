#include <unistd.h>

static int	is_prime(int n)
{
	int	d;

	d = 2;
	while (d < n)
	{
		if (n % d == 0)
			return (0);
		d++;
	}
	return (1);
}

static void	put_nbr(long n)
{
	char	c;

	if (n >= 10)
		put_nbr(n / 10);
	c = '0' + n % 10;
	write(1, &c, 1);
}

int	main(int argc, char **argv)
{
	long	sum;
	int		n;
	int		i;

	sum = 0;
	if (argc == 2)
	{
		n = 0;
		i = 0;
		while (argv[1][i] >= '0' && argv[1][i] <= '9')
			n = n * 10 + (argv[1][i++] - '0');
		i = 1;
		while (i <= n)
		{
			if (is_prime(i))
				sum += i;
			i++;
		}
	}
	put_nbr(sum);
	write(1, "\n", 1);
	return (0);
}
