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

#include <signal.h>

#include "darkreach/core.h"

typedef struct {
  /* n flags: in, 1 = finished already (skipped); out, 1 for every point
   * finished when the scan returns. May be NULL (compute every point). */
  unsigned char *done;
  /* checked before each point: nonzero stops the scan (the points in
   * progress finish; DR_ECANCELED). May be NULL. Set it from a signal handler. */
  const volatile sig_atomic_t *cancel;
  /* called after each finished point, one call at a time (serialised across
   * threads), in completion order. May be NULL. */
  void (*finished)(int i, void *ctx);
  void *ctx;
} dr_scan_ctl;

/* Computes point(i, arg) for i in [0, n) not yet done, threads over points
 * (OpenMP, dynamic schedule). point returns a dr_status that is the point's
 * own business (recorded by it in its result); it never stops the scan.
 * Returns DR_OK, or DR_ECANCELED if ctl->cancel stopped the scan. */
int dr_scan_run(int n, void (*point)(int i, void *arg), void *arg, const dr_scan_ctl *ctl);

#endif
