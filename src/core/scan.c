/* Threads over independent points with skip, cancel and a finished-point
 * callback (include/darkreach/scan.h). */
#include "darkreach/scan.h"

int dr_scan_run(int n, void (*point)(int i, void *arg), void *arg, const dr_scan_ctl *ctl) {
  int canceled = 0;
#pragma omp parallel for schedule(dynamic, 1)
  for (int i = 0; i < n; i++) {
    if (ctl && ctl->done && ctl->done[i]) continue;
    if (ctl && ctl->cancel && *ctl->cancel) {
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
