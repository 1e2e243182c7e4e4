#include <stdlib.h>
#include <unistd.h>

static int	len_of(char *s)
{
	int	n;

	n = 0;
	while (s[n])
		n++;
	return (n);
}

/* compares the magnitudes of two digit strings */
static int	cmp_mag(char *a, char *b)
{
	int	la;
	int	lb;
	int	i;

	la = len_of(a);
	lb = len_of(b);
	if (la != lb)
		return (la - lb);
	i = 0;
	while (i < la && a[i] == b[i])
		i++;
	if (i == la)
		return (0);
	return (a[i] - b[i]);
}

/* writes |a| + |b| (sub = 0) or |a| - |b| (sub = 1, |a| >= |b|) */
static void	put_op(char *a, char *b, int negative, int sub)
{
	char	*res;
	int		ia;
	int		ib;
	int		k;
	int		carry;
	int		d;

	ia = len_of(a) - 1;
	ib = len_of(b) - 1;
	k = (ia > ib ? ia : ib) + 2;
	res = malloc(k + 2);
	if (!res)
		return ;
	res[k + 1] = '\0';
	carry = 0;
	while (k > 0)
	{
		d = (ia >= 0 ? a[ia--] - '0' : 0);
		if (sub)
			d -= (ib >= 0 ? b[ib--] - '0' : 0) + carry;
		else
			d += (ib >= 0 ? b[ib--] - '0' : 0) + carry;
		carry = (d < 0 || d > 9);
		res[k--] = (d + 10) % 10 + '0';
	}
	k = 1;
	while (res[k] == '0' && res[k + 1])
		k++;
	if (negative && !(res[k] == '0' && !res[k + 1]))
		res[--k] = '-';
	write(1, res + k, len_of(res + k));
	free(res);
}

int	main(int argc, char **argv)
{
	int	na;
	int	nb;

	if (argc == 3)
	{
		na = (argv[1][0] == '-');
		nb = (argv[2][0] == '-');
		if (na == nb)
			put_op(argv[1] + na, argv[2] + nb, na, 0);
		else if (cmp_mag(argv[1] + na, argv[2] + nb) >= 0)
			put_op(argv[1] + na, argv[2] + nb, na, 1);
		else
			put_op(argv[2] + nb, argv[1] + na, nb, 1);
	}
	write(1, "\n", 1);
	return (0);
}
