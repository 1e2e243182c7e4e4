#include <stdio.h>
#include <string.h>
#include <limits.h>
#define _GNU_SOURCE
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

void	*ft_print_memory(void *addr, unsigned int size);

struct s_case
{
	const char		*name;
	unsigned long	addr;
	const char		*data;
	unsigned int	size;
};

static const struct s_case	g_cases[] = {
	{"subject_like", 0x10a161f40UL, "Salut la piscine\011\012\011c\007'est parti pour\011quatre semaines de C\000\012\011ft_print_memory\012\012\012\011bon.courage\012 \000", 93},
	{"size_zero", 0x10a161f40UL, "", 0},
	{"one_full_line", 0x10a161f40UL, "0123456789abcdef", 16},
	{"seventeen_bytes", 0x10a161f40UL, "Hello, piscine 101", 17},
#ifdef HIDDEN_one_byte
	{"one_byte", 0x10a161f40UL, "*", 1},
#endif
#ifdef HIDDEN_odd_size
	{"odd_size", 0x10a161f40UL, "\001\002\003abc\177", 7},
#endif
#ifdef HIDDEN_all_byte_values
	{"all_byte_values", 0x10a161f40UL, "\000\001\002\003\004\005\006\007\010\011\012\013\014\015\016\017\020\021\022\023\024\025\026\027\030\031\032\033\034\035\036\037 !\"#$%&'()*+,-./0123456789:;<=>\?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~\177\200\201\202\203\204\205\206\207\210\211\212\213\214\215\216\217\220\221\222\223\224\225\226\227\230\231\232\233\234\235\236\237\240\241\242\243\244\245\246\247\250\251\252\253\254\255\256\257\260\261\262\263\264\265\266\267\270\271\272\273\274\275\276\277\300\301\302\303\304\305\306\307\310\311\312\313\314\315\316\317\320\321\322\323\324\325\326\327\330\331\332\333\334\335\336\337\340\341\342\343\344\345\346\347\350\351\352\353\354\355\356\357\360\361\362\363\364\365\366\367\370\371\372\373\374\375\376\377", 256},
#endif
#ifdef HIDDEN_high_address
	{"high_address", 0x123456789ab0UL, "adresse haute\012\000\377\200xyz", 20},
#endif
	{0, 0, 0, 0}
};

static unsigned char	*map_at(unsigned long addr)
{
	unsigned long	page;
	void			*p;

	page = addr & ~0xfffUL;
	p = mmap((void *)page, 3 * 4096, PROT_READ | PROT_WRITE,
			MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
	if (p != (void *)page)
	{
		printf("harness: cannot map 0x%lx\n", page);
		exit(3);
	}
	return ((unsigned char *)addr);
}

int	main(int argc, char **argv)
{
	unsigned char	*mem;
	void			*ret;
	int				i;

	if (argc < 2)
		return (2);
	i = 0;
	while (g_cases[i].name && strcmp(g_cases[i].name, argv[1]) != 0)
		i++;
	if (!g_cases[i].name)
		return (2);
	mem = map_at(g_cases[i].addr);
	memcpy(mem, g_cases[i].data, g_cases[i].size);
	ret = ft_print_memory(mem, g_cases[i].size);
	if (ret != mem)
		printf("returned %p instead of addr\n", ret);
	return (0);
}
