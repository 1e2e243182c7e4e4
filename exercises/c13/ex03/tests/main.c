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

void		btree_apply_suffix(t_btree *root, void (*applyf)(void *));

static t_out	g_visits;
static int		g_nvisits;

/* applyf: records the item; a pointer that is no item of the tree shows */
static void	record(void *item)
{
	if (g_nvisits > 0)
		out_str(&g_visits, " ");
	if (set_has(item))
		out_item(&g_visits, item);
	else
		out_str(&g_visits, "<not an item>");
	g_nvisits++;
}

/* argv: the tree (see above) */
int	main(int argc, char **argv)
{
	t_btree	*root;

	root = build(argv + 1, argc - 1);
	snapshot();
	btree_apply_suffix(root, &record);
	printf("%d visit(s)\n", g_nvisits);
	out_print("order: ", &g_visits);
	printf("%s\n", unchanged() ? "tree unchanged" : "tree modified");
	free_all();
	free(g_visits.buf);
	return (0);
}
