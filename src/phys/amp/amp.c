/* Numerical squared amplitudes from the Feynman rules (include/darkreach/amp.h):
 * explicit spinors, gamma matrices applied to spinors, explicit X
 * polarisations. Kinematics arrive in long double; the spinor algebra runs in
 * AMP_REAL (double unless built with -DDR_AMP_LONG_DOUBLE), which is enough
 * because the operator is rewritten so that nothing cancels by more than a
 * few digits (see dr_amp_lepton_factor; tests/test_amp.c checks electrons
 * against a 50-digit evaluation of the closed form). This file is compiled
 * with -fcx-limited-range (plain complex products, no NaN-recovery calls). */
#include "darkreach/amp.h"

#include <string.h>

#ifdef DR_AMP_LONG_DOUBLE
#define AMP_REAL long double
#else
#define AMP_REAL double
#endif
#include "spinor.h"

dr_real dr_p4_dot(const dr_p4 *a, const dr_p4 *b) {
  return a->v[0] * b->v[0] - a->v[1] * b->v[1] - a->v[2] * b->v[2] - a->v[3] * b->v[3];
}

/* Gamma_X psi for one polarisation eps of X (momentum k, k^2 = m_X^2): the
 * vertex rules, read off the Lagrangians (the coupling and a common phase are
 * outside T_X; |M|^2 does not see the phase):
 *   vector        eps-slash                  ([Liu:2016mqv]; derivation note FORMULARY Part I §4)
 *   axial         eps-slash gamma^5
 *   scalar        1
 *   pseudoscalar  gamma^5
 * and the dark-photon moments of [arXiv:2502.13635] eq. (2.1), integrating the
 * derivative onto the outgoing A' (d_nu A'_mu -> i k_nu eps_mu):
 *   magnetic dipole  -mu_f d_nu(fbar sigma^{mu nu} f) A'_mu   -> sigma^{mu nu} eps_mu k_nu
 *                    = (i/2)[eps-slash, k-slash] = i (eps-slash k-slash - eps.k)
 *   electric dipole  -i d_f d_nu(fbar sigma^{mu nu} gamma^5 f) A'_mu -> i (eps-slash k-slash - eps.k) gamma^5
 *   charge radius    -b_f [d^2 (fbar gamma^mu f) - d^mu d_nu (fbar gamma^nu f)] A'_mu
 *                    -> k^2 eps-slash - (eps.k) k-slash
 *   anapole          +a_f [the same with gamma^mu gamma^5]   -> (k^2 eps-slash - (eps.k) k-slash) gamma^5
 * with mu_f = d_f = b_f = a_f = e g_f ([arXiv:2502.13635] eq. (2.2)). Each moment
 * vertex vanishes for eps -> k identically (k_mu sigma^{mu nu} k_nu = 0,
 * k^2 k-slash - k^2 k-slash = 0): the currents are conserved, and for an
 * on-shell A' (eps.k = 0) charge radius = m_X^2 x vector and anapole =
 * m_X^2 x axial. Tested: tests/test_amp.c (gauge invariance, these identities,
 * the m_l -> 0 equality of the dipoles, the 2 -> 2 closed forms). A new vertex
 * is a new case here and in conserved_current/spin_of. */
static int conserved_current(dr_vertex_rule rule) {
  return rule != DR_VERTEX_AXIAL && rule != DR_VERTEX_SCALAR && rule != DR_VERTEX_PSEUDOSCALAR; /* axial: k.J = 2 m_l J^5 */
}

static int spin_of(dr_vertex_rule rule) { return rule != DR_VERTEX_SCALAR && rule != DR_VERTEX_PSEUDOSCALAR; }

typedef struct {
  dr_vertex_rule rule;
  vec4 k;       /* X momentum */
  AMP_REAL k2;  /* m_X^2 (not k.k: no rounding there) */
} vertex;

static spinor gamma5(const spinor *psi) { return (spinor){{-psi->c[0], -psi->c[1], psi->c[2], psi->c[3]}}; }

static spinor vertex_apply(const vertex *vx, const vec4 *eps, const spinor *psi) {
  switch (vx->rule) {
  case DR_VERTEX_VECTOR: return slash_apply(eps, psi); /* real polarisation vectors: eps* = eps */
  case DR_VERTEX_AXIAL: {
    spinor g5 = gamma5(psi);
    return slash_apply(eps, &g5);
  }
  case DR_VERTEX_SCALAR: return *psi;
  case DR_VERTEX_PSEUDOSCALAR: return gamma5(psi);
  case DR_VERTEX_MAGNETIC_DIPOLE:
  case DR_VERTEX_ELECTRIC_DIPOLE: {
    spinor in = vx->rule == DR_VERTEX_ELECTRIC_DIPOLE ? gamma5(psi) : *psi;
    spinor kp = slash_apply(&vx->k, &in), ekp = slash_apply(eps, &kp);
    return sp_axpy(I, &ekp, -I * dot4(eps, &vx->k), &in);
  }
  case DR_VERTEX_CHARGE_RADIUS:
  case DR_VERTEX_ANAPOLE: {
    spinor in = vx->rule == DR_VERTEX_ANAPOLE ? gamma5(psi) : *psi;
    spinor ep = slash_apply(eps, &in), kp = slash_apply(&vx->k, &in);
    return sp_axpy(vx->k2, &ep, -dot4(eps, &vx->k), &kp);
  }
  default: return (spinor){{0}}; /* DR_VERTEX_NONE: no vertex */
  }
}

/* The operator between the spinors is rewritten with the Dirac equation so that
 * the large pieces that vanish on shell (~8 digits for electrons) never enter:
 * with q = P - P' = p' + k - p and Ptilde.q = 0,
 *   (p'slash + kslash + m) Ptilde-slash u(p) = [2 (p+q).Ptilde - Ptilde-slash qslash] u(p),
 *   ubar(p') Ptilde-slash (pslash - kslash + m) = ubar(p') [2 (p'-q).Ptilde + qslash Ptilde-slash],
 * so, with a = p.Ptilde, b = p'.Ptilde (generic in Gamma_X),
 *   O = Gamma (2a - Ptilde-slash qslash)/s_A + (2b + qslash Ptilde-slash) Gamma/u_A,
 * and T_X = (1/2) sum_{s, s', pol} |ubar(p', s') O u(p, s)|^2. */
/* (1/2) sum over the lepton spins and the npol polarisations eps of X */
static dr_real lepton_sum(dr_vertex_rule rule, const dr_amp_kin *k, const vec4 *eps, int npol) {
  dr_real m = k->m_l;
  dr_p4 Pt, q;
  for (int i = 0; i < 4; i++) {
    Pt.v[i] = k->P.v[i] + k->Pp.v[i];
    q.v[i] = k->P.v[i] - k->Pp.v[i];
  }
  dr_real mX2 = k->m_X * k->m_X;
  dr_real sA = 2 * dr_p4_dot(&k->pp, &k->k) + mX2, uA = mX2 - 2 * dr_p4_dot(&k->p, &k->k);
  AMP_REAL a2 = (AMP_REAL)(2 * dr_p4_dot(&k->p, &Pt) / sA), b2 = (AMP_REAL)(2 * dr_p4_dot(&k->pp, &Pt) / uA);
  AMP_REAL isA = (AMP_REAL)(1 / sA), iuA = (AMP_REAL)(1 / uA);
  vertex vx = {rule, to_vec4(&k->k), (AMP_REAL)mX2};
  vec4 Ptv = to_vec4(&Pt), qv = to_vec4(&q);
  spinor uf[2] = {u_spinor(&k->pp, m, 0), u_spinor(&k->pp, m, 1)};
  AMP_REAL sum = 0;
  for (int s = 0; s < 2; s++) {
    spinor psi = u_spinor(&k->p, m, s);
    spinor t1 = slash_apply(&qv, &psi), t2 = slash_apply(&Ptv, &t1);
    spinor phi1 = sp_axpy(a2, &psi, -isA, &t2); /* R1 psi */
    for (int lam = 0; lam < npol; lam++) {
      spinor vpsi = vertex_apply(&vx, &eps[lam], &psi);
      spinor w1 = slash_apply(&Ptv, &vpsi), w2 = slash_apply(&qv, &w1);
      spinor chi2 = sp_axpy(b2, &vpsi, iuA, &w2); /* R2 Gamma psi */
      spinor chi1 = vertex_apply(&vx, &eps[lam], &phi1);
      spinor chi = sp_axpy(1, &chi1, 1, &chi2);
      for (int sf = 0; sf < 2; sf++) {
        zc amp = ubar_dot(&uf[sf], &chi);
        sum += creal(amp) * creal(amp) + cimag(amp) * cimag(amp);
      }
    }
  }
  return 0.5L * (dr_real)sum;
}

dr_real dr_amp_lepton_factor_spinor(dr_vertex_rule rule, const dr_amp_kin *k) {
  if (rule == DR_VERTEX_SPIN2) return dr_amp_spin2_lepton_factor(k);
  int spin1 = spin_of(rule);
  dr_p4 epsl[3] = {{{0}}};
  vec4 eps[3] = {{{0}}};
  if (spin1) polarisations(&k->k, k->m_X, conserved_current(rule), epsl);
  for (int i = 0; i < 3; i++) eps[i] = to_vec4(&epsl[i]);
  return lepton_sum(rule, k, eps, spin1 ? 3 : 1);
}

/* ---- closed forms of T_X from the invariants ----
 * The traces T_X = (1/2) Tr[(p'slash + m) O_X (pslash + m) Obar_X] summed over
 * the X polarisations (-g + k k/m_X^2; -g alone for the conserved currents),
 * with O_X = Gamma (p'slash + kslash + m) Ptilde-slash/s_A + Ptilde-slash (pslash - kslash + m) Gamma/u_A,
 * evaluated symbolically by tools/amp_traces.py (sympy; gamma^5 anticommuted
 * to the end, Tr of up to 10 slashed vectors by the recursion
 * Tr(a1 ... an) = sum_i (-1)^i a1.ai Tr(a2 .. ^ai .. an)) and written in the
 * invariants a = p.Pt, b = p'.Pt, s_A, u_A, t = -(P - P')^2 > 0, Pt^2 = 4M^2 + t,
 * with p.k = (m_X^2 - u_A)/2, p'.k = (s_A - m_X^2)/2, p.p' = m^2 - m_X^2/2 + (s_A + u_A + t)/2.
 * For the vector, axial, scalar and pseudoscalar they are identical (sympy
 * checks it) to the closed forms of the nucleus-recoil
 * treatment of [Liu:2016mqv] (derivation note FORMULARY Part II §2.3), which tests/test_amp.c keeps as an independent
 * check; all eight agree with the spinor engine above where it is exact, and
 * with a 60-digit brute-force evaluation (tools/amp_reference.py) at extreme
 * kinematics to <= 1.1e-10.
 *
 * Precision: for electrons the terms cancel by up to ~6 digits near the
 * minimum momentum transfer (2 P2 (s_A/u_A + u_A/s_A) against
 * -8 t (a^2 + b^2)/(s_A u_A), each 1.4e6 times T at e- 100 GeV on Pb,
 * m_X = 1 MeV, 1e-6 inside t_min). As printed in the derivation note FORMULARY Part II §2.3 the forms also hold
 * pieces like 16 m^2 a^2/s_A^2, 1e13 times T there: in double they are off by
 * 3e-2. Grouped as below, with the O(a^2/s_A^2) pieces in the square of the
 * eikonal factor V = a/s_A + b/u_A (itself a 1e-7 difference, which double
 * carries), they hold 2e-9 in double from exactly rounded invariants. So the
 * forms run in double; the invariants must be free of cancellation
 * (amp_invariants from the momenta in long double; dr_etl_invariants from the
 * mapping variables in double). */

static dr_real cross2(const dr_real *u, const dr_real *v) {
  dr_real c0 = u[1] * v[2] - u[2] * v[1], c1 = u[2] * v[0] - u[0] * v[2], c2 = u[0] * v[1] - u[1] * v[0];
  return c0 * c0 + c1 * c1 + c2 * c2;
}

/* u.v for on-shell u (mass mu) and v (mass mv) whose three-momenta are close
 * in direction: u.v = (E_u E_v - |u||v|) + |u||v| (1 - cos), each piece
 * without cancellation:
 *   E_u E_v - |u||v| = (mu^2 |v|^2 + mv^2 |u|^2 + mu^2 mv^2)/(E_u E_v + |u||v|),
 *   |u||v| - u.v (3-vectors) = |u x v|^2/(|u||v| + u.v),
 * the cross product supplied by the caller (built without the subtraction of
 * large momenta), the energies those of the four-vectors (on shell to
 * rounding). Backward pairs (u.v <= 0 in three dimensions) cancel nothing. */
static dr_real dot_close(const dr_p4 *u, dr_real mu, const dr_p4 *v, dr_real mv, dr_real cr2) {
  const dr_real *u3 = u->v + 1, *v3 = v->v + 1;
  dr_real uu2 = u3[0] * u3[0] + u3[1] * u3[1] + u3[2] * u3[2], vv2 = v3[0] * v3[0] + v3[1] * v3[1] + v3[2] * v3[2];
  dr_real uv = u3[0] * v3[0] + u3[1] * v3[1] + u3[2] * v3[2];
  if (uv <= 0) return u->v[0] * v->v[0] - uv;
  dr_real uuvv = sqrtl(uu2 * vv2), mu2 = mu * mu, mv2 = mv * mv;
  return (mu2 * vv2 + mv2 * uu2 + mu2 * mv2) / (u->v[0] * v->v[0] + uuvv) + cr2 / (uuvv + uv);
}

/* The invariants from the momenta of dr_amp_kin without cancellation, for a
 * nucleus at rest (P = (M, 0)), as dr_etl_kinematics builds it:
 *   t = 2 |P'|^2 / (1 + sqrt(1 + |P'|^2/M^2))  (from P'^2 = M^2),
 *   p.k and p'.k by dot_close, with p' x k = (p - P') x k (p' = p + P - P' - k:
 *   the 100 GeV components of p and k never cancel in the cross product).
 * a, b, k.Pt are sums of large positive terms. A moving nucleus falls back to
 * plain dot products. */
void dr_amp_invariants_ld(const dr_amp_kin *k, amp_inv *v) {
  const dr_real *p3 = k->p.v + 1, *k3 = k->k.v + 1, *P3 = k->Pp.v + 1;
  dr_real m = k->m_l, mX = k->m_X;
  v->m2 = m * m;
  v->M2 = mX * mX;
  dr_p4 Pt;
  for (int i = 0; i < 4; i++) Pt.v[i] = k->P.v[i] + k->Pp.v[i];
  v->a = dr_p4_dot(&k->p, &Pt);
  v->b = dr_p4_dot(&k->pp, &Pt);
  v->kP = dr_p4_dot(&k->k, &Pt);
  int at_rest = k->P.v[1] == 0 && k->P.v[2] == 0 && k->P.v[3] == 0;
  if (at_rest) {
    dr_real M = k->P.v[0], Q2 = P3[0] * P3[0] + P3[1] * P3[1] + P3[2] * P3[2];
    v->t = 2 * Q2 / (1 + sqrtl(1 + Q2 / (M * M)));
    v->P2 = 4 * M * M + v->t;
    dr_real d[3] = {p3[0] - P3[0], p3[1] - P3[1], p3[2] - P3[2]}; /* p' + k, to cross with k */
    v->uA = v->M2 - 2 * dot_close(&k->p, m, &k->k, mX, cross2(p3, k3));
    v->sA = v->M2 + 2 * dot_close(&k->pp, m, &k->k, mX, cross2(d, k3));
  } else {
    dr_p4 q;
    for (int i = 0; i < 4; i++) q.v[i] = k->P.v[i] - k->Pp.v[i];
    v->t = -dr_p4_dot(&q, &q);
    v->P2 = dr_p4_dot(&Pt, &Pt);
    v->uA = v->M2 - 2 * dr_p4_dot(&k->p, &k->k);
    v->sA = v->M2 + 2 * dr_p4_dot(&k->pp, &k->k);
  }
}

static double closed_form(dr_vertex_rule rule, const dr_amp_inv *v) {
  double a = v->a, b = v->b, d = v->kP, sA = v->sA, uA = v->uA, t = v->t, P2 = v->P2, m2 = v->m2, M2 = v->M2;
  double is = 1 / sA, iu = 1 / uA, isu = is * iu, V = a * is + b * iu;
  double Pt_t = P2 * t, ratio = sA * iu + uA * is, two_t_d2 = 2 * t * d * d; /* d = a - b */
  /* Q = (P2 t - 4 a^2)/sA^2 + (P2 t - 4 b^2)/uA^2 = Q0 + 8 a b/(sA uA) with Q0 below; in every
   * form the 8 a b/(sA uA) of its Q cancels against a term of the 1/(sA uA) bracket, and
   * both are left out (sympy: tools/amp_traces.py prints the grouped forms) */
  double Q0 = Pt_t * (is * is + iu * iu) - 4 * V * V;
  switch (rule) {
  case DR_VERTEX_VECTOR:
  case DR_VERTEX_CHARGE_RADIUS: {
    double c = M2 + 2 * m2;
    double T = 2 * c * Q0 + 4 * (P2 * t * t + 2 * m2 * Pt_t - M2 * Pt_t - 2 * t * (a * a + b * b)) * isu +
                4 * Pt_t * (is + iu) + 2 * P2 * ratio;
    return rule == DR_VERTEX_VECTOR ? T : M2 * M2 * T;
  }
  case DR_VERTEX_AXIAL:
  case DR_VERTEX_ANAPOLE: {
    double c = M2 - 4 * m2;
    double T = 2 * c * Q0 +
                4 * (-M2 * Pt_t + 4 * m2 * Pt_t + P2 * t * t - 2 * t * (a * a + b * b) - 4 * m2 * t * d * d / M2) * isu +
                4 * Pt_t * (is + iu) + 2 * P2 * (1 + 2 * m2 / M2) * ratio + 8 * P2 * m2 / M2;
    return rule == DR_VERTEX_AXIAL ? T : M2 * M2 * T;
  }
  case DR_VERTEX_SCALAR:
    return (M2 - 4 * m2) * Q0 - 2 * (-M2 * Pt_t + 4 * m2 * Pt_t + two_t_d2) * isu + P2 * ratio + 2 * P2;
  case DR_VERTEX_PSEUDOSCALAR: return M2 * Q0 - 2 * (-M2 * Pt_t + two_t_d2) * isu + P2 * ratio + 2 * P2;
  case DR_VERTEX_MAGNETIC_DIPOLE:
  case DR_VERTEX_ELECTRIC_DIPOLE: {
    /* the pieces the two dipoles share; 8 (a^2 u_A/s_A + b^2 s_A/u_A) + 16 a b = 8 (a u_A + b s_A)^2/(s_A u_A) */
    double W = a * uA + b * sA;
    double common = 4 * t * ((-M2 * P2 + 4 * a * d) * is - (M2 * P2 + 4 * b * d) * iu) + (M2 - 4 * m2) * P2 * ratio +
                     8 * W * W * isu + 2 * (3 * M2 * P2 - 4 * P2 * m2 - 4 * P2 * t) - 8 * P2 * (sA + uA);
    if (rule == DR_VERTEX_MAGNETIC_DIPOLE)
      return M2 * (M2 + 8 * m2) * Q0 +
             2 * (M2 * M2 * Pt_t - 8 * M2 * m2 * Pt_t - 2 * M2 * P2 * t * t - 2 * M2 * t * (a * a + b * b) + 12 * M2 * a * b * t +
                  8 * m2 * t * d * d + 4 * t * t * d * d) *
                 isu +
             common;
    double c = M2 - 4 * m2;
    return M2 * c * Q0 + 2 * ((2 * t - c) * (two_t_d2 - M2 * Pt_t) + 8 * t * M2 * a * b) * isu + common;
  }
  default: return 0;
  }
}

int dr_amp_has_closed_form(dr_vertex_rule rule) { return rule != DR_VERTEX_SPIN2; }

double dr_amp_lepton_factor_inv(dr_vertex_rule rule, const dr_amp_inv *v) {
  if (!dr_amp_has_closed_form(rule)) return NAN; /* needs the momenta */
  return rule == DR_VERTEX_NONE ? 0 : closed_form(rule, v);
}

dr_real dr_amp_lepton_factor(dr_vertex_rule rule, const dr_amp_kin *k) {
  if (rule == DR_VERTEX_NONE) return 0;
  if (!dr_amp_has_closed_form(rule)) return dr_amp_lepton_factor_spinor(rule, k);
  amp_inv v;
  dr_amp_invariants_ld(k, &v);
  dr_amp_inv d = {(double)v.a, (double)v.b, (double)v.kP, (double)v.sA, (double)v.uA,
                  (double)v.t, (double)v.P2, (double)v.m2, (double)v.M2};
  return closed_form(rule, &d);
}

dr_real dr_amp_lepton_factor_pol(dr_vertex_rule rule, const dr_amp_kin *k, const dr_p4 *pol) {
  if (rule == DR_VERTEX_SPIN2) return NAN; /* polarisation tensors, not vectors */
  vec4 eps = to_vec4(pol);
  return lepton_sum(rule, k, &eps, 1);
}

/* ---- gamma(q) l(p) -> l(p') X(k) with a real photon, in the centre-of-mass
 * frame of the 2 -> 2 (momenta of order sqrt(s): nothing cancels as it would
 * in the lab) ---- */
dr_real dr_amp_compton(dr_vertex_rule rule, dr_real m, dr_real m_X, dr_real s, dr_real u) {
  if (rule == DR_VERTEX_SPIN2) return dr_amp_spin2_compton(m, m_X, s, u);
  dr_real S = s + m * m, rs = sqrtl(S); /* (p + q)^2 */
  dr_real P = s / (2 * rs), Ep = sqrtl(m * m + P * P);
  dr_real lam = (S - (m + m_X) * (m + m_X)) * (S - (m - m_X) * (m - m_X));
  if (!(lam > 0)) return NAN;
  dr_real K = sqrtl(lam) / (2 * rs), Ek = (S + m_X * m_X - m * m) / (2 * rs), Epp = (S + m * m - m_X * m_X) / (2 * rs);
  dr_real c = (2 * Ep * Ek - m_X * m_X + u) / (2 * P * K); /* u = m_X^2 - 2 p.k */
  /* at the forward edge (theta -> 0) c comes out 1 up to the rounding of s and u, which arrive as doubles
   * computed with cancellation: 1e-6 is rounding, more is outside the physical region */
  if (!(c >= -1 - 1e-6L && c <= 1 + 1e-6L)) return NAN;
  c = fmaxl(-1, fminl(1, c));
  dr_real sn = sqrtl(1 - c * c);
  dr_p4 p = {{Ep, 0, 0, P}}, q = {{P, 0, 0, -P}}, k = {{Ek, K * sn, 0, K * c}}, pp = {{Epp, -K * sn, 0, -K * c}};
  vec4 pv = to_vec4(&p), qv = to_vec4(&q), kv = to_vec4(&k);
  /* photon: the two transverse polarisations of q; X: its physical ones */
  dr_p4 gpol[3], xpol[3] = {{{0}}};
  polarisations(&q, 1, 1, gpol);
  int spin1 = spin_of(rule), nx = spin1 ? 3 : 1;
  if (spin1) polarisations(&k, m_X, conserved_current(rule), xpol);
  vertex vx = {rule, kv, (AMP_REAL)(m_X * m_X)};
  /* propagator numerators: (p' + k) = (p + q) and (p - k) */
  vec4 sp = {{pv.v[0] + qv.v[0], pv.v[1] + qv.v[1], pv.v[2] + qv.v[2], pv.v[3] + qv.v[3]}};
  vec4 up = {{pv.v[0] - kv.v[0], pv.v[1] - kv.v[1], pv.v[2] - kv.v[2], pv.v[3] - kv.v[3]}};
  AMP_REAL ml = (AMP_REAL)m, is = (AMP_REAL)(1 / s), iu = (AMP_REAL)(1 / u);
  spinor uf[2] = {u_spinor(&pp, m, 0), u_spinor(&pp, m, 1)};
  AMP_REAL sum = 0;
  for (int sp_in = 0; sp_in < 2; sp_in++) {
    spinor psi = u_spinor(&p, m, sp_in);
    for (int g = 0; g < 2; g++) {
      vec4 eg = to_vec4(&gpol[g]);
      spinor gpsi = slash_apply(&eg, &psi); /* eps_gamma-slash u */
      /* s channel: Gamma (p-slash + q-slash + m) eps_gamma-slash u / s */
      spinor a1 = slash_apply(&sp, &gpsi), s1 = sp_axpy(1, &a1, ml, &gpsi);
      for (int lam = 0; lam < nx; lam++) {
        vec4 ex = to_vec4(&xpol[lam]);
        spinor ch_s = vertex_apply(&vx, &ex, &s1);
        /* u channel: eps_gamma-slash (p-slash - k-slash + m) Gamma u / u */
        spinor vpsi = vertex_apply(&vx, &ex, &psi);
        spinor b1 = slash_apply(&up, &vpsi), u1 = sp_axpy(1, &b1, ml, &vpsi), ch_u = slash_apply(&eg, &u1);
        spinor chi = sp_axpy(is, &ch_s, iu, &ch_u);
        for (int sf = 0; sf < 2; sf++) {
          zc amp = ubar_dot(&uf[sf], &chi);
          sum += creal(amp) * creal(amp) + cimag(amp) * cimag(amp);
        }
      }
    }
  }
  return 0.25L * (dr_real)sum; /* average over the lepton spin and the photon polarisation */
}

dr_real dr_amp_compton_dv(dr_vertex_rule rule, dr_real m, dr_real m_X, dr_real d, dr_real v) {
  if (rule == DR_VERTEX_SPIN2) return d >= 0 && v >= 0 && v <= d ? dr_amp_spin2_compton_dv(m, m_X, d, v) : NAN;
  return dr_amp_compton(rule, m, m_X, d + m_X * m_X, v - d);
}

int dr_amp_has_photon_pole(dr_vertex_rule rule) { return rule == DR_VERTEX_SPIN2; }

/* ---- X -> l- l+ in the X rest frame: the same vertex between ubar(p1) and
 * v(p2); for an incoming X the derivative gives -k instead of k, an overall
 * sign of the dipole vertices that |M|^2 does not see ---- */
dr_real dr_amp_decay(dr_vertex_rule rule, dr_real m, dr_real m_X) {
  if (rule == DR_VERTEX_SPIN2) return dr_amp_spin2_decay(m, m_X);
  if (!(m_X > 2 * m)) return 0;
  dr_real P = sqrtl(m_X * m_X / 4 - m * m);
  dr_p4 k = {{m_X, 0, 0, 0}}, p1 = {{m_X / 2, 0.6L * P, 0, 0.8L * P}}, p2 = {{m_X / 2, -0.6L * P, 0, -0.8L * P}};
  dr_p4 xpol[3] = {{{0}}};
  int spin1 = spin_of(rule), nx = spin1 ? 3 : 1;
  if (spin1) polarisations(&k, m_X, 0, xpol); /* at rest: the three unit vectors */
  vertex vx = {rule, to_vec4(&k), (AMP_REAL)(m_X * m_X)};
  AMP_REAL sum = 0;
  for (int s2 = 0; s2 < 2; s2++) {
    spinor v = v_spinor(&p2, m, s2);
    for (int lam = 0; lam < nx; lam++) {
      vec4 ex = to_vec4(&xpol[lam]);
      spinor chi = vertex_apply(&vx, &ex, &v);
      for (int s1 = 0; s1 < 2; s1++) {
        spinor u = u_spinor(&p1, m, s1);
        zc amp = ubar_dot(&u, &chi);
        sum += creal(amp) * creal(amp) + cimag(amp) * cimag(amp);
      }
    }
  }
  return (dr_real)sum / nx;
}
