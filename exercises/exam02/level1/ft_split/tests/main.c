#include <stdio.h>
#include <stdlib.h>

char	**ft_split(char *str);

/* ./prog STR: prints the words of ft_split(STR) between brackets */
int	main(int argc, char **argv)
{
	char	**tab;
	int		i;

	if (argc != 2)
		return (2);
	tab = ft_split(argv[1]);
	if (!tab)
	{
		printf("NULL\n");
		return (0);
	}
	i = 0;
	while (tab[i])
		i++;
	printf("%d word(s):", i);
	i = 0;
	while (tab[i])
	{
		printf(" [%s]", tab[i]);
		free(tab[i]);
		i++;
	}
	printf("\n");
	free(tab);
	return (0);
}
