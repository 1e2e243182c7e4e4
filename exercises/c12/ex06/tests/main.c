#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"

void	ft_list_clear(t_list *begin_list, void (*free_fct)(void *));

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
	int	missing;

	ft_list_clear(list, h_free_fct);
	missing = 0;
	for (int i = 0; i < count; i++)
		if (datas[i] != NULL && !h_data_freed(datas[i]))
		{
			if (missing++ == 0)
				printf("never given to free_fct:");
			if (missing <= 10)
			{
				printf(" ");
				h_print_data(datas[i]);
			}
		}
	if (missing)
		printf(" (%d data)\n", missing);
	else
		printf("free_fct freed every data of the list\n");
	printf("free_fct called %d time(s) with a data that is not NULL\n", h_log_count());
	if (h_log_twice())
		printf("free_fct was given the same data %d more time(s)\n", h_log_twice());
	h_free_log();
	free(datas);
	h_free_all_datas();
	return (0);
}
