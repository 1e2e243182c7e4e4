#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void	ft_advanced_sort_string_tab(char **tab, int (*cmp)(char *, char *));

/* argv[1] names cmp, the other arguments are the strings of the array, which
   ends with a null pointer followed by GUARD pointers that must stay where
   they are. cmp checks that it is only given strings of the array. After the
   call the array must hold the same pointers (the strings are not copied nor
   changed), in order; each string is printed, bytes outside 32..126 and the
   backslash as \xx. Every comparison used has no ties between different
   strings, so the order expected is unique. */
#define GUARD 4

static char	g_guard[] = "(past the end)";
static char	**g_orig;
static int	g_n;
static int	g_bad_calls;
static int	(*g_cmp)(char *, char *);

static int	cmp_ascii(char *a, char *b)
{
	while (*a && *a == *b)
	{
		a++;
		b++;
	}
	return ((unsigned char)*a - (unsigned char)*b);
}

static int	cmp_reverse(char *a, char *b)
{
	return (cmp_ascii(b, a));
}

static int	cmp_length(char *a, char *b)
{
	size_t	x;
	size_t	y;

	x = strlen(a);
	y = strlen(b);
	if (x != y)
		return (x < y ? -1 : 1);
	return (cmp_ascii(a, b));
}

/* ASCII order, answering only with INT_MIN, 0 or INT_MAX */
static int	cmp_extreme(char *a, char *b)
{
	int	r;

	r = cmp_ascii(a, b);
	if (r < 0)
		return (-2147483647 - 1);
	return (r > 0 ? 2147483647 : 0);
}

/* reverse ASCII order of the last byte, then ASCII order: results 2, -3 ... */
static int	cmp_last(char *a, char *b)
{
	size_t	x;
	size_t	y;

	x = strlen(a);
	y = strlen(b);
	x = x ? (unsigned char)a[x - 1] : 0;
	y = y ? (unsigned char)b[y - 1] : 0;
	if (x != y)
		return (x < y ? 2 : -3);
	return (cmp_ascii(a, b) * 7);
}

static int	is_element(char *s)
{
	int	i;

	i = 0;
	while (i < g_n && g_orig[i] != s)
		i++;
	return (i < g_n);
}

static int	recorder(char *a, char *b)
{
	if (!is_element(a) || !is_element(b))
	{
		if (g_bad_calls++ == 0)
			printf("cmp was given %s\n", (a == NULL || b == NULL)
				? "a null pointer" : "a pointer that is not in the array");
		return (0);
	}
	return (g_cmp(a, b));
}

static int	pick(const char *name)
{
	static const char	*names[] = {"ascii", "reverse", "length", "extreme",
		"last_byte", NULL};
	static int			(*funcs[])(char *, char *) = {&cmp_ascii,
		&cmp_reverse, &cmp_length, &cmp_extreme, &cmp_last};
	int					i;

	i = 0;
	while (names[i] && strcmp(names[i], name) != 0)
		i++;
	if (!names[i])
		return (0);
	g_cmp = funcs[i];
	return (1);
}

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

static int	check_pointers(char **tab, char **saved, int n)
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
		while (j < n && (g_orig[j] != tab[i] || used[j]))
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
		if (strcmp(g_orig[i], saved[i]) != 0)
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
	char	**saved;
	int		n;
	int		i;

	if (argc < 2 || !pick(argv[1]))
		return (2);
	n = argc - 2;
	g_n = n;
	tab = malloc(sizeof(char *) * (n + 1 + GUARD));
	g_orig = malloc(sizeof(char *) * (n + 1));
	saved = malloc(sizeof(char *) * (n + 1));
	i = -1;
	while (++i < n + 1 + GUARD)
		tab[i] = i < n ? argv[i + 2] : g_guard;
	tab[n] = NULL;
	memcpy(g_orig, tab, sizeof(char *) * (n + 1));
	i = -1;
	while (++i < n)
		saved[i] = strdup(argv[i + 2]);
	ft_advanced_sort_string_tab(tab, &recorder);
	i = n;
	while (++i < n + 1 + GUARD)
		if (tab[i] != g_guard)
			printf("tab[%d], past the null pointer, was changed\n", i);
	if (tab[n] != NULL)
		printf("tab[%d], the null pointer, was changed\n", n);
	if (check_pointers(tab, saved, n))
	{
		printf("%d string(s):\n", n);
		i = -1;
		while (++i < n)
			show(tab[i]);
	}
	return (0);
}
