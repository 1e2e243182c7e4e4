#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"

void	ft_list_sort(t_list **begin_list, int (*cmp)());

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
	void	**before;

	if (h_group(argc, argv, 1, &args) > 0 && strcmp(args[0], "wide") == 0)
		g_wide = 1;
	before = h_snapshot(list, &n);
	ft_list_sort(&list, h_cmp);
	h_show(list, 0);
	h_check_kept(list, before, n);
	free(before);
	free(datas);
	h_free_all_nodes();
	h_free_all_datas();
	return (0);
}
