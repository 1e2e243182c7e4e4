#include <stdio.h>
#include <stdlib.h>

char	*ft_itoa_base(int value, int base);

/* ./prog VALUE BASE: prints ft_itoa_base(VALUE, BASE) between brackets */
int	main(int argc, char **argv)
{
	char	*s;

	if (argc != 3)
		return (2);
	s = ft_itoa_base((int)strtol(argv[1], NULL, 10), (int)strtol(argv[2], NULL, 10));
	if (!s)
	{
		printf("NULL\n");
		return (0);
	}
	printf("[%s]\n", s);
	free(s);
	return (0);
}
