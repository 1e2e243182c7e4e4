#include <stdlib.h>

char	*ft_itoa(int nbr)
{
	int		n;
	int		len;
	char	*res;

	n = nbr;
	len = (n <= 0);
	while (n != 0)
	{
		n /= 10;
		len++;
	}
	res = malloc(len + 1);
	if (!res)
		return (NULL);
	res[len] = '\0';
	n = nbr;
	if (n < 0)
	{
		res[0] = '-';
		n = -n;
	}
	if (n == 0)
		res[0] = '0';
	while (n > 0)
	{
		res[--len] = '0' + n % 10;
		n /= 10;
	}
	return (res);
}
