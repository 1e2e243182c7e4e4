#include <unistd.h>

void	ft_putnbr(int n)
{
	char	buf[12];
	int		len;

	len = 0;
	while (n > 0)
	{
		buf[len++] = n % 10 + '0';
		n /= 10;
	}
	while (len > 0)
		write(1, &buf[--len], 1);
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
