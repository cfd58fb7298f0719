/* Thermal relic density: effective degrees of freedom, Gondolo-Gelmini
 * thermal average, Boltzmann equation, relic targets.
 *
 * Conventions ([Gondolo:1990dk], [Steigman:2012nb]; derivation notes FORMULARY
 * Part I §10, Part II §6):
 *  - Y = n/s counts particles AND antiparticles; g is the total number of
 *    internal states (complex scalar 2, Dirac 4, Majorana 2).
 *  - Pseudo-Dirac: two Majorana states chi_1 (m) and chi_2 (m (1 + delta)), g = 2 each,
 *    the dark photon couples off-diagonally, so only chi_1 chi_2 co-annihilate
 *    ([Griest:1990kh] effective cross section):
 *      <sigma v>_eff = 2 <sigma_12 v> g_1 g_2 (1+delta)^{3/2} e^{-x delta}/g_eff^2,
 *      g_eff = g_1 + g_2 (1+delta)^{3/2} e^{-x delta},
 *    Y = Y_1 + Y_2, Y_eq summed over both states; sigma_12 is the Dirac cross section at
 *    the lighter mass (corrections O(delta)). delta -> 0 reproduces the Dirac fermion.
 *  - dY/dx = -sqrt(pi/45) M_Pl m g_*^{1/2}(T)/x^2 <sigma v>_eff (Y^2 - Y_eq^2),
 *    <sigma v>_eff = <sigma v>_{chi chibar}/2 for chi != chibar, = <sigma v>
 *    for a self-conjugate species ([Gondolo:1990dk]; Part II §6.3).
 *  - g_*^{1/2} = h_eff/sqrt(g_eff) (1 + (1/3) d ln h_eff/d ln T), g_eff and
 *    h_eff from [Saikawa:2018rcs] (data/gstar_saikawa_shirai_2018.dat);
 *    outside the table's range (2e-6 .. 1e17 GeV) is an error, never a clamp.
 *  - Y_eq = 45 g x^2 K2(x)/(4 pi^4 h_eff) (Maxwell-Boltzmann).
 *  - Omega h^2 = m Y_inf s_0/(rho_c/h^2) with s_0 = 2891.2 cm^-3 (T_0 = 2.7255 K)
 *    and rho_c/h^2 = 1.05371e-5 GeV cm^-3 ([Workman:2022ynf] astrophysical constants).
 *  - <sigma v> ([Gondolo:1990dk] eq. 3.8) =
 *      1/(8 m^4 T K2(x)^2) Int_{4m^2}^inf ds sigma(s) (s - 4m^2) sqrt(s) K1(sqrt(s)/T),
 *    evaluated with exponentially scaled Bessel functions in u = (sqrt(s) - 2m)/T.
 *  - Annihilation chi chibar -> f fbar through an s-channel dark photon, master
 *    formula (derived here, src/relic/sigmav.c; widths [Ilten:2018crw] eqs. (2.13), (2.15) at mass
 *    sqrt(s); derivation note FORMULARY Part II §6.1):
 *      sigma(s) = g_D^2 J(s) Gamma(A'* -> f fbar; sqrt(s)) / (sqrt(s) beta_chi [(s - m_A'^2)^2 + m_A'^2 Gamma_A'^2]),
 *      J = s - 4m^2 (complex scalar; Majorana with L = (g_D/2) chibar gamma^mu gamma^5 chi A'_mu),
 *      J = s + 2m^2 (Dirac, vector current),
 *    f = e, mu, tau and hadrons (R(s)) for kinetic mixing.
 */
#ifndef DARKREACH_RELIC_H
#define DARKREACH_RELIC_H

#include "darkreach/core.h"
#include "darkreach/model.h"
#include "darkreach/num.h"
#include "darkreach/scan.h"

#define DR_OMEGA_H2_PLANCK 0.120 /* [Planck:2018vyg] Omega_DM h^2 = 0.120 +- 0.001 */

/* ---- g_*(T) ---- */
typedef struct dr_gstar dr_gstar;
dr_gstar *dr_gstar_alloc(dr_error *e); /* splines of the embedded table; NULL on error */
void dr_gstar_free(dr_gstar *g);       /* NULL is a no-op */
double dr_gstar_tmin(const dr_gstar *g);
double dr_gstar_tmax(const dr_gstar *g);
/* g_eff (energy), h_eff (entropy) and g_*^{1/2} at T [GeV]; DR_EDOMAIN outside the table. */
int dr_gstar_eval(const dr_gstar *g, double T, double *g_eff, double *h_eff, double *gstar_half,
                  dr_error *e);

/* ---- the annihilating model ----
 * A dark-portal model of the registry (include/darkreach/model.h: the vector
 * with kinetic mixing and the moment models of [arXiv:2502.13635] eq. (2.1)),
 * its coupling g to SM fermions (eps for the vector; g_f in GeV^-n for the
 * moments, eq. (2.2)). Annihilation uses the registry's width to f fbar at
 * M = sqrt(s) in the master formula (off shell: the charge-radius amplitude is
 * the vector's with e eps -> b_f s), through dr_width_sm (hadrons via R(s) for
 * the vector only, as in [arXiv:2502.13635]).
 * y from dr_model_y ([arXiv:2502.13635] eq. (3.3)). */
typedef struct {
  dr_dm_kind dm;  /* complex scalar, Dirac or Majorana */
  double m_dm;    /* GeV */
  double m_med;   /* dark-photon mass, GeV */
  double alpha_d; /* g_D^2/(4 pi) */
  double g;       /* the model's coupling to SM fermions (eps for the vector) */
  dr_model_kind model; /* a dark-portal model */
  double delta; /* pseudo-Dirac: (m_2 - m_1)/m_1 of the two Majorana states */
} dr_relic_model;

int dr_relic_dm_dof(dr_dm_kind dm, int *g, int *self_conjugate, dr_error *e);

/* sigma(chi chibar -> SM) [GeV^-2] at s. DR_EDOMAIN above the R(s) table. */
int dr_relic_sigma(const dr_relic_model *m, double s, double *sigma, dr_error *e);

/* Total dark-photon width [GeV] (SM at g + dark matter). */
int dr_relic_width(const dr_relic_model *m, double *gamma, dr_error *e);

/* <sigma v> [GeV^-2] at x = m/T (Gondolo-Gelmini; not halved). */

int dr_relic_sigmav(const dr_relic_model *m, double x, dr_quad *q, dr_estimate *out, dr_error *e);

/* ---- Boltzmann equation ---- */
/* <sigma v>(x) [GeV^-2] callback: lets the solver take any model (and tests
 * take a constant). Returns a dr_status. */
typedef int (*dr_sigmav_fn)(double x, void *params, double *sigmav);

typedef struct {
  double x_start, x_end;   /* default 5 and 1000 (x_end lowered to stay in the g_* table) */
  double rel_tol;          /* ODE relative tolerance, default 1e-7 */
  double delta;            /* > 0: two states of g/2 each, split by delta (Y_eq summed); default 0 */
} dr_boltzmann_opts;
dr_boltzmann_opts dr_boltzmann_opts_default(void);

typedef struct {
  double omega_h2;
  double y_inf;
  double x_f;    /* freeze-out: where Y = 2.5 Y_eq (Y - Y_eq = 1.5 Y_eq) */
  double x_end;
  int status;
} dr_relic_result;

/* m [GeV], g (total internal states), self_conjugate: see the conventions above. */
int dr_boltzmann_solve(double m, int g, int self_conjugate, dr_sigmav_fn f, void *params,
                       const dr_gstar *gs, const dr_boltzmann_opts *o, dr_relic_result *r,
                       dr_error *e);

/* Omega h^2 of a model (builds the callback from dr_relic_sigmav). */
int dr_relic_omega(const dr_relic_model *m, const dr_gstar *gs, dr_relic_result *r, dr_error *e);

/* Relic target: the coupling g with Omega h^2 = target (e.g. 0.120); the
 * generalised y beside it. m->g is the starting guess (<= 0: 1e-4 in the
 * model's unit) and holds the solution on return. */
int dr_relic_target(dr_relic_model *m, const dr_gstar *gs, double target, double *g, double *y,
                    dr_relic_result *r, dr_error *e);

/* Relic-target curve: for each dark-matter mass m_dm[i] (mediator at
 * ratio x m_dm), the coupling with Omega h^2 = spec->omega_h2. Threads over
 * points (dr_scan_run: resumable, cancellable, a callback per finished
 * point); each point keeps its own status and message; results do not depend
 * on the thread count or on the order the points are computed in. */
typedef struct {
  dr_model_kind model; /* a dark-portal model */
  dr_dm_kind dm;
  double alpha_d;
  double ratio;    /* m_A'/m_DM */
  double delta;    /* pseudo-Dirac splitting */
  double omega_h2; /* the target, e.g. DR_OMEGA_H2_PLANCK */
} dr_relic_spec;

typedef struct {
  double m_dm, m_med, eps, y, omega_h2, x_f; /* eps: the coupling g of the model */
  int status;
  char message[256];
} dr_relic_point;

/* Fills out[i] for the points the scan computes (ctl may be NULL: all).
 * DR_EINVAL for an invalid spec, DR_ECANCELED if ctl->cancel stopped it. */
int dr_relic_curve(const dr_relic_spec *s, const double *m_dm, int n, const dr_gstar *gs,
                   dr_relic_point *out, const dr_scan_ctl *ctl, dr_error *e);

/* Y_eq and the Omega h^2 conversion, exposed for tests. */
double dr_relic_yeq(double x, int g, double h_eff);
double dr_relic_omega_per_mY(void); /* s_0/(rho_c/h^2) [1/GeV] */

#endif
