#include "ft.h"
#include "ft.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Every prototype must be declared by ft.h with exactly these types. */
static void	(*g_putchar)(char) = &ft_putchar;
static void	(*g_swap)(int *, int *) = &ft_swap;
static void	(*g_putstr)(char *) = &ft_putstr;
static int	(*g_strlen)(char *) = &ft_strlen;
static int	(*g_strcmp)(char *, char *) = &ft_strcmp;

static int	sign(int n)
{
	return ((n > 0) - (n < 0));
}

int	main(int argc, char **argv)
{
	int	i;
	int	a;
	int	b;

	if (argc < 2)
		return (2);
	i = 2;
	if (strcmp(argv[1], "putstr") == 0)
		while (i < argc)
		{
			g_putstr(argv[i++]);
			g_putchar('\n');
		}
	else if (strcmp(argv[1], "strlen") == 0)
		while (i < argc)
		{
			printf("%d\n", g_strlen(argv[i++]));
			fflush(stdout);
		}
	else if (strcmp(argv[1], "strcmp") == 0 && argc == 4)
		printf("%d\n", sign(g_strcmp(argv[2], argv[3])));
	else if (strcmp(argv[1], "swap") == 0 && argc == 4)
	{
		a = atoi(argv[2]);
		b = atoi(argv[3]);
		g_swap(&a, &b);
		printf("%d %d\n", a, b);
	}
	else
		return (2);
	return (0);
}

void	ft_putchar(char c)
{
	write(1, &c, 1);
}

void	ft_swap(int *a, int *b)
{
	int	t;

	t = *a;
	*a = *b;
	*b = t;
}

void	ft_putstr(char *str)
{
	write(1, str, strlen(str));
}

int	ft_strlen(char *str)
{
	return ((int)strlen(str));
}

int	ft_strcmp(char *s1, char *s2)
{
	return (strcmp(s1, s2));
}
