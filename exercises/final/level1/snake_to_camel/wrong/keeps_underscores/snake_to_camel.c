#include <unistd.h>

int	main(int argc, char **argv)
{
	char	*s;
	char	c;

	if (argc == 2)
	{
		s = argv[1];
		while (*s)
		{
			if (*s == '_' && s[1] >= 'a' && s[1] <= 'z')
			{
				c = s[1] - 32;
				write(1, "_", 1);
				write(1, &c, 1);
				s += 2;
				continue ;
			}
			if (*s != '_')
				write(1, s, 1);
			s++;
		}
	}
	write(1, "\n", 1);
	return (0);
}
