/* Mediator decay widths, branching ratios and lifetimes.
 *
 * Widths at coupling eps (g = eps e), GeV. r_f = m_f^2/m^2, beta_f = sqrt(1 - 4 r_f).
 *   vector (kinetic mixing)  Gamma(l l)   = (alpha eps^2 m/3)(1 + 2 r) beta          [Bjorken:2009mm]; [Ilten:2018crw] eq. (2.13)
 *                            Gamma(had)   = (alpha eps^2 m/3) R(m)                    [Ilten:2018crw] eqs. (2.15)-(2.18)
 *                            Gamma(3 gamma), m < 2 m_e                                 [Pospelov:2008zw]; FORMULARY Part II §5
 *   axial                    Gamma(l l)   = (alpha eps^2 m/3) beta^3                 FORMULARY Part II §5
 *   scalar                   Gamma(l l)   = (alpha eps^2 m/2) beta^3
 *   pseudoscalar             Gamma(l l)   = (alpha eps^2 m/2) beta
 * Scalar, pseudoscalar and axial are taken leptophilic (same g to e, mu,
 * tau; no quark couplings, no loop-induced gamma gamma).
 * Dark matter (vector only), alpha_D = g_D^2/4pi:
 *   complex scalar  Gamma = (alpha_D m/12)(1 - 4 r_chi)^(3/2)
 *   Dirac fermion   Gamma = (alpha_D m/3)(1 + 2 r_chi) sqrt(1 - 4 r_chi)        FORMULARY Part I §9
 *   Majorana        Gamma = (alpha_D m/6)(1 - 4 r_chi)^(3/2)  (L = (g_D/2) chibar gamma^mu gamma^5 chi A'_mu:
 *                   the axial width g_D^2 m beta^3/(12 pi) of Part II §5 times 1/2 for identical particles)
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
  double coupling; /* eps */
  dr_dm_kind dm;   /* DR_DM_NONE: no invisible channel */
  double m_dm;     /* dark-matter mass */
  double alpha_d;  /* dark coupling alpha_D */
} dr_decay_params;

typedef struct {
  double ee, mumu, tautau, hadrons, gamma3, dm; /* partial widths, GeV */
  double total;
} dr_widths;

/* R(sqrt_s): DR_OK, or DR_EDOMAIN above the table (12 GeV). */
int dr_rratio(double sqrt_s, double *R, dr_error *e);
double dr_rratio_max_sqrt_s(void);

int dr_widths_compute(const dr_decay_params *d, dr_widths *w, dr_error *e);
double dr_ctau_m(double gamma_gev); /* infinity for gamma = 0 */

/* Partial width of the vector into a lepton pair of mass m_f at coupling g
 * (general: g^2 m/(12 pi) (1 + 2r) beta); reused by the relic layer. */
double dr_width_vector_ff(double g2, double m, double m_f);

#endif
