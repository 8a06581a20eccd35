#include "buffer.h"

#include <stdlib.h>

/* Returns the block it allocates: its callers are charged, in whatever
 * module they are (the CMake build makes this one a shared library). */
char *buffer_new(size_t size)
{
    return calloc(1, size);
}
