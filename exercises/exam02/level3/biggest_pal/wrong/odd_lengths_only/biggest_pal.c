#include <unistd.h>

int	main(int argc, char **argv)
{
	int	n;
	int	c;
	int	r;
	int	best;
	int	best_start;

	if (argc == 2)
	{
		n = 0;
		while (argv[1][n])
			n++;
		best = 0;
		best_start = 0;
		c = 0;
		while (c < n)
		{
			r = 0;
			while (c - r - 1 >= 0 && c + r + 1 < n
				&& argv[1][c - r - 1] == argv[1][c + r + 1])
				r++;
			if (2 * r + 1 >= best)
			{
				best = 2 * r + 1;
				best_start = c - r;
			}
			c++;
		}
		write(1, argv[1] + best_start, best);
	}
	write(1, "\n", 1);
	return (0);
}
