/* Experiments as data (INI cards in data/experiments/) and the signal yield.
 *
 * Thin target ([arXiv:2505.04295] eq. (4); derivation note FORMULARY Part I §8):
 *   N = LOT x (rho N_A / A) L_T x Int_{x_th}^{x_max} dx d sigma/dx x efficiency x Br
 * with L_T = thickness_x0 X0. Thick and active targets, two treatments
 * ([target] track_length in the card):
 *   effective  the same formula with L_T = effective_thickness_x0 X0 from the
 *              card, every X at the beam energy (muon beams: their energy loss
 *              is small; electrons: a crude approximation);
 *   tsai       e-/e+ beams: the primary-lepton track-length spectrum
 *              (src/exp/track.c; [Tsai:1973py]; derivation note FORMULARY Part II §4.2, §4.4):
 *                N = LOT (rho N_A / A) X0 int_0^T dt int dE I_e(E0, E, t)
 *                    sigma(E, x_th E0/E < x < x_max E0/E) x efficiency x Br,
 *              the threshold staying at E_X > x_th E0; sigma(E, x_th) from a
 *              per-mass table (dr_xs_table) over E in [x_th E0, E0].
 *              Shower secondaries are not included (an underestimate for
 *              low-energy thresholds).
 *   shower     e-/e+ beams: the same integral over the whole shower's e+ and
 *              e- track lengths from the cascade Monte Carlo (shower.h);
 *              dark bremsstrahlung from every e+- above x_th E0.
 * effective and tsai are flagged approximate.
 * Signatures:
 *   invisible  Br = Gamma(A' -> DM)/Gamma_total (dark photon with a DM species
 *              in the card); for other mediators, or with dm = none, the
 *              mediator is assumed to decay invisibly with Br = 1 (said in
 *              the output).
 *   visible    beam dump: Br(A' -> e+ e-) x [exp(-L_sh/l) - exp(-(L_sh+L_dec)/l)],
 *              l = (p/m) c tau at p = sqrt((x E0)^2 - m^2)
 *              ([Bjorken:2009mm] sec. on beam dumps; derivation note FORMULARY Part II §4.4).
 * Card format: data/experiments/README.md.
 */
#ifndef DARKREACH_EXP_H
#define DARKREACH_EXP_H

#include "darkreach/core.h"
#include "darkreach/decay.h"
#include "darkreach/poisson.h"
#include "darkreach/xsec.h"

typedef enum { DR_TARGET_THIN = 0, DR_TARGET_THICK, DR_TARGET_ACTIVE } dr_target_kind;
enum { DR_N_MESONS = 4 }; /* rho, omega, phi, J/psi (mesons.h) */
enum { DR_MESONS_UNSET = 0, DR_MESONS_CARD, DR_MESONS_COMPUTED };
typedef enum { DR_SIG_INVISIBLE = 0, DR_SIG_VISIBLE } dr_signature;
typedef enum { DR_TRACK_EFFECTIVE = 0, DR_TRACK_TSAI, DR_TRACK_SHOWER } dr_track_model;
enum { DR_SHOWER_BINS = 96 };
enum { DR_EFF_MAX = 64 }; /* rows of an efficiency table */ /* the shower's track-length bins in y = ln(E0/E) over [0, ln(1/x_th)] */

typedef struct {
  char id[64];     /* file stem, e.g. "ldmx_phase2" */
  char name[128];
  char source[1024];
  char approximations[1024];
  dr_beam beam;
  double energy;   /* GeV */
  double lot;      /* leptons on target used for the yield */
  char lot_projected[256];
  const dr_material *material;
  dr_target_kind target_kind;
  double thickness_x0;           /* physical thickness */
  double effective_thickness_x0; /* what the yield uses (track = effective; NaN for tsai) */
  dr_track_model track;
  double x_th, x_max;
  double efficiency;              /* constant, or the table's first value */
  int n_eff;                       /* [signal] efficiency_table: efficiency against mass (linear in ln m) */
  double eff_m[DR_EFF_MAX], eff_v[DR_EFF_MAX];
  char efficiency_table[1024];
  char efficiency_source[512];     /* the paper it comes from; empty: assumed (the output says so) */
  double background;               /* expected background events */
  int observed;                    /* observed events */
  dr_limit_method limit_method;    /* zero-background, CLs or Feldman-Cousins (poisson.h) */
  double s_up;                     /* the signal events excluded at cl */
  int resonance;                   /* resonant e+ e- -> X by the shower's positrons (track = shower); default 1 */
  dr_signature signature;
  double shield_m, decay_m; /* visible: shield length and decay region */
  double detector_halfwidth_m; /* visible: half the side of a square detector behind the decay region (NaN: acceptance 1) */
  dr_dm_kind dm;
  double alpha_d;
  double mass_ratio; /* m_A'/m_DM */
  double delta;      /* pseudo-Dirac splitting (m_2 - m_1)/m_1 */
  double chi2_escape_m; /* inelastic dark matter, invisible signature: a chi_2 that decays (to chi_1 l+ l-) within
                         * this distance of the target is seen and vetoes the event (NaN: not modelled, chi_2
                         * counts as invisible) */
  double cl;         /* 0.90 or 0.95 */
  double mass_min, mass_max;
  int points;
  /* vector mesons (rho, omega, phi, J/psi) per lepton on target with E_V > x_th E0, for the invisible decays
   * V -> chi chibar of millicharged particles (include/darkreach/mesons.h): from the card's [mesons]
   * section (meson_yields = DR_MESONS_CARD, with meson_source), else computed when needed */
  /* track = shower (include/darkreach/shower.h): the whole shower's e+- track lengths [X0] per lepton on
   * target in DR_SHOWER_BINS bins of y = ln(E0/E) over [0, ln(1/x_th)], with each bin's mean y and the
   * positrons' share; filled once by dr_experiment_shower ([target] showers and shower_seed) */
  long shower_n;
  uint64_t shower_seed;
  int shower_ready;
  double shower_ybar[DR_SHOWER_BINS], shower_charged[DR_SHOWER_BINS], shower_positron[DR_SHOWER_BINS],
      shower_positron_err[DR_SHOWER_BINS];
  double shower_seconds; /* time spent on it */
  int meson_yields; /* DR_MESONS_UNSET, DR_MESONS_CARD, DR_MESONS_COMPUTED */
  double meson_per_lot[DR_N_MESONS];
  char meson_source[512];
} dr_experiment;

/* Reads and validates a card: unknown keys, malformed values and
 * inconsistent settings are DR_EPARSE/DR_EINVAL naming file, line and key. */
int dr_experiment_load(const char *path, dr_experiment *x, dr_error *e);
/* The same from a card already read (dr_card_read_stream); the id is the stem
 * of the card's path. */
int dr_experiment_from_card(dr_card *c, dr_experiment *x, dr_error *e);

const char *dr_target_kind_name(dr_target_kind k);
const char *dr_signature_name(dr_signature s);
const char *dr_track_name(dr_track_model t);
int dr_experiment_is_approximate(const dr_experiment *x);

/* Zero-background Poisson upper limit on the mean: -ln(1 - CL). */
double dr_poisson_upper_zero_bkg(double cl);
/* the signal efficiency at this mass (the table's, or the constant) */
double dr_experiment_efficiency(const dr_experiment *x, double mass);
/* Visible signature with [decay] detector_halfwidth_m h: the share of X of
 * mass m and energy E whose decay products point into a square detector of
 * side 2h at D = shield_m + decay_m from the dump (1 without a detector
 * size). A rough model, labelled so in the output: the direction is
 * Gaussian per transverse axis with sigma^2 the sum of
 *   the emission angle max(sqrt(m m_e)/E0, (m/E0)^(3/2)) (as recalled from
 *     [Bjorken:2009mm], not re-checked against the paper here),
 *   the parent e+-'s multiple scattering over one X0, 13.6 MeV/E (Highland,
 *     [Workman:2022ynf], the parent at the X's energy),
 *   the daughters' opening m/E seen from the middle of the decay region,
 *     m/E x (decay_m/2)/D,
 * and the acceptance erf(h/(sqrt(2) D sigma))^2. */
double dr_experiment_acceptance(const dr_experiment *x, double m, double E);
/* 1 when the card gives no efficiency_source: the efficiency is an assumption (1: an efficiency-1 bound) */
int dr_experiment_efficiency_assumed(const dr_experiment *x);

/* Target factor per radiation length of track: LOT x n_atoms x X0 [1/cm^2];
 * the signal's sigma_yield carries the track length. */
double dr_experiment_luminosity_cm2(const dr_experiment *x);

/* Tsai primary-electron track length (src/exp/track.c): n intervals of
 * y = ln(E0/E) evenly over [0, y_max], each with its track length w[k] [X0]
 * summed over 0 < t < T and its mean ybar[k]. */
int dr_track_tsai(double T, double y_max, int n, double *ybar, double *w, dr_error *e);
/* Track length [X0] with E > f E0 within T radiation lengths; NaN on error. */
double dr_track_tsai_above(double T, double f);

/* Fills x->shower_* for track = shower (no-op otherwise or when ready):
 * dr_shower_run with the beam particle, the target's material and
 * thickness, e_cut = k_cut = x_th E0 (nothing softer can make an X above
 * threshold), x->shower_n showers and x->shower_seed. */
int dr_experiment_shower(dr_experiment *x, dr_error *e);

/* Per-mass signal model: sigma(x_th < x < x_max) at eps = 1 and (visible)
 * d sigma/dx tabulated on fixed Gauss-Legendre nodes, so that N(eps) is
 * cheap for the coupling solve. */
typedef struct {
  double mass;
  double sigma;      /* GeV^-2 at eps = 1, x in [x_th, x_max] */
  double sigma_err;
  int status;
  double sigma_yield; /* what multiplies dr_experiment_luminosity_cm2: sigma x L_eff [X0]
                         (effective) or the track-weighted sigma (tsai), GeV^-2 X0 */
  int nx;
  double xs[128], wdsdx[128]; /* visible: E_X/E0 and the weight (x track length [X0]) of
                                 d sigma/dx there; their sum is sigma_yield */
  /* millicharged pairs: signal events at eps = 1 per channel, bremsstrahlung-like (0) and V -> chi chibar
   * (1 + meson: rho, omega, phi, J/psi) */
  int n_channels;
  double n_channel_eps1[1 + DR_N_MESONS];
  double gamma_sm_eps1; /* visible width at eps = 1, GeV */
  double gamma_dm;      /* invisible width (independent of eps), GeV */
  double br_vis;        /* Br(A' -> e+ e-) with no DM channel */
  double br_nu;         /* Br(X -> nu nubar) of a mediator with neutrino couplings (L_mu - L_tau), independent
                         * of the coupling; -1 for the others */
  int idm;                /* inelastic dark matter modelled: 1 the missing-momentum veto (chi2_escape_m), 2 the
                           * displaced vertex (visible card, dm = pseudo-dirac); 0 not. The x spectrum (xs, wdsdx)
                           * is then filled too */
  double gamma_chi2_eps1; /* Gamma(chi_2 -> chi_1 l l) at eps = 1, GeV (0: chi_2 cannot decay to leptons) */
  /* resonant e+ e- -> X by the shower's positrons (track = shower): events at eps = 1 (the Breit-Wigner
   * with the invisible width, or narrow-width before Br), the X energy at resonance, and the relative
   * statistical error of the positron track length there */
  double res_eps1, res_energy, res_rel_err;
} dr_signal;

int dr_signal_prepare(const dr_experiment *x, dr_model_kind model, const dr_xsec_opts *o,
                      double mass, dr_xsec_ws *w, dr_signal *s, dr_error *e);

/* The meson yields of x (per lepton on target): the card's, or computed
 * (mesons.h); sets x->meson_yields to DR_MESONS_COMPUTED when it computes. */
int dr_experiment_meson_yields(dr_experiment *x, dr_error *e);

/* Expected signal events at coupling eps. */
int dr_signal_events(const dr_experiment *x, dr_model_kind model, const dr_signal *s, double eps,
                     double *n, dr_error *e);

#endif
