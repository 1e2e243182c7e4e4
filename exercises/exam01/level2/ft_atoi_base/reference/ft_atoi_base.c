/* ************************************************************************** */
/*                                                                            */
/*                                                        :::      ::::::::   */
/*   ft_atoi_base.c                                     :+:      :+:    :+:   */
/*                                                    +:+ +:+         +:+     */
/*   By: mmarchal <mmarchal@student.42.fr>          +#+  +:+       +#+        */
/*                                                +#+#+#+#+#+   +#+           */
/*   Created: 2026/12/14 09:12:40 by mmarchal          #+#    #+#             */
/*   Updated: 2026/12/14 09:31:05 by mmarchal         ###   ########.fr       */
/*                                                                            */
/* ************************************************************************** */

static int	digit_value(char c, int base)
{
	int	value;

	if (c >= '0' && c <= '9')
		value = c - '0';
	else if (c >= 'a' && c <= 'f')
		value = c - 'a' + 10;
	else if (c >= 'A' && c <= 'F')
		value = c - 'A' + 10;
	else
		return (-1);
	if (value >= base)
		return (-1);
	return (value);
}

int	ft_atoi_base(const char *str, int str_base)
{
	int	negative;
	int	n;

	negative = 0;
	if (*str == '-')
	{
		negative = 1;
		str++;
	}
	n = 0;
	while (digit_value(*str, str_base) >= 0)
	{
		n = n * str_base - digit_value(*str, str_base);
		str++;
	}
	if (negative)
		return (n);
	return (-n);
}
