int	is_power_of_2(unsigned int n)
{
	unsigned int	p;

	p = 1;
	while (p <= n)
	{
		if (p == n)
			return (1);
		p *= 2;
	}
	return (0);
}
