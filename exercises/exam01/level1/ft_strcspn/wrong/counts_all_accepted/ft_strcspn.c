#include <stddef.h>

static int	in_set(char c, const char *set)
{
	while (*set)
	{
		if (*set == c)
			return (1);
		set++;
	}
	return (0);
}

size_t	ft_strcspn(const char *s, const char *reject)
{
	size_t	n;

	n = 0;
	while (*s)
	{
		if (!in_set(*s, reject))
			n++;
		s++;
	}
	return (n);
}
