#include <stdlib.h>

int	*ft_rrange(int start, int end)
{
	int		*tab;
	long	size;
	long	i;

	size = (long)end - (long)start;
	if (size < 0)
		size = -size;
	size++;
	tab = malloc(sizeof(int) * size);
	if (!tab)
		return (NULL);
	i = 0;
	while (i < size)
	{
		if (start <= end)
			tab[i] = (int)(start + i);
		else
			tab[i] = (int)(start - i);
		i++;
	}
	return (tab);
}
