/* Signal yield and reach: the yield formula of [arXiv:2505.04295] eq. (4) (derivation note FORMULARY Part I §8) by hand,
 * Poisson limits, eps ~ LOT^(-1/2), visible boundaries, scans that record
 * bad points and do not depend on the thread count. */
#include "dr_test.h"

#include <math.h>
#include <omp.h>
#include <string.h>

static void test_poisson(void **state) {
  (void)state;
  assert_rel(dr_poisson_upper_zero_bkg(0.90), 2.302585, 1e-6);
  assert_rel(dr_poisson_upper_zero_bkg(0.95), 2.995732, 1e-6);
}

static void test_yield_by_hand(void **state) {
  (void)state;
  dr_experiment x = dr_test_card("ldmx_phase2");
  x.dm = DR_DM_NONE; /* Br(invisible) = 1 by assumption */
  dr_xsec_ws *w = dr_xsec_ws_alloc();
  dr_xsec_opts o = dr_xsec_opts_default();
  o.method = DR_METHOD_WW;
  dr_signal s;
  dr_error e;
  dr_error_clear(&e);
  assert_int_equal(dr_signal_prepare(&x, DR_MODEL_VECTOR, &o, 0.0731, w, &s, &e), DR_OK);
  /* independent: sigma(x > 0.7) from the xsec layer, W: rho 19.30, A 183.84, X0 0.3504 cm */
  dr_beam b;
  dr_beam_parse("e-", &b, &e);
  dr_process p;
  dr_process_init(&p, DR_MODEL_VECTOR, &b, 8, 0.0731, dr_material_find("W"), DR_INEL_LINEAR, &e);
  dr_estimate sig;
  dr_sigma(&p, &o, 0.7, 1, w, &sig, &e);
  double n_hand = 1e16 * (19.30 * 6.02214076e23 / 183.84) * (0.1 * 0.3504) * sig.val * 3.893793721e8 *
                  1e-36 * 3.1e-5 * 3.1e-5;
  double n;
  dr_signal_events(&x, DR_MODEL_VECTOR, &s, 3.1e-5, &n, &e);
  assert_rel(n, n_hand, 1e-9);
  /* with a dark-matter channel, Br(invisible) = Gamma_DM/(Gamma_DM + eps^2 Gamma_SM) */
  dr_experiment xd = dr_test_card("ldmx_phase2");
  dr_signal sd;
  dr_signal_prepare(&xd, DR_MODEL_VECTOR, &o, 0.0731, w, &sd, &e);
  double nd;
  dr_signal_events(&xd, DR_MODEL_VECTOR, &sd, 0.3, &nd, &e);
  dr_signal_events(&x, DR_MODEL_VECTOR, &s, 0.3, &n, &e);
  double gsm = 0.09 * DR_ALPHA * 0.0731 / 3 * sqrt(1 - 4 * DR_M_E * DR_M_E / (0.0731 * 0.0731)) *
               (1 + 2 * DR_M_E * DR_M_E / (0.0731 * 0.0731));
  double gdm = 0.5 * 0.0731 / 12 * pow(1 - 4.0 / 9, 1.5);
  assert_rel(nd / n, gdm / (gdm + gsm), 1e-9);
  dr_xsec_ws_free(w);
}

static void test_reach_solves_and_scales(void **state) {
  (void)state;
  dr_experiment x = dr_test_card("ldmx_phase2");
  x.dm = DR_DM_NONE;
  dr_reach_opts o = dr_reach_opts_from_experiment(&x);
  o.xsec.method = DR_METHOD_WW; /* the reach machinery; ETL scans in test_etl.c */
  dr_xsec_ws *w = dr_xsec_ws_alloc();
  dr_reach_point a, b;
  dr_reach_point_solve(&x, DR_MODEL_VECTOR, &o, 0.0473, w, &a);
  assert_int_equal(a.status, DR_REACH_OK);
  /* N(eps) = s_up at the solution */
  dr_signal s;
  dr_error e;
  dr_error_clear(&e);
  dr_signal_prepare(&x, DR_MODEL_VECTOR, &o.xsec, 0.0473, w, &s, &e);
  double n;
  dr_signal_events(&x, DR_MODEL_VECTOR, &s, a.eps, &n, &e);
  assert_rel(n, 2.302585, 1e-6);
  /* invisible, Br = 1: eps ~ LOT^(-1/2) */
  x.lot *= 4;
  dr_reach_point_solve(&x, DR_MODEL_VECTOR, &o, 0.0473, w, &b);
  assert_rel(b.eps, a.eps / 2, 1e-6);
  assert_true(isnan(a.eps_upper));
  /* y needs a dark-matter species: none here; with one, y = eps^2 alpha_D (m_DM/m_A')^4 */
  assert_true(isnan(a.y));
  x.dm = DR_DM_COMPLEX_SCALAR;
  dr_reach_point c;
  dr_reach_point_solve(&x, DR_MODEL_VECTOR, &o, 0.0473, w, &c);
  assert_int_equal(c.status, DR_REACH_OK);
  assert_rel(c.y, c.eps * c.eps * 0.5 / 81, 1e-12);
  dr_xsec_ws_free(w);
}

static void test_visible_two_boundaries(void **state) {
  (void)state;
  dr_experiment x = dr_test_card("e137");
  dr_reach_opts o = dr_reach_opts_from_experiment(&x);
  o.xsec.method = DR_METHOD_WW; /* the reach machinery; ETL scans in test_etl.c */
  dr_xsec_ws *w = dr_xsec_ws_alloc();
  dr_reach_point p;
  dr_reach_point_solve(&x, DR_MODEL_VECTOR, &o, 0.05, w, &p);
  assert_int_equal(p.status, DR_REACH_OK);
  assert_true(p.eps_upper > 10 * p.eps);
  dr_signal s;
  dr_error e;
  dr_error_clear(&e);
  dr_signal_prepare(&x, DR_MODEL_VECTOR, &o.xsec, 0.05, w, &s, &e);
  double n1, n2, nmid;
  dr_signal_events(&x, DR_MODEL_VECTOR, &s, p.eps, &n1, &e);
  dr_signal_events(&x, DR_MODEL_VECTOR, &s, p.eps_upper, &n2, &e);
  dr_signal_events(&x, DR_MODEL_VECTOR, &s, sqrt(p.eps * p.eps_upper), &nmid, &e);
  assert_rel(n1, 2.302585, 1e-6);
  assert_rel(n2, 2.302585, 1e-6);
  assert_true(nmid > 2.302585);
  dr_xsec_ws_free(w);
}

static void test_scan_records_bad_points_and_is_thread_independent(void **state) {
  (void)state;
  dr_experiment x = dr_test_card("ldmx_phase1");
  dr_reach_opts o = dr_reach_opts_from_experiment(&x);
  o.xsec.method = DR_METHOD_WW; /* the reach machinery; ETL scans in test_etl.c */
  o.mass_min = 0.01;
  o.mass_max = 6.0; /* beyond the 4 GeV beam: the last points are outside the kinematics */
  o.points = 12;
  dr_reach_point p1[12], p2[12];
  dr_error e;
  dr_error_clear(&e);
  omp_set_num_threads(1);
  assert_int_equal(dr_reach_scan(&x, DR_MODEL_VECTOR, &o, p1, NULL, &e), DR_OK);
  omp_set_num_threads(2);
  assert_int_equal(dr_reach_scan(&x, DR_MODEL_VECTOR, &o, p2, NULL, &e), DR_OK);
  int ok = 0, dom = 0;
  for (int i = 0; i < 12; i++) {
    ok += p1[i].status == DR_REACH_OK;
    dom += p1[i].status == DR_REACH_DOMAIN;
    assert_true(memcmp(&p1[i].eps, &p2[i].eps, sizeof(double)) == 0);
    if (p1[i].mass >= 4.0) assert_int_equal(p1[i].status, DR_REACH_DOMAIN);
  }
  assert_true(ok >= 9 && dom >= 1);
  /* reach worsens towards high mass: eps grows over the last ok points */
  assert_true(p1[8].eps > p1[4].eps);
}

/* Inelastic dark matter (pseudo-Dirac, delta = 0.1, m_A' = 0.5 GeV): the chi_2 decay.
 * Displaced vertex: for a long-lived chi_2 (l >> shield + decay region) the decay probability is
 * L_dec/l ~ eps^2, so the events go as eps^4: n(eps)/n(eps/2) = 16 (1e-3). Missing momentum with a
 * veto at L: a long-lived chi_2 always escapes (the plain invisible yield, 1e-6); a short-lived one
 * rarely (below half of it at eps = 0.1, where l ~ cm). */
static void test_inelastic_chi2(void **state) {
  (void)state;
  dr_xsec_ws *w = dr_xsec_ws_alloc();
  dr_xsec_opts o = dr_xsec_opts_default();
  o.method = DR_METHOD_WW;
  dr_error e;
  dr_error_clear(&e);
  double M = 0.5;
  /* displaced: LDMX's beam and target, a visible signature 1-2 m downstream */
  dr_experiment xv = dr_test_card("ldmx_phase2");
  xv.signature = DR_SIG_VISIBLE, xv.dm = DR_DM_PSEUDO_DIRAC, xv.delta = 0.1, xv.shield_m = 1, xv.decay_m = 1;
  xv.detector_halfwidth_m = NAN;
  dr_signal sv;
  assert_int_equal(dr_signal_prepare(&xv, DR_MODEL_VECTOR, &o, M, w, &sv, &e), DR_OK);
  assert_int_equal(sv.idm, 2);
  assert_true(sv.gamma_chi2_eps1 > 0);
  double n1, n2;
  dr_signal_events(&xv, DR_MODEL_VECTOR, &sv, 1e-7, &n1, &e);
  dr_signal_events(&xv, DR_MODEL_VECTOR, &sv, 5e-8, &n2, &e);
  assert_true(n1 > 0);
  assert_rel(n1 / n2, 16, 1e-3);
  /* missing momentum with the veto */
  dr_experiment xi = dr_test_card("ldmx_phase2"), xp = xi;
  xi.dm = xp.dm = DR_DM_PSEUDO_DIRAC, xi.delta = xp.delta = 0.1, xi.chi2_escape_m = 3;
  dr_signal si, sp;
  assert_int_equal(dr_signal_prepare(&xi, DR_MODEL_VECTOR, &o, M, w, &si, &e), DR_OK);
  assert_int_equal(dr_signal_prepare(&xp, DR_MODEL_VECTOR, &o, M, w, &sp, &e), DR_OK);
  assert_int_equal(si.idm, 1);
  double ni, np;
  dr_signal_events(&xi, DR_MODEL_VECTOR, &si, 1e-7, &ni, &e);
  dr_signal_events(&xp, DR_MODEL_VECTOR, &sp, 1e-7, &np, &e);
  assert_rel(ni, np, 1e-6);
  dr_signal_events(&xi, DR_MODEL_VECTOR, &si, 0.1, &ni, &e);
  dr_signal_events(&xp, DR_MODEL_VECTOR, &sp, 0.1, &np, &e);
  assert_true(ni < 0.5 * np);
  dr_xsec_ws_free(w);
}

int main(void) {
  dr_library_init();
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_poisson),
      cmocka_unit_test(test_yield_by_hand),
      cmocka_unit_test(test_reach_solves_and_scales),
      cmocka_unit_test(test_visible_two_boundaries),
      cmocka_unit_test(test_inelastic_chi2),
      cmocka_unit_test(test_scan_records_bad_points_and_is_thread_independent),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
