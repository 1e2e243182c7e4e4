#include <stdio.h>
#include <stdlib.h>
/* included twice: the turned-in header must be protected against it */
#include "ft_list.h"
#include "ft_list.h"

int	ft_list_size(t_list *begin_list);

/* ./prog N: builds a list of N nodes, prints ft_list_size of it, then checks
   that the list is still the same */
int	main(int argc, char **argv)
{
	t_list	**nodes;
	t_list	*head;
	t_list	*cur;
	long	n;
	long	i;

	if (argc != 2)
		return (2);
	n = strtol(argv[1], NULL, 10);
	nodes = malloc(sizeof(t_list *) * (n + 1));
	if (!nodes)
		return (2);
	i = 0;
	while (i < n)
	{
		nodes[i] = malloc(sizeof(t_list));
		if (!nodes[i])
			return (2);
		nodes[i]->data = (void *)(nodes + i);
		i++;
	}
	nodes[n] = NULL;
	i = 0;
	while (i < n)
	{
		nodes[i]->next = nodes[i + 1];
		i++;
	}
	head = n ? nodes[0] : NULL;
	printf("%d\n", ft_list_size(head));
	cur = head;
	i = 0;
	while (i < n && cur == nodes[i] && cur->data == (void *)(nodes + i))
	{
		cur = cur->next;
		i++;
	}
	if (i != n || cur != NULL)
		printf("the list was modified\n");
	i = 0;
	while (i < n)
		free(nodes[i++]);
	free(nodes);
	return (0);
}
