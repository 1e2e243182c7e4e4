#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <limits.h>

/* Arguments may hold \xNN (any byte) and \\ (a backslash): decoded here. */
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

/* A fresh block of exactly length + 1 bytes: reading past its '\0' is caught. */
static char	*decode(const char *s)
{
	char	*tmp;
	char	*out;
	size_t	i;
	size_t	n;

	tmp = malloc(strlen(s) + 1);
	i = 0;
	n = 0;
	while (s[i])
	{
		if (s[i] == '\\' && s[i + 1] == 'x' && hexval(s[i + 2]) >= 0
			&& hexval(s[i + 3]) >= 0)
		{
			tmp[n++] = (char)(hexval(s[i + 2]) * 16 + hexval(s[i + 3]));
			i += 4;
		}
		else if (s[i] == '\\' && s[i + 1] == '\\')
		{
			tmp[n++] = '\\';
			i += 2;
		}
		else
			tmp[n++] = s[i++];
	}
	out = malloc(n + 1);
	memcpy(out, tmp, n);
	out[n] = '\0';
	free(tmp);
	return (out);
}

static void	show_byte(unsigned char c)
{
	if (c == '\\')
		printf("\\\\");
	else if (c == '"')
		printf("\\\"");
	else if (c >= 32 && c <= 126)
		printf("%c", c);
	else
		printf("\\x%02x", c);
}

/* Prints a string between quotes, escaped; long ones by their ends, length
   and checksum. The length is counted here, byte by byte: a string without
   its '\0' runs off its block. */
static size_t	show(const char *s)
{
	size_t			len;
	size_t			i;
	unsigned long	sum;

	len = 0;
	sum = 0;
	while (s[len] != '\0')
	{
		sum = sum * 31 + (unsigned char)s[len];
		len++;
	}
	printf("\"");
	i = 0;
	while (i < len)
	{
		if (len > 200 && i == 60)
		{
			printf("\"...\"");
			i = len - 60;
		}
		show_byte((unsigned char)s[i]);
		i++;
	}
	printf("\"");
	if (len > 200)
		printf(" (%zu bytes, checksum %lx)", len, sum % 0xffffffffUL);
	return (len);
}

char	**ft_split(char *str, char *charset);

/* argv[1]: charset; argv[2]: str (escaped); argv[3], optional: how many
   times argv[2] is repeated to make str. Prints the words up to the NULL
   that ends the array, then frees each word and the array. */
int	main(int argc, char **argv)
{
	char	*charset;
	char	*piece;
	char	*str;
	char	**tab;
	size_t	plen;
	long	k;
	long	times;

	if (argc < 3)
		return (2);
	charset = decode(argv[1]);
	piece = decode(argv[2]);
	plen = strlen(piece);
	times = (argc > 3) ? atol(argv[3]) : 1;
	str = malloc(plen * times + 1);
	k = 0;
	while (k < times)
	{
		memcpy(str + k * plen, piece, plen);
		k++;
	}
	str[plen * times] = '\0';
	free(piece);
	tab = ft_split(str, charset);
	if (tab == NULL)
		printf("NULL\n");
	if (tab == NULL)
		return (free(str), free(charset), 0);
	k = 0;
	while (tab[k] != NULL && k <= (long)(plen * times))
		k++;
	printf("%ld word(s)", k);
	if (tab[k] != NULL)
	{
		printf(", no NULL at the end\n");
		return (free(str), free(charset), 0);
	}
	k = 0;
	while (tab[k] != NULL && k <= (long)(plen * times))
	{
		if (k < 30 || tab[k + 1] == NULL)
		{
			printf(k ? " " : ": ");
			show(tab[k]);
		}
		else if (k == 30)
			printf(" ...");
		free(tab[k]);
		k++;
	}
	printf("\n");
	free(tab);
	free(str);
	free(charset);
	return (0);
}
