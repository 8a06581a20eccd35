#ifndef BUFFER_H
#define BUFFER_H

#include <stddef.h>

char *buffer_new(size_t size);

#endif
