#include <stdlib.h>
#include <unistd.h>

static int	len_of(char *s)
{
	int	n;

	n = 0;
	while (s[n])
		n++;
	return (n);
}

int	main(int argc, char **argv)
{
	int		*acc;
	char	*a;
	char	*b;
	int		i;
	int		j;
	int		la;
	int		lb;
	char	c;

	if (argc != 3)
		return (write(1, "\n", 1), 0);
	a = argv[1] + (argv[1][0] == '-');
	b = argv[2] + (argv[2][0] == '-');
	la = len_of(a);
	lb = len_of(b);
	acc = malloc(sizeof(int) * (la + lb));
	if (!acc)
		return (1);
	i = 0;
	while (i < la + lb)
		acc[i++] = 0;
	i = la - 1;
	while (i >= 0)
	{
		j = lb - 1;
		while (j >= 0)
		{
			acc[i + j + 1] += (a[i] - '0') * (b[j] - '0');
			acc[i + j] += acc[i + j + 1] / 10;
			acc[i + j + 1] %= 10;
			j--;
		}
		i--;
	}
	i = 0;
	if (acc[i] != 0 && (argv[1][0] == '-') != (argv[2][0] == '-'))
		write(1, "-", 1);
	while (i < la + lb)
	{
		c = '0' + acc[i++];
		write(1, &c, 1);
	}
	write(1, "\n", 1);
	free(acc);
	return (0);
}
