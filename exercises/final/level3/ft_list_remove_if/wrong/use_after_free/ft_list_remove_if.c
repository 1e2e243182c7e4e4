#include <stdlib.h>
#include "ft_list.h"

void	ft_list_remove_if(t_list **begin_list, void *data_ref, int (*cmp)())
{
	t_list	*cur;
	t_list	*prev;

	prev = NULL;
	cur = *begin_list;
	while (cur)
	{
		if (cmp(cur->data, data_ref) == 0)
		{
			if (prev)
				prev->next = cur->next;
			else
				*begin_list = cur->next;
			free(cur);
		}
		else
			prev = cur;
		cur = cur->next;
	}
}
