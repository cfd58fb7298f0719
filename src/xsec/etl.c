/* Exact-tree-level dark bremsstrahlung l N -> l N X with nucleus recoil
 * ([Liu:2016mqv]; derivation note FORMULARY Part I §4, Part II §2.3): the lab-frame 2 -> 3 phase space,
 *   d sigma/(dE_X dcos theta_X) = alpha^2 g^2/(64 pi^2 M^2) |k|/(|p| |p - k|)
 *                                 int dt G2(t)/t^2 int dphi T_X,      (Part II §2.3)
 * with g = eps e (dark photon: prefactor alpha^3 eps^2/(16 pi M^2)), T_X the
 * lepton factor of src/phys/amp (closed forms of the Feynman-rule traces, in
 * double from the invariants that dr_etl_invariants_v builds from the mapping
 * variables without cancellation), integrated by VEGAS (src/num/vegas.c) over
 * the unit hypercube
 * (the map of u0 and u1 is dr_psmap, shared with WW sampling and the tables)
 *   u0 -> x = E_X/E0 uniform in ln(1 - x) (the 1/(1-x) tail of heavy X reaches
 *         1 - x ~ m_l^2/m_X^2, [Bjorken:2009mm] eq. (A16)),
 *   u1 -> theta_X: theta^2 = theta_c^2 (e^v - 1), v uniform, theta_c^2 = U_min/(E0^2 x),
 *         U_min = m_X^2 (1-x)/x + m_l^2 x (the WW peak position),
 *   u2 -> t uniform in ln t over the exact range [t_-, t_+] (no cut),
 *   u3 -> phi in [0, pi], doubled (the integrand is even in phi: X in the x-z plane).
 * With the inelastic term on a recoiling proton (dr_process.inel_recoil =
 * DR_RECOIL_PROTON, the default) the t coordinate also picks the channel:
 *   u2 < 1/2: coherent, G2_el on the nucleus (mass M = A u), u2 -> 2 u2;
 *   u2 >= 1/2: quasi-elastic, G2_inel on a free proton at rest (M = m_p, the
 *             same formula with M -> m_p), u2 -> 2 u2 - 1;
 * each weight carries the factor 2 of that split. The phase-space map, and so
 * events and histograms, stay one configuration per point; VEGAS moves its t
 * bins to whichever channel dominates. With DR_RECOIL_NUCLEUS, or without an
 * inelastic term, G2 = G2_el + G2_inel on the nucleus and u2 is t alone.
 */
#include "darkreach/xsec.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "darkreach/constants.h"
#include "darkreach/mcp.h"

int dr_etl_channel(const dr_etl_ctx *c, const double *u) {
  return c->split && u[c->fixed_x > 0 ? 1 : 2] >= 0.5 ? DR_ETL_PROTON : DR_ETL_COHERENT;
}

/* the maps of the head of this file: everything but the kinematics */
typedef struct {
  double x, th, v, phi, M, pref, jac;
  int ch;
} etl_map;

static int map_point(const dr_etl_ctx *c, const double *u, etl_map *m) {
  const dr_process *p = c->map.p;
  double E = p->E0, ml = p->m_l, mX = p->m_X;
  m->M = p->M_N;
  m->pref = c->pref;
  if (c->fixed_x > 0) {
    m->x = c->fixed_x;
    m->jac = 1;
  } else {
    m->jac = dr_psmap_x(&c->map, u[0], &m->x);
  }
  double v[4]; /* v[1..3]: theta, t, phi variables */
  for (int i = 1; i < 4; i++) v[i] = u[c->fixed_x > 0 ? i - 1 : i];
  double EX = m->x * E;
  if (!(EX > mX) || !(E - EX > ml)) return DR_EDOMAIN;
  m->jac *= E * dr_psmap_theta(&c->map, m->x, v[1], &m->th); /* dE_X = E0 dx */
  /* channel (see the head of this file) */
  m->ch = dr_etl_channel(c, u);
  if (c->split) {
    if (m->ch == DR_ETL_COHERENT) {
      v[2] *= 2;
    } else {
      v[2] = 2 * v[2] - 1;
      m->M = DR_M_P;
      m->pref = c->pref_p;
    }
    m->jac *= 2;
  }
  m->v = v[2];
  m->phi = DR_PI * v[3]; /* phi in [0, pi], doubled */
  return DR_OK;
}

/* the weight from the invariants in double (src/xsec/etl_kin.c dr_etl_invariants_v and the
 * closed forms; tested against 60-digit values, tests/test_amp.c) */
static int weight_of(const dr_etl_ctx *c, const etl_map *m, double *weight) {
  const dr_process *p = c->map.p;
  dr_etl_fast f;
  if (dr_etl_invariants_v(p->E0, p->m_l, p->m_X, m->M, m->x * p->E0, m->th, m->v, m->phi, &f) != DR_OK)
    return DR_EDOMAIN;
  double t = f.t, TX;
  if (!dr_amp_has_closed_form(c->rule)) { /* the long double momenta of the same point */
    dr_amp_kin kin;
    double tk, lt;
    if (dr_etl_kinematics_v(p->E0, p->m_l, p->m_X, m->M, m->x * p->E0, m->th, m->v, m->phi, &tk, &lt, &kin) != DR_OK)
      return DR_EDOMAIN;
    TX = (double)dr_amp_lepton_factor(c->rule, &kin);
  } else {
    TX = dr_amp_lepton_factor_inv(c->rule, &f.inv);
  }
  double g2 = !c->split ? dr_ff_g2(&p->ff, t) : m->ch == DR_ETL_PROTON ? dr_ff_g2_inel(&p->ff, t) : dr_ff_g2_el(&p->ff, t);
  /* t uniform in ln t over [t_lo, t_hi]; phi doubled */
  double jac = m->jac * t * f.ln_range * 2 * DR_PI;
  *weight = m->pref * f.kk / (f.pz * f.Q) * g2 / (t * t) * TX * jac;
  return DR_OK;
}

int dr_etl_point(const dr_etl_ctx *c, const double *u, double *weight, dr_amp_kin *kin, int *channel) {
  const dr_process *p = c->map.p;
  etl_map m;
  if (map_point(c, u, &m) != DR_OK) return DR_EDOMAIN;
  if (channel) *channel = m.ch;
  if (weight && weight_of(c, &m, weight) != DR_OK) return DR_EDOMAIN;
  /* the four-vectors of the same point, in long double (events, histograms) */
  double t, lt;
  if (kin && dr_etl_kinematics_v(p->E0, p->m_l, p->m_X, m.M, m.x * p->E0, m.th, m.v, m.phi, &t, &lt, kin) != DR_OK)
    return DR_EDOMAIN;
  return DR_OK;
}

static double etl_integrand(const double *u, void *vp) {
  const dr_etl_ctx *c = vp;
  etl_map m;
  double w;
  return map_point(c, u, &m) == DR_OK && weight_of(c, &m, &w) == DR_OK ? w : 0.0;
}

int dr_etl_ctx_init(dr_etl_ctx *c, const dr_process *p, double x_lo, double x_hi, double fixed_x) {
  memset(c, 0, sizeof *c);
  if (dr_psmap_init(&c->map, p, x_lo, x_hi, DR_PI) != DR_OK) return DR_EDOMAIN;
  c->fixed_x = fixed_x;
  c->rule = dr_model_info_get(p->model)->rule;
  /* alpha^2 g^2/(64 pi^2 M^2), g the mediator's coupling to the beam lepton (4 pi alpha eps^2 for the
   * dark photon; include/darkreach/model.h dr_model_lepton_g) */
  double gl = dr_model_lepton_g(p->model, p->coupling, dr_lepton_index(p->m_l), p->m_X), g2 = gl * gl;
  c->pref = DR_ALPHA * DR_ALPHA * g2 / (64 * DR_PI * DR_PI * p->M_N * p->M_N);
  c->pref_p = DR_ALPHA * DR_ALPHA * g2 / (64 * DR_PI * DR_PI * DR_M_P * DR_M_P);
  c->split = p->inel_recoil == DR_RECOIL_PROTON && (p->ff.inel == DR_INEL_LINEAR || p->ff.inel == DR_INEL_SQUARED);
  return DR_OK;
}

dr_vegas_fn dr_etl_integrand(void) { return etl_integrand; }

int dr_etl_vegas(const dr_xsec_opts *o, dr_vegas_fn f, void *c, int dim, dr_estimate *out, dr_error *e) {
  dr_vegas_grid *own = NULL, *g = o->grid;
  if (g && dr_vegas_grid_dim(g) != dim)
    return DR_FAIL(e, DR_EINVAL, "VEGAS grid has %d dimensions, ETL needs %d", dr_vegas_grid_dim(g), dim);
  if (!g && !(g = own = dr_vegas_grid_alloc(dim, 64))) return DR_FAIL(e, DR_ENOMEM, "out of memory");
  dr_vegas_opts vo = dr_vegas_opts_default();
  vo.rel_tol = o->etl_rel_tol;
  vo.seed = o->seed;
  vo.n_eval = o->etl_neval;
  /* a coarse target does not need the full adaptation budget; a fine one reaches
   * it with fewer evaluations after 4 adaptation iterations than after 6
   * (8 GeV e- W at 10 MeV and 1 GeV, 160 GeV mu- Pb at 10 MeV: 4-15 % fewer;
   * 40 seeds each: mean/reference 0.9995-1.0002 +- 0.0005, rms pull 1.0-1.16).
   * At >= 1 %: 5 adaptation iterations of 1024 (at least 7168 evaluations,
   * 16384 before): 1.4-1.9 times fewer evaluations at 1 %, 2.3 at 3 %; the same
   * three cases, 40 seeds at 1 %: mean/reference 0.9993, 1.0009, 0.9987
   * (+- 0.0014), rms pull 0.85-1.00. 512 per iteration, or 4 iterations, left
   * biases of 0.2-0.4 % (2-2.5 sigma) and were not taken. The 5-dimensional
   * millicharged integrals (and d sigma/dx at fixed x) keep 2048 x 6 (1024 x 5
   * biased a millicharged d sigma/dx by -3 %): the mediators' sigma only, and
   * only with the default etl_neval (events ask for 2048: their unweighting
   * efficiency needs the better grid). */
  if (o->etl_rel_tol >= 1e-2 && vo.n_eval > 2048) vo.n_eval = 2048;
  int mediator_sigma = dim == 4 && f == etl_integrand && o->etl_neval == dr_xsec_opts_default().etl_neval;
  if (o->etl_rel_tol >= 1e-2 && mediator_sigma) vo.n_eval = 1024, vo.n_adapt = 5;
  /* VEGAS+ stratification for the mediators' sigma (src/num/vegas.c): evaluations for 0.3 %
   * 1.5-2.5 times fewer (8 GeV e- W at 10 MeV 64512 -> 33099, at 1 GeV 137216 -> 58321; 160 GeV
   * mu- Pb at 10 MeV 49664 -> 32597), 2.7-3.5 times at 0.05 %, where both agree to 0.8 sigma.
   * Seeds against 0.05 % references: at 1 %, 120 seeds at 1 GeV 0.9981 +- 0.0009 (classic
   * VEGAS 0.9993 +- 0.0009), 40 seeds magnetic dipole 8 GeV Al 50 MeV 0.9991 +- 0.0017,
   * 60 seeds mu- 1.0014 +- 0.0012; at 0.3 %, 40 seeds at 1 GeV 0.9994 +- 0.0004, 20 at 10 MeV
   * 1.0006 +- 0.0005. Not for d sigma/dx, pairs or events (see vegas.h). */
  vo.stratify = mediator_sigma;
  if (o->etl_rel_tol < 1e-2) vo.n_adapt = 4;
  vo.freeze = o->grid && o->etl_freeze;
  vo.progress = o->progress;
  vo.progress_ctx = o->progress_ctx;
  int rc = dr_vegas_integrate(g, f, c, &vo, out, e);
  dr_vegas_grid_free(own);
  return rc;
}

int dr_etl_sigma(const dr_process *p, const dr_xsec_opts *o, double x_lo, double x_hi,
                 dr_estimate *out, dr_error *e) {
  if (dr_model_is_pair(p->model)) { /* millicharged pairs: the q integral on top (src/xsec/mcp.c) */
    dr_xsec_opts oe = *o;
    oe.method = DR_METHOD_ETL;
    return dr_mcp_sigma(p, &oe, x_lo, x_hi, NULL, out, e);
  }
  memset(out, 0, sizeof *out);
  dr_etl_ctx c;
  if (dr_etl_ctx_init(&c, p, x_lo, x_hi, 0) != DR_OK) return DR_OK; /* empty range */
  c.map.theta_max = o->theta_max; /* an angular cut on X, if any */
  return dr_etl_vegas(o, etl_integrand, &c, 4, out, e);
}

int dr_etl_dsigma_dx(const dr_process *p, const dr_xsec_opts *o, double x, dr_estimate *out,
                     dr_error *e) {
  if (dr_model_is_pair(p->model)) {
    dr_xsec_opts oe = *o;
    oe.method = DR_METHOD_ETL;
    return dr_mcp_dsigma_dx(p, &oe, x, NULL, out, e);
  }
  memset(out, 0, sizeof *out);
  dr_etl_ctx c;
  if (!(x > dr_xsec_xmin(p) && x < dr_xsec_xmax(p))) return DR_OK;
  dr_etl_ctx_init(&c, p, 0, 1, x);
  c.map.theta_max = o->theta_max;
  /* with x fixed the Jacobian carries dE_X/dx = E0: the integral is d sigma/dx */
  return dr_etl_vegas(o, etl_integrand, &c, 3, out, e);
}
