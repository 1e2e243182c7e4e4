#ifndef T_POINT_H
# define T_POINT_H

typedef struct s_point
{
	int	x;
	int	y;
}	t_point;

#endif
