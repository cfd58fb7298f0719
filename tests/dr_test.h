/* Shared helpers for the cmocka tests. */
#ifndef DR_TEST_H
#define DR_TEST_H

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <cmocka.h>

#include "darkreach/darkreach.h"

/* |got/want - 1| <= tol, with a message that says by how much it missed */
#define assert_rel(got, want, tol)                                                                 \
  do {                                                                                             \
    double g_ = (got), w_ = (want);                                                                \
    double r_ = g_ / w_ - 1;                                                                       \
    if (!(fabs(r_) <= (tol))) {                                                                    \
      print_error("%s = %.8g, expected %.8g (rel. diff %.3g > %.3g)\n", #got, g_, w_, r_,           \
                  (double)(tol));                                                                  \
      fail();                                                                                      \
    }                                                                                              \
  } while (0)

#endif
