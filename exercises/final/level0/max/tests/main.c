#include <stdio.h>
#include <stdlib.h>

int	max(int *tab, unsigned int len);

/* ./prog N...: max of an array of exactly that size (no argument: len 0) */
int	main(int argc, char **argv)
{
	int				*tab;
	unsigned int	len;
	unsigned int	i;

	len = argc - 1;
	tab = malloc(sizeof(int) * len);
	if (!tab)
		return (2);
	i = 0;
	while (i < len)
	{
		tab[i] = (int)strtol(argv[i + 1], NULL, 10);
		i++;
	}
	printf("%d\n", max(tab, len));
	free(tab);
	return (0);
}
