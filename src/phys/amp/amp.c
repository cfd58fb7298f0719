/* Numerical squared amplitudes from the Feynman rules (include/darkreach/amp.h).
 * Dirac representation; traces of products of 4x4 complex matrices, all in
 * long double: for electrons the two diagrams cancel by about 8 digits
 * (FORMULARY Part II §2.3, "use long double for T_X"). This file is compiled
 * with -fcx-limited-range (plain complex products, no NaN-recovery calls). */
#include "darkreach/amp.h"

#include <complex.h>
#include <math.h>
#include <string.h>

typedef long double complex cplx;
typedef struct {
  cplx a[4][4];
} mat4;

dr_real dr_p4_dot(const dr_p4 *a, const dr_p4 *b) {
  return a->v[0] * b->v[0] - a->v[1] * b->v[1] - a->v[2] * b->v[2] - a->v[3] * b->v[3];
}

/* gamma^mu (upper index) and gamma^5 in the Dirac representation */
static const cplx G[5][4][4] = {
    {{1, 0, 0, 0}, {0, 1, 0, 0}, {0, 0, -1, 0}, {0, 0, 0, -1}},
    {{0, 0, 0, 1}, {0, 0, 1, 0}, {0, -1, 0, 0}, {-1, 0, 0, 0}},
    {{0, 0, 0, -I}, {0, 0, I, 0}, {0, I, 0, 0}, {-I, 0, 0, 0}},
    {{0, 0, 1, 0}, {0, 0, 0, -1}, {-1, 0, 0, 0}, {0, 1, 0, 0}},
    {{0, 0, 1, 0}, {0, 0, 0, 1}, {1, 0, 0, 0}, {0, 1, 0, 0}}, /* gamma^5 */
};

static mat4 m_zero(void) {
  mat4 r;
  memset(&r, 0, sizeof r);
  return r;
}

static mat4 m_scalar(cplx s) {
  mat4 r = m_zero();
  for (int i = 0; i < 4; i++) r.a[i][i] = s;
  return r;
}

static mat4 m_gamma(int mu) {
  mat4 r;
  memcpy(r.a, G[mu], sizeof r.a);
  return r;
}

/* pslash + m = gamma^0 p^0 - gamma^i p^i + m */
static mat4 m_slash(const dr_p4 *p, dr_real mass) {
  mat4 r = m_scalar(mass);
  for (int i = 0; i < 4; i++)
    for (int j = 0; j < 4; j++)
      r.a[i][j] += G[0][i][j] * p->v[0] - G[1][i][j] * p->v[1] - G[2][i][j] * p->v[2] - G[3][i][j] * p->v[3];
  return r;
}

static mat4 m_mul(const mat4 *x, const mat4 *y) {
  mat4 r = m_zero();
  for (int i = 0; i < 4; i++)
    for (int k = 0; k < 4; k++) {
      cplx xik = x->a[i][k];
      if (xik == 0) continue;
      for (int j = 0; j < 4; j++) r.a[i][j] += xik * y->a[k][j];
    }
  return r;
}

/* x + c y */
static mat4 m_axpy(const mat4 *x, const mat4 *y, cplx c) {
  mat4 r;
  for (int i = 0; i < 4; i++)
    for (int j = 0; j < 4; j++) r.a[i][j] = x->a[i][j] + c * y->a[i][j];
  return r;
}

/* Dirac adjoint gamma^0 A^dagger gamma^0 */
static mat4 m_bar(const mat4 *x) {
  mat4 r;
  for (int i = 0; i < 4; i++)
    for (int j = 0; j < 4; j++) r.a[i][j] = G[0][i][i] * conj(x->a[j][i]) * G[0][j][j];
  return r;
}

/* Tr(x y) without forming the product */
static cplx m_trace_prod(const mat4 *x, const mat4 *y) {
  cplx s = 0;
  for (int i = 0; i < 4; i++)
    for (int k = 0; k < 4; k++) s += x->a[i][k] * y->a[k][i];
  return s;
}

/* three physical polarisations of a massive vector with momentum k
 * (two transverse, one longitudinal); sum_l eps_l eps_l = -g + k k/m^2 */
static void polarisations(const dr_p4 *k, dr_real m, dr_p4 eps[3]) {
  dr_real kx = k->v[1], ky = k->v[2], kz = k->v[3];
  dr_real kk = sqrtl(kx * kx + ky * ky + kz * kz);
  dr_real n[3] = {0, 0, 1};
  if (kk > 0) n[0] = kx / kk, n[1] = ky / kk, n[2] = kz / kk;
  /* e1 perpendicular to n: cross with the axis least aligned with n */
  dr_real a[3] = {fabsl(n[0]) < 0.6L ? 1 : 0, fabsl(n[0]) < 0.6L ? 0 : 1, 0};
  dr_real e1[3] = {n[1] * a[2] - n[2] * a[1], n[2] * a[0] - n[0] * a[2], n[0] * a[1] - n[1] * a[0]};
  dr_real l1 = sqrtl(e1[0] * e1[0] + e1[1] * e1[1] + e1[2] * e1[2]);
  for (int i = 0; i < 3; i++) e1[i] /= l1;
  dr_real e2[3] = {n[1] * e1[2] - n[2] * e1[1], n[2] * e1[0] - n[0] * e1[2], n[0] * e1[1] - n[1] * e1[0]};
  eps[0] = (dr_p4){{0, e1[0], e1[1], e1[2]}};
  eps[1] = (dr_p4){{0, e2[0], e2[1], e2[2]}};
  eps[2] = (dr_p4){{kk / m, k->v[0] / m * n[0], k->v[0] / m * n[1], k->v[0] / m * n[2]}};
}

/* The lepton-X vertex rule Gamma_X for one polarisation (FORMULARY Part I §4:
 * -i g gamma^mu, -i g gamma^mu gamma^5, -i g, -i g gamma^5; the common -i g is
 * outside T_X). A new vertex is a new case here. */
static mat4 vertex(dr_model_kind model, const dr_p4 *eps) {
  switch (model) {
  case DR_MODEL_VECTOR:
    return m_slash(eps, 0); /* real polarisation vectors: eps* = eps */
  case DR_MODEL_AXIAL: {
    mat4 v = m_slash(eps, 0), g5 = m_gamma(4);
    return m_mul(&v, &g5);
  }
  case DR_MODEL_SCALAR:
    return m_scalar(1);
  default:
    return m_gamma(4);
  }
}

/* The operator between the spinors is rewritten with the Dirac equation so that
 * the large pieces that vanish on shell never enter the traces (they would
 * cost ~8 digits for electrons). With q = P - P' = p' + k - p, Ptilde.q = 0,
 *   (p'slash + kslash + m) Ptilde-slash u(p) = [2 (p+q).Ptilde - Ptilde-slash qslash] u(p),
 *   ubar(p') Ptilde-slash (pslash - kslash + m) = ubar(p') [2 (p'-q).Ptilde + qslash Ptilde-slash],
 * so, with a = p.Ptilde, b = p'.Ptilde (generic in Gamma_X),
 *   O = Gamma (2a - Ptilde-slash qslash)/s_A + (2b + qslash Ptilde-slash) Gamma/u_A. */
dr_real dr_amp_lepton_factor(dr_model_kind model, const dr_amp_kin *k) {
  dr_real m = k->m_l;
  dr_p4 Pt, q;
  for (int i = 0; i < 4; i++) {
    Pt.v[i] = k->P.v[i] + k->Pp.v[i];
    q.v[i] = k->P.v[i] - k->Pp.v[i];
  }
  dr_real mX2 = k->m_X * k->m_X;
  dr_real sA = 2 * dr_p4_dot(&k->pp, &k->k) + mX2, uA = mX2 - 2 * dr_p4_dot(&k->p, &k->k);
  dr_real a = dr_p4_dot(&k->p, &Pt), b = dr_p4_dot(&k->pp, &Pt);
  mat4 Ps = m_slash(&Pt, 0), qs = m_slash(&q, 0);
  mat4 Pq = m_mul(&Ps, &qs), qP = m_mul(&qs, &Ps);
  mat4 R1 = m_axpy(&(mat4){{{0}}}, &Pq, -1 / sA), R2 = m_axpy(&(mat4){{{0}}}, &qP, 1 / uA);
  for (int i = 0; i < 4; i++) {
    R1.a[i][i] += 2 * a / sA;
    R2.a[i][i] += 2 * b / uA;
  }
  mat4 Lp = m_slash(&k->pp, m), Lin = m_slash(&k->p, m);
  int spin1 = dr_model_info_get(model)->spin == 1;
  dr_p4 eps[3] = {{{0}}};
  if (spin1) polarisations(&k->k, k->m_X, eps);
  dr_real sum = 0;
  for (int lam = 0; lam < (spin1 ? 3 : 1); lam++) {
    mat4 V = vertex(model, &eps[lam]);
    mat4 A = m_mul(&V, &R1), B = m_mul(&R2, &V);
    mat4 O = m_axpy(&A, &B, 1);
    mat4 Ob = m_bar(&O);
    mat4 LO = m_mul(&Lp, &O), LOb = m_mul(&Lin, &Ob);
    sum += creall(m_trace_prod(&LO, &LOb));
  }
  return 0.5L * sum;
}
