int	ft_atoi_base(const char *str, int str_base)
{
	int	sign;
	int	n;
	int	v;

	sign = 1;
	if (*str == '-')
	{
		sign = -1;
		str++;
	}
	n = 0;
	while (1)
	{
		if (*str >= '0' && *str <= '9')
			v = *str - '0';
		else if (*str >= 'a' && *str <= 'f')
			v = *str - 'a' + 10;
		else if (*str >= 'A' && *str <= 'F')
			v = *str - 'A' + 10;
		else
			break ;
		n = n * str_base + v;
		str++;
	}
	return (n * sign);
}
