#include "ft_list.h"

void	ft_list_foreach(t_list *begin_list, void (*f)(void *))
{
	if (!begin_list)
		return ;
	ft_list_foreach(begin_list->next, f);
	f(begin_list->data);
}
