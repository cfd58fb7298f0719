/* Reach: the coupling at which an experiment sees s_up signal events.
 *
 * At each mass, N(eps) is computed on a log grid eps in [1e-12, 1] and the
 * crossings N = s_up are refined by Brent's method in ln eps. Invisible
 * signatures give one (lower) boundary; visible beam-dump signatures give a
 * lower and an upper one (short lifetimes decay in the shield).
 * s_up = 2.303 (90 % CL) or 2.996 (95 % CL) with zero background
 * (the classical Poisson upper limit, -ln(1 - CL), of the PDG review of
 * statistics [Workman:2022ynf]; CLs and Feldman-Cousins with background in
 * poisson.h; derivation note FORMULARY Part I §8).
 * y from the registry (dr_model_y; eps^2 alpha_D (m_DM/m_A')^4 for the vector)
 * where the mediator couples to the card's dark-matter species; NaN where
 * there is none (a visible search, a leptophilic scalar).
 * A scan never stops on a bad point: each point carries its status.
 */
#ifndef DARKREACH_REACH_H
#define DARKREACH_REACH_H

#include "darkreach/exp.h"
#include "darkreach/scan.h"

typedef enum {
  DR_REACH_OK = 0,
  DR_REACH_NO_SENSITIVITY, /* N < s_up for every eps <= 1 */
  DR_REACH_DOMAIN,         /* mass outside the kinematic or table range */
  DR_REACH_NOT_CONVERGED,  /* value given, tolerance not met */
  DR_REACH_ERROR
} dr_reach_status;

const char *dr_reach_status_name(dr_reach_status s);
int dr_reach_status_parse(const char *name, dr_reach_status *out); /* DR_OK or DR_EINVAL */

typedef struct {
  double mass;
  double eps, eps_upper; /* NaN where there is no boundary */
  double y, y_upper;
  double n_eps1;         /* signal events at eps = 1 (invisible) */
  double sigma_pb, sigma_err_pb; /* sigma(x_th < x < x_max) at eps = 1, per atom */
  dr_reach_status status;
  char message[256];
  /* millicharged pairs: the reach of each channel alone, bremsstrahlung-like then V -> chi chibar for rho,
   * omega, phi, J/psi (NaN: no sensitivity up to coupling 1); n_channels = 0 for the mediators */
  int n_channels;
  double eps_channel[1 + DR_N_MESONS];
  /* track = shower: resonant e+ e- -> X's share of the events at the lower edge, and the relative Monte Carlo
   * error of the positron track length at E_R (NaN where there is none) */
  double res_share, res_rel_err;
} dr_reach_point;

typedef struct {
  double mass_min, mass_max;
  int points;
  double s_up;
  dr_xsec_opts xsec;
} dr_reach_opts;

/* Defaults from the card: its mass range, points and CL; WW with defaults. */
dr_reach_opts dr_reach_opts_from_experiment(const dr_experiment *x);

int dr_reach_point_solve(const dr_experiment *x, dr_model_kind model, const dr_reach_opts *o,
                         double mass, dr_xsec_ws *w, dr_reach_point *pt);

/* Mass i of the log-spaced grid of o (mass_min .. mass_max, o->points). */
double dr_reach_mass(const dr_reach_opts *o, int i);

/* Fills pts[i] on the log-spaced mass grid for every point the scan computes
 * (ctl may be NULL: all; include/darkreach/scan.h: resume, cancel, a callback
 * per finished point). Threads over points; a point's result does not depend
 * on the thread count or the order. Returns DR_OK, DR_ECANCELED, or DR_EINVAL
 * for invalid inputs; per-point failures are in the points. */
int dr_reach_scan(const dr_experiment *x, dr_model_kind model, const dr_reach_opts *o,
                  dr_reach_point *pts, const dr_scan_ctl *ctl, dr_error *e);

#endif
