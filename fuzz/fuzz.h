/* Shared by the fuzz targets: the input as a read-only stream. */
#ifndef DARKREACH_FUZZ_H
#define DARKREACH_FUZZ_H

#include <stdint.h>
#include <stdio.h>

#include "darkreach/darkreach.h"

/* NULL for an empty input (nothing to read) */
static inline FILE *fuzz_stream(const uint8_t *data, size_t size) {
  return size ? fmemopen((void *)data, size, "r") : NULL;
}

#endif
