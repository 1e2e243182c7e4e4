/* ************************************************************************** */
/*                                                                            */
/*                                                        :::      ::::::::   */
/*   bsq.h                                              :+:      :+:    :+:   */
/*                                                    +:+ +:+         +:+     */
/*   By: ychevali <ychevali@student.42lyon.fr>      +#+  +:+       +#+        */
/*                                                +#+#+#+#+#+   +#+           */
/*   Created: 2026/12/18 09:14:22 by ychevali          #+#    #+#             */
/*   Updated: 2026/12/18 11:02:48 by ychevali         ###   ########.fr       */
/*                                                                            */
/* ************************************************************************** */

#ifndef BSQ_H
# define BSQ_H

# include <stddef.h>

# define READ_SIZE 65536

typedef struct s_map
{
	char	*buf;
	size_t	len;
	char	*grid;
	long	rows;
	long	cols;
	char	empty;
	char	obst;
	char	full;
}	t_map;

typedef struct s_best
{
	long	size;
	long	row;
	long	col;
}	t_best;

int		read_all(int fd, t_map *m);
int		parse_map(t_map *m);
int		solve_map(t_map *m);

#endif
