#include <unistd.h>

static int	is_blank(char c)
{
	return (c == ' ' || c == '\t');
}

static void	rostring(char *s)
{
	char	*first;
	int		flen;
	int		printed;

	while (is_blank(*s))
		s++;
	first = s;
	flen = 0;
	while (s[flen] && !is_blank(s[flen]))
		flen++;
	s += flen;
	printed = 0;
	while (*s)
	{
		while (is_blank(*s))
			s++;
		if (!*s)
			break ;
		if (printed)
			write(1, " ", 1);
		while (*s && !is_blank(*s))
			write(1, s++, 1);
		printed = 1;
	}
	if (flen)
		write(1, " ", 1);
	write(1, first, flen);
}

int	main(int argc, char **argv)
{
	if (argc >= 2)
		rostring(argv[1]);
	write(1, "\n", 1);
	return (0);
}
