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

void	ft_list_push_front(t_list **begin_list, void *data);

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
	free(datas);
	n = h_group(argc, argv, 1, &args);
	datas = h_datas(n, args, &count);
	for (int i = 0; i < count; i++)
		ft_list_push_front(&list, datas[i]);
	h_show(list, SHOW_IDS);
	printf("ft_create_elem called %d time(s)\n", g_create_calls);
	free(datas);
	h_free_all_nodes();
	h_free_all_datas();
	return (0);
}
