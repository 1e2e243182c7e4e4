#include <unistd.h>

int	main(int argc, char **argv)
{
	int	i;
	int	start;

	if (argc == 2)
	{
		i = 0;
		while (argv[1][i])
			i++;
		i--;
		while (i >= 0 && argv[1][i] <= 32)
			i--;
		start = i;
		while (start >= 0 && argv[1][start] > 32)
			start--;
		write(1, argv[1] + start + 1, i - start);
	}
	write(1, "\n", 1);
	return (0);
}
