/* slurp.h - the test programs' one file reader. */
#ifndef CSRL_TEST_SLURP_H
#define CSRL_TEST_SLURP_H

#include <stddef.h>
#include <stdint.h>

/** The whole of the file at path in a new buffer (free it), with a NUL after its *len
 * bytes so that text can be read as a string; NULL when it cannot be opened or read. */
uint8_t *test_slurp(const char *path, size_t *len);

#endif
