#include <stdio.h>
#include <stdlib.h>

int	ft_recursive_power(int nb, int power);

/*
** Arguments come in pairs "nb power"; one line is printed per call, and
** flushed at once so that the lines before a crash or a timeout are kept.
*/
int	main(int argc, char **argv)
{
	int	i;
	int	nb;
	int	power;

	i = 1;
	while (i + 1 < argc)
	{
		nb = (int)strtol(argv[i], NULL, 10);
		power = (int)strtol(argv[i + 1], NULL, 10);
		printf("ft_recursive_power(%d, %d) = %d\n", nb, power, ft_recursive_power(nb, power));
		fflush(stdout);
		i += 2;
	}
	return (0);
}
