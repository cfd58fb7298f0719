/* Beam particles by name. Masses from include/darkreach/constants.h. */
#include "darkreach/constants.h"
#include "darkreach/core.h"

#include <string.h>

static const dr_beam beams[] = {
    {"e-", DR_M_E, -1, 0, 11},
    {"e+", DR_M_E, +1, 0, -11},
    {"mu-", DR_M_MU, -1, 1, 13},
    {"mu+", DR_M_MU, +1, 1, -13},
};

int dr_beam_parse(const char *name, dr_beam *out, dr_error *e) {
  for (size_t i = 0; name && i < sizeof beams / sizeof beams[0]; i++) {
    if (strcmp(beams[i].name, name) == 0) {
      *out = beams[i];
      return DR_OK;
    }
  }
  return DR_FAIL(e, DR_EINVAL, "unknown beam '%s' (known: e-, e+, mu-, mu+)",
                 name ? name : "(null)");
}
