/* Scans over independent points (masses of a reach or relic curve): threads
 * over points, resumable, cancellable, with a callback as each point finishes
 * (Cuba-style checkpointing, without files: the caller writes what it wants).
 *
 * Reproducibility: a point's result depends only on its index and inputs,
 * never on the thread that computed it or on which points were computed
 * before; so skipping points that a previous run finished (resume) and
 * computing the rest gives the same numbers as one uninterrupted run.
 */
#ifndef DARKREACH_SCAN_H
#define DARKREACH_SCAN_H

#include <stdatomic.h>

#include "darkreach/core.h"

typedef struct {
  /* n flags: in, 1 = finished already (skipped); out, 1 for every point
   * finished when the scan returns. May be NULL (compute every point). */
  unsigned char *done;
  /* checked before each point: nonzero stops the scan (the points in
   * progress finish; DR_ECANCELED). May be NULL. A lock-free atomic, so a
   * signal handler may set it and every thread reads it safely. */
  const atomic_int *cancel;
  /* called after each finished point, one call at a time (serialised across
   * threads), in completion order. May be NULL. */
  void (*finished)(int i, void *ctx);
  void *ctx;
  /* distributed scans (MPI, in the command line): this process computes the
   * points i with i % nranks == rank only; nranks 0 or 1: every point */
  int rank, nranks;
} dr_scan_ctl;

/* Computes point(i, arg) for i in [0, n) not yet done, threads over points
 * (OpenMP, dynamic schedule). A point records its own status in its result;
 * nothing it does stops the scan. Returns DR_OK, or DR_ECANCELED if
 * ctl->cancel stopped the scan. */
int dr_scan_run(int n, void (*point)(int i, void *arg), void *arg, const dr_scan_ctl *ctl);

/* Point i of n log-spaced values from lo to hi (lo when n = 1): the mass grids of scans. */
double dr_scan_log_point(double lo, double hi, int n, int i);
/* The index of the grid point equal to v within rel_tol, -1 if there is none
 * (resumed scans map the rows they read back to their points). */
int dr_scan_log_index(double lo, double hi, int n, double v, double rel_tol);

#endif
