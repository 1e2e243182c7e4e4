#include <stdlib.h>

void	ft_print_alphabet(void);

int	main(int argc, char **argv)
{
	int	n;

	n = 1;
	if (argc > 1)
		n = atoi(argv[1]);
	while (n-- > 0)
		ft_print_alphabet();
	return (0);
}
