/* The subject's main (set_point), then the same type used through a pointer,
** by its struct name and by copy. */
#include "ft_point.h"
#include "ft_point.h"
#include <stdio.h>
#include <stdlib.h>

void	set_point(t_point *point)
{
	point->x = 42;
	point->y = 21;
}

int	main(int argc, char **argv)
{
	t_point			point;
	struct s_point	other;
	t_point			*p;

	set_point(&point);
	printf("x=%d y=%d\n", point.x, point.y);
	if (argc == 3)
	{
		other.x = atoi(argv[1]);
		other.y = atoi(argv[2]);
		p = &point;
		*p = other;
		printf("x=%d y=%d\n", p->x, p->y);
	}
	return (0);
}
