/* main.c - the csrlint program: everything lives in the library's front end (core/cli.c). */
#include "cli.h"

int main(int argc, char **argv)
{
	return csrl_cli_main(argc, argv);
}
