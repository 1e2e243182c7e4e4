#include <stdio.h>
#include <string.h>
#include <limits.h>
#include <stdlib.h>

static void	print_tab(int *tab, int size)
{
	int	i;

	i = 0;
	while (i < size)
	{
		if (i > 0)
			printf(" ");
		printf("%d", tab[i]);
		i++;
	}
	printf("\n");
}

void	ft_sort_int_tab(int *tab, int size);

static void	run(const int *values, int size)
{
	int	buf[64];
	int	i;

	buf[0] = INT_MIN;
	i = 0;
	while (i < size)
	{
		buf[i + 1] = values[i];
		i++;
	}
	buf[size + 1] = INT_MIN;
	ft_sort_int_tab(buf + 1, size);
	print_tab(buf, size + 2);
}

static int	cmp(const void *a, const void *b)
{
	int	x;
	int	y;

	x = *(const int *)a;
	y = *(const int *)b;
	return ((x > y) - (x < y));
}

static void	big(int size)
{
	static int		tab[1002];
	static int		copy[1000];
	unsigned int	seed;
	int				i;

	seed = 12345u;
	tab[0] = 77;
	tab[size + 1] = -77;
	i = 0;
	while (i < size)
	{
		seed = seed * 1103515245u + 12345u;
		tab[i + 1] = (int)(seed ^ (seed >> 16));
		if (i % 7 == 0)
			tab[i + 1] = (int)(seed % 5u);
		copy[i] = tab[i + 1];
		i++;
	}
	ft_sort_int_tab(tab + 1, size);
	qsort(copy, size, sizeof(int), cmp);
	i = 0;
	while (i < size && tab[i + 1] == copy[i])
		i++;
	if (i == size && tab[0] == 77 && tab[size + 1] == -77)
		printf("%d elements sorted\n", size);
	else
		printf("mismatch at index %d\n", i);
}

int	main(int argc, char **argv)
{
	static const int	mixed[] = {5, 3, 9, 1, 7};
	static const int	dup[] = {4, 1, 4, 1, 4, 0, 0};
	static const int	lim[] = {INT_MAX, 0, INT_MIN, -1, 1, INT_MAX, INT_MIN};
	static const int	rev[] = {9, 8, 7, 6, 5, 4, 3, 2, 1, 0};
	static const int	sorted[] = {-3, -2, -1, 0, 1, 2, 3};

	if (argc < 2)
		return (2);
	if (strcmp(argv[1], "mixed") == 0)
		run(mixed, 5);
	else if (strcmp(argv[1], "duplicates") == 0)
		run(dup, 7);
	else if (strcmp(argv[1], "limits") == 0)
		run(lim, 7);
	else if (strcmp(argv[1], "reversed") == 0)
		run(rev, 10);
	else if (strcmp(argv[1], "sorted") == 0)
		run(sorted, 7);
	else if (strcmp(argv[1], "one") == 0)
		run(mixed, 1);
	else if (strcmp(argv[1], "zero") == 0)
		run(mixed, 0);
	else if (strcmp(argv[1], "big") == 0)
		big(1000);
	else
		return (2);
	return (0);
}
