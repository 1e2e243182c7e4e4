#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"

t_list	*ft_create_elem(void *data);

int	main(int argc, char **argv)
{
	char	**args;
	int		n;
	int		count;
	void	**datas;
	t_list	**made;

	n = h_group(argc, argv, 0, &args);
	datas = h_datas(n, args, &count);
	made = malloc(sizeof(t_list *) * (count + 1));
	for (int i = 0; i < count; i++)
	{
		made[i] = ft_create_elem(datas[i]);
		printf("ft_create_elem(");
		h_print_data(datas[i]);
		printf(") -> ");
		if (made[i] == NULL)
		{
			printf("NULL\n");
			continue ;
		}
		if (made[i]->data == datas[i])
			printf("data: the pointer given");
		else
			printf("data: NOT the pointer given");
		printf(", next: %s\n", made[i]->next == NULL ? "NULL" : "NOT NULL (never set?)");
	}
	for (int i = 0; i < count; i++)
		for (int j = i + 1; j < count; j++)
			if (made[i] != NULL && made[i] == made[j])
			{
				printf("calls %d and %d returned the same element\n", i + 1, j + 1);
				made[j] = NULL;
			}
	for (int i = 0; i < count; i++)
		free(made[i]);
	free(made);
	free(datas);
	h_free_all_nodes();
	h_free_all_datas();
	return (0);
}
