#include <stdio.h>
#include <string.h>
#include <limits.h>

void	ft_swap(int *a, int *b);

struct s_case
{
	const char	*name;
	int			values[5];
	int			count;
	int			a;
	int			b;
};

static const struct s_case	g_cases[] = {
	{"basic", {1, 2}, 2, 0, 1},
	{"negatives", {-42, 0}, 2, 0, 1},
	{"equal", {2, 2}, 2, 0, 1},
#ifdef HIDDEN_limits
	{"limits", {INT_MIN, INT_MAX}, 2, 0, 1},
#endif
#ifdef HIDDEN_same_address
	{"same_address", {1234567}, 1, 0, 0},
#endif
#ifdef HIDDEN_array
	{"array", {10, 20, 30, 40, 50}, 5, 1, 3},
#endif
	{0, {0}, 0, 0, 0}
};

int	main(int argc, char **argv)
{
	int	tab[5];
	int	i;
	int	k;

	if (argc < 2)
		return (2);
	i = 0;
	while (g_cases[i].name && strcmp(g_cases[i].name, argv[1]) != 0)
		i++;
	if (!g_cases[i].name)
		return (2);
	memcpy(tab, g_cases[i].values, sizeof(tab));
	ft_swap(&tab[g_cases[i].a], &tab[g_cases[i].b]);
	if (g_cases[i].count == 2)
	{
		printf("a=%d b=%d\n", tab[0], tab[1]);
		return (0);
	}
	k = 0;
	while (k < g_cases[i].count)
	{
		if (k > 0)
			printf(" ");
		printf("%d", tab[k]);
		k++;
	}
	printf("\n");
	return (0);
}
