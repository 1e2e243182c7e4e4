/* ************************************************************************** */
/*                                                                            */
/*                                                        :::      ::::::::   */
/*   main.c                                             :+:      :+:    :+:   */
/*                                                    +:+ +:+         +:+     */
/*   By: mbrunet <mbrunet@student.42lyon.fr>        +#+  +:+       +#+        */
/*                                                +#+#+#+#+#+   +#+           */
/*   Created: 2027/01/22 10:04:51 by mbrunet           #+#    #+#             */
/*   Updated: 2027/01/23 17:41:08 by mbrunet          ###   ########.fr       */
/*                                                                            */
/* ************************************************************************** */

#include <unistd.h>
#include "rush02.h"

static int	error(char *message)
{
	ft_putstr(message);
	return (1);
}

static int	is_number(char *s)
{
	int	i;

	i = 0;
	while (s[i] >= '0' && s[i] <= '9')
		i++;
	return (i > 0 && s[i] == '\0');
}

/* a checking pass first: nothing is printed when an entry is missing */
static int	convert(t_dict *dict, char *number)
{
	t_out	out;
	int		len;

	while (*number == '0')
		number++;
	len = ft_strlen(number);
	if (len > 3 * (dict->max_unit + 1))
		return (error("Error\n"));
	out.dict = dict;
	out.print = 0;
	out.first = 1;
	if (!write_number(&out, number, len))
		return (error("Dict Error\n"));
	out.print = 1;
	out.first = 1;
	write_number(&out, number, len);
	write(1, "\n", 1);
	return (0);
}

int	main(int argc, char **argv)
{
	t_dict	dict;
	char	*number;
	char	*path;
	int		status;

	if (argc != 2 && argc != 3)
		return (error("Error\n"));
	number = argv[argc - 1];
	path = DEFAULT_DICT;
	if (argc == 3)
		path = argv[1];
	if (!is_number(number))
		return (error("Error\n"));
	if (!load_dict(path, &dict))
		status = error("Dict Error\n");
	else
		status = convert(&dict, number);
	free_dict(&dict);
	return (status);
}
