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

/* a built-in experiment card by name (data/experiments/ID.ini); fails the test if it does not load */
static inline dr_experiment dr_test_card(const char *id) {
  char path[512];
  snprintf(path, sizeof path, "%s/experiments/%s.ini", DR_TEST_DATADIR, id);
  dr_experiment x;
  dr_error e;
  dr_error_clear(&e);
  if (dr_experiment_load(path, &x, &e) != DR_OK) print_error("%s\n", e.msg), fail();
  return x;
}

#endif
