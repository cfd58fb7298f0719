/* Templates of the recoil lepton and the events needed to reject a hypothesis
 * (include/darkreach/discrim.h): the statistic against toy pseudo-experiments,
 * its rate-only limit against the Poisson counting answer, identical
 * hypotheses, and the templates' bookkeeping. 4 GeV e- on W, x > 0.7 (Catena,
 * Gray, Jerkvall 2025 Sec. 4.4). */
#include "dr_test.h"

#include <gsl/gsl_cdf.h>
#include <omp.h>
#include <stdlib.h>

static dr_process proc(dr_model_kind m, double mass) {
  dr_beam b;
  dr_error e;
  dr_error_clear(&e);
  dr_beam_parse("e-", &b, &e);
  dr_process p;
  assert_int_equal(dr_process_init(&p, m, &b, 4.0, mass, dr_material_find("W"), DR_INEL_LINEAR, &e), DR_OK);
  return p;
}

static const dr_binning BIN = {30, 30, 1.2, 1.2};
static const dr_resolution RES = {0.02, 0, 0, 0.0027};

static void fill(dr_template *t, dr_model_kind m, double mass, uint64_t seed) {
  dr_process p = proc(m, mass);
  dr_xsec_opts o = dr_xsec_opts_default();
  o.seed = seed;
  dr_error e;
  dr_error_clear(&e);
  assert_int_equal(dr_template_fill(t, &BIN, &p, &o, 0.7, 1, 200000, &RES, NULL, &e), DR_OK);
}

/* every observable sums to one; the 2D template's marginals are the 1D ones
 * (E and p_T smeared independently, each point's shares summing to one) */
static void test_template_bookkeeping(void **state) {
  (void)state;
  dr_template t;
  fill(&t, DR_MODEL_MAGNETIC_DIPOLE, 0.5, 1);
  for (int k = 0; k < DR_OBS_COUNT; k++) {
    double s = 0;
    for (int i = 0; i < t.n[k]; i++) {
      s += t.p[k][i];
      assert_true(t.var[k][i] >= 0);
    }
    assert_true(fabs(s - 1) < 1e-12);
  }
  for (int i = 0; i < BIN.ne; i++) {
    double m = 0;
    for (int j = 0; j < BIN.npt; j++) m += t.p[DR_OBS_E_PT][i * BIN.npt + j];
    assert_true(fabs(m - t.p[DR_OBS_E][i]) < 1e-12);
  }
  for (int j = 0; j < BIN.npt; j++) {
    double m = 0;
    for (int i = 0; i < BIN.ne; i++) m += t.p[DR_OBS_E_PT][i * BIN.npt + j];
    assert_true(fabs(m - t.p[DR_OBS_PT][j]) < 1e-12);
  }
  dr_template_free(&t);
}

/* identical hypotheses cannot be told apart: the same template (N infinite),
 * the same hypothesis on another seed (the difference is the templates'
 * noise), and charge radius against vector at the same mass, which for an
 * on-shell A' differ by the constant m^4 only ([arXiv:2502.13635] eq. 2.1;
 * tests/test_amp.c): their templates agree to rounding */
static void test_identical_hypotheses(void **state) {
  (void)state;
  dr_template a, b, c;
  fill(&a, DR_MODEL_VECTOR, 1.0, 1);
  fill(&b, DR_MODEL_VECTOR, 1.0, 2);
  fill(&c, DR_MODEL_CHARGE_RADIUS, 1.0, 1);
  dr_error e;
  dr_error_clear(&e);
  for (int k = 0; k < DR_OBS_COUNT; k++) {
    dr_disc d;
    assert_int_equal(dr_discriminate(a.p[k], a.var[k], a.p[k], a.var[k], a.n[k], 0.9, 0, 0, &d, &e), DR_OK);
    assert_false(d.separable);
    assert_true(isinf(d.n));
    for (int i = 0; i < a.n[k]; i++) assert_true(fabs(c.p[k][i] - a.p[k][i]) <= 1e-12 + 1e-9 * a.p[k][i]);
    if (k == DR_OBS_E_PT) continue; /* the 2D X^2 test is diluted over its bins: the marginals decide (below) */
    assert_int_equal(dr_discriminate(a.p[k], a.var[k], b.p[k], b.var[k], a.n[k], 0.9, 0, 0, &d, &e), DR_OK);
    assert_false(d.separable);
    assert_true(isinf(d.n));
  }
  dr_template_free(&a), dr_template_free(&b), dr_template_free(&c);
}

/* rate only (identical shapes, sigma_B = r sigma_A): the counting experiment
 * n ~ Poisson(N) against Poisson(rN), Gaussian: N (1 - r) = z (sqrt N + sqrt(rN)),
 * so N = z^2/(1 - sqrt r)^2 */
static void test_rate_only_limit(void **state) {
  (void)state;
  enum { NB = 10 };
  double a[NB], v[NB] = {0};
  for (int i = 0; i < NB; i++) a[i] = 1.0 / NB;
  const double rs[3] = {0.5, 0.9, 2.0}, cls[2] = {0.9, 0.95};
  dr_error e;
  dr_error_clear(&e);
  for (int i = 0; i < 3; i++)
    for (int c = 0; c < 2; c++) {
      dr_disc d;
      assert_int_equal(dr_discriminate(a, v, a, v, NB, cls[c], rs[i], 0.001, &d, &e), DR_OK);
      double z = gsl_cdf_ugaussian_Pinv(cls[c]), want = z * z / pow(1 - sqrt(rs[i]), 2);
      assert_true(d.separable);
      assert_rel(d.n, want, 1e-12);
    }
}

/* The answer against pseudo-experiments: at the N found, a fraction CL of
 * A's toys and 1 - CL of B's reject B. Tolerance 0.01 written down first:
 * 3 standard errors of 20000 toys (0.0064 at CL 0.9) plus the Gaussian
 * limit's error O(skewness/sqrt N) ~ 0.003 for N > 100 (Edgeworth). True
 * vector at 1 GeV against a magnetic dipole at 0.9 GeV (N ~ 10^2-10^3). */
static void test_against_toys(void **state) {
  (void)state;
  dr_template A, B;
  fill(&A, DR_MODEL_VECTOR, 1.0, 1);
  fill(&B, DR_MODEL_MAGNETIC_DIPOLE, 0.9, 2);
  dr_error e;
  dr_error_clear(&e);
  const double cls[2] = {0.9, 0.95}, rates[2] = {0, 0.9};
  for (int ir = 0; ir < 2; ir++)
    for (int c = 0; c < 2; c++)
      for (int k = 0; k < DR_OBS_COUNT; k++) {
        dr_disc d;
        assert_int_equal(
            dr_discriminate(A.p[k], A.var[k], B.p[k], B.var[k], A.n[k], cls[c], rates[ir], 0.001, &d, &e), DR_OK);
        assert_true(d.separable && d.n > 100);
        /* the toys take the templates as exact: the Gaussian N for them has no noise correction (which
         * makes the reported N larger, and the toys' power at it above CL) */
        dr_disc raw = d;
        raw.noise = 0;
        double ra, rb, n = dr_disc_events(&raw, cls[c]);
        assert_true(n <= d.n);
        /* shape only: an integer number of events, as reported (rounded up) */
        if (rates[ir] <= 0) n = ceil(n);
        assert_int_equal(dr_disc_toys(A.p[k], A.var[k], B.p[k], B.var[k], A.n[k], cls[c], rates[ir], n, 20000, 7, &ra,
                                      &rb, &e),
                         DR_OK);
        if (fabs(ra - cls[c]) >= 0.01 || fabs(rb - (1 - cls[c])) >= 0.01)
          print_error("obs %s, CL %g, r %g, N %.1f: toys reject B in %.4f (A true), %.4f (B true)\n",
                      dr_observable_name((dr_observable)k), cls[c], rates[ir], d.n, ra, rb);
        assert_true(fabs(ra - cls[c]) < 0.01);
        assert_true(fabs(rb - (1 - cls[c])) < 0.01);
      }
  dr_template_free(&A), dr_template_free(&B);
}

/* toys depend on the seed only, not on the thread count */
static void test_toys_reproducible(void **state) {
  (void)state;
  enum { NB = 4 };
  const double a[NB] = {0.4, 0.3, 0.2, 0.1}, b[NB] = {0.25, 0.25, 0.25, 0.25}, v[NB] = {0};
  double r[2][2];
  dr_error e;
  dr_error_clear(&e);
  for (int t = 0; t < 2; t++) {
    omp_set_num_threads(t + 1);
    assert_int_equal(dr_disc_toys(a, v, b, v, NB, 0.9, 0, 50, 5000, 3, &r[t][0], &r[t][1], &e), DR_OK);
  }
  assert_true(r[0][0] == r[1][0] && r[0][1] == r[1][1]);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_template_bookkeeping), cmocka_unit_test(test_identical_hypotheses),
      cmocka_unit_test(test_rate_only_limit),      cmocka_unit_test(test_against_toys),
      cmocka_unit_test(test_toys_reproducible),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
