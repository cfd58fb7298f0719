/* Threads over independent points with skip, cancel and a finished-point
 * callback (include/darkreach/scan.h). */
#include "darkreach/scan.h"

#include <math.h>

int dr_scan_run(int n, void (*point)(int i, void *arg), void *arg, const dr_scan_ctl *ctl) {
  int canceled = 0;
#pragma omp parallel for schedule(dynamic, 1)
  for (int i = 0; i < n; i++) {
    if (ctl && ctl->done && ctl->done[i]) continue;
    if (ctl && ctl->nranks > 1 && i % ctl->nranks != ctl->rank) continue; /* another rank's point */
    if (ctl && ctl->cancel && atomic_load(ctl->cancel)) {
#pragma omp atomic write
      canceled = 1;
      continue;
    }
    point(i, arg);
#pragma omp critical(dr_scan_finished)
    {
      if (ctl && ctl->done) ctl->done[i] = 1;
      if (ctl && ctl->finished) ctl->finished(i, ctl->ctx);
    }
  }
  return canceled ? DR_ECANCELED : DR_OK;
}

double dr_scan_log_point(double lo, double hi, int n, int i) {
  return n == 1 ? lo : lo * pow(hi / lo, (double)i / (n - 1));
}

int dr_scan_log_index(double lo, double hi, int n, double v, double rel_tol) {
  if (!(v > 0) || n < 1) return -1;
  int i = n == 1 ? 0 : (int)lround((n - 1) * log(v / lo) / log(hi / lo));
  if (i < 0 || i >= n || !(fabs(v / dr_scan_log_point(lo, hi, n, i) - 1) <= rel_tol)) return -1;
  return i;
}
