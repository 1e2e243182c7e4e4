#include <unistd.h>

static int	ft_is_last(char *digits, int n)
{
	int	i;

	i = 0;
	while (i < n)
	{
		if (digits[i] != '0' + 10 - n + i)
			return (0);
		i++;
	}
	return (1);
}

static void	ft_fill(char *digits, int pos, int n)
{
	char	d;

	if (pos == n)
	{
		write(1, digits, n);
		if (!ft_is_last(digits, n))
			write(1, ", ", 2);
		return ;
	}
	if (pos == 0)
		d = '0';
	else
		d = digits[pos - 1] + 1;
	while (d <= '9' - (n - 1 - pos))
	{
		digits[pos] = d;
		ft_fill(digits, pos + 1, n);
		d++;
	}
}

void	ft_print_combn(int n)
{
	char	digits[10];

	if (n <= 0 || n >= 10)
		return ;
	ft_fill(digits, 0, n);
}
