/* Mediator widths (formulas and sources in include/darkreach/decay.h and, per
 * model, in the registry include/darkreach/model.h). */
#include "darkreach/constants.h"
#include "darkreach/decay.h"

#include <math.h>
#include <string.h>

/* A' -> 3 gamma below 2 m_e (FORMULARY Part II §5; [Pospelov:2008zw]):
 * eps^2 alpha^4/(2^7 3^6 5^2 pi^3) m^9/m_e^8 (17/5 + 67/42 r + 128941/246960 r^2), r = m^2/m_e^2 */
static double width_3gamma(double eps2, double m) {
  double r = m * m / (DR_M_E * DR_M_E);
  double a4 = DR_ALPHA * DR_ALPHA * DR_ALPHA * DR_ALPHA;
  double pref = eps2 * a4 / (128.0 * 729.0 * 25.0 * DR_PI * DR_PI * DR_PI);
  return pref * pow(m, 9) / pow(DR_M_E, 8) * (17.0 / 5 + 67.0 / 42 * r + 128941.0 / 246960 * r * r);
}

/* the partial widths to e, mu, tau pairs and hadrons (R(s), models on the
 * electromagnetic current; [Ilten:2018crw] eq. (2.15)) at mass M; DR_EDOMAIN
 * when R(M) is outside its table */
static int sm_partials(const dr_model_info *mi, double g, double M, dr_widths *w, dr_error *e) {
  if (mi->pair) {
    memset(w, 0, sizeof *w);
    return DR_FAIL(e, DR_EINVAL, "%s: chi is stable, no width (it is made in pairs, not a mediator)", mi->name);
  }
  if (mi->flavour != DR_FLAVOUR_UNIVERSAL) { /* per-lepton couplings; width_ff takes the physical coupling */
    w->ee = mi->width_ff(dr_model_lepton_g(mi->kind, g, 0, M), M, DR_M_E);
    w->mumu = mi->width_ff(dr_model_lepton_g(mi->kind, g, 1, M), M, DR_M_MU);
    w->tautau = mi->width_ff(dr_model_lepton_g(mi->kind, g, 2, M), M, DR_M_TAU);
  } else {
    w->ee = mi->width_ff(g, M, DR_M_E);
    w->mumu = mi->width_ff(g, M, DR_M_MU);
    w->tautau = mi->width_ff(g, M, DR_M_TAU);
  }
  w->nunu = dr_model_width_nunu(mi->kind, g, M);
  w->hadrons = 0;
  if (!mi->em_current) return DR_OK;
  double R = 0;
  int rc = dr_rratio(M, &R, e);
  w->hadrons = DR_ALPHA * g * g * M / 3 * R;
  return rc;
}

int dr_width_sm(dr_model_kind model, double g, double M, double *gamma, dr_error *e) {
  const dr_model_info *mi = dr_model_info_get(model);
  dr_widths w;
  *gamma = 0;
  if (!mi) return DR_FAIL(e, DR_EINVAL, "invalid model");
  int rc = sm_partials(mi, g, M, &w, e);
  *gamma = w.ee + w.mumu + w.tautau + w.nunu + w.hadrons;
  return rc;
}

double dr_width_dm(dr_dm_kind dm, double alpha_d, double M, double m_dm) {
  double r = m_dm * m_dm / (M * M);
  if (dm == DR_DM_NONE || !(4 * r < 1)) return 0.0;
  if (dm == DR_DM_COMPLEX_SCALAR) return alpha_d * M / 12 * pow(1 - 4 * r, 1.5);
  if (dm == DR_DM_MAJORANA) return alpha_d * M / 6 * pow(1 - 4 * r, 1.5); /* axial, identical particles: 1/2 */
  return alpha_d * M / 3 * (1 + 2 * r) * sqrt(1 - 4 * r); /* Dirac; pseudo-Dirac at the lighter mass */
}

int dr_widths_compute(const dr_decay_params *d, dr_widths *w, dr_error *e) {
  memset(w, 0, sizeof *w);
  double m = d->mass, g = d->coupling;
  if (!(m > 0) || !isfinite(m))
    return DR_FAIL(e, DR_EINVAL, "mediator mass must be positive (got %g GeV)", m);
  const dr_model_info *mi = dr_model_info_get(d->model);
  if (!mi) return DR_FAIL(e, DR_EINVAL, "invalid model");
  int rc = sm_partials(mi, g, m, w, e);
  if (rc != DR_OK) return DR_FAIL(e, rc, "hadronic width of a %g GeV %s mediator", m, mi->name);
  if (mi->em_current && m < 2 * DR_M_E) w->gamma3 = width_3gamma(g * g, m);
  if (d->dm != DR_DM_NONE) {
    if (!mi->dark_portal) {
      char list[256];
      return DR_FAIL(e, DR_EINVAL, "model %s has no dark-matter coupling (dark-matter decays are defined for %s)",
                     mi->name, dr_model_list(list, sizeof list, DR_MODELS_DARK));
    }
    if (!(d->m_dm > 0) || !(d->alpha_d >= 0))
      return DR_FAIL(e, DR_EINVAL, "dark-matter mass must be positive and alpha_D >= 0 (got %g, %g)",
                     d->m_dm, d->alpha_d);
    w->dm = dr_width_dm(d->dm, d->alpha_d, m, d->m_dm);
  }
  w->total = w->ee + w->mumu + w->tautau + w->nunu + w->hadrons + w->gamma3 + w->dm;
  return DR_OK;
}

double dr_ctau_m(double gamma) { return gamma > 0 ? DR_HBARC_GEV_M / gamma : INFINITY; }
