#include <unistd.h>

int	main(int argc, char **argv)
{
	int	i;
	int	started;

	if (argc == 2)
	{
		i = 0;
		started = 0;
		while (argv[1][i])
		{
			while (argv[1][i] == ' ')
				i++;
			if (argv[1][i] && started)
				write(1, "   ", 3);
			while (argv[1][i] && argv[1][i] != ' ')
			{
				write(1, &argv[1][i++], 1);
				started = 1;
			}
		}
	}
	write(1, "\n", 1);
	return (0);
}
