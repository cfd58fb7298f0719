/* Production: dark bremsstrahlung l N -> l N X.
 *
 * Variables: x = E_X/E_0, theta the X angle to the beam (lab), E_0 the beam
 * energy, m_l the lepton mass (kept everywhere), m_X the boson mass.
 * Cross sections are per target atom in GeV^-2 at the coupling in
 * dr_process.coupling (eps; g = eps e); they scale as eps^2.
 *
 * Methods:
 *  WW   Weizsacker-Williams double differential d sigma/(dx dcos theta) of
 *       [Bjorken:2009mm] App. A (derivation note FORMULARY Part II §2.1; vector: [Bjorken:2009mm] eq. (A12),
 *       [arXiv:2502.13635] eq. (4.1) with m_l kept; S, P, A brackets
 *       [Liu:2016mqv]), chi evaluated at every (x, theta) with
 *       t_min = U^2/(4 E_0^2 (1-x)^2), then integrated over theta in
 *       [0, theta_max] and over x.
 *  IWW  "improved WW", darkreach variant of [Bjorken:2009mm] (derivation note FORMULARY Part II §2.2): the WW form
 *       integrated over theta in [0, infinity) analytically with chi frozen
 *       at theta = 0, i.e. chi(x) = chi(t_min = U_min^2/(4 E_0^2 (1-x)^2), t_max),
 *       U_min = m_X^2 (1-x)/x + m_l^2 x, and beta_X = sqrt(1 - m_X^2/(x E_0)^2)
 *       the X velocity (DMG4 and G4DarkBreM use sqrt(1 - m_X^2/E_0^2) and
 *       G4DarkBreM drops the m_l^2 terms; see Part II §2.2).
 *  t_max of chi, both methods: m_X^2 + m_l^2 (default, [Bjorken:2009mm]) or
 *       E_0^2 (G4DarkBreM); the choice moves WW results by tens of per cent.
 *  ETL  exact tree level with nucleus recoil ([Liu:2016mqv]; src/xsec/etl.c; derivation note FORMULARY Part II
 *       §2.3): full 2 -> 3 lab phase space, T_X from the Feynman rules, VEGAS.
 *       The default method.
 */
#ifndef DARKREACH_XSEC_H
#define DARKREACH_XSEC_H

#include "darkreach/core.h"
#include "darkreach/ff.h"
#include "darkreach/model.h"
#include "darkreach/num.h"
#include "darkreach/vegas.h"

typedef enum { DR_METHOD_WW = 0, DR_METHOD_IWW, DR_METHOD_ETL } dr_method;
typedef enum { DR_TMAX_MX2 = 0, DR_TMAX_E2 } dr_tmax_conv;

int dr_method_parse(const char *name, dr_method *out, dr_error *e); /* ww|iww|etl */
const char *dr_method_name(dr_method m);
int dr_tmax_parse(const char *name, dr_tmax_conv *out, dr_error *e); /* mx2|e2 */
const char *dr_tmax_name(dr_tmax_conv t);

/* Recoil of the inelastic (incoherent, Z-proton) form-factor term in ETL:
 *   PROTON   quasi-elastic: the photon strikes one proton, free and at rest,
 *            which recoils with its own mass (default; derivation note FORMULARY Part II §8
 *            item 7: nucleus kinematics for this term is an approximation that
 *            fails when t_min >~ d, i.e. at large m_X/E0);
 *   NUCLEUS  the whole G2 = G2_el + G2_inel on the nucleus vertex, recoil mass
 *            A u (the Liu-Miller treatment, Part II §2.3).
 * WW and IWW have no recoil; the choice only affects ETL. */
typedef enum { DR_RECOIL_PROTON = 0, DR_RECOIL_NUCLEUS } dr_inel_recoil;
int dr_inel_recoil_parse(const char *name, dr_inel_recoil *out, dr_error *e); /* proton|nucleus */
const char *dr_inel_recoil_name(dr_inel_recoil r);

typedef struct {
  dr_model_kind model;
  double m_l;      /* beam lepton mass */
  double E0;       /* beam energy */
  double m_X;      /* mediator mass */
  double coupling; /* eps (g = eps e) */
  double M_N;      /* nucleus mass (A u) */
  dr_ff ff;
  dr_inel_recoil inel_recoil; /* ETL only; dr_process_init sets DR_RECOIL_PROTON */
} dr_process;

/* Validates: a model with a production vertex (registry; else DR_EINVAL),
 * E0 > m_l, m_X > 0, m_X < E0 - m_l (kinematic limit; else DR_EDOMAIN).
 * Sets coupling = 1 and inel_recoil = DR_RECOIL_PROTON. (src/xsec/process.c) */
int dr_process_init(dr_process *p, dr_model_kind model, const dr_beam *beam, double E0,
                    double m_X, const dr_material *mat, dr_inel_mode inel, dr_error *e);

typedef struct {
  dr_method method;
  dr_tmax_conv tmax;
  double theta_max;   /* WW and ETL: X polar angle below theta_max [rad] (an angular cut), default pi */
  double rel_tol;     /* relative tolerance of the outer integral, default 1e-4 */
  int ww_chi_frozen;  /* WW with chi frozen at theta = 0 (the IWW assumption); default 0 */
  /* ETL (VEGAS) */
  double etl_rel_tol; /* target relative error, default 3e-3 */
  long etl_neval;     /* evaluations per VEGAS iteration, default 4096 (2048 at >= 1 %) */
  uint64_t seed;      /* default 1 */
  dr_vegas_grid *grid; /* optional caller-owned grid (4-dim for sigma, 3 for d sigma/dx);
                          adapted in place unless etl_freeze */
  int etl_freeze;
  dr_vegas_progress_fn progress; /* ETL: after each VEGAS iteration (may be NULL) */
  void *progress_ctx;
} dr_xsec_opts;

dr_xsec_opts dr_xsec_opts_default(void);

/* DR_OK where the method can compute the model; DR_EINVAL for IWW with the
 * magnetic and electric dipoles (their rate is not forward-peaked, so the
 * angle integrated to infinity diverges). (src/xsec/ww.c) */
int dr_method_check(dr_model_kind model, dr_method method, dr_error *e);

typedef struct dr_xsec_ws dr_xsec_ws;
dr_xsec_ws *dr_xsec_ws_alloc(void); /* NULL on ENOMEM */
void dr_xsec_ws_free(dr_xsec_ws *w); /* NULL is a no-op */

/* Kinematic range of x: [m_X/E0, 1 - m_l/E0]. */
double dr_xsec_xmin(const dr_process *p);
double dr_xsec_xmax(const dr_process *p);

/* t_max of chi for this process and convention. */
double dr_xsec_tmax(const dr_process *p, dr_tmax_conv c);

/* WW d sigma/(dx dcos theta) [GeV^-2] at (x, theta). */
int dr_ww_d2sigma(const dr_process *p, const dr_xsec_opts *o, double x, double theta,
                  dr_xsec_ws *w, double *out, dr_error *e);

/* d sigma/dx [GeV^-2] by the method in o (WW: theta-integrated numerically;
 * IWW: closed form in theta; ETL: dr_etl_dsigma_dx). 0 outside the kinematic range. */
int dr_dsigma_dx(const dr_process *p, const dr_xsec_opts *o, double x, dr_xsec_ws *w,
                 dr_estimate *out, dr_error *e);

/* sigma(x_lo < x < x_hi) [GeV^-2] by the method in o; x_lo, x_hi are clipped
 * to the kinematic range. DR_ENOCONV keeps the best estimate in out. */
int dr_sigma(const dr_process *p, const dr_xsec_opts *o, double x_lo, double x_hi,
             dr_xsec_ws *w, dr_estimate *out, dr_error *e);

/* The same by WW or IWW only (o->method; src/xsec/ww.c). */
int dr_ww_dsigma_dx(const dr_process *p, const dr_xsec_opts *o, double x, dr_xsec_ws *w,
                    dr_estimate *out, dr_error *e);
int dr_ww_sigma(const dr_process *p, const dr_xsec_opts *o, double x_lo, double x_hi,
                dr_xsec_ws *w, dr_estimate *out, dr_error *e);

/* ---- the phase-space map of (x, theta_X) ----
 * Shared by ETL (the integrand, events, histograms, tables) and WW/IWW
 * sampling, so the map is written once:
 *   u -> x = E_X/E0 uniform in ln(1 - x) over [x_lo, x_hi] clipped to the
 *        kinematic range (the 1/(1-x) tail of heavy X reaches 1 - x ~
 *        m_l^2/m_X^2, [Bjorken:2009mm] eq. (A16));
 *   u -> theta_X: theta^2 = theta_c^2 (e^v - 1), v uniform in
 *        [0, ln(1 + theta_max^2/theta_c^2)], theta_c^2 = U_min/(E0^2 x),
 *        U_min = m_X^2 (1-x)/x + m_l^2 x (the WW peak position). */
typedef struct {
  const dr_process *p;
  double lomx_lo, lomx_hi; /* ln(1 - x) range */
  double theta_max;        /* rad */
} dr_psmap;

/* DR_EDOMAIN if the clipped x range is empty. */
int dr_psmap_init(dr_psmap *m, const dr_process *p, double x_lo, double x_hi, double theta_max);
/* x at u in [0, 1]; returns dx/du. */
double dr_psmap_x(const dr_psmap *m, double u, double *x);
/* theta at u in [0, 1] for this x; returns d cos(theta)/du (positive). */
double dr_psmap_theta(const dr_psmap *m, double x, double u, double *theta);

/* ---- exact-tree-level kinematics ([Liu:2016mqv]; derivation note FORMULARY Part II §2.3) ----
 * Lab frame, nucleus (mass M) at rest, beam along z. Variables: X energy E_X
 * and polar angle theta_X [rad] (azimuth 0), momentum transfer t = -(P - P')^2 and the
 * azimuth phi of P' about Q = p - k. The t range at fixed (E_X, theta_X) is
 * computed without cancellation (t_min ~ 1e-13 GeV^2 against M^2 ~ 1e4 GeV^2). */
#include "darkreach/amp.h"

/* t range [t_lo, t_hi] at fixed (E_X, theta_X); DR_EDOMAIN if empty. */
int dr_etl_t_range(double E, double m_l, double m_X, double M, double E_X, double theta,
                   double *t_lo, double *t_hi);
/* Full 2 -> 3 configuration (long double four-vectors); DR_EDOMAIN outside
 * the physical region. */
int dr_etl_kinematics(double E, double m_l, double m_X, double M, double E_X, double theta,
                      double t, double phi, dr_amp_kin *kin);
/* The same with t = t_lo (t_hi/t_lo)^v, v in [0, 1], in one pass (the
 * integrand's map): returns t and ln(t_hi/t_lo). */
int dr_etl_kinematics_v(double E, double m_l, double m_X, double M, double E_X, double theta, double v,
                        double phi, double *t, double *ln_range, dr_amp_kin *kin);

/* The same point, in double and without four-vectors: the invariants of the
 * closed forms (include/darkreach/amp.h) and the pieces of the ETL weight.
 * Every quantity is built from the mapping variables without cancellation:
 * p.k by [sin^2(theta/2)] (as above), |p| - |k| from E^2 - E_X^2, the sine of
 * the recoil's angle to Q from sin^2 = A (t - t_-)(t_+ - t)/(|Q|^2 |P'|^2)
 * (the roots of the on-shell condition, t - t_- = t_- expm1(v ln(t_+/t_-))),
 * a, b and k.Pt from Q.P' (the on-shell condition itself), p'.k from
 * |p' x k|^2 with p' x k = p x k - P' x k. */
typedef struct {
  dr_amp_inv inv;
  double t, ln_range; /* t [GeV^2] and ln(t_+/t_-) */
  double pz, kk, Q;   /* |p|, |k|, |p - k| [GeV] */
} dr_etl_fast;
int dr_etl_invariants_v(double E, double m_l, double m_X, double M, double E_X, double theta, double v, double phi,
                        dr_etl_fast *out);
/* with t itself (t - t_- then carries the rounding of t: for tests) */
int dr_etl_invariants(double E, double m_l, double m_X, double M, double E_X, double theta, double t, double phi,
                      dr_etl_fast *out);


/* ---- exact tree level: cross sections and the phase-space map ---- */

/* sigma(x_lo < x < x_hi) by ETL [GeV^-2], VEGAS to o->etl_rel_tol. */
int dr_etl_sigma(const dr_process *p, const dr_xsec_opts *o, double x_lo, double x_hi,
                 dr_estimate *out, dr_error *e);
/* VEGAS on f over a dim-dimensional hypercube with the ETL settings of o
 * (precision, seed, caller's grid, progress): the engine of dr_etl_sigma,
 * shared with the millicharged pairs (src/xsec/mcp.c). */
int dr_etl_vegas(const dr_xsec_opts *o, dr_vegas_fn f, void *ctx, int dim, dr_estimate *out, dr_error *e);
/* d sigma/dx at fixed x by ETL [GeV^-2] (3-dim VEGAS). */
int dr_etl_dsigma_dx(const dr_process *p, const dr_xsec_opts *o, double x, dr_estimate *out,
                     dr_error *e);

/* The map from the unit hypercube to (x, theta_X, t, phi) used by dr_etl_sigma,
 * for callers that sample events or fill histograms on a frozen grid. */
typedef struct {
  dr_psmap map;          /* x and theta_X (theta_max = pi) */
  double fixed_x;        /* > 0: x fixed, u has 3 components */
  dr_vertex_rule rule;   /* the model's vertex (registry) */
  double pref;   /* alpha^2 g^2/(64 pi^2 M^2) */
  double pref_p; /* the same with M = m_p (quasi-elastic channel) */
  int split;     /* the t coordinate also picks the channel (src/xsec/etl.c) */
} dr_etl_ctx;

/* The channel of one ETL point: the photon couples to the whole nucleus
 * (G2_el, or G2_el + G2_inel with DR_RECOIL_NUCLEUS), or to one proton that
 * recoils on its own (G2_inel, DR_RECOIL_PROTON); then kin->P, kin->Pp are the
 * proton's. */
enum { DR_ETL_COHERENT = 0, DR_ETL_PROTON = 1 };

/* The channel of the point u (the rule dr_etl_point applies). */
int dr_etl_channel(const dr_etl_ctx *c, const double *u);
/* DR_EDOMAIN if the x range is empty. */
int dr_etl_ctx_init(dr_etl_ctx *c, const dr_process *p, double x_lo, double x_hi, double fixed_x);
/* One point: the weight (integrand x Jacobian; its mean over u is sigma; from
 * dr_etl_invariants_v and the closed forms, in double), the four-vectors (in
 * long double; kin may be NULL when only the weight is wanted, weight NULL when
 * only the four-vectors are) and the channel
 * (DR_ETL_COHERENT or DR_ETL_PROTON; channel may be NULL); DR_EDOMAIN outside
 * the physical region (weight 0). */
int dr_etl_point(const dr_etl_ctx *c, const double *u, double *weight, dr_amp_kin *kin, int *channel);
/* The VEGAS integrand (params: a dr_etl_ctx). */
dr_vegas_fn dr_etl_integrand(void);

/* ---- sigma(E, x > x_th) per mass: a cached table for scans over energies ----
 * (src/xsec/xs_table.c) For one (model, beam, material, mass): n_E energies
 * in [E_lo, E_hi] with ln(E - m_X - m_l) evenly spaced (n_E = 1 with
 * E_lo = E_hi for one energy), thresholds x_j = j/n_x. ETL: one adapted VEGAS grid per energy and
 * one frozen pass binned in x, so every threshold comes from the same points
 * (to o->etl_rel_tol on the total); WW/IWW: dr_sigma per x bin. Energies below
 * Interpolation: Akima spline of ln sigma in ln(E - m_X - m_l),
 * linear in x_th between thresholds. */
typedef struct dr_xs_table dr_xs_table;
typedef struct {
  dr_model_kind model;
  const dr_beam *beam;
  const dr_material *material;
  dr_inel_mode inel;
  double m_X;
  double E_lo, E_hi; /* GeV, m_X + m_l < E_lo <= E_hi */
  int n_E, n_x;
} dr_xs_table_spec;

/* NULL on error (message in e). */
dr_xs_table *dr_xs_table_build(const dr_xs_table_spec *s, const dr_xsec_opts *o, dr_error *e);
void dr_xs_table_free(dr_xs_table *t); /* NULL is a no-op */
/* DR_OK, or DR_ENOCONV if some energy missed the tolerance (values kept). */
int dr_xs_table_status(const dr_xs_table *t);
int dr_xs_table_n_x(const dr_xs_table *t);
/* sigma(x > x_th) [GeV^-2] at energy E (err: interpolated MC/quadrature error,
 * may be NULL); 0 at or below m_X + m_l; DR_EDOMAIN if E is otherwise outside
 * [E_lo, E_hi]. */
int dr_xs_table_sigma(const dr_xs_table *t, double E, double x_th, double *val, double *err);

#endif
