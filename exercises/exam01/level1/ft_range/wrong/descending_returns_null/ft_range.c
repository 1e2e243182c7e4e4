#include <stdlib.h>

int	*ft_range(int start, int end)
{
	int	*tab;
	int	i;

	if (start > end)
		return (NULL);
	tab = malloc(sizeof(int) * (end - start + 1));
	if (!tab)
		return (NULL);
	i = 0;
	while (start + i <= end)
	{
		tab[i] = start + i;
		if (start + i == end)
			break ;
		i++;
	}
	return (tab);
}
