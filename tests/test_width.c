/* Widths, branching ratios, c tau. Independent numbers: FORESEE c tau
 * (shared reference §3, +-1 % below 2 m_pi), Part II §5 dark-matter widths,
 * analytic limits. */
#include "dr_test.h"

#include <string.h>

static dr_widths widths(dr_model_kind k, double m, dr_dm_kind dm, double ratio) {
  dr_decay_params d = {k, m, 1.0, dm, m / ratio, 0.5};
  dr_widths w;
  dr_error e;
  dr_error_clear(&e);
  assert_int_equal(dr_widths_compute(&d, &w, &e), DR_OK);
  return w;
}

static void test_foresee_ctau(void **state) {
  (void)state;
  const double r[][2] = {{0.002022, 4.1230e-11}, {0.040022, 2.02695e-12}, {0.080022, 1.01376e-12},
                         {0.200022, 4.05567e-13}};
  for (int i = 0; i < 4; i++) {
    dr_widths w = widths(DR_MODEL_VECTOR, r[i][0], DR_DM_NONE, 3);
    assert_rel(dr_ctau_m(w.total), r[i][1], 0.01);
    assert_true(w.hadrons == 0);
  }
}

static void test_dark_matter_widths(void **state) {
  (void)state;
  /* Part II §5: alpha_D = 0.5, m_A' = 3 m_chi: scalar 0.01725 m, Dirac 0.1518 m */
  assert_rel(widths(DR_MODEL_VECTOR, 0.3, DR_DM_COMPLEX_SCALAR, 3).dm / 0.3, 0.01725, 1e-3);
  assert_rel(widths(DR_MODEL_VECTOR, 0.3, DR_DM_DIRAC, 3).dm / 0.3, 0.1518, 1e-3);
  /* closed channel below 2 m_chi */
  assert_true(widths(DR_MODEL_VECTOR, 0.3, DR_DM_DIRAC, 1.5).dm == 0);
}

static void test_hadrons_and_r(void **state) {
  (void)state;
  dr_error e;
  dr_error_clear(&e);
  double R;
  /* exact table points: rho-omega region and the phi peak (data/rratio_pdg2020.dat) */
  assert_int_equal(dr_rratio(0.78200, &R, &e), DR_OK);
  assert_rel(R, 19.30740, 1e-9);
  assert_int_equal(dr_rratio(1.01951, &R, &e), DR_OK);
  assert_rel(R, 50.29290, 1e-9);
  /* linear interpolation halfway between 2.0 (2.18) and 2.0373 (2.238) */
  assert_int_equal(dr_rratio(2.01865, &R, &e), DR_OK);
  assert_rel(R, 0.5 * (2.18 + 2.238), 1e-9);
  /* below 2 m_pi no hadrons; above the table an error, never a clamp */
  assert_int_equal(dr_rratio(0.25, &R, &e), DR_OK);
  assert_true(R == 0);
  assert_int_equal(dr_rratio(13.0, &R, &e), DR_EDOMAIN);
  /* Gamma(had) = Gamma_mumu(m_mu -> 0) R */
  dr_widths w = widths(DR_MODEL_VECTOR, 1.01951, DR_DM_NONE, 3);
  assert_rel(w.hadrons, DR_ALPHA * 1.01951 / 3 * 50.29290, 1e-9);
  dr_decay_params d = {DR_MODEL_VECTOR, 13.0, 1, DR_DM_NONE, 0, 0};
  dr_error_clear(&e);
  assert_int_equal(dr_widths_compute(&d, &w, &e), DR_EDOMAIN);
}

static void test_model_widths(void **state) {
  (void)state;
  double m = 0.4, r = DR_M_MU * DR_M_MU / (m * m), b = sqrt(1 - 4 * r);
  dr_widths v = widths(DR_MODEL_VECTOR, m, DR_DM_NONE, 3), a = widths(DR_MODEL_AXIAL, m, DR_DM_NONE, 3),
            s = widths(DR_MODEL_SCALAR, m, DR_DM_NONE, 3), p = widths(DR_MODEL_PSEUDOSCALAR, m, DR_DM_NONE, 3);
  assert_rel(v.mumu, DR_ALPHA * m / 3 * (1 + 2 * r) * b, 1e-12);
  assert_rel(a.mumu / v.mumu, b * b / (1 + 2 * r), 1e-12);
  assert_rel(s.mumu / p.mumu, b * b, 1e-12);
  assert_rel(p.ee, 1.5 * DR_ALPHA * m / 3 * sqrt(1 - 4 * DR_M_E * DR_M_E / (m * m)), 1e-12);
  /* leptophilic S, P, A: no hadrons */
  assert_true(s.hadrons == 0 && a.hadrons == 0);
  /* eps^2 scaling */
  dr_decay_params d = {DR_MODEL_VECTOR, 0.5, 1e-3, DR_DM_NONE, 0, 0};
  dr_widths w;
  dr_error e;
  dr_error_clear(&e);
  dr_widths_compute(&d, &w, &e);
  assert_rel(w.total, widths(DR_MODEL_VECTOR, 0.5, DR_DM_NONE, 3).total * 1e-6, 1e-12);
}

static void test_three_photon(void **state) {
  (void)state;
  /* leading term for m << m_e: 17 eps^2 alpha^4 m^9/(2^7 3^6 5^3 pi^3 m_e^8) */
  double m = 1e-3 * DR_M_E;
  dr_widths w = widths(DR_MODEL_VECTOR, m, DR_DM_NONE, 3);
  double lead = 17 * pow(DR_ALPHA, 4) * pow(m, 9) / (128.0 * 729 * 125 * pow(DR_PI, 3) * pow(DR_M_E, 8));
  assert_rel(w.gamma3, lead, 1e-5);
  assert_true(w.ee == 0);
  assert_true(widths(DR_MODEL_VECTOR, 3 * DR_M_E, DR_DM_NONE, 3).gamma3 == 0);
}

static void test_bad_inputs(void **state) {
  (void)state;
  dr_error e;
  dr_error_clear(&e);
  dr_widths w;
  dr_decay_params d = {DR_MODEL_VECTOR, -0.1, 1, DR_DM_NONE, 0, 0};
  assert_int_equal(dr_widths_compute(&d, &w, &e), DR_EINVAL);
  dr_decay_params s = {DR_MODEL_SCALAR, 0.1, 1, DR_DM_DIRAC, 0.01, 0.5};
  assert_int_equal(dr_widths_compute(&s, &w, &e), DR_EINVAL);
  assert_true(isinf(dr_ctau_m(0)));
}

/* The one-loop (g-2)_mu (include/darkreach/amu.h) in its analytic limits, each
 * derived independently of the Feynman-parameter integral: a light vector
 * g^2/(8 pi^2) (Schwinger's alpha/2pi with alpha -> g^2/4pi), a light scalar
 * 3 g^2/(16 pi^2); heavy: vector g^2 m^2/(12 pi^2 M^2), axial -5 g^2 m^2/(12 pi^2 M^2),
 * scalar g^2 m^2/(8 pi^2 M^2)(ln(M^2/m^2) - 7/6), pseudoscalar
 * -g^2 m^2/(8 pi^2 M^2)(ln(M^2/m^2) - 11/6). The corrections are O(M/m) and
 * O(m^2/M^2 ln): at M = 1e-9 and 3000 GeV below 1e-6. */
static void test_amu_limits(void **state) {
  (void)state;
  double m = DR_M_MU, g = 1e-3, pi2 = DR_PI * DR_PI, M = 3000, L = log(M * M / (m * m)), h = g * g * m * m / (pi2 * M * M);
  assert_rel(dr_amu_couplings(g, 0, 0, 0, 1e-9), g * g / (8 * pi2), 1e-6);
  assert_rel(dr_amu_couplings(0, 0, g, 0, 1e-9), 3 * g * g / (16 * pi2), 1e-6);
  assert_rel(dr_amu_couplings(g, 0, 0, 0, M), h / 12, 1e-6);
  assert_rel(dr_amu_couplings(0, g, 0, 0, M), -5 * h / 12, 1e-6);
  assert_rel(dr_amu_couplings(0, 0, g, 0, M), h / 8 * (L - 7.0 / 6), 1e-6);
  assert_rel(dr_amu_couplings(0, 0, 0, g, M), -h / 8 * (L - 11.0 / 6), 1e-6);
  /* the registry's couplings: the dark photon's g = e eps; the moments are refused */
  double d;
  dr_error e;
  dr_error_clear(&e);
  assert_int_equal(dr_amu_one_loop(DR_MODEL_VECTOR, 1e-3, 1e-9, &d, &e), DR_OK);
  assert_rel(d, DR_ALPHA * 1e-6 / (2 * DR_PI), 1e-6);
  assert_int_equal(dr_amu_one_loop(DR_MODEL_MAGNETIC_DIPOLE, 1e-3, 0.1, &d, &e), DR_EINVAL);
  /* the anomaly: world average minus the SM prediction, the two SM predictions 223e-11 apart */
  dr_amu_anomaly_t a25 = dr_amu_anomaly(DR_AMU_SM_WP25), a20 = dr_amu_anomaly(DR_AMU_SM_WP20);
  assert_rel(a20.delta - a25.delta, 223e-11, 1e-9);
  assert_true(a25.sigma > a20.sigma);
}

/* A chi_2 width against its small-splitting limit coef Delta^5/m_med^4 at Delta = m2 - m1 = 0.1 GeV,
 * m1 = 20 and 40 GeV: within 3 delta, and the deviation halving with delta (within 20 %) */
typedef int (*chi2_width_fn)(double m1, double delta, double m_med, double coupling, double alpha_d, double *g,
                             dr_error *e);
static void small_splitting(chi2_width_fn width, double m_med, double coupling, double aD, double coef) {
  const double m1s[2] = {20, 40};
  double dev[2];
  dr_error e;
  dr_error_clear(&e);
  for (int i = 0; i < 2; i++) {
    double m1 = m1s[i], d = 0.1 / m1, g;
    assert_int_equal(width(m1, d, m_med, coupling, aD, &g, &e), DR_OK);
    dev[i] = 1 - g / (coef * pow(d * m1, 5) / pow(m_med, 4));
    assert_true(fabs(dev[i]) < 3 * d);
  }
  assert_rel(dev[0] / dev[1], 2, 0.2);
}

/* Inelastic dark matter: Gamma(chi_2 -> chi_1 e+ e-) against its small-splitting limit
 * 4 eps^2 alpha alpha_D delta^5 m1^5/(15 pi m_A'^4) ([Berlin:2018bsc]), which holds for
 * m_e << m2 - m1 << m_A': m2 - m1 = 0.1 GeV (electron-mass effects ~1e-4), m_A' = 30 GeV. The exact
 * width differs by O(delta) (measured 1 - 1.5 delta), so 3 delta is asked, and the deviation must
 * halve with delta (within 20 %). It scales as eps^2 alpha_D; the muon channel adds above 2 m_mu. */
static void test_chi2_width(void **state) {
  (void)state;
  double mA = 30, eps = 1e-3, aD = 0.1;
  dr_error e;
  dr_error_clear(&e);
  small_splitting(dr_chi2_width, mA, eps, aD, 4 * eps * eps * DR_ALPHA * aD / (15 * DR_PI));
  double m1 = 0.1;
  double g1, g2, g3;
  assert_int_equal(dr_chi2_width(m1, 0.05, 0.3, eps, aD, &g1, &e), DR_OK);
  assert_int_equal(dr_chi2_width(m1, 0.05, 0.3, 2 * eps, 3 * aD, &g2, &e), DR_OK);
  assert_rel(g2, 12 * g1, 1e-9);
  /* 2 m_mu < m2 - m1: e e and mu mu */
  assert_int_equal(dr_chi2_width(1.0, 0.25, 0.6, eps, aD, &g3, &e), DR_OK);
  assert_true(g3 > 0);
  /* above m_A' the on-shell two-body decay takes over: refused with a message */
  assert_int_equal(dr_chi2_width(1.0, 0.5, 0.3, eps, aD, &g3, &e), DR_EDOMAIN);
}

/* Scalar portal: chi_2 -> chi_1 l+ l- through the off-shell lepton-mass-proportional scalar. Small-
 * splitting limit y^2 g_e^2 Delta^5/(60 pi^3 m_phi^4) (y^2 = 4 pi alpha_D, g_e = g_mu m_e/m_mu: the
 * phase-space integral of s sqrt(Delta^2 - s) over [0, Delta^2], 4 Delta^5/15, with (m1 + m2)^2 -> 4 m1^2
 * and lambda^(1/2) -> 2 m1 sqrt(Delta^2 - s)), at Delta = 0.1 GeV, m_phi = 30 GeV, as for the vector:
 * O(delta) corrections, 3 delta asked, the deviation halving with delta. Scaling as g_mu^2 alpha_D. The
 * phi -> chi chi width is the registry's scalar width with alpha c^2 -> alpha_D. */
static void test_chi2_width_scalar(void **state) {
  (void)state;
  double mphi = 30, gmu = 1e-3, aD = 0.1, ge = gmu * DR_M_E / DR_M_MU;
  dr_error e;
  dr_error_clear(&e);
  small_splitting(dr_chi2_width_scalar, mphi, gmu, aD, 4 * DR_PI * aD * ge * ge / (60 * pow(DR_PI, 3)));
  double g1, g2;
  assert_int_equal(dr_chi2_width_scalar(0.1, 0.05, 0.3, gmu, aD, &g1, &e), DR_OK);
  assert_int_equal(dr_chi2_width_scalar(0.1, 0.05, 0.3, 2 * gmu, 3 * aD, &g2, &e), DR_OK);
  assert_rel(g2, 12 * g1, 1e-9);
  assert_int_equal(dr_chi2_width_scalar(1.0, 0.5, 0.3, gmu, aD, &g2, &e), DR_EDOMAIN);
  assert_rel(dr_width_dm_scalar(aD, 0.5, 0.1), dr_model_width_ff(DR_MODEL_SCALAR, sqrt(aD / DR_ALPHA), 0.5, 0.1), 1e-12);
}

int main(void) {
  dr_library_init();
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_foresee_ctau), cmocka_unit_test(test_dark_matter_widths),
      cmocka_unit_test(test_hadrons_and_r), cmocka_unit_test(test_model_widths),
      cmocka_unit_test(test_three_photon), cmocka_unit_test(test_bad_inputs), cmocka_unit_test(test_amu_limits), cmocka_unit_test(test_chi2_width),
      cmocka_unit_test(test_chi2_width_scalar),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
