#include <stdio.h>
#include <string.h>
#include <limits.h>

int	ft_strncmp(char *s1, char *s2, unsigned int n);

struct s_case
{
	const char		*name;
	const char		*s1;
	const char		*s2;
	unsigned int	n;
};

static const struct s_case	g_cases[] = {
	{"equal_n_inside", "Hello", "Help", 3U},
	{"differs_at_n", "Hello", "Help", 4U},
	{"n_zero", "abc", "xyz", 0U},
	{"n_past_end_equal", "abc", "abc", 10U},
	{"n_past_end_prefix", "abc", "abcd", 10U},
	{"greater", "b", "a", 1U},
#ifdef HIDDEN_both_empty
	{"both_empty", "", "", 5U},
#endif
#ifdef HIDDEN_empty_first
	{"empty_first", "", "z", 1U},
#endif
#ifdef HIDDEN_n_one
	{"n_one", "apple", "apricot", 1U},
#endif
#ifdef HIDDEN_n_two
	{"n_two", "apple", "apricot", 3U},
#endif
#ifdef HIDDEN_high_byte
	{"high_byte", "a\351", "az", 2U},
#endif
#ifdef HIDDEN_n_uint_max_equal
	{"n_uint_max_equal", "same", "same", 4294967295U},
#endif
#ifdef HIDDEN_n_uint_max_differs
	{"n_uint_max_differs", "same", "samE", 4294967295U},
#endif
#ifdef HIDDEN_bytes_after_the_nuls_differ
	{"bytes_after_the_nuls_differ", "abc", "abc", 8U},
#endif
	{0, 0, 0, 0}
};

int	main(int argc, char **argv)
{
	char	s1[128];
	char	s2[128];
	int		ret;
	int		i;

	if (argc < 2)
		return (2);
	i = 0;
	while (g_cases[i].name && strcmp(g_cases[i].name, argv[1]) != 0)
		i++;
	if (!g_cases[i].name)
		return (2);
	memset(s1, 0, sizeof(s1));
	memset(s2, 0, sizeof(s2));
	strcpy(s1, g_cases[i].s1);
	strcpy(s2, g_cases[i].s2);
#ifdef HIDDEN_bytes_after_the_nuls_differ
	memcpy(s1 + 4, "XYZW", 4);
	memcpy(s2 + 4, "wxyz", 4);
#endif
	ret = ft_strncmp(s1, s2, g_cases[i].n);
	if (ret < 0)
		printf("negative\n");
	else if (ret > 0)
		printf("positive\n");
	else
		printf("zero\n");
	return (0);
}
