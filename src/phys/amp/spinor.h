/* The spinor primitives of the numerical amplitude engine (include/darkreach/amp.h), shared by
 * src/phys/amp/amp.c (in double) and src/phys/amp/amp_spin2.c (in long double): the includer
 * defines AMP_REAL as double or long double first. Everything is static inline, so each file
 * gets its own copy in its own precision. */
#ifndef DR_AMP_SPINOR_H
#define DR_AMP_SPINOR_H

#include <complex.h>
#include <math.h>

#include "darkreach/amp.h"

#ifndef AMP_REAL
#error "define AMP_REAL (double or long double) before including spinor.h"
#endif
typedef AMP_REAL complex zc;

/* three physical polarisations of a massive vector with momentum k
 * (two transverse, one longitudinal); sum_l eps_l eps_l = -g + k k/m^2.
 * eps_L = (|k|, E n)/m = k/m - m/(E + |k|) (1, -n). For a vertex whose current
 * is conserved (k.J = 0 on shell) the k/m piece gives nothing, and dropping it
 * (conserved != 0) avoids a cancellation of (E/m)^2 between it and the rest,
 * which would leave only noise for m_X -> 0. */
static inline void polarisations(const dr_p4 *k, dr_real m, int conserved, dr_p4 eps[3]) {
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
  if (conserved) {
    dr_real c = -m / (k->v[0] + kk);
    eps[2] = (dr_p4){{c, -c * n[0], -c * n[1], -c * n[2]}};
  } else {
    eps[2] = (dr_p4){{kk / m, k->v[0] / m * n[0], k->v[0] / m * n[1], k->v[0] / m * n[2]}};
  }
}

/* ---- helicity amplitudes in the chiral representation ----
 * gamma^mu = [[0, sigma^mu], [sigmabar^mu, 0]], gamma^5 = diag(-1, 1),
 * sigma^mu = (1, sigma), sigmabar^mu = (1, -sigma); spinor psi = (psi_L, psi_R).
 * u(p, xi) = (sqrt(p.sigma) xi, sqrt(p.sigmabar) xi) with the exact matrix
 * square root sqrt(p.sigma) = (p.sigma + m)/sqrt(2(E + m)) [Peskin-Schroeder
 * eq. (3.53)]; xi = (1,0), (0,1). The amplitude ubar(p',s') O u(p,s) is built
 * by applying slashed vectors to spinors (2x2 blocks), never 4x4 products. */
typedef struct {
  zc c[4];
} spinor;

/* pslash psi: upper = (p.sigma) psi_R, lower = (p.sigmabar) psi_L */
typedef struct {
  AMP_REAL v[4];
} vec4;

static inline vec4 to_vec4(const dr_p4 *p) {
  vec4 r = {{(AMP_REAL)p->v[0], (AMP_REAL)p->v[1], (AMP_REAL)p->v[2], (AMP_REAL)p->v[3]}};
  return r;
}

static inline spinor slash_apply(const vec4 *p, const spinor *psi) {
  AMP_REAL p0 = p->v[0], p1 = p->v[1], p2 = p->v[2], p3 = p->v[3];
  zc pm = p1 - I * p2, pp = p1 + I * p2; /* p1 -+ i p2 */
  spinor r;
  /* p.sigma = p0 - p.sigma_vec = [[p0 - p3, -(p1 - i p2)], [-(p1 + i p2), p0 + p3]] */
  r.c[0] = (p0 - p3) * psi->c[2] - pm * psi->c[3];
  r.c[1] = -pp * psi->c[2] + (p0 + p3) * psi->c[3];
  /* p.sigmabar = p0 + p.sigma_vec */
  r.c[2] = (p0 + p3) * psi->c[0] + pm * psi->c[1];
  r.c[3] = pp * psi->c[0] + (p0 - p3) * psi->c[1];
  return r;
}

static inline spinor sp_axpy(zc a, const spinor *x, zc b, const spinor *y) {
  spinor r;
  for (int i = 0; i < 4; i++) r.c[i] = a * x->c[i] + b * y->c[i];
  return r;
}

/* u(p, xi_s), s = 0, 1; E - |p| terms enter only through p0 -+ p3 of the
 * matrix, computed as given (long double) */
static inline spinor u_spinor(const dr_p4 *p, dr_real m, int s) {
  AMP_REAL n = (AMP_REAL)(1 / sqrtl(2 * (p->v[0] + m)));
  /* p0 -+ p3 + m in long double before rounding: E - p_z ~ m^2/2E for the beam */
  AMP_REAL a = (AMP_REAL)(p->v[0] - p->v[3] + m), b = (AMP_REAL)(p->v[0] + p->v[3] + m);
  AMP_REAL p1 = (AMP_REAL)p->v[1], p2 = (AMP_REAL)p->v[2];
  zc pm = p1 - I * p2, pp = p1 + I * p2;
  spinor u;
  if (s == 0) { /* xi = (1, 0): first columns of (p.sigma + m), (p.sigmabar + m) */
    u.c[0] = n * a;
    u.c[1] = n * (-pp);
    u.c[2] = n * b;
    u.c[3] = n * pp;
  } else {
    u.c[0] = n * (-pm);
    u.c[1] = n * b;
    u.c[2] = n * pm;
    u.c[3] = n * a;
  }
  return u;
}

/* v(p, eta_s) = (sqrt(p.sigma) eta, -sqrt(p.sigmabar) eta) [Peskin-Schroeder
 * eq. (3.62)]: u's blocks with the lower one negated */
static inline spinor v_spinor(const dr_p4 *p, dr_real m, int s) {
  spinor v = u_spinor(p, m, s);
  v.c[2] = -v.c[2];
  v.c[3] = -v.c[3];
  return v;
}

/* ubar chi = u^dagger gamma^0 chi, gamma^0 swaps the blocks */
static inline zc ubar_dot(const spinor *u, const spinor *chi) {
  return conj(u->c[0]) * chi->c[2] + conj(u->c[1]) * chi->c[3] + conj(u->c[2]) * chi->c[0] +
         conj(u->c[3]) * chi->c[1];
}

static inline AMP_REAL dot4(const vec4 *a, const vec4 *b) {
  return a->v[0] * b->v[0] - a->v[1] * b->v[1] - a->v[2] * b->v[2] - a->v[3] * b->v[3];
}

/* the invariants of include/darkreach/amp.h's dr_amp_inv in long double, built from the momenta
 * without cancellation for a nucleus at rest (src/phys/amp/amp.c) */
typedef struct {
  dr_real a, b, kP, sA, uA, t, P2, m2, M2;
} amp_inv;
void dr_amp_invariants_ld(const dr_amp_kin *k, amp_inv *v);

#endif
