/* darkreach physical constants — the one place they live.
 *
 * Units: natural units (hbar = c = k_B = 1), energies and masses in GeV.
 * alpha is the Thomson-limit fine-structure constant, NOT alpha(m_Z) = 1/127.9
 * (MadGraph's default); every output says so.
 *
 * Sources: [Workman:2022ynf] (PDG, "Physical constants" table, CODATA 2018
 * values) unless stated on the line. Keys resolve in docs/references.bib.
 */
#ifndef DARKREACH_CONSTANTS_H
#define DARKREACH_CONSTANTS_H

#define DR_ALPHA (1.0 / 137.035999084)      /* CODATA 2018, [Workman:2022ynf] */
#define DR_PI 3.14159265358979323846

/* Lepton and hadron masses [GeV], [Workman:2022ynf] */
#define DR_M_E 0.51099895000e-3
#define DR_M_MU 0.1056583755
#define DR_M_TAU 1.77686
#define DR_M_P 0.93827208816
#define DR_M_PIPM 0.13957039 /* charged pion; 2 m_pi is the onset of R(s) */
#define DR_MU_P 2.793        /* proton magnetic moment [nuclear magnetons],
                              * as used in Tsai's form factor [Bjorken:2009mm] App. A */

#define DR_AMU_GEV 0.93149410242 /* atomic mass unit; nucleus mass M_N = A * u */

/* Conversions */
#define DR_HBARC_GEV_M 1.973269804e-16  /* hbar*c [GeV m] */
#define DR_HBARC_GEV_CM 1.973269804e-14 /* hbar*c [GeV cm] */
#define DR_GEV2_TO_PB 3.893793721e8     /* 1 GeV^-2 = 0.3893793721 mb = 3.893793721e8 pb */
#define DR_PB_TO_CM2 1.0e-36
#define DR_AVOGADRO 6.02214076e23 /* N_A [1/mol], exact (SI 2019) */

/* Cosmology (relic layer), [Workman:2022ynf] "Astrophysical constants" */
#define DR_M_PLANCK 1.220890e19 /* non-reduced Planck mass [GeV] */

/* Zero-background Poisson upper limits on the signal mean, -ln(1 - CL):
 * 2.303 at 90 % CL, 2.996 at 95 % CL ([Workman:2022ynf] Statistics review). */

#endif
