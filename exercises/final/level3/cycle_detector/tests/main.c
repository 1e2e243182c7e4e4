#include <stdio.h>
#include <stdlib.h>
#include "list.h"

int	cycle_detector(const t_list *list);

/* ./prog N K: a list of N nodes; with K >= 0 the last node points back to node K */
int	main(int argc, char **argv)
{
	t_list	*nodes;
	long	n;
	long	k;
	long	i;

	if (argc != 3)
		return (2);
	n = strtol(argv[1], NULL, 10);
	k = strtol(argv[2], NULL, 10);
	nodes = malloc(sizeof(t_list) * (n > 0 ? n : 1));
	if (!nodes)
		return (2);
	i = 0;
	while (i < n)
	{
		nodes[i].data = (int)(i % 7);
		nodes[i].next = (i + 1 < n) ? &nodes[i + 1] : NULL;
		i++;
	}
	if (n > 0 && k >= 0)
		nodes[n - 1].next = &nodes[k];
	printf("%d\n", cycle_detector(n > 0 ? nodes : NULL));
	free(nodes);
	return (0);
}
