/* Relic-target curves over a mass grid (threads over points). */
#include "darkreach/relic.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

int dr_relic_curve(dr_coupling_kind k, dr_dm_kind dm, double alpha_d, double ratio, double delta, const double *m_dm, int n,
                   const dr_gstar *gs, double target, dr_relic_point *out, dr_error *e) {
  int g, sc;
  if (dr_relic_dm_dof(dm, &g, &sc, e) != DR_OK) return DR_EINVAL;
  if (!(alpha_d > 0) || !(ratio > 0) || !(target > 0))
    return DR_FAIL(e, DR_EINVAL, "alpha_D, the mass ratio and the target must be positive");
#pragma omp parallel for schedule(dynamic, 1)
  for (int i = 0; i < n; i++) {
    dr_relic_point *p = &out[i];
    memset(p, 0, sizeof *p);
    p->m_dm = m_dm[i];
    p->m_med = ratio * m_dm[i];
    p->eps = p->y = p->omega_h2 = p->x_f = NAN;
    dr_relic_model m = {dm, m_dm[i], ratio * m_dm[i], alpha_d, 1e-4, k, delta};
    dr_relic_result r;
    dr_error pe;
    dr_error_clear(&pe);
    if (!(m_dm[i] > 0)) {
      p->status = DR_EINVAL;
      snprintf(p->message, sizeof p->message, "mass must be positive");
      continue;
    }
    p->status = dr_relic_target(&m, gs, target, &p->eps, &p->y, &r, &pe);
    p->omega_h2 = r.omega_h2;
    p->x_f = r.x_f;
    if (p->status != DR_OK) {
      p->eps = p->y = NAN;
      dr_error_user_message(&pe, p->message, sizeof p->message);
    }
  }
  return DR_OK;
}
