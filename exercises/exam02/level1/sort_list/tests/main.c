#include <stdio.h>
#include <stdlib.h>
#include "list.h"

t_list	*sort_list(t_list *lst, int (*cmp)(int, int));

static int	ascending(int a, int b)
{
	return (a <= b);
}

static int	descending(int a, int b)
{
	return (a >= b);
}

/* ./prog asc|desc N...: sorts a list of the N with ascending or descending, prints it */
int	main(int argc, char **argv)
{
	t_list	*head;
	t_list	*node;
	t_list	*next;
	int		i;
	int		count;

	if (argc < 2)
		return (2);
	head = NULL;
	i = argc - 1;
	while (i >= 2)
	{
		node = malloc(sizeof(t_list));
		if (!node)
			return (2);
		node->data = (int)strtol(argv[i], NULL, 10);
		node->next = head;
		head = node;
		i--;
	}
	head = sort_list(head, argv[1][0] == 'd' ? descending : ascending);
	count = 0;
	node = head;
	while (node && count <= argc)
	{
		printf(count ? " %d" : "%d", node->data);
		next = node->next;
		free(node);
		node = next;
		count++;
	}
	printf("\n");
	if (count != argc - 2)
		printf("%d element(s) instead of %d\n", count, argc - 2);
	return (0);
}
