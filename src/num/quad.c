/* Quadrature and root finding on GSL ([Galassi:2009gsl], QUADPACK
 * [Piessens:1983quadpack] QAGS/QAGP and Brent's method). */
#include "darkreach/num.h"

#include <gsl/gsl_errno.h>
#include <gsl/gsl_integration.h>
#include <gsl/gsl_roots.h>
#include <math.h>
#include <stdlib.h>

struct dr_quad {
  gsl_integration_workspace *w;
  size_t limit;
};

dr_quad *dr_quad_alloc(size_t limit) {
  dr_quad *q = malloc(sizeof *q);
  if (!q) return NULL;
  q->limit = limit;
  q->w = gsl_integration_workspace_alloc(limit);
  if (!q->w) {
    free(q);
    return NULL;
  }
  return q;
}

void dr_quad_free(dr_quad *q) {
  if (!q) return;
  gsl_integration_workspace_free(q->w);
  free(q);
}

int dr_quad_integrate(dr_quad *q, dr_fn f, void *params, double a, double b,
                      const double *pts, size_t npts, double abs_tol, double rel_tol,
                      dr_estimate *out) {
  gsl_function F = {f, params};
  double val = 0, err = 0;
  int rc;
  out->chi2_dof = 0;
  out->neval = 0;
  if (!(b > a)) {
    out->val = out->err = 0;
    out->status = DR_OK;
    return DR_OK;
  }
  if (npts > 0) {
    double p[16];
    size_t n = 0;
    p[n++] = a;
    for (size_t i = 0; i < npts && n < 15; i++)
      if (pts[i] > p[n - 1] && pts[i] < b) p[n++] = pts[i];
    p[n++] = b;
    rc = gsl_integration_qagp(&F, p, n, abs_tol, rel_tol, q->limit, q->w, &val, &err);
  } else {
    rc = gsl_integration_qags(&F, a, b, abs_tol, rel_tol, q->limit, q->w, &val, &err);
  }
  out->val = val;
  out->err = err;
  out->neval = q->w->size; /* subintervals used; evaluations = 21 per interval */
  out->status = (rc == GSL_SUCCESS && isfinite(val)) ? DR_OK : DR_ENOCONV;
  /* QUADPACK's roundoff flag while the error estimate already meets the
   * tolerance is not a failure of the value. */
  if (out->status == DR_ENOCONV && isfinite(val) &&
      err <= fmax(abs_tol, rel_tol * fabs(val)))
    out->status = DR_OK;
  return out->status;
}

int dr_root_brent(dr_fn f, void *params, double lo, double hi, double abs_tol,
                  double rel_tol, double *root, dr_error *e) {
  double flo = f(lo, params), fhi = f(hi, params);
  if (!(flo * fhi <= 0))
    return DR_FAIL(e, DR_EDOMAIN, "root not bracketed in [%g, %g]", lo, hi);
  if (flo == 0) {
    *root = lo;
    return DR_OK;
  }
  if (fhi == 0) {
    *root = hi;
    return DR_OK;
  }
  gsl_root_fsolver *s = gsl_root_fsolver_alloc(gsl_root_fsolver_brent);
  if (!s) return DR_FAIL(e, DR_ENOMEM, "out of memory");
  gsl_function F = {f, params};
  int rc = DR_ENOCONV;
  gsl_root_fsolver_set(s, &F, lo, hi);
  for (int it = 0; it < 200; it++) {
    if (gsl_root_fsolver_iterate(s) != GSL_SUCCESS) break;
    double a = gsl_root_fsolver_x_lower(s), b = gsl_root_fsolver_x_upper(s);
    if (gsl_root_test_interval(a, b, abs_tol, rel_tol) == GSL_SUCCESS) {
      rc = DR_OK;
      break;
    }
  }
  *root = gsl_root_fsolver_root(s);
  gsl_root_fsolver_free(s);
  if (rc != DR_OK) return DR_FAIL(e, rc, "root finder did not converge");
  return DR_OK;
}
