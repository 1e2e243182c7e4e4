#include <stdio.h>
#include <string.h>
#include <limits.h>

void	ft_ft(int *nbr);

int	main(int argc, char **argv)
{
	int	n;
	int	tab[3];

	if (argc < 2)
		return (2);
	if (strcmp(argv[1], "zero") == 0)
	{
		n = 0;
		ft_ft(&n);
		printf("%d\n", n);
	}
	else if (strcmp(argv[1], "negative") == 0)
	{
		n = INT_MIN;
		ft_ft(&n);
		printf("%d\n", n);
	}
	else if (strcmp(argv[1], "neighbours") == 0)
	{
		tab[0] = -1;
		tab[1] = 7;
		tab[2] = -1;
		ft_ft(&tab[1]);
		printf("%d %d %d\n", tab[0], tab[1], tab[2]);
	}
	else if (strcmp(argv[1], "twice") == 0)
	{
		n = 42;
		ft_ft(&n);
		ft_ft(&n);
		printf("%d\n", n);
	}
	else
		return (2);
	return (0);
}
