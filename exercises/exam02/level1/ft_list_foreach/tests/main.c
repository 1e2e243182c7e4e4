#include <stdio.h>
#include <stdlib.h>
#include "ft_list.h"

void	ft_list_foreach(t_list *begin_list, void (*f)(void *));

static int	g_calls;

static void	show(void *data)
{
	printf("%d:[%s]\n", g_calls++, (char *)data);
}

/* ./prog WORD...: a list of the words (NULL without any), ft_list_foreach(list, show),
   then checks the list was not changed */
int	main(int argc, char **argv)
{
	t_list	*nodes;
	t_list	*head;
	t_list	*cur;
	int		i;

	nodes = malloc(sizeof(t_list) * (argc > 1 ? argc - 1 : 1));
	if (!nodes)
		return (2);
	i = 0;
	while (i < argc - 1)
	{
		nodes[i].data = argv[i + 1];
		nodes[i].next = (i + 1 < argc - 1) ? &nodes[i + 1] : NULL;
		i++;
	}
	head = argc > 1 ? nodes : NULL;
	ft_list_foreach(head, show);
	printf("%d call(s)\n", g_calls);
	cur = head;
	i = 0;
	while (cur && cur == &nodes[i] && cur->data == argv[i + 1])
	{
		cur = cur->next;
		i++;
	}
	if (cur || i != argc - 1)
		printf("the list was modified\n");
	free(nodes);
	return (0);
}
