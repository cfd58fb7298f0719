/* Fuzz target: the VEGAS grid reader (--grid-in) on arbitrary bytes; a grid
 * that loads maps the unit cube into itself. */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  FILE *f = fuzz_stream(data, size);
  if (!f) return 0;
  dr_error e;
  dr_error_clear(&e);
  dr_vegas_grid *g = dr_vegas_grid_read(f, "fuzz.grid", &e);
  fclose(f);
  if (g) {
    double y[DR_VEGAS_MAXDIM], u[DR_VEGAS_MAXDIM];
    int dim = dr_vegas_grid_dim(g);
    for (int k = 0; k < dim; k++) y[k] = (k + 0.5) / (dim + 1);
    double jac = dr_vegas_grid_map(g, y, u);
    for (int k = 0; k < dim; k++)
      if (!(u[k] >= 0 && u[k] <= 1)) __builtin_trap();
    if (!(jac > 0)) __builtin_trap();
    dr_vegas_grid_free(g);
  }
  return 0;
}
