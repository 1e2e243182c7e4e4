#include <stdlib.h>
#include <unistd.h>

void	ft_putnbr(int nb);

/*
** ./prog N...: calls ft_putnbr on each N (a decimal int) in turn, in the same process,
** and writes a newline after each call.
*/
int	main(int argc, char **argv)
{
	int	i;

	i = 1;
	while (i < argc)
	{
		ft_putnbr((int)strtol(argv[i], NULL, 10));
		write(1, "\n", 1);
		i++;
	}
	return (0);
}
