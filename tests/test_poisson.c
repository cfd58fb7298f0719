/* Poisson upper limits (src/stats/poisson.c) against published and analytic
 * numbers: Feldman and Cousins' Table IV (90 % CL, two decimals) and their
 * 95 % CL value for n = 0, b = 0; the classical limits -ln(1 - CL) and, for
 * one event and no background, the root of e^-s (1 + s) = 0.1; CLs's
 * independence of b for n = 0. */
#include "dr_test.h"

static double up(dr_limit_method m, int n, double b, double cl) {
  double s;
  dr_error e;
  dr_error_clear(&e);
  assert_int_equal(dr_poisson_upper(m, n, b, cl, &s, &e), DR_OK);
  return s;
}

static void test_feldman_cousins_table(void **state) {
  (void)state;
  /* [Feldman:1997qc] Table IV: (n0, b) -> upper end of the 90 % interval */
  const struct {
    int n;
    double b, s;
  } t[] = {{0, 0, 2.44}, {0, 0.5, 1.94}, {0, 1.0, 1.61}, {1, 0, 4.36}, {1, 0.5, 3.86}, {2, 0, 5.91}, {3, 0, 7.42}};
  for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) assert_true(fabs(up(DR_LIMIT_FC, t[i].n, t[i].b, 0.90) - t[i].s) < 0.006);
  assert_true(fabs(up(DR_LIMIT_FC, 0, 0, 0.95) - 3.09) < 0.006); /* their Table VI */
}

static void test_classical_and_cls(void **state) {
  (void)state;
  assert_rel(up(DR_LIMIT_ZERO_BKG, 0, 0, 0.90), 2.302585, 1e-6);
  assert_rel(up(DR_LIMIT_ZERO_BKG, 0, 0, 0.95), 2.995732, 1e-6);
  for (double b = 0; b < 3; b += 0.7) assert_rel(up(DR_LIMIT_CLS, 0, b, 0.90), 2.302585, 1e-6);
  double s = up(DR_LIMIT_CLS, 1, 0, 0.90); /* e^-s (1 + s) = 0.1 */
  assert_true(fabs(exp(-s) * (1 + s) - 0.1) < 1e-7);
  assert_rel(s, 3.88972, 1e-5);
  /* more background with the same count: a stronger (lower) CLs limit, never below the n = 0 one */
  assert_true(up(DR_LIMIT_CLS, 2, 1.5, 0.9) < up(DR_LIMIT_CLS, 2, 0.5, 0.9));
  assert_true(up(DR_LIMIT_CLS, 2, 1.5, 0.9) > 2.302585);
}

static void test_bad(void **state) {
  (void)state;
  double s;
  dr_error e;
  dr_error_clear(&e);
  assert_int_equal(dr_poisson_upper(DR_LIMIT_ZERO_BKG, 0, 0.5, 0.9, &s, &e), DR_EINVAL);
  assert_int_equal(dr_poisson_upper(DR_LIMIT_CLS, -1, 0, 0.9, &s, &e), DR_EINVAL);
  assert_int_equal(dr_poisson_upper(DR_LIMIT_CLS, 0, 0, 1.0, &s, &e), DR_EINVAL);
  dr_limit_method m;
  assert_int_equal(dr_limit_method_parse("cls", &m, &e), DR_OK);
  assert_int_equal(m, DR_LIMIT_CLS);
  assert_int_equal(dr_limit_method_parse("bayes", &m, &e), DR_EINVAL);
}

int main(void) {
  dr_library_init();
  const struct CMUnitTest tests[] = {cmocka_unit_test(test_feldman_cousins_table), cmocka_unit_test(test_classical_and_cls),
                                     cmocka_unit_test(test_bad)};
  return cmocka_run_group_tests(tests, NULL, NULL);
}
