/* WW and IWW dark bremsstrahlung. Independent numbers: the re-derivation of [Bjorken:2009mm] App. A in the derivation note FORMULARY Part II §9
 * (WW with t_max = E^2 as ratio x ETL) and §2.4 (muon IWW/ETL); the DMG4 ETL
 * table of shared/reference §1 for ratios between mediators; analytic
 * limits (Bethe-Heitler photon spectrum, theta integral of WW = IWW). */
#include "dr_test.h"

/* this file tests the WW and IWW layers; ETL is tested in test_etl.c */
static dr_xsec_opts ww_opts(void) {
  dr_xsec_opts o = dr_xsec_opts_default();
  o.method = DR_METHOD_WW;
  return o;
}

#include <gsl/gsl_integration.h>

static dr_xsec_ws *ws;
static dr_error err;

static dr_process proc(dr_model_kind k, const char *beam, double E, double m, const char *tgt) {
  dr_beam b;
  dr_process p;
  assert_int_equal(dr_beam_parse(beam, &b, &err), DR_OK);
  assert_int_equal(dr_process_init(&p, k, &b, E, m, dr_material_find(tgt), DR_INEL_LINEAR, &err), DR_OK);
  return p;
}

/* IWW integrates the angle to infinity: not defined for the dipoles and the spin-2 */
static int has_iww(dr_model_kind k) {
  dr_vertex_rule r = dr_model_info_get(k)->rule;
  return r != DR_VERTEX_MAGNETIC_DIPOLE && r != DR_VERTEX_ELECTRIC_DIPOLE && r != DR_VERTEX_SPIN2;
}

static double sigma_pb(const dr_process *p, dr_method meth, dr_tmax_conv tm, double xlo) {
  dr_xsec_opts o = ww_opts();
  o.method = meth;
  o.tmax = tm;
  dr_estimate s;
  assert_int_equal(dr_sigma(p, &o, xlo, 1, ws, &s, &err), DR_OK);
  assert_true(s.err <= 1e-3 * s.val);
  return s.val * DR_GEV2_TO_PB;
}

static void test_ww_part2(void **state) {
  (void)state;
  /* (E, m, sigma_ETL [pb], WW(t_max = E^2)/ETL), Part II §9, Pb, eps = 1 */
  const double r[][4] = {{100, 0.01, 8.488e11, 1.40}, {100, 0.1, 1.052e10, 1.35},
                         {100, 1, 1.931e7, 1.47},     {20, 0.01, 7.993e11, 1.42},
                         {20, 0.001, 2.159e13, 1.63}, {160, 0.1, 1.179e10, 1.32}};
  for (size_t i = 0; i < sizeof r / sizeof r[0]; i++) {
    dr_process p = proc(DR_MODEL_VECTOR, "e-", r[i][0], r[i][1], "Pb");
    /* tolerance: the ratios are quoted to 3 digits (<= 0.4 %) plus 1 % for the reference integration */
    assert_rel(sigma_pb(&p, DR_METHOD_WW, DR_TMAX_E2, 0), r[i][2] * r[i][3], 0.015);
  }
}

typedef struct {
  const dr_process *p;
  dr_xsec_opts o;
} dsdx_params;

static double dsdx_v(double v, void *vp) {
  dsdx_params *d = vp;
  double x = 1 - exp(-v);
  dr_estimate r;
  dr_dsigma_dx(d->p, &d->o, x, ws, &r, &err);
  return r.val * exp(-v);
}

static void test_dsdx_integrates_to_sigma(void **state) {
  (void)state;
  /* an independent rule: 400-point Gauss-Legendre in v = -ln(1-x) over the whole range */
  gsl_integration_glfixed_table *t = gsl_integration_glfixed_table_alloc(400);
  const dr_method meths[2] = {DR_METHOD_WW, DR_METHOD_IWW};
  const char *beams[2] = {"e-", "mu-"};
  for (int b = 0; b < 2; b++)
    for (int k = 0; k < 2; k++) {
      dr_process p = proc(DR_MODEL_VECTOR, beams[b], 8.0, 0.0523, "W");
      dsdx_params d = {&p, ww_opts()};
      d.o.method = meths[k];
      gsl_function F = {dsdx_v, &d};
      double xlo = 0.3;
      double I = gsl_integration_glfixed(&F, -log1p(-xlo), -log1p(-dr_xsec_xmax(&p)), t);
      dr_estimate s;
      assert_int_equal(dr_sigma(&p, &d.o, xlo, 1, ws, &s, &err), DR_OK);
      assert_rel(I, s.val, 1e-3);
    }
  gsl_integration_glfixed_table_free(t);
}

static void test_coupling_scaling(void **state) {
  (void)state;
  for (int k = 0; k < DR_MODEL_COUNT; k++) {
    dr_method meth = has_iww((dr_model_kind)k) ? DR_METHOD_IWW : DR_METHOD_WW;
    dr_process p = proc((dr_model_kind)k, "e-", 8, 0.0317, "W");
    double s1 = sigma_pb(&p, meth, DR_TMAX_MX2, 0.7);
    p.coupling = 2.385e-4;
    assert_rel(sigma_pb(&p, meth, DR_TMAX_MX2, 0.7), s1 * 2.385e-4 * 2.385e-4, 1e-9);
  }
  /* IWW is refused for the dipoles, with a message */
  dr_process d = proc(DR_MODEL_MAGNETIC_DIPOLE, "e-", 8, 0.0317, "W");
  dr_xsec_opts o = ww_opts();
  o.method = DR_METHOD_IWW;
  dr_estimate s;
  dr_error e;
  dr_error_clear(&e);
  assert_int_equal(dr_sigma(&d, &o, 0.7, 1, ws, &s, &e), DR_EINVAL);
}

static void test_threshold(void **state) {
  (void)state;
  dr_beam b;
  dr_beam_parse("mu-", &b, &err);
  dr_process p;
  const dr_material *w = dr_material_find("W");
  /* m_X >= E0 - m_l is outside the kinematics */
  assert_int_equal(dr_process_init(&p, DR_MODEL_VECTOR, &b, 15, 15 - 0.1, w, DR_INEL_LINEAR, &err), DR_EDOMAIN);
  assert_int_equal(dr_process_init(&p, DR_MODEL_VECTOR, &b, 0.1, 0.01, w, DR_INEL_LINEAR, &err), DR_EDOMAIN);
  assert_int_equal(dr_process_init(&p, DR_MODEL_VECTOR, &b, 15, -0.1, w, DR_INEL_LINEAR, &err), DR_EINVAL);
  assert_int_equal(dr_process_init(&p, DR_MODEL_VECTOR, &b, 15, 0.0, w, DR_INEL_LINEAR, &err), DR_EINVAL);
  /* the cross section vanishes towards the limit: beta_X -> 0 and x range -> 0 */
  double prev = INFINITY;
  for (double m = 13.0; m < 14.9; m += 0.6) {
    dr_process q = proc(DR_MODEL_VECTOR, "mu-", 15, m, "W");
    double s = sigma_pb(&q, DR_METHOD_WW, DR_TMAX_MX2, 0);
    assert_true(s > 0 && s < prev);
    prev = s;
  }
  /* d sigma/dx is 0 at x = m/E (beta_X = 0) and grows as sqrt(x - m/E) above */
  dr_process q = proc(DR_MODEL_VECTOR, "e-", 8, 2.0, "W");
  dr_xsec_opts o = ww_opts();
  o.method = DR_METHOD_IWW;
  dr_estimate d1, d2;
  double x0 = 0.25;
  dr_dsigma_dx(&q, &o, x0 + 1e-8, ws, &d1, &err);
  dr_dsigma_dx(&q, &o, x0 + 4e-8, ws, &d2, &err);
  assert_rel(d2.val / d1.val, 2.0, 1e-3);
  dr_dsigma_dx(&q, &o, x0 - 1e-3, ws, &d1, &err);
  assert_true(d1.val == 0);
}

typedef struct {
  const dr_process *p;
  dr_xsec_opts o;
  double x;
} th_params;

static double ww_costh(double lnth, void *vp) {
  th_params *t = vp;
  double th = exp(lnth), v;
  dr_ww_d2sigma(t->p, &t->o, t->x, th, ws, &v, &err);
  return v * th * th; /* small-angle measure dcos = th dth = th^2 dln th, as in the IWW derivation */
}

static double ww_costh_sin(double lnth, void *vp) {
  th_params *t = vp;
  double th = exp(lnth), v;
  dr_ww_d2sigma(t->p, &t->o, t->x, th, ws, &v, &err);
  return v * sin(th) * th; /* dcos = sin th dth, the library's measure */
}

/* The spin-2 square has the photon-exchange pole 1/v^2, v = -(p - p')^2, cut off at
 * v0 = m_l^2 x^2/(1-x); the library integrates the angle in ln(v/v0) with v formed without
 * cancellation (ww.c). Against the double differential (the same kernel, at each angle) integrated
 * here in ln theta: two quadratures at 1e-9 and 3e-8, so 1e-6. The electron cases include 100 GeV
 * at 10 MeV, where v0 is 1e-13 of s and a v formed from s and u would be wrong near the pole. */
static void test_ww_spin2_photon_pole(void **state) {
  (void)state;
  const struct {
    const char *beam;
    double E, m;
    const char *tgt;
  } c[4] = {{"mu-", 160, 0.05, "Pb"}, {"mu-", 15, 0.3, "W"}, {"e-", 16, 0.5, "W"}, {"e-", 100, 0.01, "Pb"}};
  dr_quad *q = dr_quad_alloc(400);
  for (int i = 0; i < 4; i++) {
    dr_process p = proc(DR_MODEL_SPIN2, c[i].beam, c[i].E, c[i].m, c[i].tgt);
    const double xs[3] = {0.1, 0.5, 0.9};
    for (int j = 0; j < 3; j++) {
      th_params t = {&p, ww_opts(), xs[j]};
      t.o.rel_tol = 1e-7;
      dr_estimate I, d;
      assert_int_equal(dr_quad_integrate(q, ww_costh_sin, &t, log(1e-16), log(DR_PI), NULL, 0, 0, 1e-9, &I), DR_OK);
      assert_int_equal(dr_dsigma_dx(&p, &t.o, xs[j], ws, &d, &err), DR_OK);
      assert_rel(d.val, I.val, 1e-6);
    }
  }
  dr_quad_free(q);
}

/* WW at the forward edge: theta = 0 exactly, where s and u reach the 2 -> 2
 * amplitude with rounding from their cancellation, is a finite number for
 * every x (it came out NaN for some before the angle was clamped to rounding) */
static void test_ww_forward_edge(void **state) {
  (void)state;
  const dr_model_kind ms[3] = {DR_MODEL_VECTOR, DR_MODEL_MAGNETIC_DIPOLE, DR_MODEL_ANAPOLE};
  dr_xsec_ws *w = dr_xsec_ws_alloc();
  for (int k = 0; k < 3; k++) {
    dr_process p = proc(ms[k], "e-", 4, 0.001, "W");
    dr_xsec_opts o = dr_xsec_opts_default();
    o.method = DR_METHOD_WW;
    for (int i = 1; i < 4000; i++) {
      double x = i / 4000.0, v = NAN;
      dr_error e;
      dr_error_clear(&e);
      if (!(x > dr_xsec_xmin(&p) && x < dr_xsec_xmax(&p))) continue;
      assert_int_equal(dr_ww_d2sigma(&p, &o, x, 0.0, w, &v, &e), DR_OK);
      assert_true(isfinite(v) && v >= 0);
    }
  }
  dr_xsec_ws_free(w);
}

static void test_iww_is_theta_integral_of_ww(void **state) {
  (void)state;
  /* With chi frozen at theta = 0, integrating the WW double differential with
   * the small-angle measure dcos(theta) = theta dtheta gives the IWW closed form
   * (tolerance 1e-5; theta runs to 1e3 so that the truncated tail, ~theta_c^2/theta_max^2, is negligible). The library's WW
   * integral uses sin(theta) dtheta and differs by O(theta_c^2) ~ 1e-4 here,
   * theta_c^2 = U_min/(E^2 x): tolerance 1e-3. */
  const char *beams[2] = {"e-", "mu-"};
  dr_quad *q = dr_quad_alloc(200);
  for (int b = 0; b < 2; b++)
    for (int k = 0; k < DR_MODEL_COUNT; k++) {
      if (!has_iww((dr_model_kind)k) || dr_model_is_pair((dr_model_kind)k)) continue; /* dipoles: no IWW; pairs: tests/test_mcp.c */
      dr_process p = proc((dr_model_kind)k, beams[b], 16, 0.0613, "Cu");
      th_params t = {&p, ww_opts(), 0};
      t.o.ww_chi_frozen = 1;
      const double xs[3] = {0.31, 0.77, 0.985};
      for (int i = 0; i < 3; i++) {
        t.x = xs[i];
        dr_estimate I;
        dr_quad_integrate(q, ww_costh, &t, log(1e-9), log(1e3), NULL, 0, 0, 1e-9, &I);
        dr_xsec_opts oi = ww_opts();
        oi.method = DR_METHOD_IWW;
        dr_estimate d;
        dr_dsigma_dx(&p, &oi, xs[i], ws, &d, &err);
        assert_rel(I.val, d.val, 1e-5);
        /* the WW theta integral done by the library agrees as well */
        dr_estimate dw;
        dr_dsigma_dx(&p, &t.o, xs[i], ws, &dw, &err);
        assert_rel(dw.val, d.val, 1e-3);
      }
    }
  dr_quad_free(q);
}

static void test_photon_limit_bethe_heitler(void **state) {
  (void)state;
  /* m_X -> 0, vector: x d sigma/dx = (4 alpha^3/m_e^2) [(4/3)(1-x) + x^2] chi/2,
   * i.e. the complete-screening Bethe-Heitler spectrum with Z^2 ln(183 Z^-1/3)
   * replaced by chi/2 (derivation note FORMULARY Part I §3: "check the photon limit"). */
  dr_process p = proc(DR_MODEL_VECTOR, "e-", 10, 1e-7, "Pb");
  dr_xsec_opts o = ww_opts();
  o.method = DR_METHOD_IWW;
  dr_quad *q = dr_quad_alloc(200);
  const double xs[3] = {0.1, 0.5, 0.9};
  for (int i = 0; i < 3; i++) {
    double x = xs[i], m2 = DR_M_E * DR_M_E;
    dr_estimate d, chi;
    dr_dsigma_dx(&p, &o, x, ws, &d, &err);
    double U = m2 * x;
    dr_flux_chi(&p.ff, U * U / (4 * 100.0 * (1 - x) * (1 - x)), dr_xsec_tmax(&p, DR_TMAX_MX2), q, 1e-10, &chi);
    double bh = 4 * pow(DR_ALPHA, 3) / m2 * (4.0 / 3 * (1 - x) + x * x) * chi.val / 2;
    assert_rel(x * d.val, bh, 1e-5);
  }
  dr_quad_free(q);
}

static void test_mediator_ratios_vs_etl(void **state) {
  (void)state;
  /* DMG4 ETL, Pb, 100 GeV (shared reference §1): ratios to the vector */
  const double ms[3] = {0.01, 0.1, 1};
  const double etl[3][4] = {{8486.3, 3055.64, 3046.74, 8563.1},
                            {106.04, 43.689, 43.7212, 106.053},
                            {0.191974, 0.0833825, 0.0834482, 0.191974}};
  for (int i = 0; i < 3; i++) {
    double s[4];
    for (int k = 0; k < 4; k++) {
      dr_process p = proc((dr_model_kind)k, "e-", 100, ms[i], "Pb");
      s[k] = sigma_pb(&p, DR_METHOD_WW, DR_TMAX_MX2, 0);
    }
    /* axial/vector and pseudoscalar/scalar: same spin structure in the
     * forward region, so the WW error cancels: 1 % */
    assert_rel(s[DR_MODEL_AXIAL] / s[DR_MODEL_VECTOR], etl[i][3] / etl[i][0], 0.01);
    assert_rel(s[DR_MODEL_PSEUDOSCALAR] / s[DR_MODEL_SCALAR], etl[i][2] / etl[i][1], 0.01);
    /* scalar/vector: the x spectra differ, so WW's error does not cancel
     * fully (observed +4..6 %); 7 % still catches the 4-vs-8 prefactor trap
     * (a factor 2) of [Bjorken:2009mm] eq. (A12) (derivation note FORMULARY Part II §2.1) */
    assert_rel(s[DR_MODEL_SCALAR] / s[DR_MODEL_VECTOR], etl[i][1] / etl[i][0], 0.07);
  }
}

static void test_muon_iww_over_ww(void **state) {
  (void)state;
  /* Part II §2.4: for 160 GeV muons on Pb, WW (t_max = E^2) agrees with ETL
   * within 0.5-1 %, and IWW exceeds ETL by 13 %, 26 %, 81 % at 10 MeV,
   * 100 MeV, 1 GeV. So IWW/WW must reproduce those within 1.5 %. */
  const double r[3][2] = {{0.01, 1.13}, {0.1, 1.26}, {1.0, 1.81}};
  for (int i = 0; i < 3; i++) {
    dr_process p = proc(DR_MODEL_VECTOR, "mu-", 160, r[i][0], "Pb");
    double ww = sigma_pb(&p, DR_METHOD_WW, DR_TMAX_E2, 0);
    double iww = sigma_pb(&p, DR_METHOD_IWW, DR_TMAX_E2, 0);
    assert_rel(iww / ww, r[i][1], 0.015);
  }
}

int main(void) {
  dr_library_init();
  ws = dr_xsec_ws_alloc();
  dr_error_clear(&err);
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_ww_part2),
      cmocka_unit_test(test_dsdx_integrates_to_sigma),
      cmocka_unit_test(test_coupling_scaling),
      cmocka_unit_test(test_threshold),
      cmocka_unit_test(test_ww_forward_edge),
      cmocka_unit_test(test_iww_is_theta_integral_of_ww),
      cmocka_unit_test(test_photon_limit_bethe_heitler),
      cmocka_unit_test(test_mediator_ratios_vs_etl),
      cmocka_unit_test(test_muon_iww_over_ww),
      cmocka_unit_test(test_ww_spin2_photon_pole),
  };
  int rc = cmocka_run_group_tests(tests, NULL, NULL);
  dr_xsec_ws_free(ws);
  return rc;
}
