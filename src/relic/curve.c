/* Relic-target curves over a mass grid (threads over points, dr_scan_run). */
#include "darkreach/relic.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

typedef struct {
  const dr_relic_spec *s;
  const double *m_dm;
  const dr_gstar *gs;
  dr_relic_point *out;
} curve_args;

static void curve_point(int i, void *vp) {
  const curve_args *a = vp;
  const dr_relic_spec *s = a->s;
  dr_relic_point *p = &a->out[i];
  memset(p, 0, sizeof *p);
  p->m_dm = a->m_dm[i];
  p->m_med = s->ratio * a->m_dm[i];
  p->eps = p->y = p->omega_h2 = p->x_f = NAN;
  if (!(a->m_dm[i] > 0)) {
    p->status = DR_EINVAL;
    snprintf(p->message, sizeof p->message, "mass must be positive");
    return;
  }
  dr_relic_model m = {s->dm, a->m_dm[i], s->ratio * a->m_dm[i], s->alpha_d, 1e-4, s->model, s->delta};
  dr_relic_result r;
  dr_error pe;
  dr_error_clear(&pe);
  p->status = dr_relic_target(&m, a->gs, s->omega_h2, &p->eps, &p->y, &r, &pe);
  p->omega_h2 = r.omega_h2;
  p->x_f = r.x_f;
  if (p->status != DR_OK) {
    p->eps = p->y = p->omega_h2 = p->x_f = NAN;
    dr_error_user_message(&pe, p->message, sizeof p->message);
  }
}

int dr_relic_curve(const dr_relic_spec *s, const double *m_dm, int n, const dr_gstar *gs,
                   dr_relic_point *out, const dr_scan_ctl *ctl, dr_error *e) {
  int g, sc;
  if (dr_relic_dm_dof(s->dm, &g, &sc, e) != DR_OK) return DR_EINVAL;
  const dr_model_info *mi = dr_model_info_get(s->model);
  if (!mi || !mi->dark_portal) {
    char list[256];
    return DR_FAIL(e, DR_EINVAL, "relic targets need a model with a dark-matter coupling (%s); got %s",
                   dr_model_list(list, sizeof list, DR_MODELS_DARK), mi ? mi->name : "an invalid model");
  }
  if (!(s->alpha_d > 0) || !(s->ratio > 0) || !(s->omega_h2 > 0))
    return DR_FAIL(e, DR_EINVAL, "alpha_D, the mass ratio and the Omega h^2 target must be positive");
  curve_args a = {s, m_dm, gs, out};
  return dr_scan_run(n, curve_point, &a, ctl);
}
