/* The moulinette's own main for rush00: the team's main.c is compiled with
 * -Dmain=rush_team_main, so this file is the program's main. It calls
 * rush(x, y) once for each pair of arguments, in order: "5 3 1 1" calls
 * rush(5, 3) then rush(1, 1). Sizes are read with strtol (INT_MIN works). */
#include <stdlib.h>
#undef main

void	rush(int x, int y);

int	main(int argc, char **argv)
{
	int	i;

	i = 1;
	while (i + 1 < argc)
	{
		rush((int)strtol(argv[i], NULL, 10), (int)strtol(argv[i + 1], NULL, 10));
		i += 2;
	}
	return (0);
}
