#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int	ft_any(char **tab, int (*f)(char *));

/* argv[1] names f, the other arguments are the strings of the array, which
   ends with a null pointer followed by GUARD pointers the function must never
   pass to f. f records every call (the pointer itself, not a copy). */
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

static int	upper_42(char *s)
{
	return (s[0] >= 'A' && s[0] <= 'Z' ? 42 : 0);
}

static int	dash_minus1(char *s)
{
	return (s[0] == '-' ? -1 : 0);
}

static int	high_byte(char *s)
{
	while (*s && (unsigned char)*s < 0x80)
		s++;
	return (*s != '\0');
}

static int	never(char *s)
{
	(void)s;
	return (0);
}

static int	recorder(char *s)
{
	if (g_ncalls < MAX_CALLS)
		g_calls[g_ncalls] = s;
	g_ncalls++;
	if (s == NULL || s == g_guard)
		return (0);
	return (g_test(s));
}

static int	pick(const char *name)
{
	static const char	*names[] = {"has_digit", "is_empty", "upper_42",
		"dash_minus1", "high_byte", "never", NULL};
	static int			(*funcs[])(char *) = {&has_digit, &is_empty,
		&upper_42, &dash_minus1, &high_byte, &never};
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
		printf(" past-the-end");
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

/* The calls must be tab[0], tab[1] ... in order, once each; they may stop
   at the first string for which f is true, and must go on until then. */
static void	check_calls(char **tab, int n)
{
	int	need;
	int	ok;
	int	k;

	need = 0;
	while (need < n && !g_test(tab[need]))
		need++;
	need = need < n ? need + 1 : n;
	ok = g_ncalls >= need && g_ncalls <= n && g_ncalls <= MAX_CALLS;
	k = 0;
	while (ok && k < g_ncalls)
	{
		ok = g_calls[k] == tab[k];
		k++;
	}
	if (ok)
	{
		printf("calls ok\n");
		return ;
	}
	printf("%d call(s), on:", g_ncalls);
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
	int		ret;

	if (argc < 2 || !pick(argv[1]))
		return (2);
	n = argc - 2;
	tab = malloc(sizeof(char *) * (n + 1 + GUARD));
	copy = malloc(sizeof(char *) * (n + 1 + GUARD));
	i = -1;
	while (++i < n)
		tab[i] = argv[i + 2];
	tab[n] = NULL;
	i = n;
	while (++i < n + 1 + GUARD)
		tab[i] = g_guard;
	memcpy(copy, tab, sizeof(char *) * (n + 1 + GUARD));
	ret = ft_any(tab, &recorder);
	printf("ret=%d\n", ret);
	check_calls(copy, n);
	i = -1;
	while (++i < n + 1 + GUARD)
		if (tab[i] != copy[i])
			printf("tab[%d] was changed\n", i);
	free(tab);
	free(copy);
	return (0);
}
