#include <unistd.h>

static void	print_bits(unsigned int bits)
{
	int	i;

	i = 31;
	while (i >= 0)
	{
		write(1, (bits >> i) & 1 ? "1" : "0", 1);
		if (i % 8 == 0)
			write(1, i ? " " : "\n", 1);
		i--;
	}
}

int	main(int argc, char **argv)
{
	unsigned int	bits;
	int				i;
	int				j;

	bits = 0;
	i = 1;
	while (i < argc)
	{
		j = 1;
		while (argv[i][0] == '-' && argv[i][j])
		{
			if (argv[i][j] >= 'A' && argv[i][j] <= 'Z')
				argv[i][j] += 32;
			if (argv[i][j] < 'a' || argv[i][j] > 'z')
				return (write(1, "Invalid Option\n", 15), 0);
			if (argv[i][j] == 'h')
				break ;
			bits |= 1u << (argv[i][j] - 'a');
			j++;
		}
		if (argv[i][0] == '-' && argv[i][j] == 'h')
			break ;
		i++;
	}
	if (argc < 2 || i < argc)
		write(1, "options: abcdefghijklmnopqrstuvwxyz\n", 36);
	else
		print_bits(bits);
	return (0);
}
