#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int	*ft_map(int *tab, int length, int (*f)(int));

/* argv[1] names f, the other arguments are the array's values. The array is
   a block of exactly `length` ints (reading past it is a memory error); f
   records every call, and the result is read exactly `length` cells. */
#define MAX_CALLS 4096

static int	g_calls[MAX_CALLS];
static int	g_ncalls;

static void	record(int n)
{
	if (g_ncalls < MAX_CALLS)
		g_calls[g_ncalls] = n;
	g_ncalls++;
}

static int	times3_plus1(int n)
{
	record(n);
	return ((int)((unsigned int)n * 3u + 1u));
}

static int	negate(int n)
{
	record(n);
	return ((int)(0u - (unsigned int)n));
}

static int	call_rank(int n)
{
	record(n);
	return (g_ncalls - 1);
}

static int	constant(int n)
{
	record(n);
	return (-7);
}

static int	(*pick(const char *name))(int)
{
	if (strcmp(name, "times3_plus1") == 0)
		return (&times3_plus1);
	if (strcmp(name, "negate") == 0)
		return (&negate);
	if (strcmp(name, "call_rank") == 0)
		return (&call_rank);
	if (strcmp(name, "constant") == 0)
		return (&constant);
	return (NULL);
}

static void	check_calls(const int *copy, int length)
{
	int	i;
	int	bad;

	bad = g_ncalls != length;
	i = 0;
	while (!bad && i < length)
	{
		bad = g_calls[i] != copy[i];
		i++;
	}
	if (!bad)
	{
		printf("f called once per element, in order\n");
		return ;
	}
	printf("f called %d time(s) for %d element(s), with:", g_ncalls, length);
	i = 0;
	while (i < g_ncalls && i < MAX_CALLS)
		printf(" %d", g_calls[i++]);
	printf("\n");
}

int	main(int argc, char **argv)
{
	int	(*f)(int);
	int	length;
	int	*tab;
	int	*copy;
	int	*res;
	int	i;

	if (argc < 2 || (f = pick(argv[1])) == NULL)
		return (2);
	length = argc - 2;
	tab = malloc(sizeof(int) * (length > 0 ? length : 1));
	copy = malloc(sizeof(int) * (length > 0 ? length : 1));
	i = -1;
	while (++i < length)
		tab[i] = (int)strtol(argv[i + 2], NULL, 10);
	memcpy(copy, tab, sizeof(int) * length);
	res = ft_map(tab, length, f);
	check_calls(copy, length);
	if (length > 0 && res == NULL)
		printf("result: NULL\n");
	else if (length > 0 && res == tab)
		printf("result: the array itself, not a new one\n");
	else if (length > 0)
	{
		printf("result:");
		i = 0;
		while (i < length)
			printf(" %d", res[i++]);
		printf("\n");
	}
	i = -1;
	while (++i < length)
		if (tab[i] != copy[i])
			printf("tab[%d] changed: %d -> %d\n", i, copy[i], tab[i]);
	if (res != tab)
		free(res);
	free(tab);
	free(copy);
	return (0);
}
