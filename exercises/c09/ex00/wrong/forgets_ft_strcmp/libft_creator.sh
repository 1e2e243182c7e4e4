#!/bin/sh
gcc -Wall -Wextra -Werror -c ft_putchar.c ft_swap.c ft_putstr.c ft_strlen.c
ar rcs libft.a ft_putchar.o ft_swap.o ft_putstr.o ft_strlen.o
