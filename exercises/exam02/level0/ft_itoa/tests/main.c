#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char	*ft_itoa(int nbr);

/* ./prog N: prints "ft_itoa(N)" between brackets; a second call must not change
   the first result (no shared static buffer) */
int	main(int argc, char **argv)
{
	char	*first;
	char	*second;
	char	copy[64];
	int		n;

	if (argc != 2)
		return (2);
	n = (int)strtol(argv[1], NULL, 10);
	first = ft_itoa(n);
	if (!first)
	{
		printf("NULL\n");
		return (0);
	}
	snprintf(copy, sizeof(copy), "%s", first);
	second = ft_itoa(n == 7 ? 8 : 7);
	printf("[%s]\n", first);
	if (strcmp(copy, first) != 0)
		printf("the first result changed after a second call\n");
	free(first);
	if (second != first)
		free(second);
	return (0);
}
