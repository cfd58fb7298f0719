/* Numerical squared amplitudes (from the Feynman rules) against the closed forms
 * of FORMULARY Part II §2.3 (T_V, T_A, T_S, T_P) and of the 2 -> 2 process of
 * §2.1 and §2.5 (A_V, A_A, A_S, A_P, A_M, A_E: independent FORM derivations);
 * the dark-moment vertices of [arXiv:2502.13635] eq. (2.1): gauge invariance,
 * charge radius = m_X^2 vector and anapole = m_X^2 axial on shell, magnetic =
 * electric dipole for m_l -> 0; and the ETL kinematics. */
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
    for (int mdl = 0; mdl < 4; mdl++) { /* the closed forms: vector, scalar, pseudoscalar, axial */
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
    for (int mdl = 0; mdl < 4; mdl++) {
      dr_real num = dr_amp_lepton_factor(dr_model_info_get((dr_model_kind)mdl)->rule, &k);
      dr_real ref = closed_form((dr_model_kind)mdl, &k);
      assert_rel((double)num, (double)ref, 1e-7);
      assert_true(num > 0);
    }
  }
}

/* a muon configuration where the numerical traces hold 1e-10 (as above) */
static dr_amp_kin muon_kin(double E, double mX, double EX, double th, double phi, double t_pos) {
  double M = 26.9815385 * DR_AMU_GEV, tlo, thi;
  assert_int_equal(dr_etl_t_range(E, DR_M_MU, mX, M, EX, th, &tlo, &thi), DR_OK);
  dr_amp_kin k;
  assert_int_equal(dr_etl_kinematics(E, DR_M_MU, mX, M, EX, th, tlo * pow(thi / tlo, t_pos), phi, &k), DR_OK);
  return k;
}

static const dr_vertex_rule moments[4] = {DR_VERTEX_MAGNETIC_DIPOLE, DR_VERTEX_ELECTRIC_DIPOLE,
                                          DR_VERTEX_CHARGE_RADIUS, DR_VERTEX_ANAPOLE};

static void test_moment_gauge_invariance(void **state) {
  (void)state;
  /* the amplitude with the A' polarisation replaced by k vanishes (|M| to 1e-10 of the
   * physical one): for the vector by the Ward identity of the two diagrams, for the moments
   * vertex by vertex; the axial current is not conserved (k.J = 2 m_l J^5) and does not vanish */
  const double cfg[][5] = {{3.7, 0.613, 2.21, 0.173, 0.77}, {12.5, 0.0923, 7.41, 0.0311, 2.9}};
  for (int c = 0; c < 2; c++) {
    dr_amp_kin k = muon_kin(cfg[c][0], cfg[c][1], cfg[c][2], cfg[c][3], cfg[c][4], 0.37);
    dr_vertex_rule rules[5] = {DR_VERTEX_VECTOR, moments[0], moments[1], moments[2], moments[3]};
    for (int r = 0; r < 5; r++) {
      dr_real phys = dr_amp_lepton_factor(rules[r], &k), gauge = dr_amp_lepton_factor_pol(rules[r], &k, &k.k);
      assert_true(phys > 0);
      assert_true(gauge <= 1e-20 * phys);
    }
    assert_true(dr_amp_lepton_factor_pol(DR_VERTEX_AXIAL, &k, &k.k) > 1e-6 * dr_amp_lepton_factor(DR_VERTEX_AXIAL, &k));
  }
}

static void test_moment_identities(void **state) {
  (void)state;
  /* on shell: charge radius = m_X^2 x vector and anapole = m_X^2 x axial, at amplitude level
   * (|M|^2 to 2e-10), in the 2 -> 3 process of ETL and in the 2 -> 2 process of WW */
  const double cfg[][5] = {{3.7, 0.613, 2.21, 0.173, 0.77}, {12.5, 0.0923, 7.41, 0.0311, 2.9},
                           {160, 0.31, 97.0, 0.0021, 1.3}};
  for (int c = 0; c < 3; c++) {
    dr_amp_kin k = muon_kin(cfg[c][0], cfg[c][1], cfg[c][2], cfg[c][3], cfg[c][4], 0.55);
    double m4 = pow(cfg[c][1], 4);
    assert_rel((double)dr_amp_lepton_factor(DR_VERTEX_CHARGE_RADIUS, &k),
               m4 * (double)dr_amp_lepton_factor(DR_VERTEX_VECTOR, &k), 2e-10);
    assert_rel((double)dr_amp_lepton_factor(DR_VERTEX_ANAPOLE, &k),
               m4 * (double)dr_amp_lepton_factor(DR_VERTEX_AXIAL, &k), 2e-10);
  }
  double m = DR_M_MU, M = 0.613, s = 2.7, u = -1.1;
  assert_rel((double)dr_amp_compton(DR_VERTEX_CHARGE_RADIUS, m, M, s, u),
             pow(M, 4) * (double)dr_amp_compton(DR_VERTEX_VECTOR, m, M, s, u), 2e-10);
  assert_rel((double)dr_amp_compton(DR_VERTEX_ANAPOLE, m, M, s, u),
             pow(M, 4) * (double)dr_amp_compton(DR_VERTEX_AXIAL, m, M, s, u), 2e-10);
}

/* |T_E/T_M - 1| of the 2 -> 3 process at 8 GeV on W, m_X = 0.1 GeV, with lepton mass m */
static double dipole_split_2to3(double m) {
  double Mn = 183.84 * DR_AMU_GEV, tlo, thi;
  assert_int_equal(dr_etl_t_range(8.0, m, 0.1, Mn, 6.5, 2.1e-3, &tlo, &thi), DR_OK);
  dr_amp_kin k;
  assert_int_equal(dr_etl_kinematics(8.0, m, 0.1, Mn, 6.5, 2.1e-3, tlo * pow(thi / tlo, 0.6), 0.4, &k), DR_OK);
  return fabs((double)(dr_amp_lepton_factor(DR_VERTEX_ELECTRIC_DIPOLE, &k) /
                       dr_amp_lepton_factor(DR_VERTEX_MAGNETIC_DIPOLE, &k)) - 1);
}

static void test_dipoles_massless_limit(void **state) {
  (void)state;
  /* magnetic and electric dipole differ only by terms in m_l (chirality): the relative
   * difference falls as m_l^2 (a factor 100 per factor 10 in m_l, within 15 %) and vanishes
   * for m_l -> 0; 2 -> 2 with m_l a free parameter, 2 -> 3 at electron kinematics */
  double M = 0.613, s = 2.7, u = -1.1, d[3];
  const double ml[3] = {DR_M_MU, DR_M_MU / 10, 1e-6};
  for (int i = 0; i < 3; i++)
    d[i] = fabs((double)(dr_amp_compton(DR_VERTEX_ELECTRIC_DIPOLE, ml[i], M, s, u) /
                         dr_amp_compton(DR_VERTEX_MAGNETIC_DIPOLE, ml[i], M, s, u)) - 1);
  assert_true(d[0] > 1e-4);
  assert_rel(d[0] / d[1], 100, 0.15);
  assert_true(d[2] < 1e-9);
  double e1 = dipole_split_2to3(DR_M_E), e2 = dipole_split_2to3(DR_M_E / 10);
  assert_true(e1 < 1e-3);
  assert_rel(e1 / e2, 100, 0.15);
}

/* FORMULARY Part II §2.1 (V, A, S, P) and §2.5 (M, E): A_X of gamma l -> l X by FORM */
static double closed_2to2(dr_vertex_rule r, double s, double u, double M, double m) {
  double is = 1 / s, iu = 1 / u, M2 = M * M, m2 = m * m, m4 = m2 * m2, p = is + iu;
  switch (r) {
  case DR_VERTEX_VECTOR:
    return -2 * (u / s + s / u) + 4 * M2 * p - 4 * M2 * M2 / (s * u) + 8 * m2 * p + 4 * m2 * M2 * (is * is + iu * iu) +
           8 * m4 * p * p;
  case DR_VERTEX_AXIAL:
    return -2 * (u / s + s / u) + 4 * M2 * p - 4 * M2 * M2 / (s * u) - 16 * m2 * p +
           m2 * M2 * (4 * is * is + 24 * is * iu + 4 * iu * iu) - 16 * m4 * p * p - m2 / M2 * (8 + 4 * u / s + 4 * s / u);
  case DR_VERTEX_SCALAR:
    return -2 - u / s - s / u + 2 * M2 * p - 2 * M2 * M2 / (s * u) - 8 * m2 * p +
           m2 * M2 * (2 * is * is + 12 * is * iu + 2 * iu * iu) - 8 * m4 * p * p;
  case DR_VERTEX_PSEUDOSCALAR:
    return -2 - u / s - s / u + 2 * M2 * p - 2 * M2 * M2 / (s * u) + m2 * M2 * (2 * is * is + 4 * is * iu + 2 * iu * iu);
  case DR_VERTEX_MAGNETIC_DIPOLE:
    return M2 * (-2 - u / s - s / u) + 2 * M2 * M2 * p - 2 * M2 * M2 * M2 / (s * u) + 16 * m2 * M2 * p +
           m2 * M2 * M2 * (2 * is * is - 12 * is * iu + 2 * iu * iu) + 16 * m4 * M2 * p * p + 4 * (s + u);
  default: /* electric dipole */
    return M2 * (-2 - u / s - s / u) + 2 * M2 * M2 * p - 2 * M2 * M2 * M2 / (s * u) + 4 * (s + u) - 8 * m2 * M2 * p +
           m2 * M2 * M2 * (2 * is * is + 12 * is * iu + 2 * iu * iu) - 8 * m4 * M2 * p * p;
  }
}

static void test_2to2_vs_closed_forms(void **state) {
  (void)state;
  const dr_vertex_rule r[6] = {DR_VERTEX_VECTOR, DR_VERTEX_AXIAL, DR_VERTEX_SCALAR, DR_VERTEX_PSEUDOSCALAR,
                               DR_VERTEX_MAGNETIC_DIPOLE, DR_VERTEX_ELECTRIC_DIPOLE};
  const double pts[][4] = {/* s, u, m_X, m_l */
                           {2.7, -1.1, 0.613, DR_M_MU}, {5.0, -0.9, 0.0923, DR_M_MU}, {1.3, -0.25, 0.35, 0.0204},
                           {0.037, -0.0021, 0.0317, DR_M_E}};
  for (int i = 0; i < 4; i++)
    for (int k = 0; k < 6; k++)
      assert_rel((double)dr_amp_compton(r[k], pts[i][3], pts[i][2], pts[i][0], pts[i][1]),
                 closed_2to2(r[k], pts[i][0], pts[i][1], pts[i][2], pts[i][3]), 1e-10);
  /* outside the physical region: NaN */
  assert_true(isnan((double)dr_amp_compton(DR_VERTEX_VECTOR, DR_M_MU, 0.613, 0.1, -5)));
}

/* The registry's widths (closed forms with their references, model.c) against
 * X -> l- l+ from the same vertex rules that produce X: one entry, one vertex.
 * Both sides are exact: 1e-12 (muon pair, m_X = 0.5 and 3 GeV). */
static void test_widths_from_vertices(void **state) {
  (void)state;
  const double ms[2] = {0.5, 3.0};
  for (int kind = 0; kind < DR_MODEL_COUNT; kind++) {
    dr_vertex_rule r = dr_model_info_get((dr_model_kind)kind)->rule;
    if (r == DR_VERTEX_NONE) continue;
    for (int i = 0; i < 2; i++) {
      double M = ms[i], ml = DR_M_MU, beta = sqrt(1 - 4 * ml * ml / (M * M));
      double g = 0.7; /* in the model's unit */
      double amp = 4 * DR_PI * DR_ALPHA * g * g * (double)dr_amp_decay(r, ml, M) * beta / (16 * DR_PI * M);
      assert_rel(amp, dr_model_width_ff((dr_model_kind)kind, g, M, ml), 1e-12);
    }
  }
}

int main(void) {
  dr_library_init();
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_kinematics_on_shell),
      cmocka_unit_test(test_numeric_vs_closed_form),
      cmocka_unit_test(test_numeric_vs_closed_form_electrons),
      cmocka_unit_test(test_moment_gauge_invariance),
      cmocka_unit_test(test_moment_identities),
      cmocka_unit_test(test_dipoles_massless_limit),
      cmocka_unit_test(test_2to2_vs_closed_forms),
      cmocka_unit_test(test_widths_from_vertices),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
