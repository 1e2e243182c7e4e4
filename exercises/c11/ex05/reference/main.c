/* ************************************************************************** */
/*                                                                            */
/*                                                        :::      ::::::::   */
/*   main.c                                             :+:      :+:    :+:   */
/*                                                    +:+ +:+         +:+     */
/*   By: ncaron <ncaron@student.42lyon.fr>          +#+  +:+       +#+        */
/*                                                +#+#+#+#+#+   +#+           */
/*   Created: 2027/01/04 09:14:22 by ncaron            #+#    #+#             */
/*   Updated: 2027/01/04 11:02:48 by ncaron           ###   ########.fr       */
/*                                                                            */
/* ************************************************************************** */

#include "do_op.h"

static int	op_index(char *op)
{
	char	*ops;
	int		i;

	ops = "+-*/%";
	if (op[0] == '\0' || op[1] != '\0')
		return (-1);
	i = 0;
	while (ops[i] && ops[i] != op[0])
		i++;
	if (ops[i] == '\0')
		return (-1);
	return (i);
}

int	main(int argc, char **argv)
{
	int	(*f[5])(int, int);
	int	i;
	int	b;

	if (argc != 4)
		return (0);
	f[0] = &ft_add;
	f[1] = &ft_sub;
	f[2] = &ft_mul;
	f[3] = &ft_div;
	f[4] = &ft_mod;
	i = op_index(argv[2]);
	b = ft_atoi(argv[3]);
	if (i < 0)
		ft_putstr("0");
	else if (i == 3 && b == 0)
		ft_putstr("Stop : division by zero");
	else if (i == 4 && b == 0)
		ft_putstr("Stop : modulo by zero");
	else
		ft_putnbr(f[i](ft_atoi(argv[1]), b));
	ft_putstr("\n");
	return (0);
}
