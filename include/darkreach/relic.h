/* Thermal relic density: effective degrees of freedom, Gondolo-Gelmini
 * thermal average, Boltzmann equation, relic targets.
 *
 * Conventions (FORMULARY Part I §10, Part II §6):
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
 *    formula (Part II §6.1):
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
 * How the dark photon couples to SM fermions f ([Catena:2025xxx] eq. (2.1)-(2.2)):
 *   KM   kinetic mixing        g_f = eps              (dimensionless)
 *   MDM  magnetic dipole       g_f = mu_f/e           [1/GeV]
 *   EDM  electric dipole       g_f = d_f/e            [1/GeV]
 *   CR   charge radius         g_f = b_f/e            [1/GeV^2]
 *   AM   anapole               g_f = a_f/e            [1/GeV^2]
 * Widths A'(mass M) -> f fbar from the Lagrangian (FORMULARY Part I §5: A.8-A.13, with
 * the EDM width twice the printed A.11), r = m_f^2/M^2, beta = sqrt(1 - 4r), e^2 = 4 pi alpha:
 *   KM  alpha eps^2 M beta (1 + 2r)/3          MDM (g e)^2 M^3 beta (1 + 8r)/(24 pi)
 *   EDM (g e)^2 M^3 beta^3/(24 pi)             CR  (g e)^2 M^5 beta (1 + 2r)/(12 pi)
 *   AM  (g e)^2 M^5 beta^3/(12 pi)
 * Annihilation uses them at M = sqrt(s) in the master formula (off-shell: the CR amplitude
 * is KM with e eps -> b_f s). Hadrons (R(s)) for KM only, as in [Catena:2025xxx].
 * y = g_f^2 alpha_D (m_DM/m_A')^4 Lambda^(2n), Lambda = 1 TeV, n = 0, 1, 1, 2, 2 (eq. 3.3). */
typedef enum { DR_COUPLING_KM = 0, DR_COUPLING_MDM, DR_COUPLING_EDM, DR_COUPLING_CR, DR_COUPLING_AM } dr_coupling_kind;

/* vector | magnetic-dipole | electric-dipole | charge-radius | anapole */
int dr_coupling_parse(const char *name, dr_coupling_kind *out, dr_error *e);
const char *dr_coupling_name(dr_coupling_kind k);
int dr_coupling_dim(dr_coupling_kind k); /* n in Lambda^(2n) */

/* Gamma(A' -> f fbar) at mass M for coupling g of kind k [GeV]. */
double dr_moment_width_ff(dr_coupling_kind k, double g, double M, double m_f);

typedef struct {
  dr_dm_kind dm;  /* complex scalar, Dirac or Majorana */
  double m_dm;    /* GeV */
  double m_med;   /* dark-photon mass, GeV */
  double alpha_d; /* g_D^2/(4 pi) */
  double eps;     /* the coupling g_f of `coupling` (eps for kinetic mixing) */
  dr_coupling_kind coupling;
  double delta; /* pseudo-Dirac: (m_2 - m_1)/m_1 of the two Majorana states */
} dr_relic_model;

int dr_relic_dm_dof(dr_dm_kind dm, int *g, int *self_conjugate, dr_error *e);

/* sigma(chi chibar -> SM) [GeV^-2] at s. DR_EDOMAIN above the R(s) table. */
int dr_relic_sigma(const dr_relic_model *m, double s, double *sigma, dr_error *e);

/* Total dark-photon width [GeV] (SM at eps + dark matter). */
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

/* Relic target: the coupling g_f with Omega h^2 = target (e.g. 0.120); the generalised y beside it. */
int dr_relic_target(dr_relic_model *m, const dr_gstar *gs, double target, double *eps, double *y,
                    dr_relic_result *r, dr_error *e);

/* Relic-target curve: for each dark-matter mass m_dm[i] (mediator at
 * ratio x m_dm), the eps with Omega h^2 = target. OpenMP over points;
 * each point keeps its own status and message; results do not depend on
 * the thread count. */
typedef struct {
  double m_dm, m_med, eps, y, omega_h2, x_f;
  int status;
  char message[200];
} dr_relic_point;

int dr_relic_curve(dr_coupling_kind k, dr_dm_kind dm, double alpha_d, double ratio, double delta, const double *m_dm, int n,
                   const dr_gstar *gs, double target, dr_relic_point *out, dr_error *e);

/* Y_eq and the Omega h^2 conversion, exposed for tests. */
double dr_relic_yeq(double x, int g, double h_eff);
double dr_relic_omega_per_mY(void); /* s_0/(rho_c/h^2) [1/GeV] */

#endif
