#include <stdlib.h>

char	*ft_itoa_base(int value, int base)
{
	unsigned int	n;
	unsigned int	tmp;
	int				len;
	int				neg;
	char			*res;

	neg = (value < 0 && base == 10);
	n = (unsigned int)value;
	if (neg)
		n = -n;
	len = neg + 1;
	tmp = n;
	while (tmp >= (unsigned int)base)
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
		res[--len] = "0123456789abcdef"[n % base];
		n /= base;
	}
	if (neg)
		res[0] = '-';
	return (res);
}
