#include "ft_list.h"

int	ft_list_size(t_list *begin_list)
{
	int	size;

	size = 1;
	while (begin_list->next)
	{
		size++;
		begin_list = begin_list->next;
	}
	return (size);
}
