unsigned int	lcm(unsigned int a, unsigned int b)
{
	unsigned int	x;
	unsigned int	y;
	unsigned int	rest;

	if (a == 0 || b == 0)
		return (0);
	x = a;
	y = b;
	while (y != 0)
	{
		rest = x % y;
		x = y;
		y = rest;
	}
	return (a * b / x);
}
