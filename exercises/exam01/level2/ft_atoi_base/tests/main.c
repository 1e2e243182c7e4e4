#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int	ft_atoi_base(const char *str, int str_base);

/* ./prog STR BASE: prints ft_atoi_base(STR, BASE); STR is copied into a
   buffer whose bytes after the '\0' are digits */
int	main(int argc, char **argv)
{
	char	buf[256];
	size_t	len;

	if (argc != 3)
		return (2);
	len = strlen(argv[1]);
	if (len >= sizeof(buf))
		return (2);
	memset(buf, '7', sizeof(buf));
	memcpy(buf, argv[1], len + 1);
	printf("%d\n", ft_atoi_base(buf, atoi(argv[2])));
	return (0);
}
