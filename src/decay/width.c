/* Mediator widths (formulas and sources in include/darkreach/decay.h and, per
 * model, in the registry include/darkreach/model.h). */
#include "darkreach/constants.h"
#include "darkreach/decay.h"

#include <gsl/gsl_integration.h>
#include <math.h>
#include <string.h>

/* A' -> 3 gamma below 2 m_e (derivation note FORMULARY Part II §5; [Pospelov:2008zw]):
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
  w->gg = dr_model_width_gg(mi->kind, g, M);
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
  *gamma = w.ee + w.mumu + w.tautau + w.nunu + w.gg + w.hadrons;
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
    if (!dr_model_decays_to_dm(d->model, d->dm)) {
      char list[256];
      return DR_FAIL(e, DR_EINVAL,
                     "model %s has no dark-matter coupling (dark-matter decays are defined for %s, and for scalar-mass "
                     "with dirac or pseudo-dirac: the scalar portal)",
                     mi->name, dr_model_list(list, sizeof list, DR_MODELS_DARK));
    }
    if (!(d->m_dm > 0) || !(d->alpha_d >= 0))
      return DR_FAIL(e, DR_EINVAL, "dark-matter mass must be positive and alpha_D >= 0 (got %g, %g)",
                     d->m_dm, d->alpha_d);
    w->dm = mi->dark_portal ? dr_width_dm(d->dm, d->alpha_d, m, d->m_dm) : dr_width_dm_scalar(d->alpha_d, m, d->m_dm);
  }
  w->total = w->ee + w->mumu + w->tautau + w->nunu + w->gg + w->hadrons + w->gamma3 + w->dm;
  return DR_OK;
}

double dr_ctau_m(double gamma) { return gamma > 0 ? DR_HBARC_GEV_M / gamma : INFINITY; }

/* ---- chi_2 -> chi_1 l+ l- (include/darkreach/decay.h) ----
 * M = g_D [ubar_1 gamma^nu u_2] (eps e)/(q^2 - m_A'^2) [ubar_l gamma_nu v_l]; the lepton pair
 * integrated over its two-body phase space, Int dPhi_2 L^{nu rho} = beta_l (1 + 2 m_l^2/q^2)
 * (q^nu q^rho - q^2 g^{nu rho})/(6 pi), contracted with the spin-averaged chi tensor
 * H = 2 [p1 p2 + p2 p1 - g (p1.p2 - m1 m2)]: H.T = 4 (p1.q)(p2.q) + 2 q^2 p1.p2 - 6 q^2 m1 m2, so
 *   dGamma/dq^2 = g_D^2 e^2 eps^2/(q^2 - m_A'^2)^2 |p_1|/(16 pi^2 m_2^2) beta_l (1 + 2 m_l^2/q^2) H.T/(6 pi)
 * with |p_1| the chi_1 momentum in the chi_2 frame. For delta -> 0 and m_l -> 0 this is
 * 4 eps^2 alpha alpha_D delta^5 m_1^5/(15 pi m_A'^4) ([Berlin:2018bsc]; tests/test_width.c). */
typedef struct {
  double m1, m2, mA2, ml, pref; /* mA2: the mediator's mass squared */
  int scalar;                   /* the scalar portal (include/darkreach/decay.h dr_chi2_width_scalar): pref = y^2 g_l^2 */
} chi2_params;

static double chi2_dgamma(double q2, void *vp) {
  const chi2_params *p = vp;
  double m1 = p->m1, m2 = p->m2, q = sqrt(q2);
  double lam = (m2 * m2 - (m1 + q) * (m1 + q)) * (m2 * m2 - (m1 - q) * (m1 - q));
  double r = p->ml * p->ml / q2;
  if (!(lam > 0) || !(4 * r < 1)) return 0;
  double prop = q2 - p->mA2;
  if (p->scalar)
    return p->pref * ((m1 + m2) * (m1 + m2) - q2) * (q2 - 4 * p->ml * p->ml) / (prop * prop) * sqrt(lam) *
           sqrt(1 - 4 * r) / (128 * DR_PI * DR_PI * DR_PI * m2 * m2 * m2);
  double pc = sqrt(lam) / (2 * m2);
  double p1q = 0.5 * (m2 * m2 - m1 * m1 - q2), p2q = 0.5 * (m2 * m2 - m1 * m1 + q2), p1p2 = 0.5 * (m1 * m1 + m2 * m2 - q2);
  double HT = 4 * p1q * p2q + 2 * q2 * p1p2 - 6 * q2 * m1 * m2;
  return p->pref / (prop * prop) * pc / (16 * DR_PI * DR_PI * m2 * m2) * sqrt(1 - 4 * r) * (1 + 2 * r) * HT /
         (6 * DR_PI);
}

/* the chi_2 -> chi_1 l+ l- widths of both portals: the lepton pairs e and mu, each integrated over s */
static int chi2_integrate(double m1, double delta, double mmed, int scalar, double coupling, double alpha_d,
                          double *gamma, dr_error *e) {
  const char *med = scalar ? "m_phi" : "m_A'", *on_shell = scalar ? "phi" : "A'";
  *gamma = 0;
  if (!(m1 > 0) || !(delta > 0) || !(mmed > 0) || !(alpha_d >= 0))
    return DR_FAIL(e, DR_EINVAL, "chi_2 width: m_chi1, delta, %s must be positive and alpha_D >= 0", med);
  double m2 = m1 * (1 + delta), dm = m2 - m1;
  if (!(dm < mmed))
    return DR_FAIL(e, DR_EDOMAIN,
                   "chi_2 width: m_chi2 - m_chi1 = %g GeV is above %s = %g GeV: chi_2 -> chi_1 %s on shell dominates "
                   "(not this three-body width)",
                   dm, med, mmed, on_shell);
  gsl_integration_workspace *w = gsl_integration_workspace_alloc(200);
  if (!w) return DR_FAIL(e, DR_ENOMEM, "out of memory");
  const double ml[2] = {DR_M_E, DR_M_MU};
  for (int l = 0; l < 2; l++) {
    if (!(dm > 2 * ml[l])) continue;
    double gl = coupling * ml[l] / DR_M_MU;
    chi2_params p = {m1, m2, mmed * mmed, ml[l],
                     scalar ? 4 * DR_PI * alpha_d * gl * gl : 4 * DR_PI * alpha_d * 4 * DR_PI * DR_ALPHA * coupling * coupling,
                     scalar};
    gsl_function F = {chi2_dgamma, &p};
    double r = 0, err;
    gsl_integration_qags(&F, 4 * ml[l] * ml[l], dm * dm, 0, 1e-9, 200, w, &r, &err);
    *gamma += r;
  }
  gsl_integration_workspace_free(w);
  return DR_OK;
}

int dr_chi2_width_scalar(double m1, double delta, double mphi, double g_mu, double alpha_d, double *gamma,
                         dr_error *e) {
  return chi2_integrate(m1, delta, mphi, 1, g_mu, alpha_d, gamma, e);
}

int dr_chi2_width_model(dr_model_kind model, double m1, double delta, double M, double coupling, double alpha_d,
                        double *gamma, dr_error *e) {
  *gamma = 0;
  if (model == DR_MODEL_VECTOR) return dr_chi2_width(m1, delta, M, coupling, alpha_d, gamma, e);
  if (model == DR_MODEL_SCALAR_MASS) return dr_chi2_width_scalar(m1, delta, M, coupling, alpha_d, gamma, e);
  return DR_FAIL(e, DR_EINVAL,
                 "inelastic dark matter: the chi_2 decay is modelled for the vector portal (vector) and the scalar "
                 "portal (scalar-mass) only");
}

double dr_width_dm_scalar(double alpha_d, double M, double m_dm) {
  double r = m_dm * m_dm / (M * M);
  return 4 * r < 1 ? alpha_d * M / 2 * pow(1 - 4 * r, 1.5) : 0.0;
}

int dr_chi2_width(double m1, double delta, double mA, double eps, double alpha_d, double *gamma, dr_error *e) {
  return chi2_integrate(m1, delta, mA, 0, eps, alpha_d, gamma, e);
}
