#include <unistd.h>

static char	*jump(char *pc, int dir)
{
	int	depth;

	depth = 1;
	while (depth)
	{
		pc += dir;
		if (*pc == '[')
			depth += dir;
		else if (*pc == ']')
			depth -= dir;
	}
	return (pc);
}

int	main(int argc, char **argv)
{
	char			mem[2048];
	char			*p;
	char			*pc;
	int				i;

	if (argc != 2)
		return (write(1, "\n", 1), 0);
	i = 0;
	while (i < 2048)
		mem[i++] = 0;
	p = mem;
	pc = argv[1];
	while (*pc)
	{
		if (*pc == '>')
			p++;
		else if (*pc == '<')
			p--;
		else if (*pc == '+')
			(*p)++;
		else if (*pc == '-')
			(*p)--;
		else if (*pc == '.')
			write(1, p, 1);
		else if (*pc == '[' && *p <= 0)
			pc = jump(pc, 1);
		else if (*pc == ']' && *p > 0)
			pc = jump(pc, -1);
		pc++;
	}
	return (0);
}
