#include <stdlib.h>
#include <unistd.h>

static int	is_blank(char c)
{
	return (c == ' ' || c == '\t');
}

static int	word_len(char *s)
{
	int	n;

	n = 0;
	while (s[n] && !is_blank(s[n]))
		n++;
	return (n);
}

static char	lower(char c)
{
	if (c >= 'A' && c <= 'Z')
		return (c + 32);
	return (c);
}

/* 1 when word a goes after word b: longer, or same length and after (no case) */
static int	after(char *a, char *b)
{
	int	la;
	int	lb;
	int	i;

	la = word_len(a);
	lb = word_len(b);
	if (la != lb)
		return (la > lb);
	i = 0;
	while (i < la && lower(a[i]) == lower(b[i]))
		i++;
	return (i < la && (unsigned char)lower(a[i]) > (unsigned char)lower(b[i]));
}

static void	print_words(char **w, int n)
{
	int	i;

	i = 0;
	while (i < n)
	{
		write(1, w[i], word_len(w[i]));
		write(1, "\n", 1);
		i++;
	}
}

int	main(int argc, char **argv)
{
	char	**w;
	char	*s;
	int		n;
	int		i;
	int		j;

	n = 0;
	s = (argc == 2) ? argv[1] : "";
	w = malloc(sizeof(char *) * (131072));
	while (w && *s)
	{
		while (is_blank(*s))
			s++;
		if (*s)
			w[n++] = s;
		s += word_len(s);
	}
	i = 1;
	while (i < n)
	{
		s = w[i];
		j = i - 1;
		while (j >= 0 && after(w[j], s))
		{
			w[j + 1] = w[j];
			j--;
		}
		w[j + 1] = s;
		i++;
	}
	if (n == 0)
		write(1, "\n", 1);
	print_words(w, n);
	free(w);
	return (0);
}
