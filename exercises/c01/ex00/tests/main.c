#include <stdio.h>
#include <string.h>
#include <limits.h>

void	ft_ft(int *nbr);

struct s_case
{
	const char	*name;
	int			value;
	int			calls;
	int			guarded;
	int			guard;
};

static const struct s_case	g_cases[] = {
	{"zero", 0, 1, 0, 0},
	{"negative", INT_MIN, 1, 0, 0},
#ifdef HIDDEN_neighbours
	{"neighbours", 7, 1, 1, -1},
#endif
#ifdef HIDDEN_twice
	{"twice", 42, 2, 0, 0},
#endif
	{0, 0, 0, 0, 0}
};

int	main(int argc, char **argv)
{
	int	tab[3];
	int	i;
	int	k;

	if (argc < 2)
		return (2);
	i = 0;
	while (g_cases[i].name && strcmp(g_cases[i].name, argv[1]) != 0)
		i++;
	if (!g_cases[i].name)
		return (2);
	tab[0] = g_cases[i].guard;
	tab[1] = g_cases[i].value;
	tab[2] = g_cases[i].guard;
	k = 0;
	while (k < g_cases[i].calls)
	{
		ft_ft(&tab[1]);
		k++;
	}
	if (g_cases[i].guarded)
		printf("%d %d %d\n", tab[0], tab[1], tab[2]);
	else
		printf("%d\n", tab[1]);
	return (0);
}
