/* The subject's main, as given, plus the checks of FT_CHECK (values of the
** macros, EVEN used inside expressions). stdio.h and stdlib.h declare no write:
** ft_boolean.h must bring it. */
#include "ft_boolean.h"
#include "ft_boolean.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void	ft_putstr(char *str)
{
	while (*str)
		write(1, str++, 1);
}

t_bool	ft_is_even(int nbr)
{
	return ((EVEN(nbr)) ? TRUE : FALSE);
}

static void	checks(const char *what, int n)
{
	t_bool	b;

	b = TRUE;
	if (strcmp(what, "values") == 0)
	{
		printf("TRUE=%d FALSE=%d SUCCESS=%d\n", TRUE, FALSE, SUCCESS);
		printf("t_bool is %s\n", _Generic(b, int: "int", default: "not int"));
	}
	else if (strcmp(what, "expressions") == 0)
	{
		printf("EVEN(n + 1)=%d\n", (int)(EVEN(n + 1)));
		printf("EVEN(n - 1)=%d\n", (int)(EVEN(n - 1)));
		printf("10 + EVEN(n)=%d\n", (int)(10 + EVEN(n)));
		printf("EVEN(n) * 2=%d\n", (int)(EVEN(n) * 2));
		printf("EVEN(-n)=%d\n", (int)(EVEN(-n)));
		printf("EVEN(n + 2147483646)=%d\n", (int)(EVEN(n + 2147483646)));
	}
	fflush(stdout);
}

int	main(int argc, char **argv)
{
	(void)argv;
	if (getenv("FT_CHECK"))
		checks(getenv("FT_CHECK"), argc - 1);
	if (ft_is_even(argc - 1) == TRUE)
		ft_putstr(EVEN_MSG);
	else
		ft_putstr(ODD_MSG);
	return (SUCCESS);
}
