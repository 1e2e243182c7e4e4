#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"

/* From ex01 on, the moulinette's own ft_create_elem is linked in (42's rule):
   every element it makes is registered and counted. */
t_list	*ft_create_elem(void *data)
{
	g_create_calls++;
	return (h_node(data));
}

t_list	*ft_list_push_strs(int size, char **strs);

/* strs is a block of exactly size pointers (no NULL after the last one). */
int	main(int argc, char **argv)
{
	char			**args;
	int				n;
	int				count;
	void			**datas;
	char			**strs;
	t_list			*list;
	t_list			*nodes[H_MAX];
	unsigned long	sum;

	n = h_group(argc, argv, 0, &args);
	datas = h_datas(n, args, &count);
	strs = malloc(sizeof(char *) * count);
	for (int i = 0; i < count; i++)
		strs[i] = datas[i];
	list = ft_list_push_strs(count, strs);
	n = h_walk(list, nodes, H_MAX);
	if (n < 0)
		h_show(list, 0);
	else
	{
		printf("list: ");
		sum = 5381;
		for (int i = 0; i < n; i++)
		{
			int	k = 0;

			while (k < count && strs[k] != nodes[i]->data)
				k++;
			sum = sum * 31 + (unsigned long)k;
			if (n > 24 && i >= 8 && i < n - 8)
			{
				if (i == 8)
					printf("... -> ");
				continue ;
			}
			if (k < count)
				printf("strs[%d] ", k);
			else
				printf("(not one of the strs pointers) ");
			h_print_data(nodes[i]->data);
			printf(" -> ");
		}
		printf("NULL");
		if (n > 24)
			printf(" (%d elements, checksum %lx)", n, sum % 0xffffffffUL);
		printf("\n");
	}
	printf("ft_create_elem called %d time(s)\n", g_create_calls);
	free(strs);
	free(datas);
	h_free_all_nodes();
	h_free_all_datas();
	return (0);
}
