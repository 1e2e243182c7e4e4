#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "ft_list.h"

void	ft_list_remove_if(t_list **begin_list, void *data_ref, int (*cmp)());

/* ./prog REF WORD...: a list of the WORDs (malloc'd nodes), removes those equal to REF
   (strcmp), prints what is left and frees it */
int	main(int argc, char **argv)
{
	t_list	*head;
	t_list	*node;
	int		i;

	if (argc < 2)
		return (2);
	head = NULL;
	i = argc - 1;
	while (i >= 2)
	{
		node = malloc(sizeof(t_list));
		if (!node)
			return (2);
		node->data = argv[i];
		node->next = head;
		head = node;
		i--;
	}
	ft_list_remove_if(&head, argv[1], strcmp);
	printf("[");
	i = 0;
	while (head && i < argc)
	{
		printf(i ? " %s" : "%s", (char *)head->data);
		node = head->next;
		free(head);
		head = node;
		i++;
	}
	printf("]\n");
	return (0);
}
