/* ************************************************************************** */
/*                                                                            */
/*                                                        :::      ::::::::   */
/*   dict.c                                             :+:      :+:    :+:   */
/*                                                    +:+ +:+         +:+     */
/*   By: mbrunet <mbrunet@student.42lyon.fr>        +#+  +:+       +#+        */
/*                                                +#+#+#+#+#+   +#+           */
/*   Created: 2027/01/22 10:04:51 by mbrunet           #+#    #+#             */
/*   Updated: 2027/01/23 17:41:08 by mbrunet          ###   ########.fr       */
/*                                                                            */
/* ************************************************************************** */

#include <stdlib.h>
#include "rush02.h"

/* value: spaces at both ends trimmed; it may not be empty; keys are unique */
static int	add_entry(t_dict *dict, char *key, char *value)
{
	int	len;

	len = ft_strlen(value);
	if (len == 0 || dict_get(dict, key))
		return (0);
	value[len] = '\0';
	dict->entries[dict->count].key = key;
	dict->entries[dict->count].value = value;
	dict->count++;
	if (unit_rank(key) > dict->max_unit)
		dict->max_unit = unit_rank(key);
	return (1);
}

/* [spaces] digits [spaces] ':' [spaces] value [spaces], or only spaces */
static int	parse_line(char *line, t_dict *dict)
{
	int		i;
	int		end;
	char	*key;

	i = 0;
	while (line[i] == ' ')
		i++;
	if (line[i] == '\0')
		return (1);
	key = line + i;
	while (line[i] >= '0' && line[i] <= '9')
		i++;
	if (line + i == key)
		return (0);
	end = i;
	while (line[i] == ' ')
		i++;
	if (line[i] != ':')
		return (0);
	line[end] = '\0';
	i++;
	while (line[i] == ' ')
		i++;
	return (add_entry(dict, key, line + i));
}

static int	parse_dict(t_dict *dict, size_t len)
{
	size_t	i;
	size_t	start;

	dict->buf[len] = '\0';
	i = 0;
	start = 0;
	while (i <= len)
	{
		if (i == len || dict->buf[i] == '\n')
		{
			dict->buf[i] = '\0';
			if (!parse_line(dict->buf + start, dict))
				return (0);
			start = i + 1;
		}
		i++;
	}
	return (1);
}

int	load_dict(char *path, t_dict *dict)
{
	size_t	len;
	size_t	i;
	size_t	lines;

	dict->entries = NULL;
	dict->count = 0;
	dict->max_unit = 0;
	dict->buf = read_file(path, &len);
	if (!dict->buf)
		return (0);
	lines = 1;
	i = 0;
	while (i < len)
		if (dict->buf[i++] == '\n')
			lines++;
	dict->entries = malloc(sizeof(t_entry) * lines);
	if (!dict->entries)
		return (0);
	return (parse_dict(dict, len));
}

void	free_dict(t_dict *dict)
{
	free(dict->buf);
	free(dict->entries);
}
