#include <stdlib.h>

int	*ft_rrange(int start, int end)
{
	int	*tab;
	int	size;
	int	i;

	size = end - start;
	if (size < 0)
		size = -size;
	size++;
	tab = malloc(size);
	if (!tab)
		return (NULL);
	i = 0;
	while (i < size)
	{
		if (start <= end)
			tab[i] = end - i;
		else
			tab[i] = end + i;
		i++;
	}
	return (tab);
}
