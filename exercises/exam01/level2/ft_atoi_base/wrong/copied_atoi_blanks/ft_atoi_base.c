static int	value_of(char c, int base)
{
	int	v;

	v = -1;
	if (c >= '0' && c <= '9')
		v = c - '0';
	else if (c >= 'a' && c <= 'f')
		v = c - 'a' + 10;
	else if (c >= 'A' && c <= 'F')
		v = c - 'A' + 10;
	if (v >= base)
		return (-1);
	return (v);
}

int	ft_atoi_base(const char *str, int str_base)
{
	int	sign;
	int	n;

	while (*str == ' ' || (*str >= '\t' && *str <= '\r'))
		str++;
	sign = 1;
	if (*str == '-' || *str == '+')
	{
		if (*str == '-')
			sign = -1;
		str++;
	}
	n = 0;
	while (value_of(*str, str_base) >= 0)
	{
		n = n * str_base - value_of(*str, str_base);
		str++;
	}
	return (-n * sign);
}
