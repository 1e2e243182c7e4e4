/* ************************************************************************** */
/*                                                                            */
/*                                                        :::      ::::::::   */
/*   ft.h                                               :+:      :+:    :+:   */
/*                                                    +:+ +:+         +:+     */
/*   By: lbernard <lbernard@student.42lyon.fr>      +#+  +:+       +#+        */
/*                                                +#+#+#+#+#+   +#+           */
/*   Created: 2026/12/07 09:14:22 by lbernard          #+#    #+#             */
/*   Updated: 2026/12/07 11:02:48 by lbernard         ###   ########.fr       */
/*                                                                            */
/* ************************************************************************** */

#ifndef FT_H
# define FT_H

void			ft_putchar(char c);
void			ft_swap(int *a, int *b);
void			ft_putstr(char *str);
unsigned int	ft_strlen(char *str);
int				ft_strcmp(char *s1, char *s2);

#endif
