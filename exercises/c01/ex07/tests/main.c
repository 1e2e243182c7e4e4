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
	static const int	odd[] = {1, 2, 3, 4, 5};
	static const int	even[] = {10, -20, 30, -40};
	static const int	lim[] = {INT_MIN, 0, INT_MAX};
	static const int	one[] = {7};
	static const int	two[] = {1, 2};

	if (argc < 2)
		return (2);
	if (strcmp(argv[1], "odd") == 0)
		run(odd, 5);
	else if (strcmp(argv[1], "even") == 0)
		run(even, 4);
	else if (strcmp(argv[1], "limits") == 0)
		run(lim, 3);
	else if (strcmp(argv[1], "one") == 0)
		run(one, 1);
	else if (strcmp(argv[1], "two") == 0)
		run(two, 2);
	else if (strcmp(argv[1], "zero") == 0)
		run(one, 0);
	else
		return (2);
	return (0);
}
