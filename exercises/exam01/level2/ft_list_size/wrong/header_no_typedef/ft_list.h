#ifndef FT_LIST_H
# define FT_LIST_H

struct s_list
{
	struct s_list	*next;
	void			*data;
};

#endif
