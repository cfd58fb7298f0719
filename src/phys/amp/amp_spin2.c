/* The massive spin-2 mediator G (include/darkreach/amp.h, "spin-2"): squared amplitudes from
 * its Feynman rules with explicit spinors and the five polarisation tensors, in long double.
 *
 * Lagrangian: L = -c G_{mu nu} (T^{mu nu}_l + T^{mu nu}_gamma), one coupling c [GeV^-1] to the
 * energy-momentum tensors of the charged leptons and of the photon ("universal" coupling,
 * c_ll = c_gammagamma, as in [arXiv:2412.10150]; [arXiv:1306.4107] for the normalisation),
 *   T_l^{mu nu} = (i/4) lbar (gamma^mu D<->^nu + gamma^nu D<->^mu) l - eta^{mu nu} (...),
 *   T_gamma^{mu nu} = F^{mu lambda} F_lambda^nu + eta^{mu nu} F^2/4,   D = d + i e Q A.
 * The eta terms vanish against the traceless polarisations. Feynman rules (the factor -i c
 * and, for the photon vertices, e taken out; fermion momenta k1 in and k2 out along the line):
 *   G l l            (1/2) eps_{mu nu} gamma^mu (k1 + k2)^nu
 *   G l l gamma      -eps_{mu nu} gamma^mu e_gamma^nu                      (from D in T_l)
 *   G gamma gamma    2 eps_{mu nu} [k1^mu k2^nu (e1.e2) + e1^mu e2^nu (k1.k2)
 *                                    - k1^mu e2^nu (e1.k2) - e1^mu k2^nu (k1.e2)]   (photons in)
 * For gamma(q, e) l(p) -> l(p') G(k), with s_A = (p + q)^2 - m^2, u_A = (p - k)^2 - m^2,
 * q1 = p - p' the photon exchanged between the lepton and the G gamma gamma vertex:
 *   O = (1/2)[Gamma(2p' + k)(pslash + qslash + m) eslash/s_A + eslash (pslash - kslash + m) Gamma(2p - k)/u_A]
 *       - Gamma(e) - (2/q1^2) gamma_alpha X^alpha,   Gamma(v) = eps_{mu nu} gamma^mu v^nu,
 *   X^alpha = eps_{mu nu}[q^mu q1^nu e^alpha + e^mu g^{nu alpha} (q.q1) - q^mu g^{nu alpha} (e.q1) - e^mu q1^nu q^alpha],
 * and |M|^2 = e^2 c^2 |ubar(p') O u(p)|^2. e -> q gives zero (tests/test_amp.c), and for m_l -> 0
 * the spin- and polarisation-averaged square is the |M|^2 of [arXiv:2210.00751] as DMG4
 * codes it (derivation note FORMULARY Part II §2.6) to 1e-9: that formula is the universal coupling's.
 * In l N -> l N G the photon from the nucleus has e -> Ptilde = P + P' and q = P - P'.
 *
 * Polarisation tensors: from the three polarisation vectors of a massive vector (e1, e2 transverse,
 * e3 = (|k|, E n)/m longitudinal), the five real, symmetric, traceless, transverse combinations
 *   (e1e1 - e2e2)/sqrt2, (e1e2 + e2e1)/sqrt2, (e1e3 + e3e1)/sqrt2, (e2e3 + e3e2)/sqrt2,
 *   (e1e1 + e2e2 - 2 e3e3)/sqrt6,
 * whose sum of products is the spin-2 projector (P P + P P)/2 - P P/3 with P = -g + k k/m^2.
 * Long double: the helicity-0 and -1 tensors carry (E/m)^2 and E/m, and the nucleus's current
 * leaves the G's source non-conserved, so the large pieces do not cancel exactly; 64-bit
 * mantissas keep the squares to <= 1e-8 against tools/amp_reference.py at the kinematics of
 * tests/test_amp.c. */
#define AMP_REAL long double
#include "spinor.h"

#include <string.h>

static void sym2(const vec4 *a, const vec4 *b, AMP_REAL f, AMP_REAL T[4][4]) {
  for (int mu = 0; mu < 4; mu++)
    for (int nu = 0; nu < 4; nu++) T[mu][nu] += f * (a->v[mu] * b->v[nu] + b->v[mu] * a->v[nu]);
}

/* the five polarisation tensors from the vectors e1, e2 (transverse) and e3 (longitudinal; spin_sum passes
 * only its small part delta and adds the k pieces itself) */
static void fill_tensors(const vec4 *e1, const vec4 *e2, const vec4 *e3, AMP_REAL T[5][4][4]) {
  const AMP_REAL r2 = 1 / sqrtl(2), r6 = 1 / sqrtl(6);
  memset(T, 0, 5 * sizeof T[0]);
  sym2(e1, e1, 0.5L * r2, T[0]);
  sym2(e2, e2, -0.5L * r2, T[0]);
  sym2(e1, e2, r2, T[1]);
  sym2(e1, e3, r2, T[2]);
  sym2(e2, e3, r2, T[3]);
  sym2(e1, e1, 0.5L * r6, T[4]);
  sym2(e2, e2, 0.5L * r6, T[4]);
  sym2(e3, e3, -r6, T[4]);
}

/* the same for the full vectors of momentum k (the decays, at rest: nothing large) */
static void make_pols(const dr_p4 *k, dr_real m, AMP_REAL T[5][4][4]) {
  dr_p4 e[3];
  polarisations(k, m, 0, e);
  vec4 e1 = to_vec4(&e[0]), e2 = to_vec4(&e[1]), e3 = to_vec4(&e[2]);
  fill_tensors(&e1, &e2, &e3, T);
}

/* w^mu = eps^{mu nu} v_nu */
static vec4 contract(const AMP_REAL T[4][4], const vec4 *v) {
  vec4 w;
  for (int mu = 0; mu < 4; mu++) w.v[mu] = T[mu][0] * v->v[0] - T[mu][1] * v->v[1] - T[mu][2] * v->v[2] - T[mu][3] * v->v[3];
  return w;
}

static vec4 v_comb(AMP_REAL a, const vec4 *x, AMP_REAL b, const vec4 *y) {
  vec4 r;
  for (int i = 0; i < 4; i++) r.v[i] = a * x->v[i] + b * y->v[i];
  return r;
}

/* -(p - p')^2 for on-shell p, p' of mass m, without the cancellation of E E' against m^2:
 * 2 [m^2 ((E - E')^2 + (|p| - |p'|)^2)/(2 (E E' + |p||p'|)) + |p||p'| (1 - cos)], with
 * |p||p'| (1 - cos) = |p x p'|^2/(|p||p'| + p.p') and p x p' = p x (p' - p). dE = E - E' is passed in
 * (the caller has it without cancellation). */
static dr_real minus_q1sq(const dr_p4 *p, const dr_p4 *pp, dr_real m, dr_real dE, const dr_real d3[3]) {
  const dr_real *a = p->v + 1, *b = pp->v + 1;
  dr_real pa = sqrtl(a[0] * a[0] + a[1] * a[1] + a[2] * a[2]), pb = sqrtl(b[0] * b[0] + b[1] * b[1] + b[2] * b[2]);
  dr_real E = p->v[0], Ep = pp->v[0], ab = a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
  dr_real dP = dE * (E + Ep) / (pa + pb); /* |p| - |p'| */
  dr_real c0 = a[1] * d3[2] - a[2] * d3[1], c1 = a[2] * d3[0] - a[0] * d3[2], c2 = a[0] * d3[1] - a[1] * d3[0];
  dr_real cr2 = c0 * c0 + c1 * c1 + c2 * c2;
  dr_real ang = ab > 0 ? cr2 / (pa * pb + ab) : pa * pb - ab;
  return 2 * (m * m * (dE * dE + dP * dP) / (2 * (E * Ep + pa * pb)) + ang);
}

typedef struct {
  vec4 pp, p, k, e, q, q1; /* e: the photon's polarisation (Ptilde for the nucleus), q its momentum */
  AMP_REAL m, q1sq;
  /* the s- and u-channel propagators with the Dirac equation used (see lepton_sum in amp.c):
   * (p'slash + kslash + m) eslash u(p)/s_A = [a2 - eslash qslash/s_A] u(p) needs e.q = 0 (nucleus);
   * for a real photon the plain form is used (mode 1) */
  int real_photon;
  AMP_REAL a2, isA, b2, iuA;
  vec4 sprop, uprop; /* p + q and p - k (real photon) */
} spin2_ctx;

/* The spin-independent vectors of O for one polarisation tensor T: O psi =
 *   (1/2)[Gamma(ws) R_s psi + R_u Gamma(wu) psi] + slash(wc) psi,
 * R_s, R_u the propagators (with the photon), wc = -T.e - (2/q1^2) X (contact and photon fusion: one
 * slashed vector). */
typedef struct {
  vec4 ws, wu, wc;
} pol_ops;

static pol_ops pol_vectors(const spin2_ctx *c, const AMP_REAL T[4][4]) {
  pol_ops o;
  vec4 vs = v_comb(2, &c->pp, 1, &c->k), vu = v_comb(2, &c->p, -1, &c->k);
  o.ws = contract(T, &vs);
  o.wu = contract(T, &vu);
  vec4 we = contract(T, &c->e), Tq1 = contract(T, &c->q1), Tq = contract(T, &c->q);
  AMP_REAL qTq1 = dot4(&c->q, &Tq1), qq1 = dot4(&c->q, &c->q1), eq1 = dot4(&c->e, &c->q1), eTq1 = dot4(&c->e, &Tq1);
  vec4 X = v_comb(qTq1, &c->e, qq1, &we);
  X = v_comb(1, &X, -eq1, &Tq);
  X = v_comb(1, &X, -eTq1, &c->q);
  o.wc = v_comb(-1, &we, 2 / c->q1sq, &X); /* -(2/q1^2) with q1^2 = -q1sq */
  return o;
}

/* The vector V of O(k xi + xi k) psi = Vslash psi, reduced with the Dirac equation and k = q + q1 (no
 * propagator is left):
 *   O(k xi + xi k) = 2 (xi.q) eslash - 2 (xi.e) qslash - (2/q1^2) Xslash(k xi + xi k),
 * the Lorentz force on the lepton and the photon-fusion term. The longitudinal polarisation
 * e3 = k/m + delta (delta = -m (1, -n)/(E + |k|), small) puts (E/m)^2 in front of O(k k): formed from
 * the full operator, the pieces of O(k k) (each of the size of the eikonal terms) would cancel to
 * many more digits than long double holds (e- at 100 GeV, m_G = 1 MeV: 1e13 times the result). */
static vec4 k_vector(const spin2_ctx *c, const vec4 *xi) {
  const vec4 *q = &c->q, *e = &c->e, *k = &c->k, *q1 = &c->q1;
  AMP_REAL xq = dot4(xi, q), xe = dot4(xi, e), xq1 = dot4(xi, q1);
  AMP_REAL qk = dot4(q, k), kq1 = dot4(k, q1), qq1 = dot4(q, q1), ke = dot4(k, e), eq1 = dot4(e, q1);
  vec4 X = v_comb(qk * xq1 + xq * kq1, e, qq1 * xe, k);
  X = v_comb(1, &X, qq1 * ke, xi);
  X = v_comb(1, &X, -eq1 * xq, k);
  X = v_comb(1, &X, -eq1 * qk, xi);
  X = v_comb(1, &X, -(ke * xq1 + xe * kq1), q);
  vec4 V = v_comb(2 * xq, e, -2 * xe, q);
  return v_comb(1, &V, 2 / c->q1sq, &X);
}

/* (1/2) sum over spins of |ubar(p') O u(p)|^2, summed over the five polarisations, with the
 * longitudinal vector split as in k_vector: the k pieces are one more slashed vector in wc */
static dr_real spin_sum(const spin2_ctx *c, const dr_p4 *p, const dr_p4 *pp, const dr_p4 *k, dr_real m, dr_real mX,
                        dr_real norm) {
  dr_p4 e[3];
  polarisations(k, mX, 1, e); /* e[2] = delta = e3 - k/m */
  vec4 e1 = to_vec4(&e[0]), e2 = to_vec4(&e[1]), d = to_vec4(&e[2]);
  const AMP_REAL r2 = 1 / sqrtl(2), r6 = 1 / sqrtl(6), im = 1 / (AMP_REAL)mX;
  AMP_REAL T[5][4][4];
  fill_tensors(&e1, &e2, &d, T); /* (e1e1 + e2e2 - 2 e3e3)/sqrt6 with e3e3 = kk/m^2 + (k d + d k)/m + d d */
  pol_ops ops[5];
  for (int l = 0; l < 5; l++) ops[l] = pol_vectors(c, (const AMP_REAL(*)[4])T[l]);
  vec4 K1 = k_vector(c, &e1), K2 = k_vector(c, &e2), Kd = k_vector(c, &d), Kk = k_vector(c, &c->k);
  ops[2].wc = v_comb(1, &ops[2].wc, r2 * im, &K1);
  ops[3].wc = v_comb(1, &ops[3].wc, r2 * im, &K2);
  ops[4].wc = v_comb(1, &ops[4].wc, -r6 * im * im, &Kk);
  ops[4].wc = v_comb(1, &ops[4].wc, -2 * r6 * im, &Kd);
  spinor uf[2] = {u_spinor(pp, m, 0), u_spinor(pp, m, 1)};
  AMP_REAL sum = 0;
  for (int s = 0; s < 2; s++) {
    spinor psi = u_spinor(p, m, s), rs;
    if (c->real_photon) { /* (pslash + qslash + m) eslash psi/s_A */
      spinor ep = slash_apply(&c->e, &psi), t1 = slash_apply(&c->sprop, &ep);
      rs = sp_axpy(c->isA, &t1, c->m * c->isA, &ep);
    } else { /* a2 psi - (1/s_A) eslash qslash psi */
      spinor t1 = slash_apply(&c->q, &psi), t2 = slash_apply(&c->e, &t1);
      rs = sp_axpy(c->a2, &psi, -c->isA, &t2);
    }
    for (int l = 0; l < 5; l++) {
      const pol_ops *o = &ops[l];
      spinor gs = slash_apply(&o->ws, &rs), gu = slash_apply(&o->wu, &psi), ru;
      if (c->real_photon) { /* eslash (pslash - kslash + m) gu/u_A */
        spinor t2 = slash_apply(&c->uprop, &gu), pu = sp_axpy(c->iuA, &t2, c->m * c->iuA, &gu);
        ru = slash_apply(&c->e, &pu);
      } else { /* b2 gu + (1/u_A) qslash eslash gu */
        spinor w1 = slash_apply(&c->e, &gu), w2 = slash_apply(&c->q, &w1);
        ru = sp_axpy(c->b2, &gu, c->iuA, &w2);
      }
      spinor ct = slash_apply(&o->wc, &psi), su = sp_axpy(0.5L, &gs, 0.5L, &ru), chi = sp_axpy(1, &su, 1, &ct);
      for (int sf = 0; sf < 2; sf++) {
        zc amp = ubar_dot(&uf[sf], &chi);
        sum += creall(amp) * creall(amp) + cimagl(amp) * cimagl(amp);
      }
    }
  }
  return norm * sum;
}

static dr_real lepton_factor(const dr_amp_kin *k, int ward) {
  amp_inv v;
  dr_amp_invariants_ld(k, &v);
  spin2_ctx c;
  memset(&c, 0, sizeof c);
  dr_p4 Pt, q;
  for (int i = 0; i < 4; i++) {
    Pt.v[i] = k->P.v[i] + k->Pp.v[i];
    q.v[i] = k->P.v[i] - k->Pp.v[i];
  }
  c.pp = to_vec4(&k->pp);
  c.p = to_vec4(&k->p);
  c.k = to_vec4(&k->k);
  c.q = to_vec4(&q);
  c.e = ward ? c.q : to_vec4(&Pt);
  c.m = k->m_l;
  c.isA = 1 / v.sA;
  c.iuA = 1 / v.uA;
  c.a2 = 2 * v.a / v.sA;
  c.b2 = 2 * v.b / v.uA;
  if (ward) { /* e = q is not orthogonal to q: the plain propagators */
    c.real_photon = 1;
    c.sprop = v_comb(1, &c.p, 1, &c.q);
    c.uprop = v_comb(1, &c.p, -1, &c.k);
  }
  dr_real d3[3], dE = k->k.v[0] + k->Pp.v[0] - k->P.v[0]; /* E - E' */
  for (int i = 0; i < 3; i++) d3[i] = k->P.v[i + 1] - k->Pp.v[i + 1] - k->k.v[i + 1]; /* p' - p */
  c.q1sq = minus_q1sq(&k->p, &k->pp, k->m_l, dE, d3);
  c.q1 = v_comb(1, &c.p, -1, &c.pp);
  return spin_sum(&c, &k->p, &k->pp, &k->k, k->m_l, k->m_X, 0.5L);
}

dr_real dr_amp_spin2_lepton_factor(const dr_amp_kin *k) { return lepton_factor(k, 0); }
dr_real dr_amp_spin2_ward(const dr_amp_kin *k) { return lepton_factor(k, 1); }

/* gamma l -> l G in closed form, from the Dirac traces of tools/amp_spin2_traces.py (the operator O
 * above, the spin-2 projector for the polarisations, -g for the photon's). In d = s_A - m_G^2 >= 0
 * and v = -q1^2 = d + u_A >= 0, with the k k/m_G^2 pieces of the projector cancelled (the real
 * photon's G source is conserved), the average is N(d, v)/(12 v^2 s_A^2 u_A^2) with N a polynomial
 * of degree 5 in v; its v^0 coefficient carries m_l^2 and regulates the photon-exchange pole
 * (q1^2 -> 0, the Primakoff production of G on the lepton). Within each coefficient the terms
 * have one sign, so nothing cancels except between powers of v near the forward edge.
 * tests/test_amp.c checks it against the spinor sum below and the massless formula of
 * [arXiv:2210.00751]. */
dr_real dr_amp_spin2_compton_dv(dr_real m, dr_real m_X, dr_real d, dr_real v) {
  const dr_real m2 = m * m, M2 = m_X * m_X, sA = M2 + d, uA = v - d;
  const dr_real mm = m2 * m2, M4 = M2 * M2;
  dr_real n[6];
  n[0] = -24 * M4 * m2 * d * d * (M2 + d) * (M2 + d);
  n[1] = 12 * d * (M2 + d) *
         ((((2 * d + 4 * M2) * d + M2 * (3 * M2 + 4 * m2)) * d + M2 * (M2 * (M2 + 8 * m2))) * d +
          M4 * (6 * M2 * m2 + 4 * mm));
  n[2] = ((((-72 * d - 210 * M2 - 72 * m2) * d + M2 * (-228 * M2 - 240 * m2)) * d +
           M2 * (M2 * (-111 * M2 - 250 * m2) + 96 * mm)) * d + M4 * (M2 * (-21 * M2 - 130 * m2) + 48 * mm)) * d +
         M4 * (M2 * (-42 * M2 * m2 - 56 * mm) - 64 * mm * m2);
  n[3] = (((84 * d + 228 * M2 + 144 * m2) * d + M2 * (216 * M2 + 348 * m2) + 112 * mm) * d +
          M2 * (M2 * (81 * M2 + 214 * m2) + 16 * mm)) * d +
         M2 * (M2 * (M2 * (9 * M2 + 22 * m2) - 112 * mm) - 128 * mm * m2);
  n[4] = ((-48 * d - 111 * M2 - 82 * m2) * d + M2 * (-81 * M2 - 166 * m2) - 112 * mm) * d +
         M2 * (M2 * (-18 * M2 - 78 * m2) - 120 * mm) - 64 * mm * m2;
  n[5] = (12 * d + 21 * M2 + 10 * m2) * d + M2 * (9 * M2 + 10 * m2);
  dr_real N = ((((n[5] * v + n[4]) * v + n[3]) * v + n[2]) * v + n[1]) * v + n[0];
  return N / (12 * v * v * sA * sA * uA * uA);
}

dr_real dr_amp_spin2_compton(dr_real m, dr_real m_X, dr_real s, dr_real u) {
  dr_real S = s + m * m, rs = sqrtl(S);
  dr_real P = s / (2 * rs), Ep = sqrtl(m * m + P * P);
  dr_real lam = (S - (m + m_X) * (m + m_X)) * (S - (m - m_X) * (m - m_X));
  if (!(lam > 0)) return NAN;
  dr_real K = sqrtl(lam) / (2 * rs), Ek = (S + m_X * m_X - m * m) / (2 * rs);
  dr_real cth = (2 * Ep * Ek - m_X * m_X + u) / (2 * P * K);
  if (!(cth >= -1 - 1e-6L && cth <= 1 + 1e-6L)) return NAN; /* the same domain as the spinor sum */
  return dr_amp_spin2_compton_dv(m, m_X, s - m_X * m_X, s + u - m_X * m_X);
}

dr_real dr_amp_spin2_compton_spinor(dr_real m, dr_real m_X, dr_real s, dr_real u) {
  dr_real S = s + m * m, rs = sqrtl(S);
  dr_real P = s / (2 * rs), Ep = sqrtl(m * m + P * P);
  dr_real lam = (S - (m + m_X) * (m + m_X)) * (S - (m - m_X) * (m - m_X));
  if (!(lam > 0)) return NAN;
  dr_real K = sqrtl(lam) / (2 * rs), Ek = (S + m_X * m_X - m * m) / (2 * rs), Epp = (S + m * m - m_X * m_X) / (2 * rs);
  dr_real cth = (2 * Ep * Ek - m_X * m_X + u) / (2 * P * K);
  if (!(cth >= -1 - 1e-6L && cth <= 1 + 1e-6L)) return NAN;
  cth = fmaxl(-1, fminl(1, cth));
  dr_real sn = sqrtl(1 - cth * cth);
  dr_p4 p = {{Ep, 0, 0, P}}, q = {{P, 0, 0, -P}}, k = {{Ek, K * sn, 0, K * cth}}, pp = {{Epp, -K * sn, 0, -K * cth}};
  spin2_ctx c;
  memset(&c, 0, sizeof c);
  c.real_photon = 1;
  c.p = to_vec4(&p);
  c.pp = to_vec4(&pp);
  c.k = to_vec4(&k);
  c.q = to_vec4(&q);
  c.m = m;
  c.isA = 1 / s;
  c.iuA = 1 / u;
  c.sprop = v_comb(1, &c.p, 1, &c.q);
  c.uprop = v_comb(1, &c.p, -1, &c.k);
  dr_real d3[3] = {pp.v[1] - p.v[1], pp.v[2] - p.v[2], pp.v[3] - p.v[3]};
  c.q1sq = minus_q1sq(&p, &pp, m, Ep - Epp, d3);
  c.q1 = v_comb(1, &c.p, -1, &c.pp);
  dr_p4 gpol[3];
  polarisations(&q, 1, 1, gpol);
  dr_real sum = 0;
  for (int g = 0; g < 2; g++) {
    c.e = to_vec4(&gpol[g]);
    sum += spin_sum(&c, &p, &pp, &k, m, m_X, 1);
  }
  return 0.25L * sum; /* average over the lepton spin and the photon polarisation */
}

/* G -> l-(p1) l+(p2) at rest: ubar(p1) (1/2) Gamma(p1 - p2) v(p2) (the fermion line's momenta
 * k1 = -p2 in, k2 = p1 out), averaged over the five polarisations */
dr_real dr_amp_spin2_decay(dr_real m, dr_real m_X) {
  if (!(m_X > 2 * m)) return 0;
  dr_real P = sqrtl(m_X * m_X / 4 - m * m);
  dr_p4 k = {{m_X, 0, 0, 0}}, p1 = {{m_X / 2, 0.6L * P, 0, 0.8L * P}}, p2 = {{m_X / 2, -0.6L * P, 0, -0.8L * P}};
  AMP_REAL T[5][4][4];
  make_pols(&k, m_X, T);
  vec4 d = {{0, (AMP_REAL)(1.2L * P), 0, (AMP_REAL)(1.6L * P)}};
  AMP_REAL sum = 0;
  for (int l = 0; l < 5; l++) {
    vec4 w = contract((const AMP_REAL(*)[4])T[l], &d);
    for (int s2 = 0; s2 < 2; s2++) {
      spinor v = v_spinor(&p2, m, s2), chi = slash_apply(&w, &v);
      for (int s1 = 0; s1 < 2; s1++) {
        spinor u = u_spinor(&p1, m, s1);
        zc a = 0.5L * ubar_dot(&u, &chi);
        sum += creall(a) * creall(a) + cimagl(a) * cimagl(a);
      }
    }
  }
  return sum / 5;
}

/* G -> gamma(k1, e1) gamma(k2, e2) at rest from the G gamma gamma vertex (real, transverse
 * photon polarisations), summed over the photon polarisations, averaged over the G's */
dr_real dr_amp_spin2_decay_gg(dr_real m_X) {
  dr_p4 k = {{m_X, 0, 0, 0}}, k1 = {{m_X / 2, 0.3L * m_X, 0, 0.4L * m_X}};
  dr_p4 k2 = {{m_X / 2, -k1.v[1], -k1.v[2], -k1.v[3]}};
  AMP_REAL T[5][4][4];
  make_pols(&k, m_X, T);
  dr_p4 e1[3], e2[3];
  polarisations(&k1, 1, 1, e1);
  polarisations(&k2, 1, 1, e2);
  vec4 K1 = to_vec4(&k1), K2 = to_vec4(&k2);
  AMP_REAL kk = dot4(&K1, &K2), sum = 0;
  for (int l = 0; l < 5; l++) {
    const AMP_REAL(*t)[4] = (const AMP_REAL(*)[4])T[l];
    vec4 TK2 = contract(t, &K2);
    for (int a = 0; a < 2; a++)
      for (int b = 0; b < 2; b++) {
        vec4 E1 = to_vec4(&e1[a]), E2 = to_vec4(&e2[b]), TE2 = contract(t, &E2);
        AMP_REAL amp = 2 * (dot4(&K1, &TK2) * dot4(&E1, &E2) + dot4(&E1, &TE2) * kk - dot4(&K1, &TE2) * dot4(&E1, &K2) -
                            dot4(&E1, &TK2) * dot4(&K1, &E2));
        sum += amp * amp;
      }
  }
  return sum / 5;
}
