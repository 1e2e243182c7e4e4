#include <stdlib.h>

char	*ft_strrev(char *str)
{
	int		i;
	int		len;
	char	*copy;

	len = 0;
	while (str[len])
		len++;
	copy = malloc(len + 1);
	i = 0;
	while (i < len)
	{
		copy[i] = str[len - 1 - i];
		i++;
	}
	copy[len] = '\0';
	i = -1;
	while (++i < len)
		str[i] = copy[i];
	free(copy);
	return (str);
}
