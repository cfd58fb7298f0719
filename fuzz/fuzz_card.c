/* Fuzz target: the experiment-card reader (libinih + darkreach's typed
 * getters and validation) on arbitrary bytes. */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  FILE *f = fuzz_stream(data, size);
  if (!f) return 0;
  dr_error e;
  dr_error_clear(&e);
  dr_card *c = dr_card_read_stream(f, "fuzz.ini", &e);
  fclose(f);
  if (c) {
    dr_experiment x;
    if (dr_experiment_from_card(c, &x, &e) == DR_OK) {
      /* a card that loads describes a usable experiment */
      if (!(x.energy > x.beam.mass && x.lot > 0 && x.thickness_x0 > 0 && x.x_th < x.x_max)) __builtin_trap();
      (void)dr_experiment_luminosity_cm2(&x);
    }
    dr_card_free(c);
  }
  char buf[512];
  dr_error_user_message(&e, buf, sizeof buf);
  return 0;
}
