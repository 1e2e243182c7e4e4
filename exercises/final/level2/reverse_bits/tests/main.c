#include <stdio.h>
#include <stdlib.h>

unsigned char	reverse_bits(unsigned char octet);

/* ./prog N: prints reverse_bits(N) as a number */
int	main(int argc, char **argv)
{
	if (argc != 2)
		return (2);
	printf("%d\n", reverse_bits((unsigned char)strtol(argv[1], NULL, 10)));
	return (0);
}
