int	ft_atoi(const char *str)
{
	int	sign;
	int	n;

	while (*str == ' ')
		str++;
	sign = 1;
	if (*str == '+' || *str == '-')
	{
		if (*str == '-')
			sign = -1;
		str++;
	}
	n = 0;
	while (*str >= '0' && *str <= '9')
	{
		n = n * 10 - (*str - '0');
		str++;
	}
	return (-n * sign);
}
