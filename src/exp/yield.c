/* Signal yield for an experiment card (formulas in include/darkreach/exp.h;
 * FORMULARY Part I §8, Part II §4.1 and §4.4). */
#include "darkreach/constants.h"
#include "darkreach/exp.h"
#include "darkreach/mesons.h"

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

enum { TRACK_INTERVALS = 48, TABLE_NE = 10, TABLE_NX = 100, VIS_BINS = 128 };

/* Visible: the X-energy spectrum weighted by track length, in VIS_BINS bins of
 * z = E_X/E0 over [x_th, x_max]; each (track interval k, table x bin) adds
 * w_k [sigma(E_k, x > a) - sigma(E_k, x > b)] at its mean z. xs[] holds the
 * weight-mean z of each bin. */
static void visible_from_table(const dr_experiment *x, const dr_xs_table *t, int nk,
                               const double *ybar, const double *wk, dr_signal *s) {
  double sw[VIS_BINS] = {0}, swz[VIS_BINS] = {0};
  double E0 = x->energy, zlo = x->x_th, zhi = x->x_max, dz = (zhi - zlo) / VIS_BINS;
  int nx = dr_xs_table_n_x(t);
  for (int k = 0; k < nk; k++) {
    double E = E0 * exp(-ybar[k]), lo = zlo * E0 / E, hi = fmin(1.0, zhi * E0 / E);
    double ca;
    if (dr_xs_table_sigma(t, E, lo, &ca, NULL) != DR_OK) continue;
    for (int j = (int)(lo * nx); j < nx && (double)j / nx < hi; j++) {
      /* bin [a, b]: sigma(x > b) is the next bin's sigma(x > a) */
      double a = fmax(lo, (double)j / nx), b = fmin(hi, (double)(j + 1) / nx), cb;
      if (!(b > a) || dr_xs_table_sigma(t, E, b, &cb, NULL) != DR_OK) continue;
      double d = wk[k] * (ca - cb), z = 0.5 * (a + b) * E / E0;
      ca = cb;
      int i = (int)((z - zlo) / dz);
      if (i < 0) i = 0;
      if (i >= VIS_BINS) i = VIS_BINS - 1;
      sw[i] += d;
      swz[i] += d * z;
    }
  }
  s->nx = 0;
  for (int i = 0; i < VIS_BINS; i++) {
    if (!(sw[i] > 0)) continue;
    s->xs[s->nx] = swz[i] / sw[i];
    s->wdsdx[s->nx] = sw[i];
    s->nx++;
  }
}

/* Tsai track-length yield (exp.h): table over [x_th E0, E0], track intervals in
 * y = ln(E0/E) up to ln(1/x_th). */
static int prepare_tsai(const dr_experiment *x, const dr_process *p0, const dr_xsec_opts *o,
                        dr_signal *s, dr_error *e) {
  double E0 = x->energy, ybar[TRACK_INTERVALS], wk[TRACK_INTERVALS];
  int rc = dr_track_tsai(x->thickness_x0, -log(x->x_th), TRACK_INTERVALS, ybar, wk, e);
  if (rc != DR_OK) return rc;
  double E_thr = (dr_model_is_pair(p0->model) ? 2 : 1) * s->mass + x->beam.mass; /* a pair needs 2 m_chi */
  double E_lo = fmax(x->x_th * E0, E_thr + 1e-3 * (E0 - E_thr));
  dr_xs_table_spec ts = {p0->model, &x->beam, x->material, p0->ff.inel, s->mass,
                         E_lo, E0, TABLE_NE, TABLE_NX};
  dr_xs_table *t = dr_xs_table_build(&ts, o, e);
  if (!t) return e && e->status ? e->status : DR_ENOMEM;
  /* sigma at the beam energy, for the record */
  double c0, c1, e0, e1;
  dr_xs_table_sigma(t, E0, x->x_th, &c0, &e0);
  dr_xs_table_sigma(t, E0, x->x_max, &c1, &e1);
  s->sigma = c0 - c1;
  s->sigma_err = e0 + e1;
  if (x->signature == DR_SIG_VISIBLE) {
    visible_from_table(x, t, TRACK_INTERVALS, ybar, wk, s);
    for (int i = 0; i < s->nx; i++) s->sigma_yield += s->wdsdx[i];
  } else {
    for (int k = 0; k < TRACK_INTERVALS; k++) {
      double E = E0 * exp(-ybar[k]), a, b;
      if (E < E_lo) continue; /* within 0.1 % of the production threshold */
      dr_xs_table_sigma(t, E, x->x_th * E0 / E, &a, NULL);
      dr_xs_table_sigma(t, E, fmin(1.0, x->x_max * E0 / E), &b, NULL);
      s->sigma_yield += wk[k] * (a - b);
    }
  }
  rc = dr_xs_table_status(t);
  dr_xs_table_free(t);
  return rc;
}

int dr_experiment_meson_yields(dr_experiment *x, dr_error *e) {
  if (x->meson_yields != DR_MESONS_UNSET) return DR_OK;
  int rc = dr_meson_yields_computed(x, x->meson_per_lot, e);
  if (rc == DR_OK) x->meson_yields = DR_MESONS_COMPUTED;
  return rc;
}

/* millicharged pairs: the bremsstrahlung-like rate (thin or effective
 * thickness at E0, or Tsai's track lengths) and the invisible meson decays */
static int prepare_pair(const dr_experiment *x, const dr_process *p, const dr_xsec_opts *o, dr_xsec_ws *w,
                        dr_signal *s, dr_error *e) {
  if (x->signature != DR_SIG_INVISIBLE)
    return DR_FAIL(e, DR_EINVAL, "millicharged pairs leave the detector: invisible signature only");
  int rc;
  s->n_channels = 1 + DR_N_MESONS; /* the rows keep their shape even when a channel fails */
  for (int c = 0; c < s->n_channels; c++) s->n_channel_eps1[c] = NAN;
  if (x->track == DR_TRACK_TSAI) {
    rc = prepare_tsai(x, p, o, s, e);
  } else {
    dr_estimate sig;
    rc = dr_sigma(p, o, x->x_th, x->x_max, w, &sig, e);
    s->sigma = sig.val;
    s->sigma_err = sig.err;
    s->sigma_yield = x->effective_thickness_x0 * sig.val;
  }
  if (rc != DR_OK && rc != DR_ENOCONV) return rc;
  dr_experiment xm = *x; /* computed yields when the card has none (mesons.h) */
  int mrc = dr_experiment_meson_yields(&xm, e);
  if (mrc != DR_OK) return mrc;
  double lum = dr_experiment_luminosity_cm2(x) * x->efficiency, cm2 = DR_GEV2_TO_PB * DR_PB_TO_CM2;
  s->n_channel_eps1[0] = lum * s->sigma_yield * cm2;
  int scalar = p->model == DR_MODEL_MILLICHARGED_SCALAR;
  for (int m = 0; m < DR_N_MESONS; m++)
    s->n_channel_eps1[1 + m] =
        x->lot * x->efficiency * xm.meson_per_lot[m] * dr_meson_br_pair((dr_meson)m, p->m_X, 1.0, scalar);
  return rc;
}

int dr_signal_prepare(const dr_experiment *x, dr_model_kind model, const dr_xsec_opts *o,
                      double mass, dr_xsec_ws *w, dr_signal *s, dr_error *e) {
  memset(s, 0, sizeof *s);
  s->mass = mass;
  dr_process p;
  int rc = dr_process_init(&p, model, &x->beam, x->energy, mass, x->material, DR_INEL_LINEAR, e);
  if (rc != DR_OK) return s->status = rc;
  if (dr_model_is_pair(model)) return s->status = prepare_pair(x, &p, o, w, s, e);

  dr_decay_params dp = {model, mass, 1.0, DR_DM_NONE, 0, 0};
  dr_widths wd;
  int wrc = dr_widths_compute(&dp, &wd, e);
  if (wrc != DR_OK) return s->status = wrc;
  s->gamma_sm_eps1 = wd.total;
  s->br_vis = wd.total > 0 ? wd.ee / wd.total : 0;
  if (dr_model_info_get(model)->dark_portal && x->dm != DR_DM_NONE) {
    dp.dm = x->dm;
    dp.alpha_d = x->alpha_d;
    dp.m_dm = mass / x->mass_ratio;
    wrc = dr_widths_compute(&dp, &wd, e);
    if (wrc != DR_OK) return s->status = wrc;
    s->gamma_dm = wd.dm;
  }

  if (x->track == DR_TRACK_TSAI) {
    rc = prepare_tsai(x, &p, o, s, e);
    return s->status = rc;
  }
  /* thin target or effective thickness: everything at the beam energy */
  double L = x->effective_thickness_x0;
  dr_estimate sig;
  rc = dr_sigma(&p, o, x->x_th, x->x_max, w, &sig, e);
  s->sigma = sig.val;
  s->sigma_err = sig.err;
  s->sigma_yield = L * sig.val;
  s->status = rc;
  if (rc != DR_OK && rc != DR_ENOCONV) return rc;
  if (x->signature == DR_SIG_VISIBLE) {
    double lo = fmax(x->x_th, dr_xsec_xmin(&p)), hi = fmin(x->x_max, dr_xsec_xmax(&p));
    if (!(hi > lo)) return s->status;
    int trc;
    if (o->method == DR_METHOD_ETL) {
      /* one-energy table: the x spectrum from the same VEGAS points */
      dr_xs_table_spec ts = {model, &x->beam, x->material, DR_INEL_LINEAR, mass,
                             x->energy, x->energy, 1, TABLE_NX};
      dr_xs_table *t = dr_xs_table_build(&ts, o, e);
      if (!t) return s->status = e && e->status ? e->status : DR_ENOMEM;
      double y0 = 0;
      visible_from_table(x, t, 1, &y0, &L, s);
      trc = dr_xs_table_status(t);
      dr_xs_table_free(t);
    } else {
      trc = tabulate_dsdx(&p, o, lo, hi, w, s, e);
      for (int i = 0; i < s->nx; i++) s->wdsdx[i] *= L;
    }
    if (trc != DR_OK && trc != DR_ENOCONV) return s->status = trc;
    if (trc != DR_OK) s->status = trc;
  }
  return s->status;
}

int dr_signal_events(const dr_experiment *x, dr_model_kind model, const dr_signal *s, double eps,
                     double *n, dr_error *e) {
  *n = 0;
  if (!(eps >= 0)) return DR_FAIL(e, DR_EINVAL, "coupling must be non-negative (got %g)", eps);
  double eps2 = eps * eps;
  if (s->n_channels > 0) { /* millicharged pairs: every channel goes as eps^2 */
    for (int c = 0; c < s->n_channels; c++) *n += eps2 * s->n_channel_eps1[c];
    return DR_OK;
  }
  double lum = dr_experiment_luminosity_cm2(x) * x->efficiency;
  double cm2 = DR_GEV2_TO_PB * DR_PB_TO_CM2;
  if (x->signature == DR_SIG_INVISIBLE) {
    double br = 1.0;
    if (dr_model_info_get(model)->dark_portal && x->dm != DR_DM_NONE)
      br = s->gamma_dm > 0 ? s->gamma_dm / (s->gamma_dm + eps2 * s->gamma_sm_eps1) : 0.0;
    *n = lum * s->sigma_yield * cm2 * eps2 * br;
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
