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

void	ft_sorted_list_insert(t_list **begin_list, void *data, int (*cmp)());

/* Equal data may go before or after each other: the list is shown without
   element numbers, and the moulinette checks apart that the elements it gave
   are still there, in their order, with one new element per insertion. */
int	main(int argc, char **argv)
{
	char	**args;
	int		n;
	int		count;
	void	**datas;
	t_list	*list;

	n = h_group(argc, argv, 0, &args);
	datas = h_datas(n, args, &count);
	list = h_build(datas, count);
	int		first;
	int		inserts;
	int		order_ok;
	int		fresh;
	int		m;
	t_list	*nodes[H_MAX];

	first = count;
	free(datas);
	if (h_group(argc, argv, 2, &args) > 0 && strcmp(args[0], "wide") == 0)
		g_wide = 1;
	n = h_group(argc, argv, 1, &args);
	datas = h_datas(n, args, &inserts);
	for (int i = 0; i < inserts; i++)
		ft_sorted_list_insert(&list, datas[i], h_cmp);
	if (h_show(list, 0) >= 0)
	{
		m = h_walk(list, nodes, H_MAX);
		order_ok = 1;
		fresh = 0;
		n = 0;
		for (int i = 0; i < m; i++)
		{
			if (h_node_index(nodes[i]) >= first)
				fresh++;
			else if (h_node_index(nodes[i]) != n++)
				order_ok = 0;
		}
		if (n != first || !order_ok)
			printf("the elements given are not all there in their order\n");
		else
			printf("the %d element(s) given kept in order, %d new element(s)\n",
				first, fresh);
	}
	printf("ft_create_elem called %d time(s)\n", g_create_calls);
	free(datas);
	h_free_all_nodes();
	h_free_all_datas();
	return (0);
}
