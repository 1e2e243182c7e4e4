#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"

t_list	*ft_list_at(t_list *begin_list, unsigned int nbr);

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
	n = h_group(argc, argv, 1, &args);
	for (int i = 0; i < n; i++)
	{
		unsigned int	nbr = (unsigned int)strtoul(args[i], NULL, 10);

		printf("ft_list_at(list, %u) -> ", nbr);
		fflush(stdout);
		h_show_node(ft_list_at(list, nbr), SHOW_IDS);
		printf("\n");
	}
	printf("list after: ");
	h_show(list, SHOW_IDS);
	free(datas);
	h_free_all_nodes();
	h_free_all_datas();
	return (0);
}
