#!/bin/sh
ar rc libft.a ft_putchar.c ft_swap.c ft_putstr.c ft_strlen.c ft_strcmp.c
ranlib libft.a
