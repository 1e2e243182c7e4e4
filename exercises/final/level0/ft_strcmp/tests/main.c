#include <stdio.h>

int	ft_strcmp(char *s1, char *s2);

/* ./prog S1 S2: prints the sign of ft_strcmp(S1, S2) */
int	main(int argc, char **argv)
{
	int	r;

	if (argc != 3)
		return (2);
	r = ft_strcmp(argv[1], argv[2]);
	printf("%d\n", (r > 0) - (r < 0));
	return (0);
}
