/* Numerical squared amplitudes from the Feynman rules (include/darkreach/amp.h).
 * Dirac representation; traces of products of 4x4 complex matrices. */
#include "darkreach/amp.h"

#include <complex.h>
#include <math.h>
#include <string.h>

typedef double complex cplx;
typedef struct {
  cplx a[4][4];
} mat4;

double dr_p4_dot(const dr_p4 *a, const dr_p4 *b) {
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

/* pslash = gamma^mu p_mu = gamma^0 p^0 - gamma^i p^i, plus m */
static mat4 m_slash(const dr_p4 *p, double mass) {
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

static mat4 m_add(const mat4 *x, const mat4 *y, cplx cy) {
  mat4 r;
  for (int i = 0; i < 4; i++)
    for (int j = 0; j < 4; j++) r.a[i][j] = x->a[i][j] + cy * y->a[i][j];
  return r;
}

/* Dirac adjoint gamma^0 A^dagger gamma^0 */
static mat4 m_bar(const mat4 *x) {
  mat4 r;
  for (int i = 0; i < 4; i++)
    for (int j = 0; j < 4; j++) r.a[i][j] = G[0][i][i] * conj(x->a[j][i]) * G[0][j][j];
  return r;
}

static cplx m_trace(const mat4 *x) { return x->a[0][0] + x->a[1][1] + x->a[2][2] + x->a[3][3]; }

/* three physical polarisations of a massive vector with momentum k */
static void polarisations(const dr_p4 *k, double m, dr_p4 eps[3]) {
  double kx = k->v[1], ky = k->v[2], kz = k->v[3];
  double kk = sqrt(kx * kx + ky * ky + kz * kz);
  double n[3] = {0, 0, 1};
  if (kk > 0) n[0] = kx / kk, n[1] = ky / kk, n[2] = kz / kk;
  /* e1 perpendicular to n: cross with the axis least aligned with n */
  double a[3] = {fabs(n[0]) < 0.6 ? 1.0 : 0.0, fabs(n[0]) < 0.6 ? 0.0 : 1.0, 0.0};
  double e1[3] = {n[1] * a[2] - n[2] * a[1], n[2] * a[0] - n[0] * a[2], n[0] * a[1] - n[1] * a[0]};
  double l1 = sqrt(e1[0] * e1[0] + e1[1] * e1[1] + e1[2] * e1[2]);
  for (int i = 0; i < 3; i++) e1[i] /= l1;
  double e2[3] = {n[1] * e1[2] - n[2] * e1[1], n[2] * e1[0] - n[0] * e1[2], n[0] * e1[1] - n[1] * e1[0]};
  eps[0] = (dr_p4){{0, e1[0], e1[1], e1[2]}};
  eps[1] = (dr_p4){{0, e2[0], e2[1], e2[2]}};
  eps[2] = (dr_p4){{kk / m, k->v[0] / m * n[0], k->v[0] / m * n[1], k->v[0] / m * n[2]}};
}

double dr_amp_lepton_factor(dr_model_kind model, const dr_amp_kin *k) {
  double m = k->m_l;
  dr_p4 Pt, ppk, pmk;
  for (int i = 0; i < 4; i++) {
    Pt.v[i] = k->P.v[i] + k->Pp.v[i];
    ppk.v[i] = k->pp.v[i] + k->k.v[i];
    pmk.v[i] = k->p.v[i] - k->k.v[i];
  }
  double mX2 = k->m_X * k->m_X;
  double sA = 2 * dr_p4_dot(&k->pp, &k->k) + mX2, uA = mX2 - 2 * dr_p4_dot(&k->p, &k->k);
  mat4 Ps = m_slash(&Pt, 0), S1 = m_slash(&ppk, m), S2 = m_slash(&pmk, m);
  mat4 S1P = m_mul(&S1, &Ps), PS2 = m_mul(&Ps, &S2);
  mat4 Lp = m_slash(&k->pp, m), Lin = m_slash(&k->p, m);
  mat4 g5 = m_gamma(4);
  int spin1 = model == DR_MODEL_VECTOR || model == DR_MODEL_AXIAL;
  dr_p4 eps[3];
  if (spin1) polarisations(&k->k, k->m_X, eps);
  double sum = 0;
  for (int lam = 0; lam < (spin1 ? 3 : 1); lam++) {
    mat4 V;
    if (spin1) {
      V = m_slash(&eps[lam], 0); /* real polarisation vectors: eps* = eps */
      if (model == DR_MODEL_AXIAL) V = m_mul(&V, &g5);
    } else {
      V = model == DR_MODEL_SCALAR ? m_scalar(1) : g5;
    }
    mat4 A = m_mul(&V, &S1P), B = m_mul(&PS2, &V);
    mat4 O = m_add(&A, &B, 1.0 / uA * sA); /* O sA = V S1 P + (sA/uA) P S2 V */
    mat4 Ob = m_bar(&O);
    mat4 t1 = m_mul(&Lp, &O), t2 = m_mul(&t1, &Lin), t3 = m_mul(&t2, &Ob);
    sum += creal(m_trace(&t3)) / (sA * sA);
  }
  return 0.5 * sum;
}
