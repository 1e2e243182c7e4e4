#include <stdio.h>
#include <stdlib.h>
#include <string.h>

size_t	ft_strcspn(const char *s, const char *reject);

struct s_case
{
	const char	*name;
	const char	*s;
	const char	*reject;
};

/* inputs that need bytes a command line cannot easily carry */
static const struct s_case	g_cases[] = {
#ifdef HIDDEN_bytes
	{"bytes", "ab\377\200cd", "\200\377"},
#endif
	{0, 0, 0}
};

/* copies str into an exactly sized block whose next bytes are not zero */
static char	*copy(const char *str)
{
	size_t	len;
	char	*dup;

	len = strlen(str);
	dup = malloc(len + 16);
	if (!dup)
		exit(2);
	memset(dup, 'Z', len + 16);
	memcpy(dup, str, len + 1);
	return (dup);
}

/* ./prog S REJECT, or ./prog CASE for a case of the table */
int	main(int argc, char **argv)
{
	const char	*s;
	const char	*reject;
	char		*s_copy;
	char		*reject_copy;
	int			i;

	if (argc == 3)
	{
		s = argv[1];
		reject = argv[2];
	}
	else if (argc == 2)
	{
		i = 0;
		while (g_cases[i].name && strcmp(g_cases[i].name, argv[1]) != 0)
			i++;
		if (!g_cases[i].name)
			return (2);
		s = g_cases[i].s;
		reject = g_cases[i].reject;
	}
	else
		return (2);
	s_copy = copy(s);
	reject_copy = copy(reject);
	printf("%zu\n", ft_strcspn(s_copy, reject_copy));
	free(s_copy);
	free(reject_copy);
	return (0);
}
