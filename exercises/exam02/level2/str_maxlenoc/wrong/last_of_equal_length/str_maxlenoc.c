#include <unistd.h>

static int	contains(char *hay, char *needle, int len)
{
	int	i;
	int	j;

	i = 0;
	while (hay[i])
	{
		j = 0;
		while (j < len && hay[i + j] && hay[i + j] == needle[j])
			j++;
		if (j == len)
			return (1);
		i++;
	}
	return (len == 0);
}

static int	in_all(char **args, int count, char *sub, int len)
{
	int	k;

	k = 1;
	while (k < count)
	{
		if (!contains(args[k], sub, len))
			return (0);
		k++;
	}
	return (1);
}

int	main(int argc, char **argv)
{
	int	len;
	int	start;
	int	total;

	if (argc >= 2)
	{
		total = 0;
		while (argv[1][total])
			total++;
		len = total;
		while (len > 0)
		{
			start = total - len;
			while (start >= 0)
			{
				if (in_all(argv + 1, argc - 1, argv[1] + start, len))
				{
					write(1, argv[1] + start, len);
					write(1, "\n", 1);
					return (0);
				}
				start--;
			}
			len--;
		}
	}
	write(1, "\n", 1);
	return (0);
}
