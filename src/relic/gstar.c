/* Effective degrees of freedom g_eff(T), h_eff(T) of the Standard Model,
 * [Saikawa:2018rcs] table (data/gstar_saikawa_shirai_2018.dat, compiled in).
 * Steffen (monotone, no overshoot) interpolation in ln T; d ln h/d ln T from
 * the interpolant's derivative. Outside the table: DR_EDOMAIN. */
#include "darkreach/relic.h"

#include <gsl/gsl_spline.h>
#include <math.h>
#include <stdlib.h>

extern const size_t dr_table_gstar_rows;
extern const double dr_table_gstar_c0[], dr_table_gstar_c1[], dr_table_gstar_c3[];

struct dr_gstar {
  gsl_spline *g, *h; /* of ln T */
  double *lnT;
  double tmin, tmax;
};

void dr_gstar_free(dr_gstar *g) {
  if (!g) return;
  gsl_spline_free(g->g);
  gsl_spline_free(g->h);
  free(g->lnT);
  free(g);
}

dr_gstar *dr_gstar_alloc(dr_error *e) {
  size_t n = dr_table_gstar_rows;
  dr_gstar *g = calloc(1, sizeof *g);
  if (!g || !(g->lnT = malloc(n * sizeof *g->lnT)) || !(g->g = gsl_spline_alloc(gsl_interp_steffen, n)) ||
      !(g->h = gsl_spline_alloc(gsl_interp_steffen, n))) {
    dr_gstar_free(g);
    DR_FAIL(e, DR_ENOMEM, "out of memory");
    return NULL;
  }
  for (size_t i = 0; i < n; i++) g->lnT[i] = log(dr_table_gstar_c0[i]);
  if (gsl_spline_init(g->g, g->lnT, dr_table_gstar_c1, n) ||
      gsl_spline_init(g->h, g->lnT, dr_table_gstar_c3, n)) {
    dr_gstar_free(g);
    DR_FAIL(e, DR_EPARSE, "g_* table is not increasing in T");
    return NULL;
  }
  g->tmin = dr_table_gstar_c0[0];
  g->tmax = dr_table_gstar_c0[n - 1];
  return g;
}

double dr_gstar_tmin(const dr_gstar *g) { return g->tmin; }
double dr_gstar_tmax(const dr_gstar *g) { return g->tmax; }

int dr_gstar_eval(const dr_gstar *g, double T, double *g_eff, double *h_eff, double *gstar_half,
                  dr_error *e) {
  if (!(T >= g->tmin && T <= g->tmax))
    return DR_FAIL(e, DR_EDOMAIN, "T = %g GeV is outside the g_* table (%g .. %g GeV)", T, g->tmin, g->tmax);
  double l = log(T);
  double ge = gsl_spline_eval(g->g, l, NULL), he = gsl_spline_eval(g->h, l, NULL);
  double dh = gsl_spline_eval_deriv(g->h, l, NULL);
  if (g_eff) *g_eff = ge;
  if (h_eff) *h_eff = he;
  /* g_*^{1/2} = h/sqrt(g) (1 + (1/3) d ln h/d ln T)   [Gondolo:1990dk] */
  if (gstar_half) *gstar_half = he / sqrt(ge) * (1 + dh / (3 * he));
  return DR_OK;
}
