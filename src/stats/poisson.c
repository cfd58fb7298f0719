/* Poisson upper limits with background (include/darkreach/poisson.h). */
#include "darkreach/poisson.h"

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_roots.h>
#include <gsl/gsl_sf_gamma.h>
#include <math.h>
#include <string.h>

static const char *const names[] = {"zero-background", "cls", "feldman-cousins"};

const char *dr_limit_method_name(dr_limit_method m) {
  return (int)m >= 0 && m <= DR_LIMIT_FC ? names[m] : "unknown";
}

int dr_limit_method_parse(const char *s, dr_limit_method *m, dr_error *e) {
  for (int i = 0; i <= DR_LIMIT_FC; i++)
    if (s && strcmp(s, names[i]) == 0) {
      *m = (dr_limit_method)i;
      return DR_OK;
    }
  return DR_FAIL(e, DR_EINVAL, "limit method '%s' is not zero-background, cls or feldman-cousins", s ? s : "");
}

/* P(N = n | mu) */
static double pois(int n, double mu) {
  if (mu <= 0) return n == 0 ? 1.0 : 0.0;
  return exp(n * log(mu) - mu - gsl_sf_lngamma(n + 1.0));
}

/* P(N <= n | mu) */
static double pois_cdf(int n, double mu) { return mu > 0 ? gsl_cdf_poisson_P((unsigned)n, mu) : 1.0; }

typedef struct {
  int n;
  double b, target;
} cls_params;

static double cls_minus_target(double s, void *vp) {
  const cls_params *p = vp;
  return pois_cdf(p->n, s + p->b) / pois_cdf(p->n, p->b) - p->target;
}

static int upper_cls(int n, double b, double cl, double *s_up, dr_error *e) {
  cls_params p = {n, b, 1 - cl};
  double hi = 10.0 + 2.0 * n;
  gsl_function f = {cls_minus_target, &p};
  while (cls_minus_target(hi, &p) > 0) hi *= 2;
  gsl_root_fsolver *r = gsl_root_fsolver_alloc(gsl_root_fsolver_brent);
  if (!r) return DR_FAIL(e, DR_ENOMEM, "out of memory");
  gsl_root_fsolver_set(r, &f, 0, hi);
  int st = GSL_CONTINUE;
  for (int it = 0; it < 200 && st == GSL_CONTINUE; it++) {
    gsl_root_fsolver_iterate(r);
    st = gsl_root_test_interval(gsl_root_fsolver_x_lower(r), gsl_root_fsolver_x_upper(r), 1e-7, 0);
  }
  *s_up = gsl_root_fsolver_root(r);
  gsl_root_fsolver_free(r);
  return st == GSL_SUCCESS ? DR_OK : DR_FAIL(e, DR_ENOCONV, "CLs limit did not converge (n = %d, b = %g)", n, b);
}

/* is n inside the Feldman-Cousins acceptance region of s? */
static int fc_accepts(int n_obs, double s, double b, double cl) {
  /* the region is filled in decreasing R = P(n | s + b)/P(n | s_best + b); n_obs is inside if the total
   * probability of every n ranked strictly above it stays below cl */
  double r_obs = pois(n_obs, s + b) / pois(n_obs, fmax(0, n_obs - b) + b), above = 0;
  int nmax = (int)(s + b + 20 * sqrt(s + b + 1) + 20 + n_obs);
  for (int n = 0; n <= nmax; n++) {
    if (n == n_obs) continue;
    double p = pois(n, s + b), r = p / pois(n, fmax(0, n - b) + b);
    if (r > r_obs) above += p;
  }
  return above < cl;
}

static int upper_fc(int n, double b, double cl, double *s_up, dr_error *e) {
  const double step = 1e-3;
  double s = 0, last = -1;
  double smax = 10.0 + 3.0 * n + 5.0 * sqrt(n + b + 1);
  for (s = 0; s <= smax; s += step)
    if (fc_accepts(n, s, b, cl)) last = s;
  if (last < 0) return DR_FAIL(e, DR_ENOCONV, "Feldman-Cousins: no signal mean accepts n = %d over b = %g", n, b);
  double lo = last, hi = last + step; /* accepted at lo, rejected at hi */
  while (hi - lo > 1e-7) {
    double mid = 0.5 * (lo + hi);
    if (fc_accepts(n, mid, b, cl)) lo = mid;
    else hi = mid;
  }
  *s_up = lo;
  return DR_OK;
}

int dr_poisson_upper(dr_limit_method m, int n_obs, double b, double cl, double *s_up, dr_error *e) {
  *s_up = NAN;
  if (!(cl > 0 && cl < 1)) return DR_FAIL(e, DR_EINVAL, "confidence level must be in (0, 1) (got %g)", cl);
  if (n_obs < 0 || n_obs > 100000 || !(b >= 0 && b < 1e5))
    return DR_FAIL(e, DR_EINVAL, "need 0 <= observed <= 1e5 and 0 <= background < 1e5 (got %d, %g)", n_obs, b);
  switch (m) {
  case DR_LIMIT_ZERO_BKG:
    if (n_obs != 0 || b != 0)
      return DR_FAIL(e, DR_EINVAL, "the zero-background limit is for 0 observed over 0 background (got %d over %g): "
                                   "use cls or feldman-cousins",
                     n_obs, b);
    *s_up = -log1p(-cl);
    return DR_OK;
  case DR_LIMIT_CLS: return upper_cls(n_obs, b, cl, s_up, e);
  case DR_LIMIT_FC: return upper_fc(n_obs, b, cl, s_up, e);
  }
  return DR_FAIL(e, DR_EINVAL, "unknown limit method");
}
