/* Photon-nucleus form factors and the effective photon flux chi.
 *
 * t = -q^2 > 0 [GeV^2] is the momentum transfer to the nucleus. G2(t)
 * includes Z^2 (elastic) and Z (inelastic): G2 = G2_el + G2_inel.
 *
 *   G2_el(t)   = Z^2 [a^2 t/(1+a^2 t)]^2 [1/(1+t/d)]^2            [Bjorken:2009mm] eq. (A18)
 *   G2_inel(t) = Z [a'^2 t/(1+a'^2 t)]^2 P(t)                      [Bjorken:2009mm] eq. (A19)
 *   P(t) = (1 + t (mu_p^2-1)/(4 m_p^2)) / (1 + t/0.71 GeV^2)^4      LINEAR (default; [Blinov:2024gcw] App. B)
 *   P(t) squared as printed in (A19) with DR_INEL_SQUARED; P = 0 with DR_INEL_NONE.
 *   a = 111 Z^(-1/3)/m_e, a' = 773 Z^(-2/3)/m_e, d = 0.164 A^(-2/3) GeV^2.
 *
 *   chi(t_min, t_max) = Int_{t_min}^{t_max} dt (t - t_min)/t^2 G2(t)   [Bjorken:2009mm] eq. (A17)
 *
 * Tested: tests/test_ff.c against the digitised [Bjorken:2009mm] Fig. 10
 * points (shared reference, +-3 %) and against the closed form of the
 * elastic chi ([Bjorken:2009mm] eqs. (A17)-(A18); derivation note FORMULARY Part II §1.2).
 */
#ifndef DARKREACH_FF_H
#define DARKREACH_FF_H

#include "darkreach/core.h"
#include "darkreach/num.h"

typedef enum {
  DR_INEL_LINEAR = 0, /* default: proton factor linear (corrected A19) */
  DR_INEL_SQUARED,    /* A19 as printed */
  DR_INEL_NONE,       /* elastic only */
  DR_INEL_POINT       /* unscreened point charge, G2 = Z^2 (validation: Bethe-Heitler) */
} dr_inel_mode;

typedef struct {
  int Z;
  double A;
  dr_inel_mode inel;
  double a2, ap2, d; /* a^2, a'^2 [GeV^-2], d [GeV^2] */
} dr_ff;

int dr_ff_init(dr_ff *ff, int Z, double A, dr_inel_mode inel, dr_error *e);
int dr_inel_mode_parse(const char *name, dr_inel_mode *out, dr_error *e); /* linear|squared|elastic */
const char *dr_inel_mode_name(dr_inel_mode m);

double dr_ff_g2_el(const dr_ff *ff, double t);
double dr_ff_g2_inel(const dr_ff *ff, double t);
double dr_ff_g2(const dr_ff *ff, double t);

/* chi(t_min, t_max) by adaptive quadrature in ln t with breakpoints at the
 * form-factor scales; rel_tol e.g. 1e-6. chi = 0 when t_min >= t_max. */
int dr_flux_chi(const dr_ff *ff, double tmin, double tmax, dr_quad *q,
                double rel_tol, dr_estimate *out);

/* Closed form of the elastic part ([Bjorken:2009mm] eqs. (A17)-(A18); derivation note FORMULARY Part II §1.2, as coded in
 * DMG4 DarkPhotons.cc fluxAnalytical); used as an independent test. */
double dr_flux_chi_el_closed(const dr_ff *ff, double tmin, double tmax);

#endif
