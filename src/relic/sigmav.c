/* Annihilation cross section through an s-channel dark photon and its Gondolo-Gelmini thermal
 * average ([Gondolo:1990dk] eq. 3.8), both documented in include/darkreach/relic.h. The master
 * formula is derived here: the SM side couples through a conserved current, so its phase-space
 * integral is the A' width at mass sqrt(s) ([Ilten:2018crw] eqs. (2.13), (2.15)), the same
 * factorisation as the millicharged pairs (include/darkreach/mcp.h); tests/test_relic.c checks its
 * s- and p-wave non-relativistic limits (derivation note FORMULARY Part II §6.1). */
#include "darkreach/constants.h"
#include "darkreach/decay.h"
#include "darkreach/num.h"
#include "darkreach/relic.h"

#include <gsl/gsl_sf_bessel.h>
#include <math.h>
#include <string.h>

int dr_relic_dm_dof(dr_dm_kind dm, int *g, int *self_conjugate, dr_error *e) {
  const dr_dm_info *d = dr_dm_info_get(dm);
  if (!d || d->dof == 0) {
    char list[128];
    return DR_FAIL(e, DR_EINVAL, "relic density needs a dark-matter species (%s)", dr_dm_list(list, sizeof list, 0));
  }
  *g = d->dof;
  *self_conjugate = d->self_conjugate;
  return DR_OK;
}

int dr_relic_width(const dr_relic_model *m, double *gamma, dr_error *e) {
  double sm = 0;
  int rc = dr_width_sm(m->model, m->g, m->m_med, &sm, e);
  *gamma = dr_width_dm(m->dm, m->alpha_d, m->m_med, m->m_dm) + sm;
  return rc;
}

static int sigma_with_width(const dr_relic_model *m, double s, double gam_med, double *sigma, dr_error *e) {
  double m2 = m->m_dm * m->m_dm;
  *sigma = 0;
  if (!(s > 4 * m2)) return DR_OK;
  double rs = sqrt(s), beta = sqrt(1 - 4 * m2 / s);
  double J = (m->dm == DR_DM_DIRAC || m->dm == DR_DM_PSEUDO_DIRAC) ? s + 2 * m2 : s - 4 * m2;
  double gam_f;
  int rc = dr_width_sm(m->model, m->g, rs, &gam_f, e);
  if (rc != DR_OK) return rc;
  double M2 = m->m_med * m->m_med;
  double D = (s - M2) * (s - M2) + M2 * gam_med * gam_med;
  *sigma = 4 * DR_PI * m->alpha_d * J * gam_f / (rs * beta * D);
  return DR_OK;
}

int dr_relic_sigma(const dr_relic_model *m, double s, double *sigma, dr_error *e) {
  double gam;
  int rc = dr_relic_width(m, &gam, e);
  if (rc != DR_OK) return rc;
  return sigma_with_width(m, s, gam, sigma, e);
}

typedef struct {
  const dr_relic_model *m;
  double T, gam;
  int status;
} gg_params;

/* integrand in u = (sqrt(s) - 2m)/T, Bessel K1 scaled by e^{z}:
 * s sigma (s - 4m^2) K1e(2x + u) e^{-u} (the prefactor 1/(4 m^4 K2e(x)^2) outside) */
static double gg_integrand(double u, void *vp) {
  gg_params *p = vp;
  double m = p->m->m_dm, rs = 2 * m + p->T * u, s = rs * rs, sig;
  dr_error e;
  dr_error_clear(&e);
  int rc = sigma_with_width(p->m, s, p->gam, &sig, &e);
  if (rc != DR_OK) p->status = rc;
  double z = rs / p->T;
  return s * sig * (s - 4 * m * m) * dr_bessel_k1_scaled(z) * exp(-u);
}

int dr_relic_sigmav(const dr_relic_model *m, double x, dr_quad *q, dr_estimate *out, dr_error *e) {
  double mdm = m->m_dm, T = mdm / x;
  gg_params p = {m, T, 0, DR_OK};
  int rc = dr_relic_width(m, &p.gam, e);
  if (rc != DR_OK) return rc;
  /* stay inside the R(s) table: the e^{-u} tail beyond u = 25 is < 1e-9 of the integral */
  double umax = dr_model_info_get(m->model)->em_current ? fmin(60.0, (dr_rratio_max_sqrt_s() - 2 * mdm) / T) : 60.0;
  if (umax < 25.0)
    return DR_FAIL(e, DR_EDOMAIN, "thermal average at m = %g GeV, x = %g needs R(s) beyond %g GeV", mdm, x,
                   dr_rratio_max_sqrt_s());
  /* breakpoints: the dark-photon pole and, where R(s) enters, the rho, omega, phi peaks */
  double pts[8];
  size_t n = 0;
  double peaks[4] = {m->m_med, 0.77526, 0.78266, 1.019461};
  double half[4] = {fmax(p.gam, 1e-9 * m->m_med), 0.15, 0.0087, 0.0043};
  int npk = dr_model_info_get(m->model)->em_current ? 4 : 1;
  for (int i = 0; i < npk && n < 7; i++) {
    double u0 = (peaks[i] - 2 * mdm) / T, du = half[i] / T;
    if (u0 - du > 0 && u0 - du < umax) pts[n++] = u0 - du;
    if (u0 + du > 0 && u0 + du < umax) pts[n++] = u0 + du;
  }
  for (size_t i = 1; i < n; i++) /* sort */
    for (size_t j = i; j > 0 && pts[j] < pts[j - 1]; j--) {
      double t = pts[j];
      pts[j] = pts[j - 1];
      pts[j - 1] = t;
    }
  dr_estimate I;
  /* rel. tol 3e-4: R(s) is linearly interpolated data, whose kinks limit QUADPACK's
   * error estimate to ~1e-4; far below the several per cent the g_* table alone moves */
  rc = dr_quad_integrate(q, gg_integrand, &p, 0.0, umax, pts, n, 0.0, 3e-4, &I);
  /* an estimate within 1e-3 is still far inside that: kept (QUADPACK stalls just above 3e-4 at a few points) */
  if (rc == DR_ENOCONV && isfinite(I.val) && I.err <= 1e-3 * fabs(I.val)) rc = DR_OK;
  double k2 = dr_bessel_k2_scaled(x);
  double pref = 1.0 / (4 * pow(mdm, 4) * k2 * k2);
  out->val = pref * I.val;
  out->err = pref * I.err;
  out->neval = I.neval;
  out->chi2_dof = 0;
  out->status = p.status != DR_OK ? p.status : rc;
  if (out->status != DR_OK) return DR_FAIL(e, out->status, "thermal average at x = %g", x);
  return DR_OK;
}
