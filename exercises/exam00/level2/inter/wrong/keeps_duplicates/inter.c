#include <unistd.h>

int	main(int argc, char **argv)
{
	int	in_second[256];
	int	i;

	if (argc == 3)
	{
		i = 0;
		while (i < 256)
			in_second[i++] = 0;
		i = 0;
		while (argv[2][i])
			in_second[(unsigned char)argv[2][i++]] = 1;
		i = -1;
		while (argv[1][++i])
		{
			if (in_second[(unsigned char)argv[1][i]])
				write(1, &argv[1][i], 1);
		}
	}
	write(1, "\n", 1);
	return (0);
}
