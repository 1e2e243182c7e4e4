#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void	print_memory(const void *addr, size_t size);

/* ./prog ints N...: dumps an int array of exactly that size
   ./prog bytes S: dumps the bytes of S (without its '\0') from a block of that size */
int	main(int argc, char **argv)
{
	unsigned char	*block;
	size_t			size;
	int				i;

	if (argc < 2)
		return (2);
	if (strcmp(argv[1], "ints") == 0)
	{
		size = sizeof(int) * (argc - 2);
		block = malloc(size);
		i = 2;
		while (block && i < argc)
		{
			((int *)block)[i - 2] = (int)strtol(argv[i], NULL, 10);
			i++;
		}
	}
	else
	{
		size = argc > 2 ? strlen(argv[2]) : 0;
		block = malloc(size);
		if (block && size)
			memcpy(block, argv[2], size);
	}
	if (!block)
		return (2);
	fflush(stdout);
	print_memory(block, size);
	free(block);
	return (0);
}
