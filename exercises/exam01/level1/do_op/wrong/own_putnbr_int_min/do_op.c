#include <stdlib.h>
#include <unistd.h>

void	ft_putnbr(int n)
{
	char	c;

	if (n < 0)
	{
		write(1, "-", 1);
		n = -n;
	}
	if (n >= 10)
		ft_putnbr(n / 10);
	c = n % 10 + '0';
	write(1, &c, 1);
}

int	main(int argc, char **argv)
{
	int	a;
	int	b;

	if (argc == 4)
	{
		a = atoi(argv[1]);
		b = atoi(argv[3]);
		if (argv[2][0] == '+')
			ft_putnbr(a + b);
		else if (argv[2][0] == '-')
			ft_putnbr(a - b);
		else if (argv[2][0] == '*')
			ft_putnbr(a * b);
		else if (argv[2][0] == '/')
			ft_putnbr(a / b);
		else if (argv[2][0] == '%')
			ft_putnbr(a % b);
	}
	write(1, "\n", 1);
	return (0);
}
