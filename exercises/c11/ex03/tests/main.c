#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int	ft_count_if(char **tab, int length, int (*f)(char *));

/* argv[1] names f, argv[2] is length, the other arguments are the strings of
   the array: there may be more strings than length (the function must not
   look at them). After the strings come a null pointer and GUARD pointers.
   f records every call (the pointer itself, not a copy). */
#define GUARD 4
#define MAX_CALLS 4096

static char	g_guard[] = "(past the end)";
static char	*g_calls[MAX_CALLS];
static int	g_ncalls;
static int	(*g_test)(char *);

static int	has_digit(char *s)
{
	while (*s && !(*s >= '0' && *s <= '9'))
		s++;
	return (*s != '\0');
}

static int	is_empty(char *s)
{
	return (s[0] == '\0');
}

static int	upper_minus1(char *s)
{
	return (s[0] >= 'A' && s[0] <= 'Z' ? -1 : 0);
}

static int	long_len(char *s)
{
	return (strlen(s) > 3 ? (int)strlen(s) : 0);
}

static int	high_byte(char *s)
{
	while (*s && (unsigned char)*s < 0x80)
		s++;
	return (*s != '\0');
}

static int	always(char *s)
{
	(void)s;
	return (1);
}

static int	recorder(char *s)
{
	if (g_ncalls < MAX_CALLS)
		g_calls[g_ncalls] = s;
	g_ncalls++;
	if (s == NULL || s == g_guard)
		return (1);
	return (g_test(s));
}

static int	pick(const char *name)
{
	static const char	*names[] = {"has_digit", "is_empty", "upper_minus1",
		"long_len", "high_byte", "always", NULL};
	static int			(*funcs[])(char *) = {&has_digit, &is_empty,
		&upper_minus1, &long_len, &high_byte, &always};
	int					i;

	i = 0;
	while (names[i] && strcmp(names[i], name) != 0)
		i++;
	if (!names[i])
		return (0);
	g_test = funcs[i];
	return (1);
}

static void	show_call(int k, char **tab, int n)
{
	int	j;

	if (g_calls[k] == NULL)
	{
		printf(" NULL");
		return ;
	}
	if (g_calls[k] == g_guard)
	{
		printf(" past-the-array");
		return ;
	}
	j = 0;
	while (j < n && tab[j] != g_calls[k])
		j++;
	if (j < n)
		printf(" tab[%d]", j);
	else
		printf(" not-an-element");
}

static void	check_calls(char **tab, int length, int n)
{
	int	ok;
	int	k;

	ok = g_ncalls == length;
	k = 0;
	while (ok && k < g_ncalls)
	{
		ok = g_calls[k] == tab[k];
		k++;
	}
	if (ok)
	{
		printf("f called once per element, in order\n");
		return ;
	}
	printf("f called %d time(s) for length %d, on:", g_ncalls, length);
	k = 0;
	while (k < g_ncalls && k < MAX_CALLS)
		show_call(k++, tab, n);
	printf("\n");
}

int	main(int argc, char **argv)
{
	char	**tab;
	char	**copy;
	int		n;
	int		i;
	int		length;

	if (argc < 3 || !pick(argv[1]))
		return (2);
	length = atoi(argv[2]);
	n = argc - 3;
	tab = malloc(sizeof(char *) * (n + 1 + GUARD));
	copy = malloc(sizeof(char *) * (n + 1 + GUARD));
	i = -1;
	while (++i < n + 1 + GUARD)
		tab[i] = i < n ? argv[i + 3] : g_guard;
	tab[n] = NULL;
	memcpy(copy, tab, sizeof(char *) * (n + 1 + GUARD));
	printf("count=%d\n", ft_count_if(tab, length, &recorder));
	check_calls(copy, length, n);
	i = -1;
	while (++i < n + 1 + GUARD)
		if (tab[i] != copy[i])
			printf("tab[%d] was changed\n", i);
	free(tab);
	free(copy);
	return (0);
}
