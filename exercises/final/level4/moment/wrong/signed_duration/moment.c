#include <stdlib.h>

static int	put(char *buf, int i, char *s)
{
	while (*s)
		buf[i++] = *s++;
	return (i);
}

static int	put_nbr(char *buf, int i, int n)
{
	if (n < 0)
	{
		buf[i++] = '-';
		n = -n;
	}
	if (n >= 10)
		i = put_nbr(buf, i, n / 10);
	buf[i] = '0' + n % 10;
	return (i + 1);
}

char	*moment(unsigned int udur)
{
	int	duration;

	char			*res;
	char			*unit;
	int				n;
	int				i;

	res = malloc(32);
	if (!res)
		return (NULL);
	duration = (int)udur;
	n = duration;
	unit = " second";
	if (duration >= 2592000 && (n = duration / 2592000))
		unit = " month";
	else if (duration >= 86400 && (n = duration / 86400))
		unit = " day";
	else if (duration >= 3600 && (n = duration / 3600))
		unit = " hour";
	else if (duration >= 60 && (n = duration / 60))
		unit = " minute";
	i = put_nbr(res, 0, n);
	i = put(res, i, unit);
	if (n != 1)
		i = put(res, i, "s");
	i = put(res, i, " ago.");
	res[i] = '\0';
	return (res);
}
