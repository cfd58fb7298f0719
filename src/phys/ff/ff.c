/* Tsai photon-nucleus form factors and effective photon flux.
 * [Bjorken:2009mm] App. A eqs. (A17)-(A19); the inelastic proton factor is
 * linear by default as in [Blinov:2024gcw] App. B (eqs. B.2-B.3), which
 * reproduces [Bjorken:2009mm] Fig. 10 (tests/test_ff.c). */
#include "darkreach/ff.h"

#include "darkreach/constants.h"

#include <math.h>
#include <string.h>

int dr_ff_init(dr_ff *ff, int Z, double A, dr_inel_mode inel, dr_error *e) {
  if (Z < 1 || !(A >= 1))
    return DR_FAIL(e, DR_EINVAL, "form factor needs Z >= 1 and A >= 1 (got Z=%d, A=%g)", Z, A);
  double a = 111.0 * pow(Z, -1.0 / 3.0) / DR_M_E;
  double ap = 773.0 * pow(Z, -2.0 / 3.0) / DR_M_E;
  ff->Z = Z;
  ff->A = A;
  ff->inel = inel;
  ff->a2 = a * a;
  ff->ap2 = ap * ap;
  ff->d = 0.164 * pow(A, -2.0 / 3.0);
  return DR_OK;
}

int dr_inel_mode_parse(const char *name, dr_inel_mode *out, dr_error *e) {
  if (name && strcmp(name, "linear") == 0) *out = DR_INEL_LINEAR;
  else if (name && strcmp(name, "squared") == 0) *out = DR_INEL_SQUARED;
  else if (name && strcmp(name, "elastic") == 0) *out = DR_INEL_NONE;
  else if (name && strcmp(name, "point") == 0) *out = DR_INEL_POINT;
  else
    return DR_FAIL(e, DR_EINVAL,
                   "unknown form-factor option '%s' (known: linear, squared, elastic, point)",
                   name ? name : "(null)");
  return DR_OK;
}

const char *dr_inel_mode_name(dr_inel_mode m) {
  switch (m) {
  case DR_INEL_LINEAR: return "linear";
  case DR_INEL_SQUARED: return "squared";
  case DR_INEL_POINT: return "point";
  default: return "elastic";
  }
}

/* (A18) */
double dr_ff_g2_el(const dr_ff *ff, double t) {
  if (ff->inel == DR_INEL_POINT) return (double)ff->Z * ff->Z;
  double s = ff->a2 * t / (1.0 + ff->a2 * t);
  double n = 1.0 / (1.0 + t / ff->d);
  return (double)ff->Z * ff->Z * s * s * n * n;
}

/* (A19), proton factor linear or squared */
double dr_ff_g2_inel(const dr_ff *ff, double t) {
  if (ff->inel == DR_INEL_NONE || ff->inel == DR_INEL_POINT) return 0.0;
  double s = ff->ap2 * t / (1.0 + ff->ap2 * t);
  double dip = 1.0 + t / 0.71;
  double dip2 = dip * dip;
  double p = (1.0 + t * (DR_MU_P * DR_MU_P - 1.0) / (4.0 * DR_M_P * DR_M_P)) / (dip2 * dip2);
  if (ff->inel == DR_INEL_SQUARED) p *= p;
  return ff->Z * s * s * p;
}

double dr_ff_g2(const dr_ff *ff, double t) { return dr_ff_g2_el(ff, t) + dr_ff_g2_inel(ff, t); }

typedef struct {
  const dr_ff *ff;
  double tmin;
} chi_params;

/* integrand in u = ln t: G2(t) (t - tmin)/t */
static double chi_integrand(double u, void *vp) {
  const chi_params *p = vp;
  double t = exp(u);
  return dr_ff_g2(p->ff, t) * (t - p->tmin) / t;
}

int dr_flux_chi(const dr_ff *ff, double tmin, double tmax, dr_quad *q, double rel_tol,
                dr_estimate *out) {
  if (!(tmin > 0) || !(tmax > tmin)) {
    out->val = out->err = 0;
    out->chi2_dof = 0;
    out->neval = 0;
    out->status = DR_OK;
    return DR_OK;
  }
  chi_params p = {ff, tmin};
  double pts[5];
  size_t n = 0;
  /* form-factor scales, ascending: screening 1/a^2, 1/a'^2; nuclear d; proton 0.71 */
  double scales[4] = {1.0 / ff->a2, 1.0 / ff->ap2, ff->d, 0.71};
  for (int i = 0; i < 4; i++) {
    double u = log(scales[i]);
    if (u > log(tmin) && u < log(tmax)) pts[n++] = u;
  }
  /* sort (at most 4 values) */
  for (size_t i = 1; i < n; i++)
    for (size_t j = i; j > 0 && pts[j] < pts[j - 1]; j--) {
      double tmp = pts[j];
      pts[j] = pts[j - 1];
      pts[j - 1] = tmp;
    }
  return dr_quad_integrate(q, chi_integrand, &p, log(tmin), log(tmax), pts, n, 0.0, rel_tol, out);
}

/* [Bjorken:2009mm] eq. (A17) with (A18) in closed form (derivation note FORMULARY Part II §1.2),
 * t_a = 1/a^2, t_d = d. */
double dr_flux_chi_el_closed(const dr_ff *ff, double tmin, double tmax) {
  if (!(tmax > tmin)) return 0.0;
  double ta = 1.0 / ff->a2, td = ff->d, Z2 = (double)ff->Z * ff->Z;
  double dd = ta - td;
  double first = dd * (ta + td + 2 * tmax) * (tmax - tmin) / ((ta + tmax) * (td + tmax));
  double second =
      (ta + td + 2 * tmin) * log((ta + tmax) * (td + tmin) / ((td + tmax) * (ta + tmin)));
  return -Z2 * td * td / (dd * dd * dd) * (first + second);
}
