#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void	ft_foreach(int *tab, int length, void (*f)(int));

/* The array holds the test's values (one per argument), followed by GUARD
   cells the function must never touch nor pass to f. f records every call. */
#define GUARD 4
#define GUARD_VALUE (-559038737)
#define MAX_CALLS 4096

static int	g_calls[MAX_CALLS];
static int	g_ncalls;

static void	record(int n)
{
	if (g_ncalls < MAX_CALLS)
		g_calls[g_ncalls] = n;
	g_ncalls++;
}

int	main(int argc, char **argv)
{
	int	length;
	int	*tab;
	int	*copy;
	int	i;

	length = argc - 1;
	tab = malloc(sizeof(int) * (length + GUARD));
	copy = malloc(sizeof(int) * (length + GUARD));
	i = 0;
	while (i < length + GUARD)
	{
		tab[i] = i < length ? (int)strtol(argv[i + 1], NULL, 10) : GUARD_VALUE;
		i++;
	}
	memcpy(copy, tab, sizeof(int) * (length + GUARD));
	ft_foreach(tab, length, &record);
	printf("%d call(s):", g_ncalls);
	i = 0;
	while (i < g_ncalls && i < MAX_CALLS)
		printf(" %d", g_calls[i++]);
	printf("\n");
	if (g_ncalls > length)
		printf("f was called %d time(s) for %d element(s)\n", g_ncalls, length);
	i = 0;
	while (i < length + GUARD)
	{
		if (tab[i] != copy[i])
			printf("tab[%d] changed: %d -> %d\n", i, copy[i], tab[i]);
		i++;
	}
	free(tab);
	free(copy);
	return (0);
}
