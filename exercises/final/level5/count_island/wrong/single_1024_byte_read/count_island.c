#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

static char	*g_map;
static int	g_w;
static int	g_h;

char	*read_all(int fd, int *len)
{
	char	*buf;
	char	*tmp;
	int		cap;
	int		n;
	int		i;

	buf = NULL;
	cap = 0;
	*len = 0;
	while (1)
	{
		if (*len + 4096 > cap)
		{
			cap = (*len + 4096) * 2;
			tmp = malloc(cap);
			if (!tmp)
				return (free(buf), NULL);
			i = -1;
			while (++i < *len)
				tmp[i] = buf[i];
			free(buf);
			buf = tmp;
		}
		n = read(fd, buf + *len, 4096);
		if (n < 0)
			return (free(buf), NULL);
		if (n == 0)
			return (buf);
		*len += n;
	}
}

static int	valid(char *m, int len)
{
	int	i;

	g_w = 0;
	while (g_w < len && m[g_w] != '\n')
		g_w++;
	if (g_w == 0 || g_w == len || len % (g_w + 1) != 0)
		return (0);
	g_h = len / (g_w + 1);
	i = -1;
	while (++i < len)
	{
		if (i % (g_w + 1) == g_w && m[i] != '\n')
			return (0);
		if (i % (g_w + 1) != g_w && m[i] != '.' && m[i] != 'X')
			return (0);
	}
	return (1);
}

static void	fill(int r, int c, char digit)
{
	if (r < 0 || c < 0 || r >= g_h || c >= g_w || g_map[r * (g_w + 1) + c] != 'X')
		return ;
	g_map[r * (g_w + 1) + c] = digit;
	fill(r, c - 1, digit);
	fill(r, c + 1, digit);
	fill(r - 1, c, digit);
	fill(r + 1, c, digit);
}

int	main(int argc, char **argv)
{
	int		fd;
	int		len;
	int		i;
	char	digit;

	if (argc != 2)
		return (write(1, "\n", 1), 0);
	fd = open(argv[1], O_RDONLY);
	if (fd < 0)
		return (write(1, "\n", 1), 0);
	g_map = malloc(1024);
	len = read(fd, g_map, 1024);
	if (len < 0)
		len = 0;
	close(fd);
	if (!g_map || !valid(g_map, len))
		return (free(g_map), write(1, "\n", 1), 0);
	digit = '0';
	i = -1;
	while (++i < len)
		if (g_map[i] == 'X')
			fill(i / (g_w + 1), i % (g_w + 1), digit++);
	write(1, g_map, len);
	free(g_map);
	return (0);
}
