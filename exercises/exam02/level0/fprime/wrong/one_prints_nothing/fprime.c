#include <stdio.h>
#include <stdlib.h>

int	main(int argc, char **argv)
{
	long	n;
	long	p;
	int		first;

	if (argc != 2)
	{
		printf("\n");
		return (0);
	}
	n = atoi(argv[1]);
	first = 1;
	p = 2;
	while (p * p <= n)
	{
		while (n % p == 0)
		{
			printf(first ? "%ld" : "*%ld", p);
			first = 0;
			n /= p;
		}
		p++;
	}
	if (n > 1)
		printf(first ? "%ld" : "*%ld", n);
	printf("\n");
	return (0);
}
