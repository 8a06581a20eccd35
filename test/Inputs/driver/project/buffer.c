#include "buffer.h"

#include <stdlib.h>

char *buffer_new(size_t size)
{
    return calloc(1, size);
}
