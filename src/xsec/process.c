/* The process l N -> l N X (include/darkreach/xsec.h): its definition, the
 * names of methods and conventions, the kinematic range, the phase-space map
 * shared by ETL, WW/IWW sampling, events and tables, and the dispatch of
 * cross sections to WW/IWW (src/xsec/ww.c) or ETL (src/xsec/etl.c). */
#include "darkreach/xsec.h"

#include <math.h>
#include <string.h>

#include "darkreach/constants.h"

int dr_method_parse(const char *name, dr_method *out, dr_error *e) {
  if (name && strcmp(name, "ww") == 0) *out = DR_METHOD_WW;
  else if (name && strcmp(name, "iww") == 0) *out = DR_METHOD_IWW;
  else if (name && strcmp(name, "etl") == 0) *out = DR_METHOD_ETL;
  else
    return DR_FAIL(e, DR_EINVAL, "unknown method '%s' (known: ww, iww, etl)", name ? name : "(null)");
  return DR_OK;
}

const char *dr_method_name(dr_method m) {
  switch (m) {
  case DR_METHOD_WW: return "ww";
  case DR_METHOD_IWW: return "iww";
  default: return "etl";
  }
}

int dr_tmax_parse(const char *name, dr_tmax_conv *out, dr_error *e) {
  if (name && strcmp(name, "mx2") == 0) *out = DR_TMAX_MX2;
  else if (name && strcmp(name, "e2") == 0) *out = DR_TMAX_E2;
  else
    return DR_FAIL(e, DR_EINVAL, "unknown t_max convention '%s' (known: mx2 = m_X^2 + m_l^2, e2 = E0^2)",
                   name ? name : "(null)");
  return DR_OK;
}

const char *dr_tmax_name(dr_tmax_conv t) { return t == DR_TMAX_E2 ? "e2" : "mx2"; }

int dr_inel_recoil_parse(const char *name, dr_inel_recoil *out, dr_error *e) {
  if (name && strcmp(name, "proton") == 0) *out = DR_RECOIL_PROTON;
  else if (name && strcmp(name, "nucleus") == 0) *out = DR_RECOIL_NUCLEUS;
  else
    return DR_FAIL(e, DR_EINVAL, "unknown inelastic recoil '%s' (known: proton, nucleus)", name ? name : "(null)");
  return DR_OK;
}

const char *dr_inel_recoil_name(dr_inel_recoil r) { return r == DR_RECOIL_NUCLEUS ? "nucleus" : "proton"; }

dr_xsec_opts dr_xsec_opts_default(void) {
  dr_xsec_opts o = {.method = DR_METHOD_ETL, .tmax = DR_TMAX_MX2, .theta_max = DR_PI, .rel_tol = 1e-4,
                    .ww_chi_frozen = 0, .etl_rel_tol = 3e-3, .etl_neval = 4096, .seed = 1,
                    .grid = NULL, .etl_freeze = 0, .progress = NULL, .progress_ctx = NULL};
  return o;
}

int dr_process_init(dr_process *p, dr_model_kind model, const dr_beam *beam, double E0, double m_X,
                    const dr_material *mat, dr_inel_mode inel, dr_error *e) {
  const dr_model_info *mi = dr_model_info_get(model);
  if (!mi) return DR_FAIL(e, DR_EINVAL, "invalid model");
  if (mi->rule == DR_VERTEX_NONE && !mi->pair)
    return DR_FAIL(e, DR_EINVAL,
                   "model %s has no production vertex in the amplitude engine yet (its widths and relic "
                   "targets are available: darkreach width, relic)",
                   mi->name);
  if (!(m_X > 0) || !isfinite(m_X))
    return DR_FAIL(e, DR_EINVAL, "mediator mass must be positive (got %g GeV)", m_X);
  if (!(E0 > beam->mass) || !isfinite(E0))
    return DR_FAIL(e, DR_EDOMAIN, "beam energy %g GeV is below the %s mass", E0, beam->name);
  if (mi->pair && !(2 * m_X < E0 - beam->mass))
    return DR_FAIL(e, DR_EDOMAIN,
                   "m_chi = %g GeV is above the pair's kinematic limit (E0 - m_l)/2 = %g GeV for a %g GeV %s beam",
                   m_X, (E0 - beam->mass) / 2, E0, beam->name);
  if (!(m_X < E0 - beam->mass))
    return DR_FAIL(e, DR_EDOMAIN,
                   "mass %g GeV is above the kinematic limit E0 - m_l = %g GeV for a %g GeV %s beam",
                   m_X, E0 - beam->mass, E0, beam->name);
  p->model = model;
  p->m_l = beam->mass;
  p->E0 = E0;
  p->m_X = m_X;
  p->coupling = 1.0;
  p->M_N = dr_material_nucleus_mass(mat);
  p->inel_recoil = DR_RECOIL_PROTON;
  return dr_ff_init(&p->ff, mat->Z, mat->A, inel, e);
}

/* a pair carries at least 2 m_chi */
double dr_xsec_xmin(const dr_process *p) { return (dr_model_is_pair(p->model) ? 2 : 1) * p->m_X / p->E0; }
double dr_xsec_xmax(const dr_process *p) { return 1.0 - p->m_l / p->E0; }

double dr_xsec_tmax(const dr_process *p, dr_tmax_conv c) {
  return c == DR_TMAX_E2 ? p->E0 * p->E0 : p->m_X * p->m_X + p->m_l * p->m_l;
}

/* ---- the phase-space map (include/darkreach/xsec.h) ---- */
int dr_psmap_init(dr_psmap *m, const dr_process *p, double x_lo, double x_hi, double theta_max) {
  memset(m, 0, sizeof *m);
  m->p = p;
  double lo = fmax(x_lo, dr_xsec_xmin(p)), hi = fmin(x_hi, dr_xsec_xmax(p));
  m->lomx_lo = log1p(-lo);
  m->lomx_hi = log1p(-hi);
  m->theta_max = theta_max;
  return hi > lo ? DR_OK : DR_EDOMAIN;
}

double dr_psmap_x(const dr_psmap *m, double u, double *x) {
  double omx = exp(m->lomx_lo + (m->lomx_hi - m->lomx_lo) * u); /* 1 - x */
  *x = 1 - omx;
  return omx * (m->lomx_lo - m->lomx_hi);
}

double dr_psmap_theta(const dr_psmap *m, double x, double u, double *theta) {
  const dr_process *p = m->p;
  double E = p->E0, mX = p->m_X, ml = p->m_l;
  double Umin = mX * mX * (1 - x) / x + ml * ml * x;
  double thc2 = Umin / (E * E * x), thm2 = m->theta_max * m->theta_max;
  double vmax = log1p(thm2 / thc2);
  double th2 = thc2 * expm1(vmax * u), th = sqrt(th2);
  if (th > m->theta_max) th = m->theta_max;
  *theta = th;
  /* dcos theta = sin theta dtheta = sin theta/(2 theta) d theta^2, d theta^2 = (theta^2 + thc^2) dv */
  double sinc = th > 1e-4 ? sin(th) / th : 1 - th2 / 6;
  return 0.5 * sinc * (th2 + thc2) * vmax;
}

/* ---- dispatch ---- */
int dr_dsigma_dx(const dr_process *p, const dr_xsec_opts *o, double x, dr_xsec_ws *w,
                 dr_estimate *out, dr_error *e) {
  memset(out, 0, sizeof *out);
  if (o->method == DR_METHOD_ETL) return dr_etl_dsigma_dx(p, o, x, out, e);
  return dr_ww_dsigma_dx(p, o, x, w, out, e);
}

int dr_sigma(const dr_process *p, const dr_xsec_opts *o, double x_lo, double x_hi, dr_xsec_ws *w,
             dr_estimate *out, dr_error *e) {
  memset(out, 0, sizeof *out);
  if (o->method == DR_METHOD_ETL) return dr_etl_sigma(p, o, x_lo, x_hi, out, e);
  return dr_ww_sigma(p, o, x_lo, x_hi, w, out, e);
}
