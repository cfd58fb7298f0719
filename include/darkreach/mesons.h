/* Vector mesons rho, omega, phi, J/psi: photoproduced in the target by the
 * beam's bremsstrahlung photons, and their invisible decays V -> chi chibar
 * to millicharged particles ([arXiv:2505.04295] eqs. (5)-(12); derivation note FORMULARY
 * Part II §3.2).
 *
 * Branching ratio (vector-meson dominance: the meson decays through the
 * photon, so to any pair of charge eps e as to e+ e- with the pair's phase
 * space):
 *   Br(V -> chi chibar) = Br(V -> e+ e-) eps^2 F(m_chi^2/m_V^2)/F(m_e^2/m_V^2),
 *   F_Dirac(r) = (1 + 2r) sqrt(1 - 4r),   F_scalar(r) = (1/4)(1 - 4r)^(3/2).
 * Masses, widths and Br(e+ e-): PDG [Workman:2022ynf].
 *
 * Photoproduction sigma(gamma p -> V p) at W^2 = m_p^2 + 2 m_p k: the fits
 * of Klein and Nystrand [Klein:1999qj] Table I, as used by STARlight
 * [Klein:2016yzr] (mub, W in GeV):
 *   rho   5.0 W^0.22 + 26.0 W^-1.23,   omega  0.55 W^0.22 + 18.0 W^-1.92,
 *   phi   0.34 W^0.22,                 J/psi  4.06e-3 W^0.65 (1 - (m_V + m_p)^2/W^2)^2,
 * and zero below W = m_p + m_V (the light-meson fits are high-energy forms
 * with no threshold of their own).
 * On a nucleus (classical Glauber, [Klein:1999qj]): the vector-meson-nucleon
 * cross section from vector dominance and the optical theorem,
 *   sigma_VN = sqrt(16 pi (f_V^2/4pi) b sigma(gamma p -> V p)/alpha),
 *   sigma_VA = int d^2b [1 - exp(-sigma_VN T_A(b))],
 * T_A from a Woods-Saxon density normalised to A (R = 6.624 fm for Pb, 1.2
 * A^(1/3) fm otherwise; a = 0.53 fm);
 *   coherent    sigma = alpha sigma_VA^2/(16 pi f_V^2/4pi) int_{t_min} |F_A(t)|^2 dt,
 *               t_min = (m_V^2/(2k))^2, F_A a hard sphere of radius R folded
 *               with a Yukawa of range 0.7 fm ([Klein:1999qj] eq. 14);
 *   incoherent  sigma = (sigma_VA/sigma_VN) sigma(gamma p -> V p).
 * f_V^2/4pi = 2.02, 23.13, 13.71, 10.45 and slopes b = 11, 10, 7, 4 GeV^-2
 * (rho, omega, phi, J/psi) as in [Klein:2016yzr].
 *
 * Photons: the beam's bremsstrahlung, (1/k)(4/3 - 4/3 y + y^2) per X0 and
 * unit k at y = k/E (complete screening, [Tsai:1973py] eq. 3.83).
 *   thin target (T X0): photons made at depth t cross T - t, so the photon
 *     track length is (T^2/2) X0 (1/k)(4/3 - 4/3 y + y^2) per lepton at E0;
 *   thick target (Tsai track lengths of the primary lepton, exp.h): every
 *     photon is absorbed, after 9/7 X0 on average (its pair-production mean
 *     free path, [Tsai:1973py]), summed over the primary's track-length
 *     spectrum. Shower secondaries are left out: they are soft, and only
 *     mesons with E_V > x_th E0 count.
 * Muon beams: their bremsstrahlung is (m_e/m_mu)^2 smaller; no mesons.
 * Yields: V per lepton on target with x_th E0 < E_V < x_max E0 (the meson
 * carries the photon's energy; its decay to chi chibar is all missing
 * energy), photons above the rho threshold only.
 */
#ifndef DARKREACH_MESONS_H
#define DARKREACH_MESONS_H

#include "darkreach/exp.h"

typedef enum { DR_MESON_RHO = 0, DR_MESON_OMEGA, DR_MESON_PHI, DR_MESON_JPSI, DR_MESON_COUNT } dr_meson;
_Static_assert((int)DR_MESON_COUNT == (int)DR_N_MESONS, "exp.h counts the mesons");

typedef struct {
  const char *name;          /* "rho", "omega", "phi", "jpsi" */
  double mass, width, br_ee; /* GeV, GeV, Br(V -> e+ e-): PDG */
  double fv2_4pi;            /* f_V^2/4pi */
  double slope_b;            /* forward slope of gamma p -> V p [GeV^-2] */
} dr_meson_info;

const dr_meson_info *dr_meson_get(dr_meson m); /* NULL out of range */

/* Br(V -> chi chibar) for a chi of charge eps and mass m_chi (0 above threshold) */
double dr_meson_br_pair(dr_meson m, double m_chi, double eps, int scalar);

/* sigma(gamma p -> V p) [GeV^-2] at photon energy k [GeV], proton at rest */
double dr_meson_sigma_gp(dr_meson m, double k);

/* sigma(gamma A -> V A) coherent and sigma(gamma A -> V X) incoherent
 * [GeV^-2] on material mat at photon energy k */
int dr_meson_sigma_ga(dr_meson m, double k, const dr_material *mat, double *coherent, double *incoherent,
                      dr_error *e);

/* Mesons per lepton on target with E_V > x_th E0 for the card x, computed as
 * above (thin: x->thickness_x0; thick or active: full absorption). */
int dr_meson_yields_computed(const dr_experiment *x, double y[DR_MESON_COUNT], dr_error *e);

#endif
