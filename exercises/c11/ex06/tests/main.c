#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void	ft_sort_string_tab(char **tab);

/* The arguments are the strings of the array, which ends with a null pointer
   followed by GUARD pointers that must stay where they are. After the call
   the array must hold the same pointers (the strings are not copied nor
   changed), in order; each string is printed, bytes outside 32..126 and the
   backslash as \xx. */
#define GUARD 4

static char	g_guard[] = "(past the end)";

static void	show(const char *s)
{
	while (*s)
	{
		if (*s == '\\' || (unsigned char)*s < 32 || (unsigned char)*s > 126)
			printf("\\%02x", (unsigned char)*s);
		else
			putchar(*s);
		s++;
	}
	putchar('\n');
}

static int	check_pointers(char **tab, char **copy, char **saved, int n)
{
	int		i;
	int		j;
	int		ok;
	char	*used;

	used = calloc(n + 1, 1);
	ok = 1;
	i = -1;
	while (++i < n)
	{
		j = 0;
		while (j < n && (copy[j] != tab[i] || used[j]))
			j++;
		if (j == n)
		{
			printf("tab[%d] is not one of the original pointers\n", i);
			ok = 0;
		}
		else
			used[j] = 1;
	}
	i = -1;
	while (++i < n)
		if (strcmp(copy[i], saved[i]) != 0)
		{
			printf("the string at %d was modified\n", i);
			ok = 0;
		}
	free(used);
	return (ok);
}

int	main(int argc, char **argv)
{
	char	**tab;
	char	**copy;
	char	**saved;
	int		n;
	int		i;

	n = argc - 1;
	tab = malloc(sizeof(char *) * (n + 1 + GUARD));
	copy = malloc(sizeof(char *) * (n + 1 + GUARD));
	saved = malloc(sizeof(char *) * (n + 1));
	i = -1;
	while (++i < n + 1 + GUARD)
		tab[i] = i < n ? argv[i + 1] : g_guard;
	tab[n] = NULL;
	memcpy(copy, tab, sizeof(char *) * (n + 1 + GUARD));
	i = -1;
	while (++i < n)
		saved[i] = strdup(argv[i + 1]);
	ft_sort_string_tab(tab);
	i = n;
	while (++i < n + 1 + GUARD)
		if (tab[i] != g_guard)
			printf("tab[%d], past the null pointer, was changed\n", i);
	if (tab[n] != NULL)
		printf("tab[%d], the null pointer, was changed\n", n);
	if (check_pointers(tab, copy, saved, n))
	{
		printf("%d string(s):\n", n);
		i = -1;
		while (++i < n)
			show(tab[i]);
	}
	return (0);
}
