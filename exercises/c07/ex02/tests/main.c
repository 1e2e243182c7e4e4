#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <limits.h>


int	ft_ultimate_range(int **range, int min, int max);

#ifdef HIDDEN_malloc_fails
const char	*__asan_default_options(void)
{
	return ("allocator_may_return_null=1:max_allocation_size_mb=16");
}
#endif

static void	show_range(const int *tab, long size)
{
	long	i;
	long	bad;

	printf(" %ld value(s):", size);
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

/* *range holds a pointer to the caller's own array before the call: it must
   be replaced (by NULL when min >= max). */
int	main(int argc, char **argv)
{
	int		min;
	int		max;
	int		before[4];
	int		*range;
	int		ret;

	if (argc < 3)
		return (2);
	min = (int)strtol(argv[1], NULL, 10);
	max = (int)strtol(argv[2], NULL, 10);
	memset(before, 0x2a, sizeof(before));
	range = before;
	ret = ft_ultimate_range(&range, min, max);
	printf("ret=%d", ret);
	if (range == before)
	{
		printf(" *range left unchanged\n");
		return (0);
	}
	if (range == NULL)
		printf(" *range=NULL\n");
	else if (min >= max)
		printf(" *range not NULL (min >= max)\n");
	else
		show_range(range, (long)max - min);
	free(range);
	return (0);
}
