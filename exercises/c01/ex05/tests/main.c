#include <stdio.h>
#include <string.h>
#include <limits.h>
#include <unistd.h>

void	ft_putstr(char *str);

static char	g_long[] = " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~ !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~ !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~ !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~ !\"#$%&'()*+,-./0123";

int	main(int argc, char **argv)
{
	char	nul[8];

	if (argc < 2)
		return (2);
	memcpy(nul, "abc\0def", 8);
	if (strcmp(argv[1], "basic") == 0)
		ft_putstr("Bonjour le monde");
	else if (strcmp(argv[1], "empty") == 0)
		ft_putstr("");
	else if (strcmp(argv[1], "newlines") == 0)
		ft_putstr("line 1\nline 2\n\n");
	else if (strcmp(argv[1], "utf8") == 0)
		ft_putstr("caf\xc3\xa9 cr\xc3\xa8me");
	else if (strcmp(argv[1], "embedded_nul") == 0)
		ft_putstr(nul);
	else if (strcmp(argv[1], "long") == 0)
		ft_putstr(g_long);
	else if (strcmp(argv[1], "twice") == 0)
	{
		ft_putstr("ab");
		ft_putstr("cd");
	}
	else
		return (2);
	return (0);
}
