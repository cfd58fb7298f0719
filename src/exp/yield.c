/* Signal yield for an experiment card (formulas in include/darkreach/exp.h;
 * FORMULARY Part I §8, Part II §4.1 and §4.4). */
#include "darkreach/constants.h"
#include "darkreach/exp.h"

#include <gsl/gsl_integration.h>
#include <math.h>
#include <string.h>

enum { NODES_PER_PIECE = 48 };

/* Tabulate weight x d sigma/dx on Gauss-Legendre nodes: x directly below 0.9,
 * v = -ln(1-x) above (the same split as dr_sigma). */
static int tabulate_dsdx(const dr_process *p, const dr_xsec_opts *o, double lo, double hi,
                         dr_xsec_ws *w, dr_signal *s, dr_error *e) {
  gsl_integration_glfixed_table *t = gsl_integration_glfixed_table_alloc(NODES_PER_PIECE);
  if (!t) return DR_FAIL(e, DR_ENOMEM, "out of memory");
  int rc = DR_OK;
  s->nx = 0;
  for (int piece = 0; piece < 2 && rc == DR_OK; piece++) {
    double a, b;
    if (piece == 0) a = lo, b = fmin(hi, 0.9);
    else a = -log1p(-fmax(lo, 0.9)), b = -log1p(-hi);
    if (!(b > a)) continue;
    for (int i = 0; i < NODES_PER_PIECE; i++) {
      double u, wt;
      gsl_integration_glfixed_point(a, b, (size_t)i, &u, &wt, t);
      double x = piece == 0 ? u : 1 - exp(-u);
      double jac = piece == 0 ? 1 : exp(-u);
      dr_estimate d;
      rc = dr_dsigma_dx(p, o, x, w, &d, e);
      if (rc != DR_OK) break;
      s->xs[s->nx] = x;
      s->wdsdx[s->nx] = wt * jac * d.val;
      s->nx++;
    }
  }
  gsl_integration_glfixed_table_free(t);
  return rc;
}

int dr_signal_prepare(const dr_experiment *x, dr_model_kind model, const dr_xsec_opts *o,
                      double mass, dr_xsec_ws *w, dr_signal *s, dr_error *e) {
  memset(s, 0, sizeof *s);
  s->mass = mass;
  dr_process p;
  int rc = dr_process_init(&p, model, &x->beam, x->energy, mass, x->material, DR_INEL_LINEAR, e);
  if (rc != DR_OK) return s->status = rc;
  dr_estimate sig;
  rc = dr_sigma(&p, o, x->x_th, x->x_max, w, &sig, e);
  s->sigma = sig.val;
  s->sigma_err = sig.err;
  s->status = rc;
  if (rc != DR_OK && rc != DR_ENOCONV) return rc;

  dr_decay_params dp = {model, mass, 1.0, DR_DM_NONE, 0, 0};
  dr_widths wd;
  int wrc = dr_widths_compute(&dp, &wd, e);
  if (wrc != DR_OK) return s->status = wrc;
  s->gamma_sm_eps1 = wd.total;
  s->br_vis = wd.total > 0 ? wd.ee / wd.total : 0;
  if (model == DR_MODEL_VECTOR && x->dm != DR_DM_NONE) {
    dp.dm = x->dm;
    dp.alpha_d = x->alpha_d;
    dp.m_dm = mass / x->mass_ratio;
    wrc = dr_widths_compute(&dp, &wd, e);
    if (wrc != DR_OK) return s->status = wrc;
    s->gamma_dm = wd.dm;
  }
  if (x->signature == DR_SIG_VISIBLE) {
    double lo = fmax(x->x_th, dr_xsec_xmin(&p)), hi = fmin(x->x_max, dr_xsec_xmax(&p));
    if (hi > lo) {
      /* ETL: the x shape of the decay-weighted yield from WW (a 3-dim VEGAS per
       * node would cost seconds per mass), normalised to the ETL sigma over
       * the same x range; flagged in s->shape_from_ww */
      dr_xsec_opts ow = *o;
      if (o->method == DR_METHOD_ETL) ow.method = DR_METHOD_WW;
      int trc = tabulate_dsdx(&p, &ow, lo, hi, w, s, e);
      if (trc != DR_OK && trc != DR_ENOCONV) return s->status = trc;
      if (trc != DR_OK) s->status = trc;
      if (o->method == DR_METHOD_ETL) {
        double sum = 0;
        for (int i = 0; i < s->nx; i++) sum += s->wdsdx[i];
        for (int i = 0; i < s->nx && sum > 0; i++) s->wdsdx[i] *= s->sigma / sum;
        s->shape_from_ww = 1;
      }
    }
  }
  return s->status;
}

int dr_signal_events(const dr_experiment *x, dr_model_kind model, const dr_signal *s, double eps,
                     double *n, dr_error *e) {
  *n = 0;
  if (!(eps >= 0)) return DR_FAIL(e, DR_EINVAL, "coupling must be non-negative (got %g)", eps);
  double eps2 = eps * eps;
  double lum = dr_experiment_luminosity_cm2(x) * x->efficiency;
  double cm2 = DR_GEV2_TO_PB * DR_PB_TO_CM2;
  if (x->signature == DR_SIG_INVISIBLE) {
    double br = 1.0;
    if (model == DR_MODEL_VECTOR && x->dm != DR_DM_NONE)
      br = s->gamma_dm > 0 ? s->gamma_dm / (s->gamma_dm + eps2 * s->gamma_sm_eps1) : 0.0;
    *n = lum * s->sigma * cm2 * eps2 * br;
    return DR_OK;
  }
  /* visible: decay between L_sh and L_sh + L_dec */
  double gamma = eps2 * s->gamma_sm_eps1;
  if (!(gamma > 0)) return DR_OK;
  double ctau = DR_HBARC_GEV_M / gamma, m = s->mass, sum = 0;
  for (int i = 0; i < s->nx; i++) {
    double E = s->xs[i] * x->energy;
    double pm = sqrt(fmax(E * E - m * m, 0)) / m;
    double l = pm * ctau;
    if (!(l > 0)) continue;
    double pdec = exp(-x->shield_m / l) * -expm1(-x->decay_m / l);
    sum += s->wdsdx[i] * pdec;
  }
  *n = lum * sum * cm2 * eps2 * s->br_vis;
  return DR_OK;
}
