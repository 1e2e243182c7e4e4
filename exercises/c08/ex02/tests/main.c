#include "ft_abs.h"
#include "ft_abs.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Each printed expression is wrapped whole in a cast, so that a macro without its
** outer parentheses gives a wrong value rather than a format warning. */
static void	constants(void)
{
	printf("ABS(-3 - 4) = %d\n", (int)(ABS(-3 - 4)));
	printf("ABS(3 - 4) = %d\n", (int)(ABS(3 - 4)));
	printf("ABS(-0) = %d\n", (int)(ABS(-0)));
	printf("ABS('a' - 'z') = %d\n", (int)(ABS('a' - 'z')));
	printf("100 - ABS(-1) = %d\n", (int)(100 - ABS(-1)));
	printf("ABS(-7L) = %ld\n", (long)(ABS(-7L)));
	printf("ABS(-2.5) = %.2f\n", (double)(ABS(-2.5)));
	printf("ABS(1.5 - 4) = %.2f\n", (double)(ABS(1.5 - 4)));
	printf("ABS(-2147483647) = %d\n", (int)(ABS(-2147483647)));
}

int	main(int argc, char **argv)
{
	long long	x;
	long long	y;
	int			ix;

	if (argc == 2 && strcmp(argv[1], "constants") == 0)
	{
		constants();
		return (0);
	}
	if (argc != 3)
		return (2);
	ix = atoi(argv[1]);
	x = ix;
	y = atoi(argv[2]);
	printf("ABS(x) = %d\n", (int)(ABS(ix)));
	printf("ABS(y) = %lld\n", (long long)(ABS(y)));
	printf("ABS(x - y) = %lld\n", (long long)(ABS(x - y)));
	printf("10 - ABS(x) = %lld\n", (long long)(10 - ABS(x)));
	printf("ABS(x) * 2 = %lld\n", (long long)(ABS(x) * 2));
	return (0);
}
