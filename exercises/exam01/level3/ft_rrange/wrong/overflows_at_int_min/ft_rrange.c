#include <stdlib.h>

int	*ft_rrange(int start, int end)
{
	int	*tab;
	int	size;
	int	i;

	size = end - start;
	if (size < 0)
		size = -size;
	tab = malloc(sizeof(int) * (size + 1));
	if (!tab)
		return (NULL);
	i = 0;
	if (start <= end)
	{
		while (end >= start)
			tab[i++] = end--;
	}
	else
	{
		while (end <= start)
			tab[i++] = end++;
	}
	return (tab);
}
