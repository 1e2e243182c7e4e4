#include <stdio.h>
#include <stdlib.h>

char	*moment(unsigned int duration);

/* ./prog SECONDS: prints moment(SECONDS) between brackets */
int	main(int argc, char **argv)
{
	char	*s;

	if (argc != 2)
		return (2);
	s = moment((unsigned int)strtoul(argv[1], NULL, 10));
	if (!s)
	{
		printf("NULL\n");
		return (0);
	}
	printf("[%s]\n", s);
	free(s);
	return (0);
}
