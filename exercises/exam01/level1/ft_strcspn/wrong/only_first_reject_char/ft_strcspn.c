#include <stddef.h>

size_t	ft_strcspn(const char *s, const char *reject)
{
	size_t	i;

	i = 0;
	while (s[i] && s[i] != reject[0])
		i++;
	return (i);
}
