#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"

t_list	*ft_list_find(t_list *begin_list, void *data_ref, int (*cmp)());

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
	void	*ref;

	n = h_group(argc, argv, 1, &args);
	ref = (n > 0) ? h_string(args[0]) : NULL;
	g_ref = ref;
	if (h_group(argc, argv, 2, &args) > 0 && strcmp(args[0], "wide") == 0)
		g_wide = 1;
	printf("ft_list_find -> ");
	h_show_node(ft_list_find(list, ref, h_cmp), SHOW_IDS);
	printf("\n");
	printf("list after: ");
	h_show(list, SHOW_IDS);
	if (g_swapped)
		printf("cmp was called as cmp(data_ref, data): the element's data comes first\n");
	free(datas);
	h_free_all_nodes();
	h_free_all_datas();
	return (0);
}
