#include <stdio.h>
#include <string.h>
#include <limits.h>

void	ft_ultimate_ft(int *********nbr);

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

	if (argc < 2)
		return (2);
	n = 0;
	other = -5;
	if (strcmp(argv[1], "negative") == 0)
		n = -2147483647;
	p1 = &n;
	p2 = &p1;
	p3 = &p2;
	p4 = &p3;
	p5 = &p4;
	p6 = &p5;
	p7 = &p6;
	p8 = &p7;
	ft_ultimate_ft(&p8);
	if (strcmp(argv[1], "chain") == 0 || strcmp(argv[1], "negative") == 0)
		printf("%d\n", n);
	else if (strcmp(argv[1], "pointers_untouched") == 0)
		printf("%d %d %d\n", n, p1 == &n && p2 == &p1 && p3 == &p2 && p4 == &p3
			&& p5 == &p4 && p6 == &p5 && p7 == &p6 && p8 == &p7, other);
	else
		return (2);
	return (0);
}
