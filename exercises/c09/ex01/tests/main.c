#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Linked with the libft.a the candidate's Makefile built from the given srcs/. */
void	ft_putchar(char c);
void	ft_swap(int *a, int *b);
void	ft_putstr(char *str);
int		ft_strlen(char *str);
int		ft_strcmp(char *s1, char *s2);

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
			ft_putstr(argv[i++]);
			ft_putchar('\n');
		}
	else if (strcmp(argv[1], "putchar") == 0)
		while (i < argc)
			ft_putchar((char)atoi(argv[i++]));
	else if (strcmp(argv[1], "strlen") == 0)
		while (i < argc)
		{
			printf("%d\n", ft_strlen(argv[i++]));
			fflush(stdout);
		}
	else if (strcmp(argv[1], "strcmp") == 0 && argc == 4)
		printf("%d\n", sign(ft_strcmp(argv[2], argv[3])));
	else if (strcmp(argv[1], "swap") == 0 && argc == 4)
	{
		a = atoi(argv[2]);
		b = atoi(argv[3]);
		ft_swap(&a, &b);
		printf("%d %d\n", a, b);
	}
	else
		return (2);
	return (0);
}
