#include <stdio.h>
#include <string.h>
#include <limits.h>

void	ft_ultimate_div_mod(int *a, int *b);

struct s_case
{
	const char	*name;
	int			a;
	int			b;
};

static const struct s_case	g_cases[] = {
	{"basic", 42, 10},
	{"negative_dividend", -42, 10},
	{"negative_divisor", 42, -10},
#ifdef HIDDEN_both_negative
	{"both_negative", -42, -10},
#endif
	{"exact", 7, 7},
	{"zero", 0, 5},
#ifdef HIDDEN_smaller
	{"smaller", 3, 8},
#endif
#ifdef HIDDEN_int_max
	{"int_max", 2147483647, 2},
#endif
#ifdef HIDDEN_int_min
	{"int_min", INT_MIN, 3},
#endif
#ifdef HIDDEN_int_min_by_one
	{"int_min_by_one", INT_MIN, 1},
#endif
	{0, 0, 0}
};

int	main(int argc, char **argv)
{
	int	i;
	int	a;
	int	b;

	if (argc < 2)
		return (2);
	i = 0;
	while (g_cases[i].name && strcmp(g_cases[i].name, argv[1]) != 0)
		i++;
	if (!g_cases[i].name)
		return (2);
	a = g_cases[i].a;
	b = g_cases[i].b;
	ft_ultimate_div_mod(&a, &b);
	printf("a=%d b=%d\n", a, b);
	return (0);
}
