#include <unistd.h>

static char	g_stack[131072];

static int	balanced(char *s)
{
	int	top;

	top = 0;
	while (*s)
	{
		if (*s == '(' || *s == '[' || *s == '{')
			g_stack[top++] = *s;
		else if (*s == ')' || *s == ']' || *s == '}')
		{
			if (top == 0)
				return (0);
			top--;
			if ((*s == ')' && g_stack[top] != '(')
				|| (*s == ']' && g_stack[top] != '[')
				|| (*s == '}' && g_stack[top] != '{'))
				return (0);
		}
		s++;
	}
	return (top == 0);
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
	while (i < 2)
	{
		if (balanced(argv[i]))
			write(1, "OK\n", 3);
		else
			write(1, "Error\n", 6);
		i++;
	}
	return (0);
}
