#include <stdio.h>
#include <string.h>
#include <limits.h>

static void	show_bytes(const char *buf, int n)
{
	int	i;

	i = 0;
	while (i < n)
	{
		if (buf[i] == '\\')
			printf("\\\\");
		else if (buf[i] >= 32 && buf[i] <= 126)
			printf("%c", buf[i]);
		else
			printf("\\%02x", (unsigned char)buf[i]);
		i++;
	}
}

char	*ft_strupcase(char *str);

struct s_case
{
	const char	*name;
	const char	*str;
};

static const struct s_case	g_cases[] = {
	{"sentence", "Hello, World! 42"},
	{"empty", ""},
	{"already_done", "LOUD & CLEAR"},
	{"mixed", "PiScInE 101"},
#ifdef HIDDEN_borders
	{"borders", "@AZ[`az{"},
#endif
#ifdef HIDDEN_accented
	{"accented", "\303\251t\303\251 \303\211T\303\211"},
#endif
#ifdef HIDDEN_all_ascii
	{"all_ascii", "\001\002\003\004\005\006\007\010\011\012\013\014\015\016\017\020\021\022\023\024\025\026\027\030\031\032\033\034\035\036\037 !\"#$%&'()*+,-./0123456789:;<=>\?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~\177"},
#endif
	{0, 0}
};

int	main(int argc, char **argv)
{
	char	buf[256];
	char	*ret;
	int		i;
	int		len;

	if (argc < 2)
		return (2);
	i = 0;
	while (g_cases[i].name && strcmp(g_cases[i].name, argv[1]) != 0)
		i++;
	if (!g_cases[i].name)
		return (2);
	memset(buf, '~', sizeof(buf));
	len = (int)strlen(g_cases[i].str);
	memcpy(buf, g_cases[i].str, len + 1);
	ret = ft_strupcase(buf);
	printf("%s ", ret == buf ? "ret=str" : "ret!=str");
	show_bytes(buf, len + 2);
	printf("\n");
	return (0);
}
