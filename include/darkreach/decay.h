/* Mediator decay widths, branching ratios and lifetimes.
 *
 * Every model's width to a lepton pair comes from its registry entry
 * (include/darkreach/model.h: formula, coupling convention, source). On top:
 *   hadrons     models coupled to the electromagnetic current (the vector):
 *               Gamma(had) = (alpha g^2 m/3) R(m)                       [Ilten:2018crw] eqs. (2.15)-(2.18)
 *   3 gamma     the same models below 2 m_e                              [Pospelov:2008zw]; derivation note FORMULARY Part II §5
 *   nu nubar    L_mu - L_tau: g'^2 M/(24 pi) per flavour (include/darkreach/model.h)
 *   dark matter dark-portal models (the dark-photon family), alpha_D = g_D^2/4pi, r_chi = m_chi^2/m^2:
 *     complex scalar  Gamma = (alpha_D m/12)(1 - 4 r_chi)^(3/2)
 *     Dirac fermion   Gamma = (alpha_D m/3)(1 + 2 r_chi) sqrt(1 - 4 r_chi)        [Ilten:2018crw] eq. (2.13) with
 *                     alpha eps^2 -> alpha_D (derivation note FORMULARY Part I §9)
 *     Majorana        Gamma = (alpha_D m/6)(1 - 4 r_chi)^(3/2)  (L = (g_D/2) chibar gamma^mu gamma^5 chi A'_mu:
 *                     the axial width g_D^2 m beta^3/(12 pi) of Part II §5 times 1/2 for identical particles)
 *     pseudo-Dirac    the Dirac width at the lighter mass (splitting neglected)
 * R(s): PDG compilation shipped in data/rratio_pdg2020.dat (see its header),
 * linear interpolation, rising linearly from 0 at 2 m_pi+ to the first point
 * at 0.30 GeV; above 12 GeV it is an error (DR_EDOMAIN), never a clamp.
 * The pi0 gamma channel below 2 m_pi is neglected.
 * c tau = hbar c / Gamma.
 */
#ifndef DARKREACH_DECAY_H
#define DARKREACH_DECAY_H

#include "darkreach/core.h"
#include "darkreach/model.h"

typedef struct {
  dr_model_kind model;
  double mass;     /* mediator mass */
  double coupling; /* the model's coupling (include/darkreach/model.h) */
  dr_dm_kind dm;   /* DR_DM_NONE: no invisible channel */
  double m_dm;     /* dark-matter mass */
  double alpha_d;  /* dark coupling alpha_D */
} dr_decay_params;

typedef struct {
  double ee, mumu, tautau, hadrons, gamma3, dm; /* partial widths, GeV */
  double nunu;                                  /* neutrino pairs (L_mu - L_tau), GeV */
  double gg;                                    /* photon pairs at tree level (spin2), GeV */
  double total;
} dr_widths;

/* R(sqrt_s): DR_OK, or DR_EDOMAIN above the table (12 GeV). */
int dr_rratio(double sqrt_s, double *R, dr_error *e);
double dr_rratio_max_sqrt_s(void);

int dr_widths_compute(const dr_decay_params *d, dr_widths *w, dr_error *e);
double dr_ctau_m(double gamma_gev); /* infinity for gamma = 0 */

/* Gamma(X -> SM) [GeV] at mass M and coupling g: the three lepton pairs (and neutrinos) and,
 * for models on the electromagnetic current, hadrons via R(M) (the relic layer
 * uses it off shell, at M = sqrt(s)). DR_EDOMAIN above the R(s) table. */
int dr_width_sm(dr_model_kind model, double g, double M, double *gamma, dr_error *e);

/* Gamma(X -> dark matter) [GeV] of a dark-portal mediator of mass M. */
double dr_width_dm(dr_dm_kind dm, double alpha_d, double M, double m_dm);

/* Inelastic (pseudo-Dirac) dark matter: Gamma(chi_2 -> chi_1 l+ l-) [GeV], l = e and mu where open,
 * through an off-shell dark photon of mass mA with kinetic mixing eps, the chi_2-chi_1 vector coupling
 * g_D = sqrt(4 pi alpha_d), m_chi2 = m1 (1 + delta) (formula in src/decay/width.c; small-splitting
 * limit 4 eps^2 alpha alpha_D delta^5 m1^5/(15 pi mA^4), [Berlin:2018bsc]). DR_EDOMAIN when
 * m_chi2 - m_chi1 >= mA (the two-body decay to an on-shell A' takes over). */
int dr_chi2_width(double m1, double delta, double mA, double eps, double alpha_d, double *gamma, dr_error *e);

/* Scalar-portal inelastic dark matter: the lepton-mass-proportional scalar phi (`scalar-mass`, g_l =
 * g_mu m_l/m_mu) coupled off-diagonally to chi_1 and chi_2 by a Yukawa coupling
 * L = -y phi (chibar_2 chi_1 + h.c.), y = sqrt(4 pi alpha_d), the chi treated as Dirac (as the vector's
 * pseudo-Dirac pair: include/darkreach/model.h). Gamma(chi_2 -> chi_1 l+ l-) [GeV] through the
 * off-shell phi, for l = e and mu where the splitting allows them:
 *   dGamma/ds = y^2 g_l^2 ((m1 + m2)^2 - s)(s - 4 m_l^2)/(s - m_phi^2)^2 lambda^(1/2)(m2^2, m1^2, s)
 *               beta_l/(128 pi^3 m2^3)
 * (|M|^2 = 4 y^2 g_l^2 ((m1 + m2)^2 - s)(s - 4 m_l^2)/(s - m_phi^2)^2 summed over spins, averaged over
 * chi_2's; three-body phase space split at s = m_ll^2). For m_l << m2 - m1 << m_phi it is
 * y^2 g_l^2 (m2 - m1)^5/(60 pi^3 m_phi^4) (tests/test_width.c). The same domain as dr_chi2_width. */
int dr_chi2_width_scalar(double m1, double delta, double mphi, double g_mu, double alpha_d, double *gamma,
                         dr_error *e);
/* The chi_2 width of the model's portal: dr_chi2_width for the vector (mA = M, eps = coupling),
 * dr_chi2_width_scalar for scalar-mass (g_mu = coupling); DR_EINVAL for the other models. */
int dr_chi2_width_model(dr_model_kind model, double m1, double delta, double M, double coupling, double alpha_d,
                        double *gamma, dr_error *e);
/* Gamma(phi -> chi_1 chi_2) [GeV] for the same Yukawa y = sqrt(4 pi alpha_d), at the lighter mass m_dm
 * (a Dirac pair, as dr_width_dm): alpha_d M beta^3/2 (the registry's scalar width with
 * alpha c^2 -> alpha_d) */
double dr_width_dm_scalar(double alpha_d, double M, double m_dm);

#endif
