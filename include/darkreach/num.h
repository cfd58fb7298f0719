/* darkreach numerics: thin, status-returning wrappers around GSL quadrature
 * and root finding. The caller owns every workspace; nothing here allocates
 * in a hot loop. Errors come back as dr_status, never through GSL's handler
 * (dr_library_init switches that off). */
#ifndef DARKREACH_NUM_H
#define DARKREACH_NUM_H

#include "darkreach/core.h"

typedef double (*dr_fn)(double x, void *params);

/* Adaptive-quadrature workspace (a gsl_integration_workspace of `limit`
 * subintervals). One per nesting level of an integral. */
typedef struct dr_quad dr_quad;
dr_quad *dr_quad_alloc(size_t limit); /* NULL on ENOMEM */
void dr_quad_free(dr_quad *q);        /* NULL is a no-op */

/* Integral of f over [a, b] with breakpoints pts[0..npts-1] strictly inside
 * (may be NULL/0), to relative tolerance rel_tol (and absolute abs_tol).
 * Returns DR_OK, or DR_ENOCONV with out->val still the best estimate. */
int dr_quad_integrate(dr_quad *q, dr_fn f, void *params, double a, double b,
                      const double *pts, size_t npts, double abs_tol,
                      double rel_tol, dr_estimate *out);

/* Root of f in [lo, hi] (f(lo), f(hi) of opposite signs) by Brent's method,
 * to |dx| <= abs_tol + rel_tol |x|. DR_EDOMAIN if not bracketed. */
int dr_root_brent(dr_fn f, void *params, double lo, double hi, double abs_tol,
                  double rel_tol, double *root, dr_error *e);

/* Scaled modified Bessel functions e^z K_1(z) and e^z K_2(z), for the
 * thermal averages of the relic calculation: cubic Hermite interpolation of
 * ln(e^z K_n) in ln z on 4096 nodes over 1e-2 <= z <= 1e5, with the exact
 * derivatives (K_1' = -K_0 - K_1/z, K_2' = -K_1 - 2 K_2/z) at the nodes; the
 * table is filled once, thread-safely, from GSL. Relative error < 1e-9
 * (tests/test_core.c); outside the range, GSL directly. */
double dr_bessel_k1_scaled(double z);
double dr_bessel_k2_scaled(double z);

#endif
