#include <stdio.h>
#include <string.h>
#include <limits.h>
#include <unistd.h>

void	ft_putstr(char *str);

#ifdef HIDDEN_long
static char	g_long[] = " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~ !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~ !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~ !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~ !\"#$%&'()*+,-./0123";
#endif

int	main(int argc, char **argv)
{
	if (argc < 2)
		return (2);
	if (strcmp(argv[1], "basic") == 0)
		ft_putstr("Bonjour le monde");
	else if (strcmp(argv[1], "empty") == 0)
		ft_putstr("");
	else if (strcmp(argv[1], "newlines") == 0)
		ft_putstr("line 1\nline 2\n\n");
#ifdef HIDDEN_utf8
	else if (strcmp(argv[1], "utf8") == 0)
		ft_putstr("caf\xc3\xa9 cr\xc3\xa8me");
#endif
#ifdef HIDDEN_embedded_nul
	else if (strcmp(argv[1], "embedded_nul") == 0)
	{
		char	nul[8];

		memcpy(nul, "abc\0def", 8);
		ft_putstr(nul);
	}
#endif
#ifdef HIDDEN_long
	else if (strcmp(argv[1], "long") == 0)
		ft_putstr(g_long);
#endif
	else if (strcmp(argv[1], "twice") == 0)
	{
		ft_putstr("ab");
		ft_putstr("cd");
	}
	else
		return (2);
	return (0);
}
