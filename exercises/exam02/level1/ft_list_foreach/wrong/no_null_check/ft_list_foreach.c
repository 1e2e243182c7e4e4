#include "ft_list.h"

void	ft_list_foreach(t_list *begin_list, void (*f)(void *))
{
	f(begin_list->data);
	while (begin_list->next)
	{
		begin_list = begin_list->next;
		f(begin_list->data);
	}
}
