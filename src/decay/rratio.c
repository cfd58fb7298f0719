/* Hadronic R(s) from the shipped PDG compilation (data/rratio_pdg2020.dat,
 * [Workman:2022ynf] "Plots of cross sections and related quantities"),
 * compiled into the library by tools/embed_table.c. */
#include "darkreach/constants.h"
#include "darkreach/decay.h"

#include <gsl/gsl_interp.h>

extern const size_t dr_table_rratio_rows;
extern const double dr_table_rratio_c0[], dr_table_rratio_c1[];

double dr_rratio_max_sqrt_s(void) { return dr_table_rratio_c0[dr_table_rratio_rows - 1]; }

int dr_rratio(double sqrt_s, double *R, dr_error *e) {
  const double *x = dr_table_rratio_c0, *y = dr_table_rratio_c1;
  size_t n = dr_table_rratio_rows;
  const double thr = 2 * DR_M_PIPM;
  if (sqrt_s <= thr) {
    *R = 0;
    return DR_OK;
  }
  if (sqrt_s < x[0]) { /* linear rise from threshold to the first measured point */
    *R = y[0] * (sqrt_s - thr) / (x[0] - thr);
    return DR_OK;
  }
  if (sqrt_s > x[n - 1]) {
    *R = 0;
    return DR_FAIL(e, DR_EDOMAIN, "R(s) table ends at sqrt(s) = %g GeV (asked %g GeV)", x[n - 1],
                   sqrt_s);
  }
  size_t i = gsl_interp_bsearch(x, sqrt_s, 0, n - 1);
  if (i >= n - 1) i = n - 2;
  double f = (sqrt_s - x[i]) / (x[i + 1] - x[i]);
  *R = y[i] + f * (y[i + 1] - y[i]);
  return DR_OK;
}
