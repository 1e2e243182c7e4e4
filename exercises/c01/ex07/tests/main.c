#include <stdio.h>
#include <string.h>
#include <limits.h>

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

void	ft_rev_int_tab(int *tab, int size);

struct s_case
{
	const char	*name;
	int			values[8];
	int			size;
};

static const struct s_case	g_cases[] = {
	{"odd", {1, 2, 3, 4, 5}, 5},
	{"even", {10, -20, 30, -40}, 4},
	{"two", {1, 2}, 2},
#ifdef HIDDEN_limits
	{"limits", {INT_MIN, 0, INT_MAX}, 3},
#endif
#ifdef HIDDEN_one
	{"one", {7}, 1},
#endif
#ifdef HIDDEN_zero
	{"zero", {7}, 0},
#endif
	{0, {0}, 0}
};

static void	run(const int *values, int size)
{
	int	buf[64];
	int	i;

	buf[0] = -99;
	i = 0;
	while (i < size)
	{
		buf[i + 1] = values[i];
		i++;
	}
	buf[size + 1] = -99;
	ft_rev_int_tab(buf + 1, size);
	print_tab(buf, size + 2);
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
	run(g_cases[i].values, g_cases[i].size);
	return (0);
}
