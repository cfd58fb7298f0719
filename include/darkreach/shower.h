/* Electromagnetic showers: differential track lengths of e-, e+ and photons
 * in a thick target, from a compact one-dimensional cascade Monte Carlo.
 *
 * Every particle moves straight ahead (depth t in radiation lengths X0);
 * only energies matter for the track-length spectra, and the lateral spread
 * of a shower does not change how much path its particles have at a given
 * energy inside a target that contains it. Processes:
 *   e+-  bremsstrahlung, complete screening, per X0 and unit y = k/E
 *          (1/y)(4/3 - 4/3 y + y^2)          ([Tsai:1973py] eq. (3.83) with
 *        the small (1 - y)/9 term dropped, as in the PDG review 'Passage
 *        of particles through matter' [Workman:2022ynf]); emissions with
 *        y > 1e-4 are sampled one by one (photons above k_cut followed,
 *        softer ones deposited), those below are a continuous loss
 *        E int_0^1e-4 y f(y) dy = 1.33e-4 E per X0;
 *        ionisation, a constant loss E_c per X0 (Rossi's Approximation B,
 *        [Rossi:1941rmp]), E_c the critical energy in Rossi's
 *        definition, by default the PDG fit 610 MeV/(Z + 1.24) for solids
 *        and liquids (the same review);
 *   e+   annihilation in flight on atomic electrons, Heitler's cross section
 *        per electron ([Heitler:1954qtr] sec. 29)
 *          sigma = pi r_e^2/(g + 1) [(g^2 + 4g + 1)/(g^2 - 1) ln(g + sqrt(g^2 - 1))
 *                  - (g + 3)/sqrt(g^2 - 1)],  g = E/m_e;
 *        it gives a photon of E + m_e/2 and one of m_e/2 (the hard photon
 *        takes nearly all of the energy; the split is not sampled); at rest,
 *        two photons of m_e (both straight ahead, like everything here);
 *   gamma pair production, complete screening: 7/9 per X0, the electron's
 *          share x with density 1 - (4/3) x (1 - x)   ([Tsai:1973py] eq. (3.88)),
 *        x in [m_e/k, 1 - m_e/k]; Compton scattering on the Z electrons,
 *        Klein-Nishina ([Klein:1929kn]), sampled as Butcher and Messel
 *        ([Butcher:1960bm]).
 * Charged particles are followed down to the total energy e_cut, photons to
 * k_cut; below them the energy is deposited (an e+ annihilates at rest).
 * Approximation A (approx_a) leaves out ionisation, Compton scattering and
 * annihilation, and deposits a stopped positron's 2 m_e.
 * The complete-screening forms hold for E >> 137 m_e Z^(-1/3) (15 MeV in Pb,
 * 30 MeV in Al); below that they overstate brems and pair production, which
 * moves the spectra by a few per cent at tens of MeV and not at all at the
 * GeV energies that dark bremsstrahlung and resonant annihilation use here.
 *
 * Checks (tests/test_shower.c): energy conservation shower by shower; the
 * mean primary energy after t, E0 e^-t, and mean ln(E0/E), 1.6099 t, exact
 * for this kernel; the photon's mean free path 9/7 X0; Rossi's Approximation
 * A track lengths 0.437 X0 E0/E^2 (e+ + e-) and 0.572 X0 E0/E^2 (photons)
 * for E_c << E << E0 ([Rossi:1941rmp], Approximation A); Approximation B's total charged
 * track length X0 E0/E_c.
 *
 * Reproducibility: shower i draws from dr_vegas_uniform(seed, i + 1, ...)
 * and the histograms are summed in blocks of fixed size in shower order, so
 * the result does not depend on the number of threads. */
#ifndef DARKREACH_SHOWER_H
#define DARKREACH_SHOWER_H

#include <stdint.h>

#include "darkreach/core.h"

typedef enum { DR_SHOWER_ELECTRON = 0, DR_SHOWER_POSITRON, DR_SHOWER_PHOTON } dr_shower_particle;
enum { DR_SHOWER_SPECIES = 3 }; /* e-, e+, photon: the histograms' order */

typedef struct {
  const dr_material *material;
  dr_shower_particle primary;
  double E0;          /* total energy of the incident particle [GeV] */
  double thickness_x0; /* target depth [X0]; particles leaving it escape */
  double e_cut;       /* e+- followed while their total energy is above this [GeV] */
  double k_cut;       /* photons followed above this [GeV] (softer ones deposited) */
  double ec;          /* ionisation loss per X0 [GeV]; NAN: 0.610/(Z + 1.24) */
  int approx_a;       /* Rossi's Approximation A: no ionisation, Compton or annihilation */
  int primary_only;   /* follow the incident particle only (its secondaries are made and dropped) */
  int n_bins;         /* histogram bins, uniform in y = ln(E0/E) over [0, y_max] */
  double y_max;
  long n_showers;
  uint64_t seed;
} dr_shower_spec;

/* Defaults: e- on the material, 1e4 showers, 200 bins to y_max = ln(1e3),
 * cuts at E0 e^-y_max (k_cut the same), seed 1. */
dr_shower_spec dr_shower_spec_default(const dr_material *m, double E0);

typedef struct {
  int n_bins;
  double y_max;
  long n_showers;
  /* per incident particle, bin j (y in [j, j+1) y_max/n_bins), species s:
   * track[s][j] the track length [X0], ytrack[s][j] the integral of y over it
   * (ytrack/track the mean y), err[s][j] the standard error of track[s][j]
   * from the shower-to-shower spread */
  double *track[DR_SHOWER_SPECIES], *ytrack[DR_SHOWER_SPECIES], *err[DR_SHOWER_SPECIES];
  /* energy ledger per incident particle [GeV]: deposited, escaped through
   * the back, rest energy brought in (atomic electrons: Compton, annihilation
   * partners) and left (stopped electrons) */
  double deposited, escaped, rest_in, rest_left;
  double max_ledger_error; /* largest |E0 + rest_in - deposited - escaped - rest_left| of one shower [GeV] */
  double charged_track;    /* total e+- track length per incident particle [X0] (every energy) */
  double photon_path;      /* mean depth of the incident photon's first interaction [X0] (photon primaries) */
} dr_shower_tracks;

int dr_shower_run(const dr_shower_spec *s, dr_shower_tracks *out, dr_error *e);
void dr_shower_tracks_free(dr_shower_tracks *t);

/* Critical energy [GeV] used by default (PDG fit, solids and liquids). */
double dr_shower_critical_energy(const dr_material *m);

#endif
