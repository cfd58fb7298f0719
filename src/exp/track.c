/* Primary-electron track length in a thick target (include/darkreach/exp.h).
 *
 * Tsai's energy distribution of the primary electron after t radiation
 * lengths (complete-screening Bethe-Heitler, b = 4/3) [Tsai:1973py] (RMP 46, 815);
 * Bjorken:2009mm App. A; derivation note FORMULARY Part II §4.2]:
 *   I_e(E0, E, t) = [ln(E0/E)]^(bt - 1) / (E0 Gamma(bt)).
 * In y = ln(E0/E), dE = E0 e^-y dy, so I_e dE = e^-y y^(bt-1)/Gamma(bt) dy: a
 * Gamma(bt) distribution, normalised to 1 for every t, and
 *   int_a^c I_e dE = P(bt, c) - P(bt, a)      (P: regularised lower incomplete gamma).
 * The track length [X0] over 0 < t < T with y in [y_k, y_k+1] and its mean y:
 *   W_k    = int_0^T dt [P(bt, y_k+1) - P(bt, y_k)],
 *   ybar_k = int_0^T dt bt [P(bt+1, y_k+1) - P(bt+1, y_k)] / W_k
 * (y e^-y y^(bt-1)/Gamma(bt) = bt e^-y y^bt/Gamma(bt+1)). The t integrals are
 * smooth and done by QUADPACK (GSL qag).
 *
 * Note: the derivation note FORMULARY Part II §4.2 quotes the track length above f E0 as
 * (1/b) int du ln(1/f)^u/Gamma(u+1) (7.2 X0 for f = 0.1); that drops the e^-y
 * of dE and is not normalised. With it, int dt P(bt, ln(1/f)) = 0.341, 0.870,
 * 1.268, 2.100 X0 for f = 0.9, 0.5, 0.3, 0.1 and T -> infinity (tested). */
#include "darkreach/exp.h"

#include <gsl/gsl_integration.h>
#include <gsl/gsl_sf_gamma.h>
#include <math.h>
#include <stdlib.h>

static const double TSAI_B = 4.0 / 3.0;

typedef struct {
  double y;
  int mean; /* 0: P(bt, y); 1: bt P(bt + 1, y) */
} pt_params;

static double p_of_t(double t, void *vp) {
  const pt_params *p = vp;
  double a = TSAI_B * t;
  if (!(a > 0)) return p->mean ? 0.0 : 1.0; /* all of the beam at y = 0 */
  if (p->mean) return a * gsl_sf_gamma_inc_P(a + 1, p->y);
  return gsl_sf_gamma_inc_P(a, p->y);
}

/* int_0^T dt P(bt, y) (mean = 0) or int_0^T dt bt P(bt+1, y) (mean = 1) */
static int q_of_y(gsl_integration_workspace *ws, double T, double y, int mean, double *out,
                  dr_error *e) {
  if (!(y > 0)) {
    *out = 0;
    return DR_OK;
  }
  pt_params pp = {y, mean};
  gsl_function f = {p_of_t, &pp};
  double err;
  int st = gsl_integration_qag(&f, 0, T, 1e-12, 1e-9, 1000, GSL_INTEG_GAUSS21, ws, out, &err);
  if (st) return DR_FAIL(e, DR_ENOCONV, "track length: t integral at y = %g did not converge", y);
  return DR_OK;
}

int dr_track_tsai(double T, double y_max, int n, double *ybar, double *w, dr_error *e) {
  if (!(T > 0) || !(y_max > 0) || n < 1)
    return DR_FAIL(e, DR_EINVAL, "track length: need T > 0, y_max > 0, n >= 1");
  gsl_integration_workspace *ws = gsl_integration_workspace_alloc(1000);
  if (!ws) return DR_FAIL(e, DR_ENOMEM, "out of memory");
  double q0 = 0, m0 = 0;
  int rc = DR_OK;
  for (int k = 0; k < n && rc == DR_OK; k++) {
    double y1 = y_max * (k + 1) / n, q1, m1;
    rc = q_of_y(ws, T, y1, 0, &q1, e);
    if (rc == DR_OK) rc = q_of_y(ws, T, y1, 1, &m1, e);
    if (rc != DR_OK) break;
    w[k] = q1 - q0;
    ybar[k] = w[k] > 0 ? (m1 - m0) / w[k] : y_max * (k + 0.5) / n;
    /* the mean lies in its interval; guard rounding of the differences */
    double lo = y_max * k / n, hi = y1;
    if (ybar[k] < lo) ybar[k] = lo;
    if (ybar[k] > hi) ybar[k] = hi;
    q0 = q1, m0 = m1;
  }
  gsl_integration_workspace_free(ws);
  return rc;
}

double dr_track_tsai_above(double T, double f) {
  if (!(f > 0 && f < 1) || !(T > 0)) return f >= 1 ? 0 : NAN;
  gsl_integration_workspace *ws = gsl_integration_workspace_alloc(1000);
  if (!ws) return NAN;
  double q;
  int rc = q_of_y(ws, T, -log(f), 0, &q, NULL);
  gsl_integration_workspace_free(ws);
  return rc == DR_OK ? q : NAN;
}
