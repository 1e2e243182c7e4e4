#include <unistd.h>

void	ft_putnbr(int n)
{
	int		div;
	char	c;

	div = 1;
	while (div <= n)
		div *= 10;
	if (div > 1)
		div /= 10;
	while (div > 0)
	{
		c = n / div % 10 + '0';
		write(1, &c, 1);
		div /= 10;
	}
}

int	main(int argc, char **argv)
{
	int	n;
	int	i;

	if (argc == 2)
	{
		n = 0;
		i = 0;
		while (argv[1][i] >= '0' && argv[1][i] <= '9')
			n = n * 10 + argv[1][i++] - '0';
		i = 1;
		while (i <= 9)
		{
			ft_putnbr(i);
			write(1, " x ", 3);
			ft_putnbr(n);
			write(1, " = ", 3);
			ft_putnbr(i * n);
			write(1, "\n", 1);
			i++;
		}
	}
	else
		write(1, "\n", 1);
	return (0);
}
