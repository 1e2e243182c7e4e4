#include <stdio.h>
#include <string.h>
#include <limits.h>

void	ft_swap(int *a, int *b);

int	main(int argc, char **argv)
{
	int	a;
	int	b;
	int	tab[5];

	if (argc < 2)
		return (2);
	a = 1;
	b = 2;
	if (strcmp(argv[1], "limits") == 0)
	{
		a = INT_MIN;
		b = INT_MAX;
	}
	else if (strcmp(argv[1], "equal") == 0)
		a = 2;
	else if (strcmp(argv[1], "negatives") == 0)
	{
		a = -42;
		b = 0;
	}
	if (strcmp(argv[1], "same_address") == 0)
	{
		a = 1234567;
		ft_swap(&a, &a);
		printf("%d\n", a);
		return (0);
	}
	if (strcmp(argv[1], "array") == 0)
	{
		tab[0] = 10;
		tab[1] = 20;
		tab[2] = 30;
		tab[3] = 40;
		tab[4] = 50;
		ft_swap(&tab[1], &tab[3]);
		printf("%d %d %d %d %d\n", tab[0], tab[1], tab[2], tab[3], tab[4]);
		return (0);
	}
	ft_swap(&a, &b);
	printf("a=%d b=%d\n", a, b);
	return (0);
}
