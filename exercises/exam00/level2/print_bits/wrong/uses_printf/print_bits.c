#include <stdio.h>

void	print_bits(unsigned char octet)
{
	int	i;

	i = 7;
	while (i >= 0)
	{
		printf("%d", (octet >> i) & 1);
		i--;
	}
}
