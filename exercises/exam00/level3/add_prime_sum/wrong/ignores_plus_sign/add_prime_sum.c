#include <unistd.h>

static int	to_int(char *s)
{
	int	sign;
	int	n;

	sign = 1;
	if (*s == '-')
	{
		sign = -1;
		s++;
	}
	n = 0;
	while (*s >= '0' && *s <= '9')
		n = n * 10 + (*s++ - '0');
	return (n * sign);
}

static int	is_prime(int n)
{
	int	d;

	if (n < 2)
		return (0);
	d = 2;
	while (d <= n / d)
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
		n = to_int(argv[1]);
		i = 2;
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
