#include <stdlib.h>
#include <unistd.h>

void	ft_putnbr(int n);

int	main(int argc, char **argv)
{
	int	i;

	i = 1;
	while (i < argc)
	{
		ft_putnbr((int)strtol(argv[i], NULL, 10));
		if (1)
			write(1, "\n", 1);
		i++;
	}
	return (0);
}
