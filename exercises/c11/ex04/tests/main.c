#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int	ft_is_sort(int *tab, int length, int (*f)(int, int));

/* argv[1] names the comparison f, the other arguments are the array's values.
   The array is followed by GUARD cells holding GUARD_VALUE (never a value of
   the tests): f must never be given one of them. */
#define GUARD 4
#define GUARD_VALUE 1234567891

static int	(*g_cmp)(int, int);
static int	g_past_end;

static int	cmp_sign(int a, int b)
{
	if (a < b)
		return (-1);
	return (a > b);
}

/* same order, other magnitudes: only the sign of the result means anything */
static int	cmp_large(int a, int b)
{
	if (a < b)
		return (-2147483647 - 1);
	if (a > b)
		return (1000);
	return (0);
}

static int	cmp_abs(int a, int b)
{
	long	x;
	long	y;

	x = a < 0 ? -(long)a : a;
	y = b < 0 ? -(long)b : b;
	if (x < y)
		return (-5);
	return (x > y ? 3 : 0);
}

static int	cmp_last_digit(int a, int b)
{
	int	x;
	int	y;

	x = a % 10 < 0 ? -(a % 10) : a % 10;
	y = b % 10 < 0 ? -(b % 10) : b % 10;
	return (x - y);
}

static int	recorder(int a, int b)
{
	if (a == GUARD_VALUE || b == GUARD_VALUE)
		g_past_end++;
	return (g_cmp(a, b));
}

static int	pick(const char *name)
{
	static const char	*names[] = {"cmp_sign", "cmp_large", "cmp_abs",
		"cmp_last_digit", NULL};
	static int			(*funcs[])(int, int) = {&cmp_sign, &cmp_large,
		&cmp_abs, &cmp_last_digit};
	int					i;

	i = 0;
	while (names[i] && strcmp(names[i], name) != 0)
		i++;
	if (!names[i])
		return (0);
	g_cmp = funcs[i];
	return (1);
}

int	main(int argc, char **argv)
{
	int	*tab;
	int	*copy;
	int	length;
	int	i;

	if (argc < 2 || !pick(argv[1]))
		return (2);
	length = argc - 2;
	tab = malloc(sizeof(int) * (length + GUARD));
	copy = malloc(sizeof(int) * (length + GUARD));
	i = -1;
	while (++i < length + GUARD)
		tab[i] = i < length ? (int)strtol(argv[i + 2], NULL, 10) : GUARD_VALUE;
	memcpy(copy, tab, sizeof(int) * (length + GUARD));
	printf("ret=%d\n", ft_is_sort(tab, length, &recorder));
	if (g_past_end)
		printf("f was given a value from past the end %d time(s)\n",
			g_past_end);
	i = -1;
	while (++i < length + GUARD)
		if (tab[i] != copy[i])
			printf("tab[%d] changed: %d -> %d\n", i, copy[i], tab[i]);
	free(tab);
	free(copy);
	return (0);
}
