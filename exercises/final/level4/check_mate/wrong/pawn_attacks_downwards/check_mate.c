#include <unistd.h>

static int	g_n;

static char	at(char **b, int r, int c)
{
	char	ch;

	if (r < 0 || c < 0 || r >= g_n || c >= g_n)
		return ('#');
	ch = b[r][c];
	if (ch == 'P' || ch == 'B' || ch == 'R' || ch == 'Q' || ch == 'K')
		return (ch);
	return ('.');
}

/* the first piece met from the king in direction (dr, dc) */
static char	first(char **b, int r, int c, int d)
{
	int	dr;
	int	dc;

	dr = (d / 3) - 1;
	dc = (d % 3) - 1;
	r += dr;
	c += dc;
	while (at(b, r, c) == '.')
	{
		r += dr;
		c += dc;
	}
	return (at(b, r, c));
}

static int	attacked(char **b, int r, int c)
{
	int		d;
	char	p;

	if (at(b, r - 1, c - 1) == 'P' || at(b, r - 1, c + 1) == 'P')
		return (1);
	d = 0;
	while (d < 9)
	{
		if (d != 4)
		{
			p = first(b, r, c, d);
			if (p == 'Q' || (p == 'R' && d % 2 == 1) || (p == 'B' && d % 2 == 0))
				return (1);
		}
		d++;
	}
	return (0);
}

int	main(int argc, char **argv)
{
	int	r;
	int	c;

	g_n = argc - 1;
	r = 0;
	while (r < g_n)
	{
		c = 0;
		while (c < g_n && argv[r + 1][c] != 'K')
			c++;
		if (c < g_n)
		{
			if (attacked(argv + 1, r, c))
				write(1, "Success\n", 8);
			else
				write(1, "Fail\n", 5);
			return (0);
		}
		r++;
	}
	write(1, "\n", 1);
	return (0);
}
