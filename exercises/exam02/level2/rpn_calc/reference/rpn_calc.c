#include <stdio.h>
#include <stdlib.h>

static int	g_stack[65536];

static int	is_number(char *s, int len)
{
	int	i;

	i = (s[0] == '-' && len > 1);
	if (i == len)
		return (0);
	while (i < len)
	{
		if (s[i] < '0' || s[i] > '9')
			return (0);
		i++;
	}
	return (1);
}

static int	apply(int *top, char op)
{
	int	a;
	int	b;

	if (*top < 2)
		return (0);
	b = g_stack[--*top];
	a = g_stack[*top - 1];
	if ((op == '/' || op == '%') && b == 0)
		return (0);
	if (op == '+')
		g_stack[*top - 1] = a + b;
	else if (op == '-')
		g_stack[*top - 1] = a - b;
	else if (op == '*')
		g_stack[*top - 1] = a * b;
	else if (op == '/')
		g_stack[*top - 1] = a / b;
	else
		g_stack[*top - 1] = a % b;
	return (1);
}

static int	rpn(char *s, int *result)
{
	int	top;
	int	len;

	top = 0;
	while (*s)
	{
		len = 0;
		while (s[len] && s[len] != ' ')
			len++;
		if (len == 1 && (*s == '+' || *s == '-' || *s == '*' || *s == '/'
				|| *s == '%'))
		{
			if (!apply(&top, *s))
				return (0);
		}
		else if (len > 0 && is_number(s, len))
			g_stack[top++] = atoi(s);
		else if (len > 0)
			return (0);
		s += len;
		while (*s == ' ')
			s++;
	}
	*result = g_stack[0];
	return (top == 1);
}

int	main(int argc, char **argv)
{
	int	result;

	if (argc == 2 && rpn(argv[1], &result))
		printf("%d\n", result);
	else
		printf("Error\n");
	return (0);
}
