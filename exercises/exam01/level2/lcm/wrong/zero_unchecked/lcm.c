unsigned int	lcm(unsigned int a, unsigned int b)
{
	unsigned int	n;
	unsigned int	step;

	step = a > b ? a : b;
	n = step;
	while (n % a != 0 || n % b != 0)
		n += step;
	return (n);
}
