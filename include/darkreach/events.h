/* Events and distributions of l N -> l N X by exact tree level (src/xsec/etl.c).
 *
 * Unweighted events: the ETL VEGAS grid is adapted (to opts.grid_precision),
 * frozen, the largest weight of a scan of n_scan points on it taken as w_max,
 * and points are accepted with probability w/w_max (points above w_max are
 * kept and counted in n_over). Each event gets a uniform azimuth about the
 * beam and a random sign of the recoil azimuth phi (the integrand covers
 * phi in [0, pi] twice). Unweighting efficiency = sigma/w_max.
 * Reproducible: point i of the generation stream and its accept decision
 * depend only on (seed, i), so the same seed gives the same events for any
 * number of threads.
 *
 * Weighted distributions: histograms filled with the weights of points on the
 * frozen grid (mean weight = sigma), from ETL or from WW/IWW (X variables from
 * d sigma/(dx dcos theta); the recoil lepton of a fixed nucleus has
 * E' = E0 - E_X and p'_T = |k| sin theta_X).
 */
#ifndef DARKREACH_EVENTS_H
#define DARKREACH_EVENTS_H

#include <stdint.h>
#include <stdio.h>

#include "darkreach/xsec.h"

typedef struct {
  double l[4], N[4], X[4]; /* outgoing lepton, nucleus, X: (E, px, py, pz) [GeV], lab */
  int proton; /* 1: quasi-elastic channel, N is the struck proton (DR_ETL_PROTON) */
} dr_event;

typedef struct {
  uint64_t seed;         /* default 1 */
  double grid_precision; /* VEGAS precision while adapting (default 1e-2) */
  long n_scan;           /* points for w_max (default 200000) */
} dr_events_opts;

dr_events_opts dr_events_opts_default(void);

typedef struct {
  double sigma, sigma_err; /* GeV^-2 */
  double w_max;            /* GeV^-2 */
  double efficiency;       /* sigma/w_max */
  long n_tried, n_over;    /* points tried; accepted points with w > w_max */
} dr_events_info;

/* n events for x in [x_lo, x_hi]; out has room for n. */
int dr_events_generate(const dr_process *p, double x_lo, double x_hi, const dr_events_opts *o, long n,
                       dr_event *out, dr_events_info *info, dr_error *e);

/* LHEF 3.0 and CSV writers. The nucleus carries the PDG ion code 100ZZZAAA0
 * (a struck proton of the quasi-elastic channel: 2212, in and out, at rest
 * before; the CSV column `proton` is 1 for those events);
 * X the code of dr_event_pdg_x (vector 622 as in G4DarkBreM/LDMX; scalar
 * 9000005, pseudoscalar 9000006, axial 9000007: darkreach conventions). */
int dr_event_pdg_x(dr_model_kind m);
int dr_events_write_lhe(FILE *f, const dr_process *p, int beam_pdg, int Z, int A,
                        const dr_events_info *info, const dr_event *ev, long n);
int dr_events_write_csv(FILE *f, const dr_event *ev, long n);

/* ---- distributions ---- */
typedef enum {
  DR_VAR_RECOIL_E = 0, /* outgoing lepton energy [GeV] */
  DR_VAR_RECOIL_PT,    /* outgoing lepton transverse momentum [GeV] */
  DR_VAR_RECOIL_THETA, /* outgoing lepton polar angle [rad] */
  DR_VAR_X_E,          /* X energy [GeV] */
  DR_VAR_X_THETA,      /* X polar angle [rad] */
  DR_VAR_NUCLEUS_PT,   /* target recoil transverse momentum [GeV]: nucleus, or the struck proton */
  DR_VAR_COUNT
} dr_var;

const char *dr_var_name(dr_var v);  /* recoil_e, recoil_pt, ... */
const char *dr_var_label(dr_var v); /* axis label with unit */
/* value of v for an event */
double dr_var_value(dr_var v, const dr_event *ev);

typedef struct {
  dr_var var;
  int nbins;
  double lo, hi;
  double *sum, *sum2; /* per bin: sum of weights, of squared weights */
  long n_points;      /* points filled (normalisation) */
} dr_hist1;

typedef struct {
  dr_var vx, vy;
  int nx, ny;
  double x0, x1, y0, y1;
  double *sum; /* nx * ny */
  long n_points;
} dr_hist2;

/* Fill 1D histograms (and one optional 2D) with the weighted points of a
 * frozen grid: n_points points. method ETL or WW/IWW (o->method). Histogram
 * ranges must be set by the caller; contents are d sigma per bin [GeV^-2]
 * after dividing the sums by n_points. */
int dr_hist_fill(const dr_process *p, const dr_xsec_opts *o, double x_lo, double x_hi, long n_points,
                 dr_hist1 *h, int nh, dr_hist2 *h2, dr_estimate *sigma, dr_error *e);

int dr_hist1_alloc(dr_hist1 *h, dr_var v, int nbins, double lo, double hi);
void dr_hist1_free(dr_hist1 *h);
int dr_hist2_alloc(dr_hist2 *h, dr_var vx, int nx, double x0, double x1, dr_var vy, int ny, double y0,
                   double y1);
void dr_hist2_free(dr_hist2 *h);
/* default range of a variable for a process: [0, E0] energies, [0, pt_max] ... */
void dr_var_default_range(dr_var v, const dr_process *p, double *lo, double *hi);

#endif
