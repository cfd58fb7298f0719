/* core: materials (X0 against Tsai's formula), beams, the error trail and
 * the INI card reader's error paths. */
#include "dr_test.h"

#include <gsl/gsl_sf_bessel.h>

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Radiation length from Tsai's formula ([Tsai:1973py]; [Workman:2022ynf]
 * Passage of particles through matter, eq. 34.26), computed here
 * independently of the tabulated PDG values:
 * 1/X0 = 4 alpha r_e^2 N_A/A {Z^2 [L_rad - f(Z)] + Z L'_rad}. */
static double x0_tsai(int Z, double A) {
  const double re = 2.8179403262e-13; /* cm */
  double Lrad, Lp;
  switch (Z) { /* Z <= 4 tabulated (PDG table 34.2) */
  case 1: Lrad = 5.31, Lp = 6.144; break;
  case 2: Lrad = 4.79, Lp = 5.621; break;
  case 3: Lrad = 4.74, Lp = 5.805; break;
  case 4: Lrad = 4.71, Lp = 5.924; break;
  default: Lrad = log(184.15 * pow(Z, -1.0 / 3)), Lp = log(1194.0 * pow(Z, -2.0 / 3));
  }
  double a2 = pow(DR_ALPHA * Z, 2);
  double f = a2 * (1 / (1 + a2) + 0.20206 - 0.0369 * a2 + 0.0083 * a2 * a2 - 0.002 * a2 * a2 * a2);
  double inv = 4 * DR_ALPHA * re * re * DR_AVOGADRO / A * (Z * Z * (Lrad - f) + Z * Lp);
  return 1 / inv; /* g/cm^2 */
}

static void test_materials_x0(void **state) {
  (void)state;
  const char *need[] = {"H", "Be", "C", "Al", "Si", "Fe", "Cu", "W", "Pb"};
  for (size_t i = 0; i < 9; i++) {
    const dr_material *m = dr_material_find(need[i]);
    assert_non_null(m);
    /* tabulated X0 reproduces Tsai's formula to 0.5 % (PDG rounding) */
    assert_rel(m->x0_gcm2, x0_tsai(m->Z, m->A), 5e-3);
    /* X0 in cm = X0 in g/cm^2 / density, to the table's 4 digits */
    assert_rel(m->x0_cm, m->x0_gcm2 / m->density_gcm3, 2e-3);
  }
  assert_null(dr_material_find("Xx"));
  assert_rel(dr_material_nucleus_mass(dr_material_find("W")), 183.84 * 0.93149410242, 1e-12);
}

static void test_beams(void **state) {
  (void)state;
  dr_error e;
  dr_error_clear(&e);
  dr_beam b;
  assert_int_equal(dr_beam_parse("mu+", &b, &e), DR_OK);
  assert_rel(b.mass, 0.1056583755, 1e-12);
  assert_int_equal(b.charge, 1);
  assert_int_equal(dr_beam_parse("tau-", &b, &e), DR_EINVAL);
  assert_non_null(strstr(e.msg, "unknown beam 'tau-'"));
}

static void test_error_trail(void **state) {
  (void)state;
  dr_error e;
  dr_error_clear(&e);
  DR_FAIL(&e, DR_EDOMAIN, "inner %d", 1);
  DR_FAIL(&e, DR_EINVAL, "outer");
  assert_int_equal(e.status, DR_EDOMAIN); /* the first status is kept */
  char buf[256];
  assert_string_equal(dr_error_user_message(&e, buf, sizeof buf), "inner 1");
  assert_non_null(strstr(e.msg, " <- "));
}

static char *write_tmp(const char *text) {
  static char path[64];
  strcpy(path, "/tmp/dr_card_XXXXXX");
  int fd = mkstemp(path);
  assert_true(fd >= 0);
  assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
  close(fd);
  return path;
}

static void test_card_values(void **state) {
  (void)state;
  dr_error e;
  dr_error_clear(&e);
  char *p = write_tmp("[a]\nx = 2.385\nname = tungsten target\n  continued here\n[b]\ny = 1e-3\n");
  dr_card *c = dr_card_read(p, &e);
  assert_non_null(c);
  double v;
  const char *s;
  assert_int_equal(dr_card_get_double(c, "a", "x", &v, &e), DR_OK);
  assert_rel(v, 2.385, 1e-15);
  assert_int_equal(dr_card_get_string(c, "a", "name", &s, &e), DR_OK);
  assert_string_equal(s, "tungsten target continued here");
  assert_int_equal(dr_card_check_unused(c, &e), DR_EPARSE); /* [b] y never asked for */
  assert_non_null(strstr(e.msg, ":6: unknown key [b] y"));
  assert_int_equal(dr_card_get_double(c, "b", "missing", &v, &e), DR_EINVAL);
  dr_card_free(c);
  dr_card_free(NULL);
  unlink(p);
}

static void test_card_errors(void **state) {
  (void)state;
  struct {
    const char *text, *expect;
  } cases[] = {
      {"[a]\nx = 1\nthis line is not ini\n", ":3: malformed line"},
      {"[a]\nx = 1\nx = 2\n", ":3: key [a] x given twice"},
  };
  for (size_t i = 0; i < 2; i++) {
    dr_error e;
    dr_error_clear(&e);
    char *p = write_tmp(cases[i].text);
    assert_null(dr_card_read(p, &e));
    assert_int_equal(e.status, DR_EPARSE);
    if (!strstr(e.msg, cases[i].expect)) print_error("message: %s\n", e.msg), fail();
    unlink(p);
  }
  /* malformed value names file, line and key */
  dr_error e;
  dr_error_clear(&e);
  char *p = write_tmp("[beam]\nenergy_gev = 8 GeV\n");
  dr_card *c = dr_card_read(p, &e);
  assert_non_null(c);
  double v;
  assert_int_equal(dr_card_get_double(c, "beam", "energy_gev", &v, &e), DR_EPARSE);
  assert_non_null(strstr(e.msg, ":2: key [beam] energy_gev: malformed value '8 GeV'"));
  dr_card_free(c);
  unlink(p);
  /* missing file */
  dr_error_clear(&e);
  assert_null(dr_card_read("/nonexistent/card.ini", &e));
  assert_int_equal(e.status, DR_EIO);
}

static void test_experiment_cards(void **state) {
  (void)state;
  const char *ids[] = {"ldmx_phase1", "ldmx_phase2", "na64e", "na64mu", "m3", "e137"};
  for (size_t i = 0; i < 6; i++) {
    char path[512];
    snprintf(path, sizeof path, "%s/experiments/%s.ini", DR_TEST_DATADIR, ids[i]);
    dr_experiment x;
    dr_error e;
    dr_error_clear(&e);
    if (dr_experiment_load(path, &x, &e) != DR_OK) print_error("%s\n", e.msg), fail();
    assert_string_equal(x.id, ids[i]);
    assert_true(strlen(x.source) > 20);
  }
  dr_experiment x;
  dr_error e;
  dr_error_clear(&e);
  char path[512];
  snprintf(path, sizeof path, "%s/experiments/ldmx_phase2.ini", DR_TEST_DATADIR);
  assert_int_equal(dr_experiment_load(path, &x, &e), DR_OK);
  assert_rel(x.energy, 8, 0);
  assert_rel(x.lot, 1e16, 0);
  assert_rel(x.x_th, 0.7, 0);
  assert_string_equal(x.material->symbol, "W");
  assert_rel(x.thickness_x0, 0.1, 0);
  /* a card with an unknown material and one with a misspelt key */
  const char *bad[][2] = {
      {"[experiment]\nname=x\nsource=y\n[beam]\nparticle=e-\nenergy_gev=8\nlot=1e16\n"
       "[target]\nmaterial=Unobtainium\nkind=thin\nthickness_x0=0.1\n[signal]\nx_th=0.7\n",
       "unknown material 'Unobtainium'"},
      {"[experiment]\nname=x\nsource=y\n[beam]\nparticle=e-\nenergy_gev=8\nlot=1e16\n"
       "[target]\nmaterial=W\nkind=thin\nthickness_x0=0.1\n[signal]\nx_th=0.7\nefficency=0.5\n",
       ":14: unknown key [signal] efficency"},
      {"[experiment]\nname=x\nsource=y\n[beam]\nparticle=e-\nenergy_gev=8\nlot=-3\n",
       "leptons on target must be positive"},
  };
  for (size_t i = 0; i < 3; i++) {
    dr_error_clear(&e);
    char *p = write_tmp(bad[i][0]);
    assert_int_not_equal(dr_experiment_load(p, &x, &e), DR_OK);
    if (!strstr(e.msg, bad[i][1])) print_error("message: %s\n", e.msg), fail();
    unlink(p);
  }
}


/* the tabulated e^z K_1 and e^z K_2 against GSL at points between the nodes: 1e-9 relative */
static void test_bessel_tables(void **state) {
  (void)state;
  double worst = 0;
  for (int i = 0; i < 20000; i++) {
    double z = 1e-2 * pow(1e7, (i + 0.37) / 20000);
    double a = dr_bessel_k1_scaled(z) / gsl_sf_bessel_K1_scaled(z) - 1;
    double b = dr_bessel_k2_scaled(z) / gsl_sf_bessel_Kn_scaled(2, z) - 1;
    worst = fmax(worst, fmax(fabs(a), fabs(b)));
  }
  assert_true(worst < 1e-9);
  assert_rel(dr_bessel_k1_scaled(2e5), gsl_sf_bessel_K1_scaled(2e5), 1e-14); /* outside: GSL */
}

int main(void) {
  dr_library_init();
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_bessel_tables),
      cmocka_unit_test(test_materials_x0), cmocka_unit_test(test_beams),
      cmocka_unit_test(test_error_trail),  cmocka_unit_test(test_card_values),
      cmocka_unit_test(test_card_errors),  cmocka_unit_test(test_experiment_cards),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
