/* The moulinette's list toolkit for day c12: decoding of the arguments, the
   registry of every element and every data the moulinette made, and a
   checked walk that never follows a pointer that is not a registered element. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include "check.h"

#define MASK 0x5a5a5a5a5a5a5a5aUL
#define HIDE(p) ((uintptr_t)(p) ^ MASK)
#define SHOW(u) ((t_list *)((u) ^ MASK))

int				g_create_calls;
int				g_wide;
void			*g_ref;
int				g_swapped;
long			g_cmp_calls;
/* Registered elements are kept masked, so that the leak checker does not
   count the registry as a reference to them. */
static uintptr_t	g_nodes[H_MAX];
static char		g_seen[H_MAX];
static int		g_nnodes;
static void		*g_datas[H_MAX];
static char		g_dfreed[H_MAX];
static int		g_ndatas;

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

static void	*reg_data(char *s)
{
	if (g_ndatas >= H_MAX)
	{
		printf("harness: too many data\n");
		exit(3);
	}
	g_datas[g_ndatas] = s;
	g_dfreed[g_ndatas] = 0;
	g_ndatas++;
	return (s);
}

/* A fresh block of exactly length + 1 bytes, \xNN and \\ decoded; "@NULL" is NULL. */
void	*h_string(const char *s)
{
	char	*tmp;
	char	*out;
	size_t	i;
	size_t	n;

	if (strcmp(s, "@NULL") == 0)
		return (NULL);
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
	return (reg_data(out));
}

static char	*plain_copy(const char *s)
{
	char	*out;

	out = malloc(strlen(s) + 1);
	strcpy(out, s);
	return (out);
}

int	h_strcmp(const void *a, const void *b)
{
	const unsigned char	*x = a;
	const unsigned char	*y = b;

	if (x == NULL || y == NULL)
		return ((x != NULL) - (y != NULL));
	while (*x && *x == *y)
	{
		x++;
		y++;
	}
	return (*x - *y);
}

static int	qcmp(const void *a, const void *b)
{
	return (h_strcmp(*(char *const *)a, *(char *const *)b));
}

/* @SEQ:N "0".."N-1"; @REP:N:s N copies of s; @RND:N:S N pseudo-random words
   (seed S, duplicates likely); @SRT:N:S the same words sorted. */
static int	expand(const char *arg, char **out, int room)
{
	long			n;
	unsigned long	seed;
	long			i;
	char			buf[32];
	int				len;
	char			*colon;

	if (strncmp(arg, "@SEQ:", 5) != 0 && strncmp(arg, "@REP:", 5) != 0
		&& strncmp(arg, "@RND:", 5) != 0 && strncmp(arg, "@SRT:", 5) != 0)
		return (-1);
	n = strtol(arg + 5, &colon, 10);
	if (n < 0 || n > room)
	{
		printf("harness: bad expansion\n");
		exit(3);
	}
	seed = (*colon == ':') ? strtoul(colon + 1, NULL, 10) : 1;
	i = 0;
	while (i < n)
	{
		if (arg[1] == 'S' && arg[2] == 'E')
			snprintf(buf, sizeof(buf), "%ld", i);
		else if (arg[1] == 'R' && arg[2] == 'E')
			snprintf(buf, sizeof(buf), "%s", colon + 1);
		else
		{
			seed = seed * 6364136223846793005UL + 1442695040888963407UL;
			len = 1 + (int)((seed >> 33) % 3);
			buf[len] = '\0';
			while (len-- > 0)
			{
				seed = seed * 6364136223846793005UL + 1442695040888963407UL;
				buf[len] = (char)('a' + (seed >> 33) % 6);
			}
		}
		out[i++] = plain_copy(buf);
	}
	if (arg[1] == 'S' && arg[2] == 'R')
		qsort(out, n, sizeof(char *), qcmp);
	return ((int)n);
}

/* The k-th group of arguments (groups are separated by "--"). */
int	h_group(int argc, char **argv, int k, char ***args)
{
	int	i;
	int	start;

	i = 1;
	while (k > 0 && i < argc)
	{
		if (strcmp(argv[i], "--") == 0)
			k--;
		i++;
	}
	start = i;
	while (i < argc && strcmp(argv[i], "--") != 0)
		i++;
	*args = argv + start;
	if (k > 0)
		return (0);
	return (i - start);
}

/* The data of a group: one registered block per element (NULL for "@NULL"). */
void	**h_datas(int n, char **args, int *count)
{
	void	**datas;
	char	**words;
	int		i;
	int		j;
	int		got;

	datas = malloc(sizeof(void *) * (H_MAX + 1));
	words = malloc(sizeof(char *) * H_MAX);
	*count = 0;
	i = 0;
	while (i < n)
	{
		got = expand(args[i], words, H_MAX - *count);
		if (got < 0)
			datas[(*count)++] = h_string(args[i]);
		j = 0;
		while (j < got)
		{
			datas[(*count)++] = reg_data(words[j]);
			j++;
		}
		i++;
	}
	free(words);
	return (datas);
}

t_list	*h_node(void *data)
{
	t_list	*node;

	if (g_nnodes >= H_MAX)
	{
		printf("harness: too many elements\n");
		exit(3);
	}
	node = malloc(sizeof(t_list));
	node->next = NULL;
	node->data = data;
	g_nodes[g_nnodes++] = HIDE(node);
	return (node);
}

t_list	*h_build(void **datas, int n)
{
	t_list	*head;
	t_list	*last;
	t_list	*node;
	int		i;

	head = NULL;
	last = NULL;
	i = 0;
	while (i < n)
	{
		node = h_node(datas[i++]);
		if (last == NULL)
			head = node;
		else
			last->next = node;
		last = node;
	}
	return (head);
}

/* Elements are numbered in the order they were created (head first for a list
   the moulinette builds). */
int	h_node_index(const t_list *node)
{
	int	i;

	i = 0;
	while (i < g_nnodes)
	{
		if (g_nodes[i] == HIDE(node))
			return (i);
		i++;
	}
	return (-1);
}

static int	node_id(const t_list *node)
{
	return (h_node_index(node));
}

int	h_data_index(const void *data)
{
	int	i;

	i = 0;
	while (i < g_ndatas)
	{
		if (g_datas[i] == data)
			return (i);
		i++;
	}
	return (-1);
}

void	h_mark_freed(void *data)
{
	int	i;

	i = h_data_index(data);
	if (i >= 0)
		g_dfreed[i] = 1;
}

int	h_data_freed(const void *data)
{
	int	i;

	i = h_data_index(data);
	return (i >= 0 && g_dfreed[i]);
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

void	h_print_data_raw(const char *s)
{
	printf("\"");
	while (*s)
		show_byte((unsigned char)*s++);
	printf("\"");
}

void	h_print_data(const void *data)
{
	const unsigned char	*s;

	if (data == NULL)
	{
		printf("NULL");
		return ;
	}
	if (h_data_index(data) < 0 || h_data_freed(data))
	{
		printf("<not one of the data>");
		return ;
	}
	s = data;
	printf("\"");
	while (*s)
		show_byte(*s++);
	printf("\"");
}

/* Follows next from head through registered elements only. Fills out[] (when
   given, up to max) and returns the count; -1 when the chain leaves the
   registered elements, -2 when it comes back to an element (a cycle). */
int	h_walk(t_list *head, t_list **out, int max)
{
	int	n;
	int	i;

	memset(g_seen, 0, sizeof(g_seen));
	n = 0;
	while (head != NULL)
	{
		i = node_id(head);
		if (i < 0)
			return (-1);
		if (g_seen[i])
			return (-2);
		g_seen[i] = 1;
		if (out != NULL && n < max)
			out[n] = head;
		n++;
		head = head->next;
	}
	return (n);
}

static void	show_one(t_list *node, int flags)
{
	h_print_data(node->data);
	if (flags & SHOW_IDS)
		printf("#%d", node_id(node));
}

static unsigned long	sum_one(unsigned long sum, t_list *node, int flags)
{
	const unsigned char	*s;

	if (flags & SHOW_IDS)
		sum = sum * 1000003UL + (unsigned long)node_id(node);
	s = node->data;
	if (s == NULL || h_data_index(s) < 0)
		return (sum * 31 + 7);
	while (*s)
		sum = sum * 31 + *s++;
	return (sum * 31 + 1);
}

/* Prints the list on one line: "a"#0 -> "b"#1 -> NULL (ids with SHOW_IDS).
   Lists of more than 24 elements show their first and last 8 elements, their
   length and a checksum. A broken chain is said and the walk stops there. */
int	h_show(t_list *head, int flags)
{
	int				n;
	int				i;
	unsigned long	sum;

	n = h_walk(head, NULL, 0);
	memset(g_seen, 0, sizeof(g_seen));
	i = 0;
	sum = 5381;
	while (head != NULL)
	{
		if (node_id(head) < 0)
		{
			printf("<not an element> (a next pointer leads out of the list)\n");
			return (-1);
		}
		if (g_seen[node_id(head)])
		{
			printf("... (the list loops back to element #%d)\n", node_id(head));
			return (-2);
		}
		g_seen[node_id(head)] = 1;
		sum = sum_one(sum, head, flags);
		if (n <= 24 || i < 8 || i >= n - 8)
		{
			show_one(head, flags);
			printf(" -> ");
		}
		else if (i == 8)
			printf("... -> ");
		head = head->next;
		i++;
	}
	printf("NULL");
	if (n > 24)
		printf(" (%d elements, checksum %lx)", n, sum % 0xffffffffUL);
	printf("\n");
	return (n);
}

void	h_free_nodes_of(t_list *head)
{
	t_list	*next;
	int		n;

	n = h_walk(head, NULL, 0);
	if (n < 0)
		return ;
	while (head != NULL)
	{
		next = head->next;
		g_nodes[node_id(head)] = HIDE(NULL);
		free(head);
		head = next;
	}
}

void	h_free_all_nodes(void)
{
	int	i;

	i = 0;
	while (i < g_nnodes)
	{
		free(SHOW(g_nodes[i]));
		g_nodes[i] = HIDE(NULL);
		i++;
	}
}

void	h_free_all_datas(void)
{
	int	i;

	i = 0;
	while (i < g_ndatas)
	{
		if (!g_dfreed[i])
			free(g_datas[i]);
		g_dfreed[i] = 1;
		i++;
	}
}

/* The comparison given to the candidate's functions: strcmp on the bytes as
   unsigned, NULL before any string. With g_wide it returns values far from
   -1/0/1. It notes when data_ref (g_ref) is passed first. */
int	h_cmp(void *a, void *b)
{
	int	r;

	g_cmp_calls++;
	if (g_ref != NULL && a == g_ref && b != g_ref)
		g_swapped = 1;
	r = h_strcmp(a, b);
	if (!g_wide)
		return ((r > 0) - (r < 0));
	if (r == 0)
		return (0);
	return (r * 1000 + (r > 0 ? 77 : -77));
}

void	h_show_node(const t_list *node, int flags)
{
	if (node == NULL)
		printf("NULL");
	else if (h_node_index(node) < 0)
		printf("<not an element of the list>");
	else
	{
		h_print_data(node->data);
		if (flags & SHOW_IDS)
			printf("#%d", h_node_index(node));
	}
}

/* The log of the calls to the moulinette's f / free_fct: a copy of each
   argument as it was at the call (kind 0 NULL, 1 not one of the data, 2 a string). */
static char		*g_log[H_MAX];
static char		g_kind[H_MAX];
static int		g_nlog;
static int		g_twice;

static void	log_arg(void *data)
{
	if (g_nlog >= H_MAX)
		return ;
	g_log[g_nlog] = NULL;
	if (data == NULL)
		g_kind[g_nlog] = 0;
	else if (h_data_index(data) < 0 || h_data_freed(data))
		g_kind[g_nlog] = 1;
	else
	{
		g_kind[g_nlog] = 2;
		g_log[g_nlog] = plain_copy(data);
	}
	g_nlog++;
}

void	h_f(void *data)
{
	log_arg(data);
}

/* Frees a data the moulinette made (NULL accepted); anything else, or a data
   already freed, is noted and left alone. */
void	h_free_fct(void *data)
{
	if (data == NULL)
		return ;
	log_arg(data);
	if (h_data_index(data) < 0)
		return ;
	if (h_data_freed(data))
	{
		g_twice++;
		return ;
	}
	h_mark_freed(data);
	free(data);
}

void	h_print_log(const char *what)
{
	int				i;
	unsigned long	sum;
	const char		*s;

	printf("%s called %d time%s:", what, g_nlog, g_nlog == 1 ? "" : "s");
	sum = 5381;
	i = 0;
	while (i < g_nlog)
	{
		s = g_log[i];
		while (s != NULL && *s)
			sum = sum * 31 + (unsigned char)*s++;
		sum = sum * 31 + (unsigned long)g_kind[i];
		if (g_nlog <= 24 || i < 8 || i >= g_nlog - 8)
		{
			printf(" ");
			if (g_kind[i] == 0)
				printf("NULL");
			else if (g_kind[i] == 1)
				printf("<not one of the data>");
			else
				h_print_data_raw(g_log[i]);
		}
		else if (i == 8)
			printf(" ...");
		i++;
	}
	if (g_nlog > 24)
		printf(" (checksum %lx)", sum % 0xffffffffUL);
	printf("\n");
	if (g_twice)
		printf("free_fct was given the same data %d more time(s)\n", g_twice);
}

void	h_free_log(void)
{
	while (g_nlog > 0)
		free(g_log[--g_nlog]);
}

/* The data of a list, in order (NULL-terminated array of n + 1 pointers). */
void	**h_snapshot(t_list *head, int *n)
{
	void	**out;
	int		i;

	*n = h_walk(head, NULL, 0);
	out = malloc(sizeof(void *) * (*n > 0 ? *n + 1 : 1));
	i = 0;
	while (head != NULL && i < *n)
	{
		out[i++] = head->data;
		head = head->next;
	}
	return (out);
}

static int	ptrcmp(const void *a, const void *b)
{
	const char	*x = *(const char *const *)a;
	const char	*y = *(const char *const *)b;

	return ((x > y) - (x < y));
}

/* Says whether the list holds exactly the elements and data it was given
   (any order), each once. */
void	h_check_kept(t_list *head, void **before, int n)
{
	void	**after;
	int		m;
	int		i;

	after = h_snapshot(head, &m);
	if (m < 0)
		printf("elements: the chain of next pointers is broken\n");
	else if (m != n)
		printf("elements: %d instead of %d\n", m, n);
	else
	{
		qsort(before, n, sizeof(void *), ptrcmp);
		qsort(after, n, sizeof(void *), ptrcmp);
		i = 0;
		while (i < n && before[i] == after[i])
			i++;
		if (i < n)
			printf("elements: %d, but the data changed (lost or repeated)\n", n);
		else
			printf("elements: the same %d, with the same data\n", n);
	}
	free(after);
}

int	h_log_count(void)
{
	return (g_nlog);
}

int	h_log_twice(void)
{
	return (g_twice);
}
