#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <limits.h>
#include "ft_btree.h"

/* each exercise uses a part of these helpers */
#pragma GCC diagnostic ignored "-Wunused-function"

/*
** Trees are given in argv, in prefix order with "." for an empty subtree:
**   a b . . c . .        a with children b and c
** Tokens starting with '@' generate subtrees (PREFIX defaults to a letter):
**   @L<n>[:PREFIX] TAIL  a chain of n nodes, each the left child of the one
**                        before; TAIL (a subtree) hangs left of the last one
**   @R<n>[:PREFIX] TAIL  the same to the right
**   @Z<n>[:PREFIX] TAIL  a zigzag: left, right, left, ...
**   @F<d>[:PREFIX]       a full tree of depth d, items numbered level by level
** Items are strings: \xNN is any byte, \\ a backslash. Every node and every
** item is its own malloc block (items of their exact length + 1).
*/

#define MAX_NODES 8192

typedef struct s_snap
{
	t_btree	*node;
	t_btree	*left;
	t_btree	*right;
	void	*item;
}	t_snap;

static t_btree	*g_nodes[MAX_NODES];
static int		g_count;
static t_snap	g_snap[MAX_NODES];
static void		*g_set[4 * MAX_NODES];

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

static char	*numbered(const char *prefix, long k)
{
	char	buf[128];

	snprintf(buf, sizeof(buf), "%s%ld", prefix, k);
	return (decode(buf));
}

/* a set of pointers (open addressing), to tell items from other pointers */
static size_t	slot(void *p)
{
	size_t	h;

	h = ((size_t)p >> 4) * 2654435761u;
	return (h % (4 * MAX_NODES));
}

static void	set_add(void *p)
{
	size_t	h;

	h = slot(p);
	while (g_set[h] != NULL && g_set[h] != p)
		h = (h + 1) % (4 * MAX_NODES);
	g_set[h] = p;
}

static int	set_has(void *p)
{
	size_t	h;

	if (p == NULL)
		return (0);
	h = slot(p);
	while (g_set[h] != NULL)
	{
		if (g_set[h] == p)
			return (1);
		h = (h + 1) % (4 * MAX_NODES);
	}
	return (0);
}

static t_btree	*new_node(char *item)
{
	t_btree	*n;

	if (g_count >= MAX_NODES)
	{
		printf("harness: too many nodes\n");
		exit(2);
	}
	n = malloc(sizeof(t_btree));
	n->left = NULL;
	n->right = NULL;
	n->item = item;
	g_nodes[g_count++] = n;
	set_add(item);
	return (n);
}

static t_btree	*parse(char **tok, int ntok, int *i);

static void	split_gen(const char *t, long *n, const char **prefix)
{
	char	*end;

	*n = strtol(t + 2, &end, 10);
	if (*end == ':')
		*prefix = end + 1;
}

static t_btree	*gen_full(const char *prefix, long k, long total)
{
	t_btree	*n;

	if (k > total)
		return (NULL);
	n = new_node(numbered(prefix, k));
	n->left = gen_full(prefix, 2 * k, total);
	n->right = gen_full(prefix, 2 * k + 1, total);
	return (n);
}

/* node k of a chain hangs left of node k - 1 when left_of(kind, k) */
static int	left_of(char kind, long k)
{
	if (kind == 'L')
		return (1);
	if (kind == 'R')
		return (0);
	return (k % 2 == 0);
}

static t_btree	*gen_chain(char kind, const char *t, char **tok, int ntok,
		int *i)
{
	long		n;
	long		k;
	const char	*prefix;
	t_btree		*root;
	t_btree		*last;
	t_btree		*cur;

	prefix = kind == 'L' ? "l" : (kind == 'R' ? "r" : "z");
	split_gen(t, &n, &prefix);
	root = NULL;
	last = NULL;
	k = 1;
	while (k <= n + 1)
	{
		cur = k <= n ? new_node(numbered(prefix, k)) : parse(tok, ntok, i);
		if (last == NULL)
			root = cur;
		else if (left_of(kind, k))
			last->left = cur;
		else
			last->right = cur;
		if (k <= n)
			last = cur;
		k++;
	}
	return (root);
}

static t_btree	*parse(char **tok, int ntok, int *i)
{
	const char	*t;
	long		d;
	const char	*prefix;
	t_btree		*n;

	if (*i >= ntok)
	{
		printf("harness: tree spec too short\n");
		exit(2);
	}
	t = tok[(*i)++];
	if (strcmp(t, ".") == 0)
		return (NULL);
	if (t[0] == '@' && (t[1] == 'L' || t[1] == 'R' || t[1] == 'Z'))
		return (gen_chain(t[1], t, tok, ntok, i));
	if (t[0] == '@' && t[1] == 'F')
	{
		prefix = "f";
		split_gen(t, &d, &prefix);
		return (gen_full(prefix, 1, (1L << d) - 1));
	}
	n = new_node(decode(t));
	n->left = parse(tok, ntok, i);
	n->right = parse(tok, ntok, i);
	return (n);
}

/* builds the tree of tok[0 .. ntok - 1]; every token must be used */
static t_btree	*build(char **tok, int ntok)
{
	int		i;
	t_btree	*root;

	i = 0;
	root = parse(tok, ntok, &i);
	if (i != ntok)
	{
		printf("harness: %d unused token(s) after the tree\n", ntok - i);
		exit(2);
	}
	return (root);
}

static void	snapshot(void)
{
	int	k;

	k = 0;
	while (k < g_count)
	{
		g_snap[k].node = g_nodes[k];
		g_snap[k].left = g_nodes[k]->left;
		g_snap[k].right = g_nodes[k]->right;
		g_snap[k].item = g_nodes[k]->item;
		k++;
	}
}

/* 1 when no node's left, right or item changed since snapshot() */
static int	unchanged(void)
{
	int	k;

	k = 0;
	while (k < g_count)
	{
		if (g_snap[k].left != g_nodes[k]->left
			|| g_snap[k].right != g_nodes[k]->right
			|| g_snap[k].item != g_nodes[k]->item)
			return (0);
		k++;
	}
	return (1);
}

static void	free_all(void)
{
	int	k;

	k = 0;
	while (k < g_count)
	{
		free(g_snap[k].item);
		free(g_nodes[k]);
		k++;
	}
}

/* output: a text that is printed whole when short, else by its ends, its
   length and an FNV-1a hash */
typedef struct s_out
{
	char	*buf;
	size_t	len;
	size_t	cap;
}	t_out;

static void	out_add(t_out *o, const char *s, size_t n)
{
	if (o->len + n + 1 > o->cap)
	{
		o->cap = (o->len + n + 1) * 2;
		o->buf = realloc(o->buf, o->cap);
	}
	memcpy(o->buf + o->len, s, n);
	o->len += n;
	o->buf[o->len] = '\0';
}

static void	out_str(t_out *o, const char *s)
{
	out_add(o, s, strlen(s));
}

/* an item, escaped: printable ASCII as is, other bytes as \xNN */
static void	out_item(t_out *o, const unsigned char *s)
{
	char	buf[8];

	while (*s)
	{
		if (*s == '\\')
			out_str(o, "\\\\");
		else if (*s > 32 && *s < 127)
			out_add(o, (const char *)s, 1);
		else
		{
			snprintf(buf, sizeof(buf), "\\x%02x", *s);
			out_str(o, buf);
		}
		s++;
	}
}

static void	out_print(const char *label, t_out *o)
{
	unsigned int	h;
	size_t			i;

	if (o->len <= 240)
	{
		printf("%s%s\n", label, o->len ? o->buf : "(nothing)");
		return ;
	}
	h = 2166136261u;
	i = 0;
	while (i < o->len)
		h = (h ^ (unsigned char)o->buf[i++]) * 16777619u;
	printf("%s%.100s ... %s\n", label, o->buf, o->buf + o->len - 100);
	printf("(%zu characters, hash %08x)\n", o->len, h);
}

/* comparators given by name in argv[1] */
static int	cmp_str(void *a, void *b)
{
	unsigned char	*s1;
	unsigned char	*s2;

	s1 = a;
	s2 = b;
	while (*s1 && *s1 == *s2)
	{
		s1++;
		s2++;
	}
	return (*s1 - *s2);
}

static int	cmp_num(void *a, void *b)
{
	return (atoi(a) - atoi(b));
}

static int	cmp_len(void *a, void *b)
{
	return ((int)strlen(a) - (int)strlen(b));
}

static int	cmp_sat(void *a, void *b)
{
	int	r;

	r = cmp_str(a, b);
	if (r < 0)
		return (INT_MIN);
	return (r > 0 ? INT_MAX : 0);
}

static int	cmp_sign(void *a, void *b)
{
	int	r;

	r = cmp_str(a, b);
	return ((r > 0) - (r < 0));
}

static int	(*pick_cmp(const char *name))(void *, void *)
{
	if (strcmp(name, "str") == 0)
		return (&cmp_str);
	if (strcmp(name, "num") == 0)
		return (&cmp_num);
	if (strcmp(name, "len") == 0)
		return (&cmp_len);
	if (strcmp(name, "sat") == 0)
		return (&cmp_sat);
	if (strcmp(name, "sign") == 0)
		return (&cmp_sign);
	printf("harness: unknown comparator %s\n", name);
	exit(2);
}

void		btree_insert_data(t_btree **root, void *item,
				int (*cmpf)(void *, void *));

static int	(*g_cmp)(void *, void *);
static void	*g_cur;
static int	g_badcmp;
static char	**g_ins;
static int	g_nins;
static void	*g_reach[4 * MAX_NODES];
static long	g_walked;

/* cmpf: compares the item being inserted with an item of the tree */
static int	checked_cmp(void *a, void *b)
{
	if (!((a == g_cur && set_has(b)) || (b == g_cur && set_has(a))))
	{
		g_badcmp = 1;
		return (0);
	}
	return (g_cmp(a, b));
}

static void	add_ins(char *item)
{
	g_ins = realloc(g_ins, sizeof(char *) * (g_nins + 1));
	g_ins[g_nins++] = item;
}

/* the items to insert: plain tokens, or @asc<n>[:P] (P0000, P0001 ...),
   @desc<n>[:P] (the same, last first), @same<n>:S (n copies of S, each its
   own block), @rand<n>:SEED (k0000 to k9999 from a linear congruential
   generator) */
static void	gen_items(const char *t)
{
	long			n;
	long			k;
	const char		*p;
	char			*end;
	char			buf[128];
	unsigned long	x;

	k = 1;
	while (t[k] >= 'a' && t[k] <= 'z')
		k++;
	n = strtol(t + k, &end, 10);
	p = *end == ':' ? end + 1 : "k";
	x = strtoul(p, NULL, 10);
	k = 0;
	while (k < n)
	{
		if (strncmp(t, "@asc", 4) == 0)
			snprintf(buf, sizeof(buf), "%s%04ld", p, k);
		else if (strncmp(t, "@desc", 5) == 0)
			snprintf(buf, sizeof(buf), "%s%04ld", p, n - 1 - k);
		else if (strncmp(t, "@same", 5) == 0)
			snprintf(buf, sizeof(buf), "%s", p);
		else
		{
			x = (x * 1103515245ul + 12345ul) % 2147483648ul;
			snprintf(buf, sizeof(buf), "k%04lu", x % 10000);
		}
		add_ins(decode(buf));
		k++;
	}
}

static int	reached(void *p)
{
	size_t	h;

	h = slot(p);
	while (g_reach[h] != NULL)
	{
		if (g_reach[h] == p)
			return (1);
		h = (h + 1) % (4 * MAX_NODES);
	}
	return (0);
}

static void	reach(void *p)
{
	size_t	h;

	h = slot(p);
	while (g_reach[h] != NULL && g_reach[h] != p)
		h = (h + 1) % (4 * MAX_NODES);
	g_reach[h] = p;
}

/* the tree as text: item(left,right), "." for an empty child; a leaf is its
   item alone. Stops on a node reached twice (a cycle or a shared node); a
   garbage pointer crashes here. */
static void	show_tree(t_out *o, t_btree *n)
{
	if (n == NULL)
	{
		out_str(o, ".");
		return ;
	}
	if (reached(n))
	{
		printf("the tree has a cycle or a node linked twice\n");
		exit(0);
	}
	reach(n);
	g_walked++;
	out_item(o, n->item);
	if (n->left == NULL && n->right == NULL)
		return ;
	out_str(o, "(");
	show_tree(o, n->left);
	out_str(o, ",");
	show_tree(o, n->right);
	out_str(o, ")");
}

/* original nodes: still in the tree, same item, and a child they had is
   still there (inserting only fills empty places) */
static int	originals_kept(void)
{
	int	k;

	k = 0;
	while (k < g_count)
	{
		if (!reached(g_nodes[k]) || g_nodes[k]->item != g_snap[k].item
			|| (g_snap[k].left && g_nodes[k]->left != g_snap[k].left)
			|| (g_snap[k].right && g_nodes[k]->right != g_snap[k].right))
			return (0);
		k++;
	}
	return (1);
}

static int	is_original(t_btree *n)
{
	int	k;

	k = 0;
	while (k < g_count)
		if (g_nodes[k++] == n)
			return (1);
	return (0);
}

/* new nodes: each holds one inserted item (the very pointer), each inserted
   item is in exactly one node; the new nodes are freed here */
static int	check_new(t_btree *n, char *used)
{
	int	j;
	int	ok;

	if (n == NULL)
		return (1);
	ok = check_new(n->left, used);
	ok = check_new(n->right, used) && ok;
	if (is_original(n))
		return (ok);
	j = 0;
	while (j < g_nins && (g_ins[j] != n->item || used[j]))
		j++;
	if (j == g_nins)
		ok = 0;
	else
		used[j] = 1;
	free(n);
	return (ok);
}

/* argv[1]: the comparator; then the tree; then "--" and the items to insert,
   in order */
int	main(int argc, char **argv)
{
	t_btree	*root;
	t_out	o;
	int		sep;
	int		j;
	char	*used;
	int		ok;

	if (argc < 3)
		return (2);
	g_cmp = pick_cmp(argv[1]);
	sep = 2;
	while (sep < argc && strcmp(argv[sep], "--") != 0)
		sep++;
	root = build(argv + 2, sep - 2);
	j = sep + 1;
	while (j < argc)
	{
		if (argv[j][0] == '@')
			gen_items(argv[j]);
		else
			add_ins(decode(argv[j]));
		j++;
	}
	snapshot();
	j = 0;
	while (j < g_nins)
	{
		g_cur = g_ins[j];
		btree_insert_data(&root, g_ins[j], &checked_cmp);
		set_add(g_ins[j]);
		j++;
	}
	o.buf = NULL;
	o.len = 0;
	o.cap = 0;
	show_tree(&o, root);
	out_print("tree: ", &o);
	printf("%ld node(s)\n", g_walked);
	if (g_badcmp)
		printf("cmpf was given something else than the new item and an item of the tree\n");
	printf("original nodes: %s\n", originals_kept() ? "kept" : "lost or changed");
	used = calloc(g_nins + 1, 1);
	ok = check_new(root, used);
	j = 0;
	while (j < g_nins)
		ok = ok && used[j++];
	printf("inserted items: %s\n", ok ? "each in one new node" : "missing, duplicated or not the pointer given");
	j = 0;
	while (j < g_nins)
		free(g_ins[j++]);
	free(g_ins);
	free(used);
	free(o.buf);
	free_all();
	return (0);
}
