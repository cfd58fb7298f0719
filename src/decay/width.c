/* Mediator widths (formulas and sources in include/darkreach/decay.h). */
#include "darkreach/constants.h"
#include "darkreach/decay.h"

#include <math.h>
#include <string.h>

/* g^2 m/(12 pi) (1 + 2r) sqrt(1 - 4r), r = m_f^2/m^2: vector -> f fbar
 * ([Ilten:2018crw] eq. (2.13) with g = eps e). */
double dr_width_vector_ff(double g2, double m, double m_f) {
  double r = m_f * m_f / (m * m);
  if (4 * r >= 1) return 0.0;
  return g2 * m / (12 * DR_PI) * (1 + 2 * r) * sqrt(1 - 4 * r);
}

/* lepton pair width for each model at g^2 = 4 pi alpha eps^2 (FORMULARY Part II §5) */
static double width_ll(dr_model_kind k, double g2, double m, double m_f) {
  double r = m_f * m_f / (m * m);
  if (4 * r >= 1) return 0.0;
  double b = sqrt(1 - 4 * r);
  switch (k) {
  case DR_MODEL_VECTOR: return dr_width_vector_ff(g2, m, m_f);
  case DR_MODEL_AXIAL: return g2 * m / (12 * DR_PI) * b * b * b;
  case DR_MODEL_SCALAR: return g2 * m / (8 * DR_PI) * b * b * b;
  default: return g2 * m / (8 * DR_PI) * b; /* pseudoscalar */
  }
}

/* A' -> 3 gamma below 2 m_e (FORMULARY Part II §5; [Pospelov:2008zw]):
 * eps^2 alpha^4/(2^7 3^6 5^2 pi^3) m^9/m_e^8 (17/5 + 67/42 r + 128941/246960 r^2), r = m^2/m_e^2 */
static double width_3gamma(double eps2, double m) {
  double r = m * m / (DR_M_E * DR_M_E);
  double a4 = DR_ALPHA * DR_ALPHA * DR_ALPHA * DR_ALPHA;
  double pref = eps2 * a4 / (128.0 * 729.0 * 25.0 * DR_PI * DR_PI * DR_PI);
  return pref * pow(m, 9) / pow(DR_M_E, 8) * (17.0 / 5 + 67.0 / 42 * r + 128941.0 / 246960 * r * r);
}

int dr_widths_compute(const dr_decay_params *d, dr_widths *w, dr_error *e) {
  memset(w, 0, sizeof *w);
  double m = d->mass;
  if (!(m > 0) || !isfinite(m))
    return DR_FAIL(e, DR_EINVAL, "mediator mass must be positive (got %g GeV)", m);
  if (!dr_model_info_get(d->model)) return DR_FAIL(e, DR_EINVAL, "invalid model");
  double eps2 = d->coupling * d->coupling;
  double g2 = 4 * DR_PI * DR_ALPHA * eps2;
  w->ee = width_ll(d->model, g2, m, DR_M_E);
  w->mumu = width_ll(d->model, g2, m, DR_M_MU);
  w->tautau = width_ll(d->model, g2, m, DR_M_TAU);
  if (d->model == DR_MODEL_VECTOR) {
    double R = 0;
    int rc = dr_rratio(m, &R, e);
    if (rc != DR_OK) return DR_FAIL(e, rc, "hadronic width of a %g GeV dark photon", m);
    w->hadrons = DR_ALPHA * eps2 * m / 3 * R; /* [Ilten:2018crw] eq. (2.15) */
    if (m < 2 * DR_M_E) w->gamma3 = width_3gamma(eps2, m);
  }
  if (d->dm != DR_DM_NONE) {
    if (d->model != DR_MODEL_VECTOR)
      return DR_FAIL(e, DR_EINVAL, "dark-matter decays are defined for the vector (dark photon) only");
    if (!(d->m_dm > 0) || !(d->alpha_d >= 0))
      return DR_FAIL(e, DR_EINVAL, "dark-matter mass must be positive and alpha_D >= 0 (got %g, %g)",
                     d->m_dm, d->alpha_d);
    double r = d->m_dm * d->m_dm / (m * m);
    if (4 * r < 1) {
      if (d->dm == DR_DM_COMPLEX_SCALAR) w->dm = d->alpha_d * m / 12 * pow(1 - 4 * r, 1.5);
      else if (d->dm == DR_DM_MAJORANA) /* axial rule g_D gamma^mu gamma^5, identical particles: 1/2 */
        w->dm = d->alpha_d * m / 6 * pow(1 - 4 * r, 1.5);
      else /* Dirac; pseudo-Dirac at the lighter mass (splitting neglected in the width) */
        w->dm = d->alpha_d * m / 3 * (1 + 2 * r) * sqrt(1 - 4 * r);
    }
  }
  w->total = w->ee + w->mumu + w->tautau + w->hadrons + w->gamma3 + w->dm;
  return DR_OK;
}

double dr_ctau_m(double gamma) { return gamma > 0 ? DR_HBARC_GEV_M / gamma : INFINITY; }
