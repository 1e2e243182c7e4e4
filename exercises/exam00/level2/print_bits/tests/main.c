#include <stdlib.h>

void	print_bits(unsigned char octet);

int	main(int argc, char **argv)
{
	if (argc < 2)
		return (2);
	print_bits((unsigned char)atoi(argv[1]));
	return (0);
}
