/* Numerical squared amplitudes (from the Feynman rules) against the closed forms
 * of FORMULARY Part II §2.3 (T_V, T_A, T_S, T_P), and the ETL kinematics. */
#include "dr_test.h"

/* closed forms, Part II §2.3, with Pt2 = Ptilde^2 = 4M^2 + t, a = p.Pt, b = p'.Pt */
static dr_real closed_form(dr_model_kind mdl, const dr_amp_kin *k) {
  dr_real m2 = k->m_l * k->m_l, M2 = k->m_X * k->m_X;
  dr_p4 Pt;
  for (int i = 0; i < 4; i++) Pt.v[i] = k->P.v[i] + k->Pp.v[i];
  dr_p4 q;
  for (int i = 0; i < 4; i++) q.v[i] = k->P.v[i] - k->Pp.v[i];
  dr_real t = -dr_p4_dot(&q, &q), P2 = dr_p4_dot(&Pt, &Pt);
  dr_real a = dr_p4_dot(&k->p, &Pt), b = dr_p4_dot(&k->pp, &Pt);
  dr_real sA = 2 * dr_p4_dot(&k->pp, &k->k) + M2, uA = M2 - 2 * dr_p4_dot(&k->p, &k->k);
  dr_real mx = M2 * ((t * P2 - 4 * a * a) / (sA * sA) + (t * P2 - 4 * b * b) / (uA * uA));
  switch (mdl) {
  case DR_MODEL_VECTOR:
    return 4 * m2 * (t * P2 - 4 * a * a) / (sA * sA) + 4 * m2 * (t * P2 - 4 * b * b) / (uA * uA) +
           (4 * t * t * P2 + 8 * m2 * t * P2 - 32 * m2 * a * b - 8 * t * (a * a + b * b)) / (sA * uA) +
           4 * t * P2 * (1 / sA + 1 / uA) + 2 * P2 * (uA / sA + sA / uA) +
           2 * (mx - M2 * 2 * (t * P2 + 4 * a * b) / (sA * uA));
  case DR_MODEL_AXIAL:
    return 4 * m2 / M2 * (P2 * (sA + uA) * (sA + uA) - 4 * t * (a - b) * (a - b)) / (sA * uA) +
           8 * m2 * (4 * a * a - t * P2) / (sA * sA) + 8 * m2 * (4 * b * b - t * P2) / (uA * uA) +
           (4 * t * t * P2 + 16 * m2 * t * P2 + 64 * m2 * a * b - 8 * t * (a * a + b * b)) / (sA * uA) +
           4 * t * P2 * (1 / sA + 1 / uA) + 2 * P2 * (uA / sA + sA / uA) +
           2 * (mx - M2 * 2 * (t * P2 + 4 * a * b) / (sA * uA));
  case DR_MODEL_SCALAR:
    return 4 * m2 * (4 * a * a - t * P2) / (sA * sA) + 4 * m2 * (4 * b * b - t * P2) / (uA * uA) +
           (32 * m2 * a * b - 8 * m2 * t * P2 - 4 * t * (a - b) * (a - b)) / (sA * uA) +
           P2 * (uA / sA + sA / uA) + 2 * P2 + mx + M2 * 2 * (t * P2 - 4 * a * b) / (sA * uA);
  default:
    return -4 * t * (a - b) * (a - b) / (sA * uA) + P2 * (uA / sA + sA / uA) + 2 * P2 + mx +
           M2 * 2 * (t * P2 - 4 * a * b) / (sA * uA);
  }
}

static void test_kinematics_on_shell(void **state) {
  (void)state;
  double E = 8.0, ml = DR_M_E, mX = 0.1, M = 183.84 * DR_AMU_GEV;
  double tlo, thi;
  assert_int_equal(dr_etl_t_range(E, ml, mX, M, 5.3, 0.0123, &tlo, &thi), DR_OK);
  assert_true(tlo > 0 && thi > tlo);
  const double tt[3] = {tlo * 1.0001, sqrt(tlo * thi), thi * 0.9999};
  for (int i = 0; i < 3; i++) {
    dr_amp_kin k;
    assert_int_equal(dr_etl_kinematics(E, ml, mX, M, 5.3, 0.0123, tt[i], 2.385, &k), DR_OK);
    dr_p4 q;
    for (int j = 0; j < 4; j++) q.v[j] = k.P.v[j] - k.Pp.v[j];
    assert_rel(-dr_p4_dot(&q, &q), tt[i], 1e-9);
    assert_rel(dr_p4_dot(&k.Pp, &k.Pp), M * M, 1e-12);
    assert_rel(dr_p4_dot(&k.k, &k.k), mX * mX, 1e-9);
    /* energy conservation with the on-shell lepton energy */
    double psum = k.pp.v[0] + k.k.v[0] + k.Pp.v[0] - k.p.v[0] - k.P.v[0];
    assert_true(fabs(psum) < 1e-9 * E);
  }
  /* outside the range: no configuration */
  dr_amp_kin k;
  assert_int_equal(dr_etl_kinematics(E, ml, mX, M, 5.3, 0.0123, tlo * 0.5, 0.3, &k), DR_EDOMAIN);
}

static void test_numeric_vs_closed_form(void **state) {
  (void)state;
  /* muon beam, moderate energy: cancellations mild enough for 1e-10 in double */
  const double cfg[][6] = {/* E, m_l, m_X, E_X, theta, phi */
                           {3.7, DR_M_MU, 0.613, 2.21, 0.173, 0.77},
                           {12.5, DR_M_MU, 0.0923, 7.41, 0.0311, 2.9},
                           {1.9, DR_M_E * 40, 0.35, 0.83, 0.41, 4.4}};
  double M = 26.9815385 * DR_AMU_GEV;
  for (int c = 0; c < 3; c++) {
    double tlo, thi;
    assert_int_equal(dr_etl_t_range(cfg[c][0], cfg[c][1], cfg[c][2], M, cfg[c][3], cfg[c][4], &tlo, &thi), DR_OK);
    double t = sqrt(tlo * thi) * 1.37;
    dr_amp_kin k;
    assert_int_equal(dr_etl_kinematics(cfg[c][0], cfg[c][1], cfg[c][2], M, cfg[c][3], cfg[c][4], t, cfg[c][5], &k), DR_OK);
    for (int mdl = 0; mdl < DR_MODEL_COUNT; mdl++) {
      if (!dr_model_can_produce((dr_model_kind)mdl)) continue;
      dr_real num = dr_amp_lepton_factor(dr_model_info_get((dr_model_kind)mdl)->rule, &k);
      dr_real ref = closed_form((dr_model_kind)mdl, &k);
      assert_rel((double)num, (double)ref, 1e-10);
      assert_true(num > 0);
    }
  }
}

/* Electron kinematics, where the terms of T_X cancel by ~8 digits: numerical
 * traces and closed forms, both in long double, agree to 1e-7. */
static void test_numeric_vs_closed_form_electrons(void **state) {
  (void)state;
  const double cfg[][7] = {/* E, m_X, A, E_X, theta, t position in [0,1] (log), phi */
                           {8.0, 0.1, 183.84, 6.5, 2.1e-3, 0.1, 0.4},
                           {100.0, 0.01, 207.2, 93.0, 3.3e-5, 0.02, 2.2},
                           {4.0, 0.001, 183.84, 1.2, 4.0e-2, 0.3, 1.1}};
  for (int c = 0; c < 3; c++) {
    double M = cfg[c][2] * DR_AMU_GEV, tlo, thi;
    assert_int_equal(dr_etl_t_range(cfg[c][0], DR_M_E, cfg[c][1], M, cfg[c][3], cfg[c][4], &tlo, &thi), DR_OK);
    double t = tlo * pow(thi / tlo, cfg[c][5]);
    dr_amp_kin k;
    assert_int_equal(dr_etl_kinematics(cfg[c][0], DR_M_E, cfg[c][1], M, cfg[c][3], cfg[c][4], t, cfg[c][6], &k), DR_OK);
    for (int mdl = 0; mdl < DR_MODEL_COUNT; mdl++) {
      if (!dr_model_can_produce((dr_model_kind)mdl)) continue;
      dr_real num = dr_amp_lepton_factor(dr_model_info_get((dr_model_kind)mdl)->rule, &k);
      dr_real ref = closed_form((dr_model_kind)mdl, &k);
      assert_rel((double)num, (double)ref, 1e-7);
      assert_true(num > 0);
    }
  }
}

int main(void) {
  dr_library_init();
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_kinematics_on_shell),
      cmocka_unit_test(test_numeric_vs_closed_form),
      cmocka_unit_test(test_numeric_vs_closed_form_electrons),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
