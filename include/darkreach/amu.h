/* The one-loop contribution of a mediator to the muon anomalous magnetic
 * moment, and the measured anomaly it is compared with.
 *
 * A neutral boson X of mass M coupled to the muon as
 *   g_V mubar gamma^a mu X_a,  g_A mubar gamma^a gamma^5 mu X_a,  g_S mubar mu X,  i g_P mubar gamma^5 mu X
 * gives ([Leveille:1977rc]; in the Feynman-parameter form of [Jegerlehner:2009ry]),
 * with lambda = m_mu/M and D(x) = (1 - x)(1 - lambda^2 x) + lambda^2 x,
 *   Delta a = m_mu^2/(8 pi^2 M^2) Int_0^1 dx P(x)/D(x),
 *   P_V = 2 g_V^2 x^2 (1 - x),  P_A = g_A^2 [2 x (1 - x)(x - 4) - 4 lambda^2 x^3],
 *   P_S = g_S^2 x^2 (2 - x),    P_P = -g_P^2 x^3.
 * Limits (tests/test_width.c): M -> 0 vector g^2/(8 pi^2), scalar 3 g^2/(16 pi^2);
 * M >> m_mu vector g^2 m^2/(12 pi^2 M^2), axial -5 g^2 m^2/(12 pi^2 M^2),
 * scalar g^2 m^2/(8 pi^2 M^2) (ln(M^2/m^2) - 7/6), pseudoscalar -g^2 m^2/(8 pi^2 M^2) (ln(M^2/m^2) - 11/6).
 * The dark-photon moments (dipoles, charge radius, anapole) are
 * non-renormalisable couplings whose loop needs a cut-off: not provided.
 *
 * The anomaly Delta a_mu = a_mu(exp) - a_mu(SM):
 *   a_mu(exp) = 116 592 071.5(14.5) x 10^-11, the world average after the final
 *     Fermilab result (E989 runs 1-6, [Muong-2:2025xyk], June 2025) with BNL E821;
 *   a_mu(SM)  = 116 592 033(62) x 10^-11, the Muon g-2 Theory Initiative's 2025
 *     update [Aliberti:2025beg] (lattice-QCD LO HVP), May 2025;
 *   so Delta a_mu = 38.5(63.7) x 10^-11: no anomaly. The 2020 White Paper's
 *   a_mu(SM) = 116 591 810(43) x 10^-11 [Aoyama:2020ynm] (data-driven HVP) gave
 *   Delta a_mu = 261.5(45.3) x 10^-11 against the same average: the "(g-2)_mu
 *   band" of the NA64mu papers. Both are offered (dr_amu_anomaly); the 2025 one
 *   is the default because it supersedes the 2020 SM prediction. */
#ifndef DARKREACH_AMU_H
#define DARKREACH_AMU_H

#include "darkreach/model.h"

typedef enum { DR_AMU_SM_WP25 = 0, DR_AMU_SM_WP20 } dr_amu_sm;

typedef struct {
  double delta, sigma; /* Delta a_mu and its 1 sigma (experiment and SM in quadrature) */
  const char *source;  /* the two numbers and their references, as text */
} dr_amu_anomaly_t;

/* Delta a_mu = a_mu(exp) - a_mu(SM) with the chosen SM prediction. */
dr_amu_anomaly_t dr_amu_anomaly(dr_amu_sm sm);

/* The one-loop Delta a_mu of a model's mediator of mass M at coupling g (the
 * model's coupling, include/darkreach/model.h). DR_EINVAL for models whose loop
 * is not provided (the moments, the pair models). */
int dr_amu_one_loop(dr_model_kind model, double g, double M, double *delta_a_mu, dr_error *e);

/* The same for explicit couplings to the muon (g_V, g_A, g_S, g_P as above). */
double dr_amu_couplings(double gV, double gA, double gS, double gP, double M);

#endif
