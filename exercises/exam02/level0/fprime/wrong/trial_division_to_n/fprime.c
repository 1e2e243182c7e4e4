#include <stdio.h>
#include <stdlib.h>

int	main(int argc, char **argv)
{
	int	n;
	int	p;
	int	first;

	if (argc != 2)
	{
		printf("\n");
		return (0);
	}
	n = atoi(argv[1]);
	if (n == 1)
		printf("1");
	first = 1;
	p = 2;
	while (n > 1)
	{
		if (n % p == 0)
		{
			printf(first ? "%d" : "*%d", p);
			first = 0;
			n /= p;
		}
		else
			p++;
	}
	printf("\n");
	return (0);
}
