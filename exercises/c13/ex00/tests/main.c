#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include "ft_btree.h"

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
	char	*out;
	size_t	i;
	size_t	n;

	out = malloc(strlen(s) + 1);
	i = 0;
	n = 0;
	while (s[i])
	{
		if (s[i] == '\\' && s[i + 1] == 'x' && hexval(s[i + 2]) >= 0
			&& hexval(s[i + 3]) >= 0)
		{
			out[n++] = (char)(hexval(s[i + 2]) * 16 + hexval(s[i + 3]));
			i += 4;
		}
		else
			out[n++] = s[i++];
	}
	out[n] = '\0';
	return (out);
}

static int	g_static_int = 42;

/*
** argv[1]: what the items are: "str:TEXT" (each node its own copy of TEXT),
** "null", "stack" (addresses of a local array), "static" (a global),
** "node" (each item is the previous node), "ones" (all bits set);
** argv[2]: how many nodes to create. Each node is checked (left and right
** NULL, item the very pointer given, a new address), then freed with free.
*/
int	main(int argc, char **argv)
{
	int			n;
	int			k;
	t_btree		**nodes;
	void		**items;
	int			stack[16];
	int			counts[4];

	if (argc < 3)
		return (2);
	n = atoi(argv[2]);
	nodes = malloc(sizeof(t_btree *) * n);
	items = malloc(sizeof(void *) * n);
	memset(counts, 0, sizeof(counts));
	k = 0;
	while (k < n)
	{
		if (strncmp(argv[1], "str:", 4) == 0)
			items[k] = decode(argv[1] + 4);
		else if (strcmp(argv[1], "null") == 0)
			items[k] = NULL;
		else if (strcmp(argv[1], "stack") == 0)
			items[k] = &stack[k % 16];
		else if (strcmp(argv[1], "static") == 0)
			items[k] = &g_static_int;
		else if (strcmp(argv[1], "node") == 0)
			items[k] = k > 0 ? (void *)nodes[k - 1] : (void *)&g_static_int;
		else
			items[k] = (void *)UINTPTR_MAX;
		nodes[k] = btree_create_node(items[k]);
		k++;
	}
	k = 0;
	while (k < n)
	{
		counts[0] += nodes[k] != NULL;
		if (nodes[k] != NULL)
		{
			counts[1] += nodes[k]->left == NULL;
			counts[2] += nodes[k]->right == NULL;
			counts[3] += nodes[k]->item == items[k];
		}
		k++;
	}
	printf("nodes returned: %d/%d\n", counts[0], n);
	printf("left NULL: %d/%d\n", counts[1], n);
	printf("right NULL: %d/%d\n", counts[2], n);
	printf("item is the pointer given: %d/%d\n", counts[3], n);
	if (n > 0 && nodes[0] != NULL && counts[3] == n
		&& strncmp(argv[1], "str:", 4) == 0)
		printf("first item: \"%s\"\n", (char *)nodes[0]->item);
	k = 0;
	while (k < n)
	{
		free(nodes[k]);
		if (strncmp(argv[1], "str:", 4) == 0)
			free(items[k]);
		k++;
	}
	free(nodes);
	free(items);
	return (0);
}
