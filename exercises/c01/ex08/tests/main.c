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

struct s_case
{
	const char		*name;
	int				values[10];
	int				size;
	unsigned int	seed;
};

/* seed != 0: `size` pseudo-random values from that seed, checked against qsort */
static const struct s_case	g_cases[] = {
	{"mixed", {5, 3, 9, 1, 7}, 5, 0u},
	{"duplicates", {4, 1, 4, 1, 4, 0, 0}, 7, 0u},
	{"reversed", {9, 8, 7, 6, 5, 4, 3, 2, 1, 0}, 10, 0u},
	{"sorted", {-3, -2, -1, 0, 1, 2, 3}, 7, 0u},
#ifdef HIDDEN_limits
	{"limits", {INT_MAX, 0, INT_MIN, -1, 1, INT_MAX, INT_MIN}, 7, 0u},
#endif
#ifdef HIDDEN_one
	{"one", {5}, 1, 0u},
#endif
#ifdef HIDDEN_zero
	{"zero", {5}, 0, 0u},
#endif
#ifdef HIDDEN_big
	{"big", {0}, 1000, 12345u},
#endif
	{0, {0}, 0, 0u}
};

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

static void	big(int size, unsigned int seed)
{
	static int		tab[1002];
	static int		copy[1000];
	int				i;

	if (size > 1000)
		size = 1000;
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
	int	i;

	if (argc < 2)
		return (2);
	i = 0;
	while (g_cases[i].name && strcmp(g_cases[i].name, argv[1]) != 0)
		i++;
	if (!g_cases[i].name)
		return (2);
	if (g_cases[i].seed)
		big(g_cases[i].size, g_cases[i].seed);
	else
		run(g_cases[i].values, g_cases[i].size);
	return (0);
}
