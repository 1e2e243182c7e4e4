int	ft_atoi_base(const char *str, int str_base)
{
	char	*digits;
	int		sign;
	int		n;
	int		v;

	digits = "0123456789abcdef";
	sign = 1;
	if (*str == '-')
	{
		sign = -1;
		str++;
	}
	n = 0;
	while (*str)
	{
		v = 0;
		while (v < str_base && digits[v] != *str)
			v++;
		if (v == str_base)
			break ;
		n = n * str_base + v;
		str++;
	}
	return (n * sign);
}
