/* A program linked against an installed darkreach: the dark-photon cross section of 8 GeV
 * electrons on tungsten at m_A' = 0.1 GeV by WW, as `darkreach xsec --energy 8 --target W
 * --mass 0.1 --method ww` computes it. Build it with pkg-config,
 *   cc xsec.c $(pkg-config --cflags --libs darkreach) -o xsec
 * or with CMake (examples/cmake). Prints sigma [pb per atom] and its error. */
#include <darkreach/darkreach.h>

#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
  dr_library_init();
  double mass = argc > 1 ? atof(argv[1]) : 0.1;
  dr_error e;
  dr_error_clear(&e);
  dr_beam beam;
  dr_process p;
  if (dr_beam_parse("e-", &beam, &e) != DR_OK ||
      dr_process_init(&p, DR_MODEL_VECTOR, &beam, 8, mass, dr_material_find("W"), DR_INEL_LINEAR, &e) != DR_OK) {
    fprintf(stderr, "xsec: %s\n", e.msg);
    return 1;
  }
  dr_xsec_opts o = dr_xsec_opts_default();
  o.method = DR_METHOD_WW;
  dr_xsec_ws *w = dr_xsec_ws_alloc();
  dr_estimate s;
  int rc = w ? dr_sigma(&p, &o, 0, 1, w, &s, &e) : DR_ENOMEM;
  dr_xsec_ws_free(w);
  if (rc != DR_OK) {
    fprintf(stderr, "xsec: %s\n", e.msg);
    return 1;
  }
  printf("%.10g %.3g\n", s.val * DR_GEV2_TO_PB, s.err * DR_GEV2_TO_PB);
  return 0;
}
