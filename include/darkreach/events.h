/* Events and distributions of l N -> l N X by exact tree level (src/xsec/etl.c).
 *
 * Unweighted events: the ETL VEGAS grid is adapted (to opts.grid_precision)
 * and frozen; its y-space is cut into K^dim cells (K = 4 in 4 dimensions, 3 in
 * 5) and a scan of n_scan points spread over them finds each cell's largest
 * weight M_c (BASES/SPRING's per-cell maxima, [Kawabata:1995th]). An attempt
 * picks cell c with probability M_c V_c/sum(M V), a point uniform in it, and
 * keeps it with probability w/M_c; a point above M_c (overweight, counted in
 * n_over) counts w/M_c times: floor of it in identical copies and the rest by
 * chance (n_over_copies), so the sample stays unbiased. Each event gets a
 * uniform azimuth about the beam and a random sign of the recoil azimuth phi
 * (the integrand covers phi in [0, pi] twice). Unweighting efficiency =
 * sigma/sum(M V).
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

#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>

#include "darkreach/xsec.h"

typedef struct {
  double l[4], N[4], X[4]; /* outgoing lepton, nucleus, X: (E, px, py, pz) [GeV], lab */
  int proton; /* 1: quasi-elastic channel, N is the struck proton (DR_ETL_PROTON) */
  int pair;   /* 1: a millicharged pair; X is the virtual photon, c1 and c2 chi and chibar */
  double c1[4], c2[4];
} dr_event;

typedef struct {
  uint64_t seed;         /* default 1 */
  double grid_precision; /* VEGAS precision while adapting (default 1e-2) */
  long n_scan;           /* points for w_max (default 200000) */
} dr_events_opts;

dr_events_opts dr_events_opts_default(void);

typedef struct {
  double sigma, sigma_err; /* GeV^-2 */
  /* by channel (DR_ETL_COHERENT, DR_ETL_PROTON): the mean weight of the w_max
   * scan, an independent estimate of each channel's cross section [GeV^-2] */
  double sigma_channel[2], sigma_channel_err[2];
  int n_channels;          /* 2 when the inelastic term recoils on a proton, else 1 */
  double w_max;            /* GeV^-2: the mean over the cells of their largest weights */
  double efficiency;       /* sigma/w_max: accepted points per point tried */
  long n_tried, n_over;    /* points tried; accepted points above their cell's largest weight */
  long n_over_copies;      /* the extra copies those overweight points made (w/max counts) */
} dr_events_info;

/* A generator: adapts the VEGAS grid and finds w_max when allocated (info
 * filled then, except n_tried/n_over, which grow as events are drawn); then
 * hands out events in order. Event i depends only on (seed, i) and the
 * process, never on how the caller batches its requests or on the thread
 * count. */
typedef struct dr_event_gen dr_event_gen;
dr_event_gen *dr_event_gen_alloc(const dr_process *p, double x_lo, double x_hi, const dr_events_opts *o,
                                 dr_error *e); /* NULL on error */
void dr_event_gen_free(dr_event_gen *g);       /* NULL is a no-op */
const dr_events_info *dr_event_gen_info(const dr_event_gen *g);
/* The next n events into out[0 .. n-1]. */
int dr_event_gen_next(dr_event_gen *g, long n, dr_event *out, dr_error *e);

/* n events at once (a generator, n events, freed). */
int dr_events_generate(const dr_process *p, double x_lo, double x_hi, const dr_events_opts *o, long n,
                       dr_event *out, dr_events_info *info, dr_error *e);

/* ---- writers ----
 * LHEF 3.0 ([Alwall:2006yp] Les Houches Event File accord; version 3.0
 * [Andersen:2014efa]): beam 1 the lepton, beam 2 the target nucleus at rest
 * (PDG ion code 100ZZZAAA0). Processes: 1 = coherent (the nucleus recoils),
 * 2 = quasi-elastic (written only when the inelastic term recoils on a proton:
 * a proton of the nucleus, PDG 2212, at rest before, is the incoming particle
 * of the event, the way a parton of a beam is; XSECUP from the channel
 * estimates of dr_events_info). X carries the registry's code (PDG numbering
 * scheme: 55 spin-1 mediator, 54 spin-0). IDWTUP = 3: unweighted events, each
 * with XWGTUP = sigma [pb] (the mean weight is the cross section). The header holds the caller's configuration
 * text (any lines; "<" and "&" are escaped). The writers stream: header, events one at a time, footer;
 * the footer records whether the file is complete (an XML comment before the
 * closing tag) so that an interrupted run still leaves a valid file. */
typedef struct {
  const dr_process *p;
  const dr_beam *beam;
  int Z, A;                    /* target nucleus */
  const dr_events_info *info;
  long n_requested;
  const char *config;          /* effective configuration (text), may be NULL */
} dr_lhe_setup;

int dr_lhe_write_header(FILE *f, const dr_lhe_setup *s);
int dr_lhe_write_event(FILE *f, const dr_lhe_setup *s, const dr_event *ev);
/* n_written events; complete = 0 marks an interrupted file. */
int dr_lhe_write_footer(FILE *f, const dr_lhe_setup *s, long n_written, int complete);

/* CSV: one header line, then one row per event (columns event, l_E, l_px,
 * l_py, l_pz, N_E, ..., X_pz, proton); four-vectors in GeV, lab frame, beam
 * along +z. No comment lines: the configuration goes into a JSON file beside
 * it. */
int dr_events_csv_header(FILE *f, int pair); /* pair: the chi and chibar columns too */
int dr_events_csv_row(FILE *f, long i, const dr_event *ev);

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
  double under, over; /* sums of the weights below lo and at or above hi */
  long n_points;      /* points filled (normalisation) */
  int logx;           /* 1: bins equal in log10 between lo > 0 and hi (dr_hist1_alloc_log) */
} dr_hist1;

typedef struct {
  dr_var vx, vy;
  int nx, ny;
  double x0, x1, y0, y1;
  double *sum; /* nx * ny */
  long n_points;
} dr_hist2;

/* Progress and cancellation of a fill (may be NULL). */
typedef struct {
  const atomic_int *cancel; /* nonzero: stop after the current batch (DR_ECANCELED) */
  void (*progress)(long done, long total, void *ctx);
  void *ctx;
} dr_fill_ctl;

/* The weighted points of a frozen grid, one by one (in a fixed order: the
 * same for any thread count), as events with their weights [GeV^-2 per
 * point; the mean weight over the n_visited points is sigma]. VEGAS adapts
 * the grid to 1 % first (sigma: that estimate). DR_ECANCELED when ctl's
 * cancel flag is set (the points visited so far stand). */
typedef void (*dr_point_fn)(const dr_event *ev, double weight, void *ctx);
int dr_points_visit(const dr_process *p, const dr_xsec_opts *o, double x_lo, double x_hi, long n_points,
                    dr_point_fn fn, void *ctx, long *n_visited, dr_estimate *sigma, const dr_fill_ctl *ctl,
                    dr_error *e);

/* Fill 1D histograms (and one optional 2D) with the weighted points of a
 * frozen grid: n_points points. method ETL or WW/IWW (o->method). Histogram
 * ranges must be set by the caller; contents are d sigma per bin [GeV^-2]
 * after dividing the sums by n_points (the points filled: fewer when
 * canceled, DR_ECANCELED, the histograms still valid). */
int dr_hist_fill(const dr_process *p, const dr_xsec_opts *o, double x_lo, double x_hi, long n_points,
                 dr_hist1 *h, int nh, dr_hist2 *h2, dr_estimate *sigma, const dr_fill_ctl *ctl, dr_error *e);

int dr_hist1_alloc(dr_hist1 *h, dr_var v, int nbins, double lo, double hi);
/* the same with bins equal in log10 (0 < lo < hi), for p_T and angles that span decades */
int dr_hist1_alloc_log(dr_hist1 *h, dr_var v, int nbins, double lo, double hi);
/* edge b of the bins (b = 0: lo, b = nbins: hi), linear or logarithmic */
double dr_hist1_edge(const dr_hist1 *h, int b);
/* Ranges from the weighted points: the quantiles q and 1 - q of each variable's weight over the
 * first n_points points of the frozen grid (the same points, for any thread count, as the start of
 * dr_hist_fill's), within what the kinematics allows (energies and p_T up to E0, angles up to pi).
 * lo[k], hi[k] for vars[k]; DR_EDOMAIN if a variable has no weight; DR_ECANCELED when ctl's cancel
 * flag is set (ctl may be NULL; its progress is not called). */
int dr_hist_ranges(const dr_process *p, const dr_xsec_opts *o, double x_lo, double x_hi, long n_points,
                   const dr_var *vars, int nv, double q, double *lo, double *hi, const dr_fill_ctl *ctl, dr_error *e);
void dr_hist1_free(dr_hist1 *h);
int dr_hist2_alloc(dr_hist2 *h, dr_var vx, int nx, double x0, double x1, dr_var vy, int ny, double y0,
                   double y1);
void dr_hist2_free(dr_hist2 *h);
/* default range of a variable for a process: [0, E0] energies, [0, pt_max] ... */
void dr_var_default_range(dr_var v, const dr_process *p, double *lo, double *hi);

#endif
