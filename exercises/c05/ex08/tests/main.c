#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int	ft_ten_queens_puzzle(void);

/* calls the function with its standard output sent to /dev/null */
static int	silent_call(void)
{
	int	saved;
	int	devnull;
	int	ret;

	fflush(stdout);
	saved = dup(1);
	devnull = open("/dev/null", O_WRONLY);
	if (saved < 0 || devnull < 0)
		return (-42);
	dup2(devnull, 1);
	ret = ft_ten_queens_puzzle();
	dup2(saved, 1);
	close(devnull);
	close(saved);
	return (ret);
}

int	main(int argc, char **argv)
{
	int	ret;

	if (argc != 2)
		return (2);
	if (strcmp(argv[1], "print") == 0)
	{
		ret = ft_ten_queens_puzzle();
		printf("return value: %d\n", ret);
	}
	else if (strcmp(argv[1], "silent") == 0)
		printf("return value: %d\n", silent_call());
	else if (strcmp(argv[1], "twice") == 0)
	{
		ret = ft_ten_queens_puzzle();
		printf("first call returned %d\n", ret);
		fflush(stdout);
		ret = ft_ten_queens_puzzle();
		printf("second call returned %d\n", ret);
	}
	else
		return (2);
	return (0);
}
