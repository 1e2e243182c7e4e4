#include <stdio.h>
#include <stdlib.h>

void	sort_int_tab(int *tab, unsigned int size);

/* ./prog N...: sorts an array of exactly the N's size, prints it */
int	main(int argc, char **argv)
{
	int				*tab;
	unsigned int	size;
	unsigned int	i;

	size = argc - 1;
	tab = malloc(sizeof(int) * size);
	if (!tab)
		return (2);
	i = 0;
	while (i < size)
	{
		tab[i] = (int)strtol(argv[i + 1], NULL, 10);
		i++;
	}
	sort_int_tab(tab, size);
	printf("[");
	i = 0;
	while (i < size)
	{
		printf(i ? " %d" : "%d", tab[i]);
		i++;
	}
	printf("]\n");
	free(tab);
	return (0);
}
