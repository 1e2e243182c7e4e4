#include <stdio.h>
#include <stdlib.h>

unsigned int	lcm(unsigned int a, unsigned int b);

/* ./prog A B: prints lcm(A, B) */
int	main(int argc, char **argv)
{
	unsigned int	a;
	unsigned int	b;

	if (argc != 3)
		return (2);
	a = (unsigned int)strtoul(argv[1], NULL, 10);
	b = (unsigned int)strtoul(argv[2], NULL, 10);
	printf("%u\n", lcm(a, b));
	return (0);
}
