/* Telling models and masses apart from the recoil lepton: expected shapes
 * (templates) of the recoil energy E, transverse momentum p_T and the 2D
 * E x p_T histogram with a detector resolution, and the number of signal
 * events of a true hypothesis A needed to reject a hypothesis B.
 *
 * Templates (src/stats/discrim.c): the weighted ETL (or WW) points of
 * dr_points_visit, each spread over the bins with a Gaussian resolution,
 *   sigma_E = sqrt((e_rel E)^2 + e_abs^2), sigma_pT = sqrt((pt_rel pT)^2 + pt_abs^2),
 * E and p_T smeared independently, as analytic bin integrals (no extra noise).
 * Bins of equal width on [0, hi): the first also takes what is smeared below
 * 0, the last everything at or above hi, so every signal event is in some
 * bin. Contents are normalised fractions with their Monte Carlo variances
 * (delta method for the ratio of weighted sums).
 *
 * Statistic: the log-likelihood ratio of the binned data, T = sum_i n_i l_i,
 *   shape only:       l_i = ln(a_i/b_i), n = N events observed (multinomial);
 *   with the rate:    l_i = ln(a_i/(r b_i)), n_i Poisson, expected N a_i under
 *                     A and N r b_i under B (r = sigma_B/sigma_A at the fixed
 *                     couplings), T shifted by the constant -(N - rN),
 * the most powerful test of B against A (Neyman-Pearson lemma). Per event T
 * has mean m_A (m_B) and standard deviation s_A (s_B) under A (B); for N
 * events T is Gaussian to O(1/sqrt N) (central limit theorem) with mean N m
 * and width sqrt(N) s. B is rejected at confidence level CL when T exceeds
 * its CL quantile under B, N m_B + z sqrt(N) s_B, z = Phi^-1(CL); requiring
 * this with probability CL when A is true (N m_A - z sqrt(N) s_A above the
 * threshold) gives
 *   N = z^2 (s_A + s_B)^2 / (m_A - m_B - noise)^2,
 * where noise = sum_i 1/2 [var a_i (a_i + r b_i)/a_i^2 + var b_i (a_i + r b_i)/b_i^2]
 * is what the templates' Monte Carlo noise adds to m_A - m_B = sum_i (a_i -
 * r b_i) ln(a_i/(r b_i)) on average (its second-order, delta-method term; the
 * analogue of subtracting dof from X^2). N is then an estimate for the true
 * distributions, not for the noisy templates; it converges as the templates'
 * points grow.
 * This is the "N events to reject B at CL" of darkreach discriminate. Shape
 * only: m_A - m_B = KL(a|b) + KL(b|a) (the Jeffreys divergence). Tested against
 * toy pseudo-experiments (dr_disc_toys): at N, a fraction CL of A's toys and
 * 1 - CL of B's reject B.
 *
 * Bins: those that both templates know to 30 % (Monte Carlo) are used as
 * they are; all others are merged into one bin, so that a bin empty or nearly
 * empty by chance does not enter with a huge log ratio.
 *
 * Indistinguishable: when the two templates do not differ significantly,
 * X^2 = sum_i (a_i - b_i)^2/(var a_i + var b_i) < dof + 3 sqrt(2 dof) (dof =
 * bins used - 1; the rate counts as one more term with its error), N is
 * INFINITY and separable = 0: no number of events would tell them apart
 * beyond what the templates' own Monte Carlo precision resolves.
 */
#ifndef DARKREACH_DISCRIM_H
#define DARKREACH_DISCRIM_H

#include "darkreach/events.h"

typedef enum { DR_OBS_E = 0, DR_OBS_PT, DR_OBS_E_PT, DR_OBS_COUNT } dr_observable;
const char *dr_observable_name(dr_observable o); /* "e", "pt", "e_pt" */

typedef struct {
  double e_rel, e_abs;   /* recoil energy: relative, and absolute [GeV], in quadrature */
  double pt_rel, pt_abs; /* recoil transverse momentum: relative, and absolute [GeV] */
} dr_resolution;

typedef struct {
  int ne, npt;         /* bins of E and of p_T */
  double e_hi, pt_hi;  /* [GeV]: bins of width hi/n from 0; the last also takes all above */
} dr_binning;

typedef struct {
  dr_binning b;
  int n[DR_OBS_COUNT];      /* bins: ne, npt, ne * npt (E-major: i_E * npt + i_pT) */
  double *p[DR_OBS_COUNT];  /* expected fraction of the events in each bin (sums to 1) */
  double *var[DR_OBS_COUNT]; /* its Monte Carlo variance */
  dr_estimate sigma;        /* cross section in the x range [GeV^-2] at the process's coupling */
  long n_points;
} dr_template;

/* Fills t (allocated here; dr_template_free) for process p, x in [x_lo, x_hi],
 * n_points weighted points of o's method. DR_EINVAL for a bad binning or a
 * negative resolution; DR_ECANCELED as dr_points_visit. */
int dr_template_fill(dr_template *t, const dr_binning *b, const dr_process *p, const dr_xsec_opts *o, double x_lo,
                     double x_hi, long n_points, const dr_resolution *res, const dr_fill_ctl *ctl, dr_error *e);
void dr_template_free(dr_template *t);

typedef struct {
  double n;            /* events of A needed (observed: shape only; expected: with the rate); INFINITY if not separable */
  int separable;       /* 0: the templates do not differ beyond their Monte Carlo precision */
  double x2;           /* template difference X^2 and its degrees of freedom */
  int dof;
  double m_a, s_a, m_b, s_b; /* per-event mean and standard deviation of T under A and B */
  double noise;              /* the part of m_A - m_B due to the templates' noise (subtracted in n) */
} dr_disc;

/* a, b: n bins of fractions with variances va, vb (summing to 1). cl in (0, 1).
 * rate_ratio r = sigma_B/sigma_A with its error r_err: r <= 0 for shape only. */
int dr_discriminate(const double *a, const double *va, const double *b, const double *vb, int n, double cl,
                    double rate_ratio, double rate_ratio_err, dr_disc *out, dr_error *e);
/* n of d (its separable flag as given) at another cl, or after the caller set separable */
double dr_disc_events(const dr_disc *d, double cl);

/* Toy pseudo-experiments of the test at n_events (shape only: that many
 * events, rounded to the nearest integer, multinomial; with the rate: Poisson
 * counts of means n_events a_i and n_events r b_i), with the threshold of
 * dr_discriminate: the fraction of A's toys (*reject_a) and of B's
 * (*reject_b) that reject B at cl. Reproducible for any thread count. */
int dr_disc_toys(const double *a, const double *va, const double *b, const double *vb, int n, double cl,
                 double rate_ratio, double n_events, long n_toys, uint64_t seed, double *reject_a, double *reject_b,
                 dr_error *e);

#endif
