#include <stdio.h>
#include <string.h>
#include <limits.h>

void	ft_ultimate_ft(int *********nbr);

struct s_case
{
	const char	*name;
	int			start;
	int			other;
	int			check_pointers;
};

static const struct s_case	g_cases[] = {
	{"chain", 0, 0, 0},
	{"negative", -2147483647, 0, 0},
#ifdef HIDDEN_pointers_untouched
	{"pointers_untouched", 0, -5, 1},
#endif
	{0, 0, 0, 0}
};

int	main(int argc, char **argv)
{
	int			n;
	int			*p1;
	int			**p2;
	int			***p3;
	int			****p4;
	int			*****p5;
	int			******p6;
	int			*******p7;
	int			********p8;
	int			other;
	int			i;

	if (argc < 2)
		return (2);
	i = 0;
	while (g_cases[i].name && strcmp(g_cases[i].name, argv[1]) != 0)
		i++;
	if (!g_cases[i].name)
		return (2);
	n = g_cases[i].start;
	other = g_cases[i].other;
	p1 = &n;
	p2 = &p1;
	p3 = &p2;
	p4 = &p3;
	p5 = &p4;
	p6 = &p5;
	p7 = &p6;
	p8 = &p7;
	ft_ultimate_ft(&p8);
	if (g_cases[i].check_pointers)
		printf("%d %d %d\n", n, p1 == &n && p2 == &p1 && p3 == &p2 && p4 == &p3
			&& p5 == &p4 && p6 == &p5 && p7 == &p6 && p8 == &p7, other);
	else
		printf("%d\n", n);
	return (0);
}
