#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"

void	ft_sorted_list_merge(t_list **begin_list1, t_list *begin_list2,
	int (*cmp)());

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
	t_list	*list2;
	void	**before;
	int		n1;

	free(datas);
	n = h_group(argc, argv, 1, &args);
	datas = h_datas(n, args, &count);
	list2 = h_build(datas, count);
	if (h_group(argc, argv, 2, &args) > 0 && strcmp(args[0], "wide") == 0)
		g_wide = 1;
	before = h_snapshot(list, &n1);
	free(datas);
	datas = h_snapshot(list2, &n);
	before = realloc(before, sizeof(void *) * (n1 + n + 1));
	memcpy(before + n1, datas, sizeof(void *) * n);
	ft_sorted_list_merge(&list, list2, h_cmp);
	h_show(list, 0);
	h_check_kept(list, before, n1 + n);
	free(before);
	free(datas);
	h_free_all_nodes();
	h_free_all_datas();
	return (0);
}
