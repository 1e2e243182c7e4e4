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

char	*ft_strjoin(int size, char **strs, char *sep);

/* argv[1]: size; argv[2]: sep; argv[3...]: the strings (escaped), each in a
   block of its exact length + 1; strs is an array of exactly that many
   pointers (one pointer to "unused" when there is none). The result is
   printed, then freed: it must come from malloc. */
int	main(int argc, char **argv)
{
	int		size;
	int		count;
	int		i;
	char	**strs;
	char	*sep;
	char	*res;

	if (argc < 3)
		return (2);
	size = atoi(argv[1]);
	count = argc - 3;
	if (size > count)
		return (2);
	strs = malloc(sizeof(char *) * (count > 0 ? count : 1));
	if (count == 0)
		strs[0] = decode("unused");
	i = 0;
	while (i < count)
	{
		strs[i] = decode(argv[i + 3]);
		i++;
	}
	sep = decode(argv[2]);
	res = ft_strjoin(size, strs, sep);
	if (res == NULL)
		printf("NULL\n");
	else
	{
		printf(" len=%zu\n", show(res));
		free(res);
	}
	i = 0;
	while (i < count || (i == 0 && count == 0))
		free(strs[i++]);
	free(strs);
	free(sep);
	return (0);
}
