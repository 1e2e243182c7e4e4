/* ************************************************************************** */
/*                                                                            */
/*                                                        :::      ::::::::   */
/*   rush02.h                                           :+:      :+:    :+:   */
/*                                                    +:+ +:+         +:+     */
/*   By: mbrunet <mbrunet@student.42lyon.fr>        +#+  +:+       +#+        */
/*                                                +#+#+#+#+#+   +#+           */
/*   Created: 2027/01/22 10:04:51 by mbrunet           #+#    #+#             */
/*   Updated: 2027/01/23 17:41:08 by mbrunet          ###   ########.fr       */
/*                                                                            */
/* ************************************************************************** */

#ifndef RUSH02_H
# define RUSH02_H

# include <stddef.h>

# define READ_SIZE 4096
# define DEFAULT_DICT "numbers.dict"

typedef struct s_entry
{
	char	*key;
	char	*value;
}	t_entry;

typedef struct s_dict
{
	char	*buf;
	t_entry	*entries;
	int		count;
	int		max_unit;
}	t_dict;

typedef struct s_out
{
	t_dict	*dict;
	int		print;
	int		first;
}	t_out;

char	*read_file(char *path, size_t *len);
int		load_dict(char *path, t_dict *dict);
void	free_dict(t_dict *dict);
char	*dict_get(t_dict *dict, char *key);
int		write_number(t_out *out, char *digits, int len);
int		unit_rank(char *key);
int		ft_strlen(char *s);
int		ft_strcmp(char *a, char *b);
void	ft_putstr(char *s);

#endif
