/* Squared amplitudes of l(p) N(P) -> l(p') N(P') X(k), evaluated numerically
 * from the Feynman rules (explicit spinors in the chiral representation, gamma
 * matrices applied to spinors, explicit X polarisation vectors, sums over all
 * spins and polarisations), so that a new lepton-X vertex is a new rule, not
 * new algebra (FORMULARY Part I §4; Part II §2.3).
 *
 * Nucleus: heavy charged scalar, vertex -i e (P + P')^mu sqrt(G2(t)); the
 * photon propagator 1/t. The returned T_X is the lepton-side factor
 *   T_X = (1/2) sum_spins sum_pol | ubar(p') O_X u(p) |^2,
 *   O_X = Gamma_X (p'slash + kslash + m)/s_A Ptilde-slash + Ptilde-slash (pslash - kslash + m)/u_A Gamma_X,
 *   s_A = 2 p'.k + m_X^2, u_A = m_X^2 - 2 p.k, Ptilde = P + P',
 * so that |M|^2 (spin-averaged) = e^2 G2(t)/t^2 e^2 g^2 T_X with g = eps e.
 * Vertices Gamma_X: vector eps-slash, axial eps-slash gamma^5, scalar 1,
 * pseudoscalar gamma^5; massive-vector polarisations: the three physical
 * ones (their sum is -g + k k/m_X^2).
 * Tested: tests/test_amp.c against the closed forms of FORMULARY Part II §2.3.
 */
#ifndef DARKREACH_AMP_H
#define DARKREACH_AMP_H

#include "darkreach/model.h"

/* Extended precision throughout: for electrons the terms of T_X cancel by
 * about 8 digits (Part II §2.3), so kinematics and traces are long double. */
typedef long double dr_real;

/* four-vector (E, px, py, pz) [GeV], metric (+,-,-,-) */
typedef struct {
  dr_real v[4];
} dr_p4;

dr_real dr_p4_dot(const dr_p4 *a, const dr_p4 *b);

typedef struct {
  dr_p4 p, pp, k, P, Pp; /* beam lepton, outgoing lepton, X, nucleus in, nucleus out */
  dr_real m_l, m_X;
} dr_amp_kin;

/* T_X [GeV^2] for the vertex rule (a model's, from the registry) at the given
 * (on-shell, momentum-conserving) kinematics. DR_VERTEX_NONE: not a vertex. */
dr_real dr_amp_lepton_factor(dr_vertex_rule rule, const dr_amp_kin *k);

#endif
