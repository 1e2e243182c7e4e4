#include <unistd.h>

int	main(int argc, char **argv)
{
	int	seen[256];
	int	i;

	if (argc == 3)
	{
		i = 0;
		while (i < 256)
			seen[i++] = 0;
		i = -1;
		while (argv[1][++i])
		{
			seen[(unsigned char)argv[1][i]] = 1;
			write(1, &argv[1][i], 1);
		}
		i = -1;
		while (argv[2][++i])
		{
			if (!seen[(unsigned char)argv[2][i]])
			{
				seen[(unsigned char)argv[2][i]] = 1;
				write(1, &argv[2][i], 1);
			}
		}
	}
	write(1, "\n", 1);
	return (0);
}
