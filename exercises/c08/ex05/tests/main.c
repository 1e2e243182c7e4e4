#include <stdlib.h>
#include <string.h>
#include "ft_stock_str.h"

void	ft_show_tab(struct s_stock_str *par);

/* argv[1] is the mode:
**   strs STR...            size = strlen, copy = a copy
**   copy_differs STR...    copy = the string reversed (so str and copy differ)
**   sizes SIZE STR ...     the size given, whatever the string's length */

static char	*reversed(const char *s)
{
	char	*r;
	size_t	n;
	size_t	i;

	n = strlen(s);
	r = malloc(n + 1);
	for (i = 0; i < n; i++)
		r[i] = s[n - 1 - i];
	r[n] = '\0';
	return (r);
}

int	main(int argc, char **argv)
{
	t_stock_str	*tab;
	int			n;
	int			i;
	int			k;

	if (argc < 2)
		return (2);
	tab = calloc(argc, sizeof(t_stock_str));
	n = 0;
	k = 2;
	while (k < argc)
	{
		if (strcmp(argv[1], "sizes") == 0)
		{
			if (k + 1 >= argc)
				return (2);
			tab[n].size = atoi(argv[k++]);
		}
		else
			tab[n].size = (int)strlen(argv[k]);
		tab[n].str = argv[k];
		if (strcmp(argv[1], "copy_differs") == 0)
			tab[n].copy = reversed(argv[k]);
		else
			tab[n].copy = strdup(argv[k]);
		n++;
		k++;
	}
	tab[n].str = 0;
	tab[n].copy = 0;
	ft_show_tab(tab);
	for (i = 0; i < n; i++)
		free(tab[i].copy);
	free(tab);
	return (0);
}
