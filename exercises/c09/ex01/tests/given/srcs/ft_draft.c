/* ************************************************************************** */
/*                                                                            */
/*                                                        :::      ::::::::   */
/*   ft_draft.c                                         :+:      :+:    :+:   */
/*                                                    +:+ +:+         +:+     */
/*   By: staff101 <staff101@student.42lyon.fr>      +#+  +:+       +#+        */
/*                                                +#+#+#+#+#+   +#+           */
/*   Created: 2027/01/04 09:12:31 by staff101          #+#    #+#             */
/*   Updated: 2027/01/04 10:47:05 by staff101         ###   ########.fr       */
/*                                                                            */
/* ************************************************************************** */

#include "ft.h"

/* Work in progress, not part of the library: it does not compile with -Werror
   (an unused variable). */
int	ft_atoi(char *str)
{
	int	unused;

	return (ft_strlen(str));
}
