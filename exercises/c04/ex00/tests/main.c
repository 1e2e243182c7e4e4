#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int	ft_strlen(char *str);

/*
** Test inputs come in argv, written with escapes so that any byte can be given:
** "\xHH" is the byte 0xHH, "\\" is one backslash, and an argument "*N:UNIT" is
** UNIT (itself escaped) repeated N times. The decoded string is copied into a
** larger array whose bytes after the terminator are FILL (environment variable,
** first byte; '~' when unset, 0 when FILL is "zero"), so a function that reads past
** the '\0' sees them.
*/
static int	hexval(char c)
{
	if (c >= '0' && c <= '9')
		return (c - '0');
	if (c >= 'a' && c <= 'f')
		return (c - 'a' + 10);
	if (c >= 'A' && c <= 'F')
		return (c - 'A' + 10);
	return (-1);
}

static size_t	unescape(const char *s, char *out)
{
	size_t	n;

	n = 0;
	while (*s)
	{
		if (s[0] == '\\' && s[1] == 'x' && hexval(s[2]) >= 0 && hexval(s[3]) >= 0)
		{
			if (out)
				out[n] = (char)(hexval(s[2]) * 16 + hexval(s[3]));
			s += 4;
		}
		else
		{
			if (out)
				out[n] = *s;
			s += (s[0] == '\\' && s[1] == '\\') ? 2 : 1;
		}
		n++;
	}
	return (n);
}

#define SLACK 64

static char	*decode(const char *arg)
{
	const char	*fill;
	long		count;
	char		*end;
	size_t		unit;
	char		*buf;
	long		i;

	count = 1;
	if (arg[0] == '*' && arg[1] >= '0' && arg[1] <= '9')
	{
		count = strtol(arg + 1, &end, 10);
		if (*end == ':')
			arg = end + 1;
		else
			count = 1;
	}
	unit = unescape(arg, NULL);
	buf = malloc(unit * count + 1 + SLACK);
	if (!buf)
		exit(3);
	fill = getenv("FILL");
	if (fill && strcmp(fill, "zero") == 0)
		memset(buf, 0, unit * count + 1 + SLACK);
	else
		memset(buf, fill && *fill ? *fill : '~', unit * count + 1 + SLACK);
	i = 0;
	while (i < count)
		unescape(arg, buf + unit * i++);
	buf[unit * count] = '\0';
	return (buf);
}

/* ./prog STR...: prints ft_strlen of each decoded STR on its own line. */
int	main(int argc, char **argv)
{
	char	*s;
	int		i;

	i = 1;
	while (i < argc)
	{
		s = decode(argv[i]);
		printf("%d\n", ft_strlen(s));
		free(s);
		i++;
	}
	return (0);
}
