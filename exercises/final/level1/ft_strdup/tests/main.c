#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char	*ft_strdup(char *src);

/* ./prog S: duplicates S, checks the copy is a new block, prints it */
int	main(int argc, char **argv)
{
	char	*copy;

	if (argc != 2)
		return (2);
	copy = ft_strdup(argv[1]);
	if (!copy)
	{
		printf("NULL\n");
		return (0);
	}
	if (copy == argv[1])
	{
		printf("not a copy\n");
		return (0);
	}
	argv[1][0] = '#';
	printf("[%s]\n", copy);
	free(copy);
	return (0);
}
