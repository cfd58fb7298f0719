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

dr_reach_opts dr_reach_opts_from_experiment(const dr_experiment *x) {
  dr_reach_opts o;
  o.mass_min = x->mass_min;
  o.mass_max = x->mass_max;
  o.points = x->points;
  o.s_up = dr_poisson_upper_zero_bkg(x->cl);
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
  dr_error e;
  dr_error_clear(&e);
  dr_signal s;
  int rc = dr_signal_prepare(x, model, &o->xsec, mass, w, &s, &e);
  pt->sigma_pb = s.sigma * DR_GEV2_TO_PB;
  pt->sigma_err_pb = s.sigma_err * DR_GEV2_TO_PB;
  if (rc != DR_OK && rc != DR_ENOCONV) {
    pt->status = rc == DR_EDOMAIN ? DR_REACH_DOMAIN : DR_REACH_ERROR;
    dr_error_user_message(&e, pt->message, sizeof pt->message);
    return rc;
  }
  dr_signal_events(x, model, &s, 1.0, &pt->n_eps1, NULL);
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
    snprintf(pt->message, sizeof pt->message, "signal exceeds s_up already at eps = 1e-12");
    return DR_EDOMAIN;
  }
  if (lo < 0) {
    pt->status = DR_REACH_NO_SENSITIVITY;
    snprintf(pt->message, sizeof pt->message, "fewer than %.3g events for every eps <= 1", o->s_up);
    return DR_OK;
  }
  double root;
  double yfac = x->alpha_d / pow(x->mass_ratio, 4);
  if (dr_root_brent(log_n_minus, &np, le[lo], le[lo + 1], 1e-10, 1e-10, &root, &e) != DR_OK) {
    pt->status = DR_REACH_ERROR;
    dr_error_user_message(&e, pt->message, sizeof pt->message);
    return DR_ENOCONV;
  }
  pt->eps = exp(root);
  pt->y = pt->eps * pt->eps * yfac;
  if (hi > lo && dr_root_brent(log_n_minus, &np, le[hi], le[hi + 1], 1e-10, 1e-10, &root, &e) == DR_OK) {
    pt->eps_upper = exp(root);
    pt->y_upper = pt->eps_upper * pt->eps_upper * yfac;
  }
  pt->status = rc == DR_ENOCONV ? DR_REACH_NOT_CONVERGED : DR_REACH_OK;
  if (rc == DR_ENOCONV)
    snprintf(pt->message, sizeof pt->message, "cross section did not reach rel. tolerance %g",
             o->xsec.rel_tol);
  return DR_OK;
}

int dr_reach_scan(const dr_experiment *x, dr_model_kind model, const dr_reach_opts *o,
                  dr_reach_point *pts, dr_error *e) {
  if (!(o->mass_min > 0 && o->mass_max >= o->mass_min) || o->points < 1)
    return DR_FAIL(e, DR_EINVAL, "mass range needs 0 < min <= max and at least one point (got %g, %g, %d)",
                   o->mass_min, o->mass_max, o->points);
  if (!(o->s_up > 0)) return DR_FAIL(e, DR_EINVAL, "s_up must be positive");
  int n = o->points, failed_alloc = 0;
#pragma omp parallel
  {
    dr_xsec_ws *w = dr_xsec_ws_alloc();
    if (!w) {
#pragma omp atomic write
      failed_alloc = 1;
    }
#pragma omp for schedule(dynamic, 1)
    for (int i = 0; i < n; i++) {
      double m = n == 1 ? o->mass_min
                        : o->mass_min * pow(o->mass_max / o->mass_min, (double)i / (n - 1));
      if (w) dr_reach_point_solve(x, model, o, m, w, &pts[i]);
      else {
        memset(&pts[i], 0, sizeof pts[i]);
        pts[i].mass = m;
        pts[i].status = DR_REACH_ERROR;
        snprintf(pts[i].message, sizeof pts[i].message, "out of memory");
      }
    }
    dr_xsec_ws_free(w);
  }
  if (failed_alloc) return DR_FAIL(e, DR_ENOMEM, "out of memory for integration workspaces");
  return DR_OK;
}
