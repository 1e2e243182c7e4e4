#include <unistd.h>

int	main(int argc, char **argv)
{
	char	*s;
	int		first;

	if (argc == 2)
	{
		s = argv[1];
		first = 1;
		while (*s)
		{
			while (*s == ' ' || *s == '\t')
				s++;
			if (*s && !first)
				write(1, " ", 1);
			while (*s && *s != ' ' && *s != '\t')
			{
				first = 0;
				write(1, s++, 1);
			}
		}
	}
	write(1, "\n", 1);
	return (0);
}
