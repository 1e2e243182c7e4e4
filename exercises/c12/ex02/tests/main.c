#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"

int	ft_list_size(t_list *begin_list);

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
	printf("ft_list_size -> %d\n", ft_list_size(list));
	printf("list after: ");
	h_show(list, SHOW_IDS);
	free(datas);
	h_free_all_nodes();
	h_free_all_datas();
	return (0);
}
