#include <stdio.h>

int	main(int argc, char **argv)
{
	int	i;
	int	start;

	if (argc == 2)
	{
		i = 0;
		while (argv[1][i] == ' ' || argv[1][i] == '\t')
			i++;
		start = i;
		while (argv[1][i] && argv[1][i] != ' ' && argv[1][i] != '\t')
			i++;
		printf("%.*s", i - start, argv[1] + start);
	}
	printf("\n");
	return (0);
}
