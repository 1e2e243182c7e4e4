#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "t_point.h"

void	flood_fill(char **tab, t_point size, t_point begin);

/* ./prog X Y ROW...: rows of exactly size.x chars (no '\0'), flood_fill from (X, Y),
   prints the rows */
int	main(int argc, char **argv)
{
	char	**tab;
	t_point	size;
	t_point	begin;
	int		i;

	if (argc < 4)
		return (2);
	begin.x = atoi(argv[1]);
	begin.y = atoi(argv[2]);
	size.y = argc - 3;
	size.x = (int)strlen(argv[3]);
	tab = malloc(sizeof(char *) * size.y);
	if (!tab)
		return (2);
	i = 0;
	while (i < size.y)
	{
		tab[i] = malloc(size.x);
		if (!tab[i])
			return (2);
		memcpy(tab[i], argv[3 + i], size.x);
		i++;
	}
	flood_fill(tab, size, begin);
	i = 0;
	while (i < size.y)
	{
		printf("%.*s\n", size.x, tab[i]);
		free(tab[i]);
		i++;
	}
	free(tab);
	return (0);
}
