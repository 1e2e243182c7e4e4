#include <stdio.h>
#include <stdlib.h>

int	*ft_rrange(int start, int end);

/* ./prog START END: prints the |END - START| + 1 ints of ft_rrange(START, END) */
int	main(int argc, char **argv)
{
	int		start;
	int		end;
	int		*tab;
	long	size;
	long	i;

	if (argc != 3)
		return (2);
	start = (int)strtol(argv[1], NULL, 10);
	end = (int)strtol(argv[2], NULL, 10);
	tab = ft_rrange(start, end);
	if (!tab)
	{
		printf("NULL\n");
		return (0);
	}
	size = (long)end - (long)start;
	if (size < 0)
		size = -size;
	i = 0;
	while (i <= size)
	{
		printf(i ? " %d" : "%d", tab[i]);
		i++;
	}
	printf("\n");
	free(tab);
	return (0);
}
