/* Millicharged particles: l N -> l N gamma*(-> chi chibar) for a chi of
 * charge eps e and mass m_chi ([arXiv:2505.04295] eq. (1); a Dirac fermion,
 * or a complex scalar as an option).
 *
 * Factorisation (derivation note FORMULARY Part II §3.1; the width below is
 * [Ilten:2018crw] eq. (2.13) at mass q): the lepton-nucleus side couples to
 * the pair through a conserved current, so after the chi chibar decay angles
 * are integrated out the 2 -> 4 rate is the 2 -> 3 rate for a massive vector
 * of mass sqrt(q^2) and coupling e (eps = 1), times a spectral density:
 *   d sigma(l N -> l N chi chibar)/dq^2 = sigma_V(q^2) rho(q^2),
 *   rho(q^2) = Gamma(V* -> chi chibar; sqrt(q^2))/(pi q^3)     (q = sqrt(q^2))
 *            = (alpha eps^2/(3 pi q^2)) (1 + 2 m^2/q^2) sqrt(1 - 4 m^2/q^2)   Dirac,
 *            = (alpha eps^2/(3 pi q^2)) (1/4) (1 - 4 m^2/q^2)^(3/2)          scalar,
 * q^2 from 4 m_chi^2 to the kinematic limit; x = E_chichibar/E0 is the x of
 * the massive vector. Derivation: the phase space of the pair integrates
 * its current tensor to (-g + q q/q^2) 2 q Gamma(q), and
 * d Phi_4 = d Phi_3 d Phi_2 dq^2/(2 pi).
 *
 * Exact tree level: one VEGAS integral over (q, and the four ETL variables
 * of src/xsec/etl.c at m_X = q), q = 2 m_chi cosh w with w uniform in
 * [0, w_max], in which rho(q^2) dq^2 = (2 alpha eps^2/(3 pi)) (1 + 1/(2 cosh^2 w))
 * tanh^2 w dw (Dirac), (alpha eps^2/(6 pi)) tanh^4 w dw (scalar): smooth at
 * threshold. WW/IWW: the same q integral by adaptive quadrature over the
 * WW/IWW rate of the vector (the "modified WW" of Gninenko, Kirpichnikov,
 * Krasnikov 2019 inserts WW here).
 *
 * The decay of gamma*(q) -> chi chibar in an event: with r = (k1 - k2)/2 and
 * M_mu the production amplitude (q.M = 0), the spin-summed 2 -> 4 |M|^2 is
 * proportional to 2 q^2 [T - beta^2 |M.e_r|^2] (Dirac) and to 4 (q^2/4 -
 * m^2) |M.e_r|^2 (scalar), T the unpolarised lepton factor (sum over the
 * three polarisations) and e_r = r/|r| a unit polarisation of the virtual
 * photon. Averaged over directions |M.e_r|^2 -> T/3, which gives back
 * (1 + 2 m^2/q^2) and beta^2/4 of rho. Directions are drawn uniformly in the
 * gamma* rest frame and accepted with probability 1 - beta^2 |M.e_r|^2/T
 * (Dirac; >= 1 - beta^2) or |M.e_r|^2/T (scalar): the exact angular
 * distribution for the event's production kinematics.
 */
#ifndef DARKREACH_MCP_H
#define DARKREACH_MCP_H

#include "darkreach/xsec.h"

/* rho(q^2) [GeV^-2] for charge eps; 0 below 4 m^2 */
double dr_mcp_spectral(double q2, double m_chi, double eps, int scalar);

/* The map of the unit hypercube for the pair: u[0] -> q, u[1..4] (u[1..3]
 * with a fixed x) the ETL variables at m_X = q. */
typedef struct {
  const dr_process *p; /* a pair model: m_X = m_chi, coupling = eps */
  double x_lo, x_hi, fixed_x;
  double w_max;        /* q = 2 m_chi cosh w, w in [0, w_max] */
  int scalar;
} dr_mcp_ctx;

/* DR_EDOMAIN if no q fits the x range */
int dr_mcp_ctx_init(dr_mcp_ctx *c, const dr_process *p, double x_lo, double x_hi, double fixed_x);
/* one point: the weight (its mean over u is sigma [GeV^-2]), the 2 -> 3
 * kinematics at m_X = q (kin->k is the pair's momentum; kin may be NULL), the channel and q */
int dr_mcp_point(const dr_mcp_ctx *c, const double *u, double *weight, dr_amp_kin *kin, int *channel, double *q);
dr_vegas_fn dr_mcp_integrand(void);

/* sigma(x_lo < x < x_hi) [GeV^-2] and d sigma/dx, ETL (VEGAS, 5 or 4
 * dimensions, to o->etl_rel_tol) or WW/IWW (quadrature over q to o->rel_tol).
 * p must be a pair model (DR_EINVAL otherwise). */
int dr_mcp_sigma(const dr_process *p, const dr_xsec_opts *o, double x_lo, double x_hi, dr_xsec_ws *w,
                 dr_estimate *out, dr_error *e);
int dr_mcp_dsigma_dx(const dr_process *p, const dr_xsec_opts *o, double x, dr_xsec_ws *w, dr_estimate *out,
                     dr_error *e);

/* chi and chibar four-vectors (lab) for the 2 -> 3 configuration kin (kin->k
 * the virtual photon of mass q) with the exact angular distribution; the
 * random numbers are dr_vegas_uniform(seed, stream, 3 (256 idx + k) + ...), so the
 * same (seed, idx) gives the same pair. */
void dr_mcp_decay(const dr_amp_kin *kin, double m_chi, int scalar, uint64_t seed, uint64_t stream, uint64_t idx,
                  double chi[4], double chibar[4]);

#endif
