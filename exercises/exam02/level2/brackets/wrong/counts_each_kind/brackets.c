#include <unistd.h>

static int	balanced(char *s)
{
	int	p;
	int	b;
	int	c;

	p = 0;
	b = 0;
	c = 0;
	while (*s)
	{
		p += (*s == '(') - (*s == ')');
		b += (*s == '[') - (*s == ']');
		c += (*s == '{') - (*s == '}');
		if (p < 0 || b < 0 || c < 0)
			return (0);
		s++;
	}
	return (p == 0 && b == 0 && c == 0);
}

int	main(int argc, char **argv)
{
	int	i;

	if (argc < 2)
	{
		write(1, "\n", 1);
		return (0);
	}
	i = 1;
	while (i < argc)
	{
		if (balanced(argv[i]))
			write(1, "OK\n", 3);
		else
			write(1, "Error\n", 6);
		i++;
	}
	return (0);
}
