#include <stdlib.h>

char	*ft_itoa_base(int value, int base)
{
	long	n;
	long	tmp;
	int		len;
	int		neg;
	char	*res;

	neg = (value < 0);
	n = value;
	if (neg)
		n = -n;
	len = neg + 1;
	tmp = n;
	while (tmp >= base)
	{
		tmp /= base;
		len++;
	}
	res = malloc(len + 1);
	if (!res)
		return (NULL);
	res[len] = '\0';
	while (len > neg)
	{
		res[--len] = "0123456789ABCDEF"[n % base];
		n /= base;
	}
	if (neg)
		res[0] = '-';
	return (res);
}
