/* The moulinette's list toolkit for day c12 (not the candidate's). */
#ifndef CHECK_H
# define CHECK_H
# include "ft_list.h"

# define H_MAX 8192
# define SHOW_IDS 1

extern int	g_create_calls;

int		h_group(int argc, char **argv, int k, char ***args);
void	**h_datas(int n, char **args, int *count);
void	*h_string(const char *arg);
t_list	*h_node(void *data);
t_list	*h_build(void **datas, int n);
int		h_node_index(const t_list *node);
int		h_data_index(const void *data);
void	h_mark_freed(void *data);
int		h_data_freed(const void *data);
void	h_print_data(const void *data);
int		h_show(t_list *head, int flags);
int		h_walk(t_list *head, t_list **out, int max);
void	h_free_nodes_of(t_list *head);
void	h_free_all_nodes(void);
void	h_free_all_datas(void);
int		h_cmp(void *a, void *b);
int		h_strcmp(const void *a, const void *b);
void	h_print_data_raw(const char *s);
void	h_show_node(const t_list *node, int flags);
void	h_f(void *data);
void	h_free_fct(void *data);
void	h_print_log(const char *what);
void	h_free_log(void);
int		h_log_count(void);
int		h_log_twice(void);
void	**h_snapshot(t_list *head, int *n);
void	h_check_kept(t_list *head, void **before, int n);
extern int	g_wide;
extern void	*g_ref;
extern int	g_swapped;
extern long	g_cmp_calls;

#endif
