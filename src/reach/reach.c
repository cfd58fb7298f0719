/* Reach scans (method in include/darkreach/reach.h). */
#include "darkreach/reach.h"

#include "darkreach/constants.h"
#include "darkreach/num.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

const char *dr_reach_status_name(dr_reach_status s) {
  switch (s) {
  case DR_REACH_OK: return "ok";
  case DR_REACH_NO_SENSITIVITY: return "no-sensitivity";
  case DR_REACH_DOMAIN: return "domain";
  case DR_REACH_NOT_CONVERGED: return "not-converged";
  default: return "error";
  }
}

int dr_reach_status_parse(const char *name, dr_reach_status *out) {
  for (int s = DR_REACH_OK; s <= DR_REACH_ERROR; s++)
    if (strcmp(dr_reach_status_name((dr_reach_status)s), name) == 0) {
      *out = (dr_reach_status)s;
      return DR_OK;
    }
  return DR_EINVAL;
}

dr_reach_opts dr_reach_opts_from_experiment(const dr_experiment *x) {
  dr_reach_opts o;
  o.mass_min = x->mass_min;
  o.mass_max = x->mass_max;
  o.points = x->points;
  o.s_up = x->s_up > 0 ? x->s_up : dr_poisson_upper_zero_bkg(x->cl);
  o.xsec = dr_xsec_opts_default();
  o.xsec.etl_rel_tol = 1e-2; /* 1 % in sigma = 0.5 % in eps */
  return o;
}

typedef struct {
  const dr_experiment *x;
  dr_model_kind model;
  const dr_signal *s;
  double s_up;
} nfun_params;

static double log_n_minus(double lneps, void *vp) {
  nfun_params *p = vp;
  double n = 0;
  dr_signal_events(p->x, p->model, p->s, exp(lneps), &n, NULL);
  return (n > 0 ? log(n) : -800.0) - log(p->s_up);
}

enum { EPS_GRID = 121 };
static const double LNEPS_MIN = -27.631021115928547; /* ln 1e-12 */

int dr_reach_point_solve(const dr_experiment *x, dr_model_kind model, const dr_reach_opts *o,
                         double mass, dr_xsec_ws *w, dr_reach_point *pt) {
  memset(pt, 0, sizeof *pt);
  pt->mass = mass;
  pt->eps = pt->eps_upper = pt->y = pt->y_upper = NAN;
  pt->res_rel_err = NAN;
  for (int c = 0; c <= DR_N_MESONS; c++) pt->eps_channel[c] = NAN;
  dr_error e;
  dr_error_clear(&e);
  dr_signal s;
  int rc = dr_signal_prepare(x, model, &o->xsec, mass, w, &s, &e);
  /* pair models' rows keep their channel columns even when the point fails */
  pt->n_channels = dr_model_is_pair(model) ? 1 + DR_N_MESONS : s.n_channels;
  pt->sigma_pb = s.sigma * DR_GEV2_TO_PB;
  pt->sigma_err_pb = s.sigma_err * DR_GEV2_TO_PB;
  if (rc != DR_OK && rc != DR_ENOCONV) {
    pt->status = rc == DR_EDOMAIN ? DR_REACH_DOMAIN : DR_REACH_ERROR;
    dr_error_user_message(&e, pt->message, sizeof pt->message);
    return rc;
  }
  dr_signal_events(x, model, &s, 1.0, &pt->n_eps1, NULL);
  pt->n_channels = s.n_channels;
  for (int c = 0; c < s.n_channels; c++) { /* eps^2 in every channel: each one's reach alone */
    double ec = s.n_channel_eps1[c] > 0 ? sqrt(o->s_up / s.n_channel_eps1[c]) : NAN;
    pt->eps_channel[c] = ec <= 1 ? ec : NAN;
  }
  nfun_params np = {x, model, &s, o->s_up};
  double f[EPS_GRID], le[EPS_GRID];
  for (int i = 0; i < EPS_GRID; i++) {
    le[i] = LNEPS_MIN * (1.0 - (double)i / (EPS_GRID - 1));
    f[i] = log_n_minus(le[i], &np);
  }
  int lo = -1, hi = -1;
  for (int i = 0; i + 1 < EPS_GRID; i++) {
    if (f[i] < 0 && f[i + 1] >= 0 && lo < 0) lo = i;
    if (f[i] >= 0 && f[i + 1] < 0) hi = i;
  }
  if (f[0] >= 0) {
    pt->status = DR_REACH_ERROR;
    snprintf(pt->message, sizeof pt->message, "signal exceeds s_up already at coupling 1e-12");
    return DR_EDOMAIN;
  }
  if (lo < 0) {
    pt->status = DR_REACH_NO_SENSITIVITY;
    const dr_model_info *mi = dr_model_info_get(model);
    if (strcmp(mi->coupling_unit, "1") == 0)
      snprintf(pt->message, sizeof pt->message, "fewer than %.3g events for every coupling <= 1", o->s_up);
    else /* the scan's upper end is 1 in the model's unit */
      snprintf(pt->message, sizeof pt->message, "fewer than %.3g events for every coupling <= 1 %s", o->s_up,
               mi->coupling_unit);
    return DR_OK;
  }
  double root;
  if (dr_root_brent(log_n_minus, &np, le[lo], le[lo + 1], 1e-10, 1e-10, &root, &e) != DR_OK) {
    pt->status = DR_REACH_ERROR;
    dr_error_user_message(&e, pt->message, sizeof pt->message);
    return DR_ENOCONV;
  }
  /* y needs a dark-matter species the mediator couples to */
  int has_dm = dr_model_info_get(model)->dark_portal && x->dm != DR_DM_NONE;
  pt->eps = exp(root);
  pt->y = has_dm ? dr_model_y(model, pt->eps, x->alpha_d, x->mass_ratio) : NAN;
  if (hi > lo && dr_root_brent(log_n_minus, &np, le[hi], le[hi + 1], 1e-10, 1e-10, &root, &e) == DR_OK) {
    pt->eps_upper = exp(root);
    pt->y_upper = has_dm ? dr_model_y(model, pt->eps_upper, x->alpha_d, x->mass_ratio) : NAN;
  }
  if (s.res_eps1 > 0) { /* resonant annihilation's share of the signal at the lower edge, and its MC error */
    dr_signal s0 = s;
    s0.res_eps1 = 0;
    double nt, n0;
    dr_signal_events(x, model, &s, pt->eps, &nt, NULL);
    dr_signal_events(x, model, &s0, pt->eps, &n0, NULL);
    pt->res_share = nt > 0 ? 1 - n0 / nt : 0;
    pt->res_rel_err = s.res_rel_err;
  }
  pt->status = rc == DR_ENOCONV ? DR_REACH_NOT_CONVERGED : DR_REACH_OK;
  if (rc == DR_ENOCONV)
    snprintf(pt->message, sizeof pt->message, "cross section did not reach rel. tolerance %g",
             o->xsec.method == DR_METHOD_ETL ? o->xsec.etl_rel_tol : o->xsec.rel_tol);
  return DR_OK;
}

double dr_reach_mass(const dr_reach_opts *o, int i) {
  return dr_scan_log_point(o->mass_min, o->mass_max, o->points, i);
}

typedef struct {
  const dr_experiment *x;
  dr_model_kind model;
  const dr_reach_opts *o;
  dr_reach_point *pts;
} scan_args;

static void scan_point(int i, void *vp) {
  const scan_args *a = vp;
  double m = dr_reach_mass(a->o, i);
  dr_xsec_ws *w = dr_xsec_ws_alloc();
  if (w) {
    dr_reach_point_solve(a->x, a->model, a->o, m, w, &a->pts[i]);
  } else {
    memset(&a->pts[i], 0, sizeof a->pts[i]);
    a->pts[i].mass = m;
    a->pts[i].eps = a->pts[i].eps_upper = a->pts[i].y = a->pts[i].y_upper = NAN;
    a->pts[i].status = DR_REACH_ERROR;
    snprintf(a->pts[i].message, sizeof a->pts[i].message, "out of memory");
  }
  dr_xsec_ws_free(w);
}

int dr_reach_scan(const dr_experiment *x, dr_model_kind model, const dr_reach_opts *o, dr_reach_point *pts,
                  const dr_scan_ctl *ctl, dr_error *e) {
  if (!(o->mass_min > 0 && o->mass_max >= o->mass_min) || o->points < 1)
    return DR_FAIL(e, DR_EINVAL, "mass range needs 0 < min <= max and at least one point (got %g, %g, %d)",
                   o->mass_min, o->mass_max, o->points);
  if (!(o->s_up > 0)) return DR_FAIL(e, DR_EINVAL, "s_up must be positive");
  if (!dr_model_can_produce(model))
    return DR_FAIL(e, DR_EINVAL, "model %s has no production vertex yet", dr_model_name(model));
  if (dr_method_check(model, o->xsec.method, e) != DR_OK) return DR_EINVAL;
  /* millicharged pairs: the card's meson yields, or computed once for every mass */
  dr_experiment xm = *x;
  if (dr_model_is_pair(model) && dr_experiment_meson_yields(&xm, e) != DR_OK) return e && e->status ? e->status : DR_EINVAL;
  /* the shower's track lengths, once for every mass */
  if (dr_experiment_shower(&xm, e) != DR_OK) return e && e->status ? e->status : DR_EINVAL;
  scan_args a = {&xm, model, o, pts};
  return dr_scan_run(o->points, scan_point, &a, ctl);
}
