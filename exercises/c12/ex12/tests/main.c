#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"

void	ft_list_remove_if(t_list **begin_list, void *data_ref, int (*cmp)(),
	void (*free_fct)(void *));

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
	ft_list_remove_if(&list, ref, h_cmp, h_free_fct);
	printf("list after: ");
	h_show(list, SHOW_IDS);
	h_print_log("free_fct");
	h_free_log();
	if (g_swapped)
		printf("cmp was called as cmp(data_ref, data): the element's data comes first\n");
	h_free_nodes_of(list);
	free(datas);
	h_free_all_datas();
	return (0);
}
