/* Millicharged pairs l N -> l N gamma*(-> chi chibar) (method and derivation
 * in include/darkreach/mcp.h: the vector rate times the pair's spectral density,
 * with the width of [Ilten:2018crw] eq. (2.13); derivation note FORMULARY Part II §3.1 is the
 * derivation note). */
#include "darkreach/mcp.h"

#include <math.h>
#include <string.h>

#include "darkreach/constants.h"
#include "darkreach/vegas.h"

static int is_scalar(const dr_process *p) { return p->model == DR_MODEL_MILLICHARGED_SCALAR; }

double dr_mcp_spectral(double q2, double m, double eps, int scalar) {
  double r = m * m / q2;
  if (!(q2 > 0) || !(4 * r < 1)) return 0.0;
  double beta = sqrt(1 - 4 * r), pref = DR_ALPHA * eps * eps / (3 * DR_PI * q2);
  return scalar ? pref * 0.25 * beta * beta * beta : pref * (1 + 2 * r) * beta;
}

/* rho(q^2) dq^2/dw at q = 2 m cosh w (mcp.h) */
static double spectral_w(double w, double eps, int scalar) {
  double th = tanh(w), c = cosh(w);
  double a = DR_ALPHA * eps * eps / DR_PI;
  return scalar ? a / 6 * th * th * th * th : 2 * a / 3 * (1 + 0.5 / (c * c)) * th * th;
}

/* the highest q the x range allows: q < x_hi E0 and q < E0 - m_l */
static double q_max(const dr_process *p, double x_hi) {
  return fmin(p->E0 - p->m_l, fmin(x_hi, 1.0) * p->E0) * (1 - 1e-12);
}

int dr_mcp_ctx_init(dr_mcp_ctx *c, const dr_process *p, double x_lo, double x_hi, double fixed_x) {
  memset(c, 0, sizeof *c);
  c->p = p;
  c->x_lo = x_lo, c->x_hi = x_hi, c->fixed_x = fixed_x;
  c->scalar = is_scalar(p);
  double qm = fixed_x > 0 ? fmin(q_max(p, 1), fixed_x * p->E0) : q_max(p, x_hi);
  double ratio = qm / (2 * p->m_X);
  if (!(ratio > 1)) return DR_EDOMAIN;
  c->w_max = acosh(ratio);
  return DR_OK;
}

int dr_mcp_point(const dr_mcp_ctx *c, const double *u, double *weight, dr_amp_kin *kin, int *channel, double *qout) {
  const dr_process *p = c->p;
  double w = c->w_max * u[0], q = 2 * p->m_X * cosh(w);
  if (qout) *qout = q;
  /* the massive vector of mass q with coupling e */
  dr_process pq = *p;
  pq.model = DR_MODEL_VECTOR;
  pq.m_X = q;
  pq.coupling = 1;
  dr_etl_ctx ec;
  double lo = c->fixed_x > 0 ? 0 : c->x_lo, hi = c->fixed_x > 0 ? 1 : c->x_hi;
  if (dr_etl_ctx_init(&ec, &pq, lo, hi, c->fixed_x) != DR_OK) return DR_EDOMAIN;
  double wv;
  if (dr_etl_point(&ec, u + 1, &wv, kin, channel) != DR_OK) return DR_EDOMAIN;
  *weight = wv * c->w_max * spectral_w(w, p->coupling, c->scalar);
  return DR_OK;
}

static double mcp_integrand(const double *u, void *vp) {
  double w;
  return dr_mcp_point(vp, u, &w, NULL, NULL, NULL) == DR_OK ? w : 0.0; /* the weight alone: no four-vectors */
}

dr_vegas_fn dr_mcp_integrand(void) { return mcp_integrand; }

/* ---- WW/IWW: quadrature over w of the vector's rate at q ---- */
typedef struct {
  const dr_process *p;
  const dr_xsec_opts *o;
  dr_xsec_ws *ws;
  double x_lo, x_hi, fixed_x;
  int status;
  dr_error e;
} ww_q;

static double ww_q_integrand(double w, void *vp) {
  ww_q *c = vp;
  const dr_process *p = c->p;
  double q = 2 * p->m_X * cosh(w);
  dr_process pq = *p;
  pq.model = DR_MODEL_VECTOR;
  pq.m_X = q;
  pq.coupling = 1;
  dr_estimate s;
  int rc = c->fixed_x > 0 ? dr_ww_dsigma_dx(&pq, c->o, c->fixed_x, c->ws, &s, &c->e)
                          : dr_ww_sigma(&pq, c->o, c->x_lo, c->x_hi, c->ws, &s, &c->e);
  if (rc != DR_OK) c->status = rc;
  return s.val * spectral_w(w, p->coupling, is_scalar(p));
}

static int ww_pair(const dr_process *p, const dr_xsec_opts *o, double x_lo, double x_hi, double fixed_x,
                   dr_xsec_ws *ws, dr_estimate *out, dr_error *e) {
  dr_mcp_ctx c;
  if (dr_mcp_ctx_init(&c, p, x_lo, x_hi, fixed_x) != DR_OK) return DR_OK; /* nothing in range: 0 */
  dr_xsec_ws *own = ws ? NULL : dr_xsec_ws_alloc();
  dr_quad *qd = dr_quad_alloc(200);
  if ((!ws && !own) || !qd) {
    dr_xsec_ws_free(own), dr_quad_free(qd);
    return DR_FAIL(e, DR_ENOMEM, "out of memory");
  }
  ww_q c2 = {p, o, ws ? ws : own, x_lo, x_hi, fixed_x, DR_OK, {0}};
  dr_error_clear(&c2.e);
  int rc = dr_quad_integrate(qd, ww_q_integrand, &c2, 0, c.w_max, NULL, 0, 0, o->rel_tol, out);
  dr_xsec_ws_free(own), dr_quad_free(qd);
  if (c2.status != DR_OK) {
    if (e) *e = c2.e;
    return c2.status;
  }
  if (rc != DR_OK) return DR_FAIL(e, rc, "the integral over the pair mass did not converge");
  return DR_OK;
}

static int check_pair(const dr_process *p, dr_error *e) {
  if (!dr_model_is_pair(p->model))
    return DR_FAIL(e, DR_EINVAL, "%s is not a millicharged pair model", dr_model_name(p->model));
  return DR_OK;
}

int dr_mcp_sigma(const dr_process *p, const dr_xsec_opts *o, double x_lo, double x_hi, dr_xsec_ws *w,
                 dr_estimate *out, dr_error *e) {
  memset(out, 0, sizeof *out);
  if (check_pair(p, e) != DR_OK) return DR_EINVAL;
  if (o->method != DR_METHOD_ETL) return ww_pair(p, o, x_lo, x_hi, 0, w, out, e);
  dr_mcp_ctx c;
  if (dr_mcp_ctx_init(&c, p, x_lo, x_hi, 0) != DR_OK) return DR_OK; /* empty range */
  return dr_etl_vegas(o, mcp_integrand, &c, 5, out, e);
}

int dr_mcp_dsigma_dx(const dr_process *p, const dr_xsec_opts *o, double x, dr_xsec_ws *w, dr_estimate *out,
                     dr_error *e) {
  memset(out, 0, sizeof *out);
  if (check_pair(p, e) != DR_OK) return DR_EINVAL;
  if (!(x > dr_xsec_xmin(p) && x < dr_xsec_xmax(p))) return DR_OK;
  if (o->method != DR_METHOD_ETL) return ww_pair(p, o, 0, 1, x, w, out, e);
  dr_mcp_ctx c;
  if (dr_mcp_ctx_init(&c, p, 0, 1, x) != DR_OK) return DR_OK;
  return dr_etl_vegas(o, mcp_integrand, &c, 4, out, e);
}

/* ---- the decay gamma* -> chi chibar ---- */
/* boost a rest-frame four-vector v of the frame moving with momentum K (K^2 = M^2 > 0) to the lab */
static void boost(const dr_p4 *K, dr_real M, const dr_real v[4], dr_real out[4]) {
  dr_real g = K->v[0] / M, bx = K->v[1] / K->v[0], by = K->v[2] / K->v[0], bz = K->v[3] / K->v[0];
  dr_real b2 = bx * bx + by * by + bz * bz, bp = bx * v[1] + by * v[2] + bz * v[3];
  dr_real f = b2 > 0 ? (g - 1) * bp / b2 + g * v[0] : 0;
  out[0] = g * (v[0] + bp);
  out[1] = v[1] + f * bx;
  out[2] = v[2] + f * by;
  out[3] = v[3] + f * bz;
}

void dr_mcp_decay(const dr_amp_kin *kin, double m, int scalar, uint64_t seed, uint64_t stream, uint64_t idx,
                  double chi[4], double chibar[4]) {
  const dr_p4 *K = &kin->k;
  dr_real q = kin->m_X, ps = sqrtl(fmaxl(q * q / 4 - (dr_real)m * m, 0));
  dr_real beta2 = 4 * ps * ps / (q * q);
  dr_real T = dr_amp_lepton_factor(DR_VERTEX_VECTOR, kin);
  dr_real n[3] = {0, 0, 1};
  /* acceptance >= 1 - beta^2 (Dirac), mean 1/3 (scalar): 256 tries fail with probability < 1e-40 */
  for (uint64_t k = 0; k < 256; k++) {
    uint64_t j = (idx * 256 + k) * 3;
    dr_real ct = 2 * (dr_real)dr_vegas_uniform(seed, stream, j) - 1;
    dr_real ph = 2 * DR_PI * (dr_real)dr_vegas_uniform(seed, stream, j + 1);
    dr_real st = sqrtl(fmaxl(0, 1 - ct * ct));
    n[0] = st * cosl(ph), n[1] = st * sinl(ph), n[2] = ct;
    dr_real er_rest[4] = {0, n[0], n[1], n[2]}, er[4];
    boost(K, q, er_rest, er);
    dr_p4 pol = {{er[0], er[1], er[2], er[3]}};
    dr_real f = T > 0 ? dr_amp_lepton_factor_pol(DR_VERTEX_VECTOR, kin, &pol) / T : 1.0 / 3;
    dr_real acc = scalar ? f : 1 - beta2 * f;
    if ((dr_real)dr_vegas_uniform(seed, stream, j + 2) < acc) break;
  }
  dr_real k1[4] = {q / 2, ps * n[0], ps * n[1], ps * n[2]}, k2[4] = {q / 2, -ps * n[0], -ps * n[1], -ps * n[2]};
  dr_real a[4], b[4];
  boost(K, q, k1, a);
  boost(K, q, k2, b);
  for (int i = 0; i < 4; i++) chi[i] = (double)a[i], chibar[i] = (double)b[i];
}
