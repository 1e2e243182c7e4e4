#include <unistd.h>

static int	is_pal(char *s, int len)
{
	int	i;

	i = 0;
	while (i < len / 2)
	{
		if (s[i] != s[len - 1 - i])
			return (0);
		i++;
	}
	return (1);
}

int	main(int argc, char **argv)
{
	int	n;
	int	len;
	int	start;

	if (argc == 2)
	{
		n = 0;
		while (argv[1][n])
			n++;
		len = n;
		while (len > 0)
		{
			start = n - len;
			while (start >= 0 && !is_pal(argv[1] + start, len))
				start--;
			if (start >= 0)
			{
				write(1, argv[1] + start, len);
				break ;
			}
			len--;
		}
	}
	write(1, "\n", 1);
	return (0);
}
