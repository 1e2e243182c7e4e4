#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "ft_stock_str.h"

struct s_stock_str	*ft_strs_to_tab(int ac, char **av);

/* argv[1]: "all" (ac = the number of strings that follow) or a number (ac smaller
** than the strings present: av[ac] is then not NULL). */

static void	show(const char *s)
{
	while (*s)
	{
		if (*s == '\\')
			printf("\\\\");
		else if (*s >= 32 && *s <= 126)
			printf("%c", *s);
		else
			printf("\\x%02x", (unsigned char)*s);
		s++;
	}
}

static int	is_copy(t_stock_str *tab, char **av, int i)
{
	return (tab[i].copy != NULL && tab[i].copy != av[i]);
}

int	main(int argc, char **argv)
{
	t_stock_str	*tab;
	char		**av;
	char		**saved;
	int			ac;
	int			i;
	int			j;

	if (argc < 2)
		return (2);
	av = argv + 2;
	ac = argc - 2;
	if (strcmp(argv[1], "all") != 0)
		ac = atoi(argv[1]);
	saved = calloc(ac + 1, sizeof(char *));
	for (i = 0; i < ac; i++)
		saved[i] = strdup(av[i]);
	tab = ft_strs_to_tab(ac, av);
	if (tab == NULL)
	{
		printf("ft_strs_to_tab returned NULL\n");
		return (0);
	}
	for (i = 0; i < ac; i++)
	{
		printf("[%d] size=%d str=%s copy=", i, tab[i].size,
			tab[i].str == av[i] ? "av[i]" : "(not av[i])");
		if (tab[i].copy == NULL)
			printf("NULL\n");
		else if (tab[i].copy == av[i])
			printf("(av[i] itself, not a copy)\n");
		else
		{
			printf("\"");
			show(tab[i].copy);
			printf("\"\n");
		}
	}
	printf("[%d] str=%s\n", ac, tab[ac].str == NULL ? "0" : "(not 0)");
	for (i = 0; i < ac; i++)
		for (j = 0; j < i; j++)
			if (is_copy(tab, av, i) && tab[i].copy == tab[j].copy)
				printf("copies %d and %d are the same buffer\n", j, i);
	for (i = 0; i < ac; i++)
		memset(av[i], '#', strlen(av[i]));
	for (i = 0; i < ac; i++)
		if (is_copy(tab, av, i) && strcmp(tab[i].copy, saved[i]) != 0)
			printf("copy %d changed with its original\n", i);
	for (i = 0; i < ac; i++)
	{
		if (is_copy(tab, av, i))
			free(tab[i].copy);
		free(saved[i]);
	}
	free(saved);
	free(tab);
	return (0);
}
