#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <limits.h>


int	*ft_range(int min, int max);

/* Prints the array's values (all of them up to 24, else the ends) after
   checking that each one follows the previous. The array is read exactly
   max - min ints: a shorter block is caught. */
static void	show_range(const int *tab, long size)
{
	long	i;
	long	bad;

	printf("%ld value(s):", size);
	bad = -1;
	i = 0;
	while (i < size)
	{
		if (size <= 24 || i < 8 || i >= size - 8)
			printf(" %d", tab[i]);
		else if (i == 8)
			printf(" ...");
		if (bad < 0 && i > 0 && (long)tab[i] != (long)tab[i - 1] + 1)
			bad = i;
		i++;
	}
	if (bad >= 0)
		printf(" | tab[%ld] = %d does not follow tab[%ld] = %d", bad,
			tab[bad], bad - 1, tab[bad - 1]);
	printf("\n");
}

int	main(int argc, char **argv)
{
	int		min;
	int		max;
	int		*tab;

	if (argc < 3)
		return (2);
	min = (int)strtol(argv[1], NULL, 10);
	max = (int)strtol(argv[2], NULL, 10);
	tab = ft_range(min, max);
	if (min >= max)
		printf(tab == NULL ? "NULL\n" : "not NULL (min >= max)\n");
	else if (tab == NULL)
		printf("NULL\n");
	else
		show_range(tab, (long)max - min);
	free(tab);
	return (0);
}
