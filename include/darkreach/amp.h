/* Squared amplitudes of l(p) N(P) -> l(p') N(P') X(k) from the Feynman rules:
 * closed forms of the traces for the built-in vertex rules (derived by
 * tools/amp_traces.py), and a numerical engine (explicit spinors in the chiral
 * representation, gamma matrices applied to spinors, explicit X polarisation
 * vectors, sums over all spins and polarisations) that checks them and where a
 * new lepton-X vertex starts as a new rule, not new algebra (the nucleus-recoil
 * treatment of [Liu:2016mqv]; derivation notes FORMULARY Part I §4, Part II §2.3).
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
 * Tested: tests/test_amp.c against the closed forms of the
 * nucleus-recoil treatment of [Liu:2016mqv] (derivation note FORMULARY Part II §2.3) and a 60-digit brute-force evaluation.
 */
#ifndef DARKREACH_AMP_H
#define DARKREACH_AMP_H

#include "darkreach/model.h"

/* Four-vectors in extended precision: for electrons the invariants that T_X
 * needs (p.k, p'.k, t) would lose up to 10 digits to cancellation if formed
 * from double components (Part II §2.3). The closed forms themselves run in
 * double on invariants built without cancellation. */
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

/* T_X [GeV^2; x GeV^2 for the dipoles, x GeV^4 for charge radius and anapole]
 * for the vertex rule (a model's, from the registry) at the given (on-shell,
 * momentum-conserving) kinematics, summed over X's physical polarisations.
 * DR_VERTEX_NONE: not a vertex. The closed forms of the traces (derived by
 * tools/amp_traces.py), from invariants built in long double without
 * cancellation (for a nucleus at rest, as the ETL kinematics build it). */
dr_real dr_amp_lepton_factor(dr_vertex_rule rule, const dr_amp_kin *k);
/* The invariants the closed forms take, in double: a = p.Pt, b = p'.Pt,
 * kP = k.Pt (= a - b) with Pt = P + P', s_A, u_A, t = -(P - P')^2 > 0,
 * P2 = Pt^2 = 4 M^2 + t, m2 = m_l^2, M2 = m_X^2 [GeV^2]. Each must be
 * accurate to about 1e-16 of itself (built without cancellation): the forms
 * then hold 2e-9 at the extreme kinematics of tests/test_amp.c. */
typedef struct {
  double a, b, kP, sA, uA, t, P2, m2, M2;
} dr_amp_inv;
/* T_X from the invariants (the closed forms, in double). */
double dr_amp_lepton_factor_inv(dr_vertex_rule rule, const dr_amp_inv *v);
/* 1 if the rule has a closed form (dr_amp_lepton_factor_inv); 0 for DR_VERTEX_SPIN2, whose T needs
 * the momenta (dr_amp_lepton_factor) */
int dr_amp_has_closed_form(dr_vertex_rule rule);
/* The same from the numerical spinor engine (explicit spinors and
 * polarisations): the reference the closed forms are tested against, and the
 * place a new vertex rule starts. About 4 times slower. */
dr_real dr_amp_lepton_factor_spinor(dr_vertex_rule rule, const dr_amp_kin *k);
/* The same for one polarisation vector pol of X, not summed (a test of gauge
 * invariance puts pol = k). */
dr_real dr_amp_lepton_factor_pol(dr_vertex_rule rule, const dr_amp_kin *k, const dr_p4 *pol);

/* gamma(q) l(p) -> l(p') X(k) with a real photon, the 2 -> 2 process of the
 * Weizsacker-Williams approximation: the spin- and polarisation-averaged
 * |A|^2/(e^2 g^2) (the A_X of the WW formula, [Bjorken:2009mm] App. A, [Liu:2016mqv];
 * derivation note FORMULARY Part II §2.1) from the same vertex rules,
 * at s = 2 p.q and u = m_X^2 - 2 p.k, evaluated in the 2 -> 2 centre-of-mass
 * frame. NaN outside the physical region. */
dr_real dr_amp_compton(dr_vertex_rule rule, dr_real m_l, dr_real m_X, dr_real s, dr_real u);
/* The same from d = s - m_X^2 and v = s + u - m_X^2 = -(p - p')^2 >= 0, passed without the
 * cancellation that s + u - m_X^2 has near the forward edge (v -> m_l^2 x^2/(1-x) in WW). For a
 * rule with a photon pole (dr_amp_has_photon_pole) the square there goes as 1/v^2 regulated by
 * m_l^2, and v formed from s and u in double would carry 1e-16 s/v of relative error. */
dr_real dr_amp_compton_dv(dr_vertex_rule rule, dr_real m_l, dr_real m_X, dr_real d, dr_real v);
/* 1 if gamma l -> l X has a t-channel photon (spin2: G gamma gamma), so that the square has a pole
 * at v = -(p - p')^2 -> 0 (the Primakoff production of X on the lepton), cut off at v ~ m_l^2 */
int dr_amp_has_photon_pole(dr_vertex_rule rule);

/* X -> l- l+ from the same vertex rules: |M|^2/(e^2 g^2) summed over the
 * lepton spins and averaged over X's polarisations, so that
 *   Gamma(X -> l l) = e^2 g^2 |M|^2 beta/(16 pi m_X)   (beta = sqrt(1 - 4 m_l^2/m_X^2)).
 * 0 below threshold. Tested against the registry's widths (tests/test_amp.c). */
dr_real dr_amp_decay(dr_vertex_rule rule, dr_real m_l, dr_real m_X);

/* ---- the massive spin-2 mediator (src/phys/amp/amp_spin2.c: Lagrangian, Feynman rules and
 * polarisation tensors there) ----
 * Coupling c [GeV^-1] to the energy-momentum tensors of the charged leptons and the photon,
 * L = -c G_{mu nu} (T_l + T_gamma)^{mu nu}; the lepton factor has the G l l, G l l gamma and
 * G gamma gamma vertices (the photon-fusion diagram), |M|^2 = e^2 G2(t)/t^2 e^2 c^2 T_G as for the
 * other rules. In long double from the momenta (no closed form): DR_VERTEX_SPIN2 in
 * dr_amp_lepton_factor and dr_amp_lepton_factor_spinor comes here. */
dr_real dr_amp_spin2_lepton_factor(const dr_amp_kin *k);
/* the same with the nucleus's current Ptilde replaced by the photon momentum q = P - P':
 * zero up to rounding (gauge invariance; tests/test_amp.c) */
dr_real dr_amp_spin2_ward(const dr_amp_kin *k);
/* gamma l -> l G, averaged as dr_amp_compton (which comes here for DR_VERTEX_SPIN2): the closed
 * form of tools/amp_spin2_traces.py; _spinor is the same from the rules by the spinor sum, 75
 * times slower, kept as its check (tests/test_amp.c) */
dr_real dr_amp_spin2_compton(dr_real m_l, dr_real m_X, dr_real s, dr_real u);
dr_real dr_amp_spin2_compton_spinor(dr_real m_l, dr_real m_X, dr_real s, dr_real u);
/* the closed form in d = s - m_X^2, v = s + u - m_X^2 (dr_amp_compton_dv); no domain check */
dr_real dr_amp_spin2_compton_dv(dr_real m_l, dr_real m_X, dr_real d, dr_real v);
/* G -> l- l+: |M|^2/c^2 summed over spins, averaged over the five polarisations, so that
 * Gamma = c^2 |M|^2 beta/(16 pi m_X) */
dr_real dr_amp_spin2_decay(dr_real m_l, dr_real m_X);
/* G -> gamma gamma: the same, summed over the photon polarisations, so that
 * Gamma = c^2 |M|^2/(32 pi m_X) (identical photons: 1/2) */
dr_real dr_amp_spin2_decay_gg(dr_real m_X);

#endif
