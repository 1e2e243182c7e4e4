#include <stdlib.h>

int	*ft_range(int start, int end)
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
		while (start <= end)
			tab[i++] = start++;
	}
	else
	{
		while (start >= end)
			tab[i++] = start--;
	}
	return (tab);
}
