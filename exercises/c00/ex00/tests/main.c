#include <stdlib.h>

void	ft_putchar(char c);

int	main(int argc, char **argv)
{
	int	i;

	i = 1;
	while (i < argc)
	{
		ft_putchar((char)atoi(argv[i]));
		i++;
	}
	return (0);
}
