#include <stdio.h>
#include <stdlib.h>

int	ft_fibonacci(int index);

/*
** One call per argument; one line is printed per call, and flushed at once
** so that the lines before a crash or a timeout are kept.
*/
int	main(int argc, char **argv)
{
	int	i;
	int	nb;

	i = 1;
	while (i < argc)
	{
		nb = (int)strtol(argv[i], NULL, 10);
		printf("ft_fibonacci(%d) = %d\n", nb, ft_fibonacci(nb));
		fflush(stdout);
		i++;
	}
	return (0);
}
