/* Thick targets and the sigma(E, x_th) table:
 *  - Tsai track length against independent 30-digit quadratures (mpmath) and
 *    its moments (total = T, mean ln(E0/E) = b t);
 *  - the table against direct cross sections off its nodes (IWW: the
 *    interpolation alone; ETL: within the Monte Carlo errors);
 *  - the thick-target yield against a direct quadrature of
 *    int dt int dE I_e sigma(E, x > x_th E0/E) that uses neither the table nor
 *    the track intervals, and its thin-target limit. */
#include "dr_test.h"

#include <gsl/gsl_integration.h>
#include <gsl/gsl_sf_gamma.h>
#include <gsl/gsl_spline.h>

static void test_track_length(void **state) {
  (void)state;
  /* int_0^T dt P(4t/3, ln(1/f)), mpmath.quad with mpmath.gammainc (30 digits) */
  const double f[4] = {0.9, 0.5, 0.3, 0.1};
  const double inf[4] = {0.341164868429608, 0.86999729809037, 1.26801889034275, 2.10004452895378};
  const double one[4] = {0.331426097856494, 0.674208745108251, 0.810893368149919, 0.938646009185151};
  for (int i = 0; i < 4; i++) {
    assert_rel(dr_track_tsai_above(60, f[i]), inf[i], 1e-7);
    assert_rel(dr_track_tsai_above(1, f[i]), one[i], 1e-7);
  }
  /* thin limit: all of a short track is above f E0 */
  assert_rel(dr_track_tsai_above(1e-4, 0.5), 1e-4, 1e-3);
  /* intervals: sum = T, and sum w ybar = int_0^T b t dt = b T^2/2 (Gamma(bt) has mean bt) */
  double yb[64], w[64], sw = 0, swy = 0;
  dr_error e;
  dr_error_clear(&e);
  assert_int_equal(dr_track_tsai(3.0, 60.0, 64, yb, w, &e), DR_OK);
  for (int k = 0; k < 64; k++) sw += w[k], swy += w[k] * yb[k];
  assert_rel(sw, 3.0, 1e-9);
  assert_rel(swy, 4.0 / 3.0 * 9.0 / 2.0, 1e-7);
  /* intervals up to ln(1/f) add up to the track above f E0 */
  assert_int_equal(dr_track_tsai(40.0, log(2.0), 48, yb, w, &e), DR_OK);
  sw = 0;
  for (int k = 0; k < 48; k++) sw += w[k];
  assert_rel(sw, inf[1], 1e-7);
  assert_int_equal(dr_track_tsai(-1, 1, 4, yb, w, &e), DR_EINVAL);
}

static dr_xs_table_spec spec(dr_beam *b, double mX, double Elo, double Ehi, int nE) {
  dr_error e;
  dr_beam_parse("e-", b, &e);
  dr_xs_table_spec s = {DR_MODEL_VECTOR, b, dr_material_find("W"), DR_INEL_LINEAR, mX, Elo, Ehi, nE, 100};
  return s;
}

static double direct(const dr_xs_table_spec *s, const dr_xsec_opts *o, double E, double xth,
                     double *err) {
  dr_error e;
  dr_error_clear(&e);
  dr_process p;
  dr_process_init(&p, s->model, s->beam, E, s->m_X, s->material, s->inel, &e);
  dr_xsec_ws *w = dr_xsec_ws_alloc();
  dr_estimate d;
  dr_sigma(&p, o, xth, 1, w, &d, &e);
  dr_xsec_ws_free(w);
  if (err) *err = d.err;
  return d.val;
}

static void test_table_iww(void **state) {
  (void)state;
  dr_beam b;
  dr_error e;
  dr_error_clear(&e);
  dr_xsec_opts o = dr_xsec_opts_default();
  o.method = DR_METHOD_IWW;
  o.rel_tol = 1e-7;
  /* a light and a heavy mass (steep near the production threshold) over a factor 10 in E */
  const double mX[2] = {0.01, 1.0};
  for (int m = 0; m < 2; m++) {
    dr_xs_table_spec s = spec(&b, mX[m], 2.0, 20.0, 10);
    dr_xs_table *t = dr_xs_table_build(&s, &o, &e);
    assert_non_null(t);
    const double Es[3] = {2.3, 6.1, 17.0}, xs[3] = {0.1, 0.5, 0.85};
    for (int i = 0; i < 3; i++)
      for (int j = 0; j < 3; j++) {
        double v;
        assert_int_equal(dr_xs_table_sigma(t, Es[i], xs[j], &v, NULL), DR_OK);
        /* tolerance: the interpolation in E (10 nodes) and x (bins of 0.01) */
        assert_rel(v, direct(&s, &o, Es[i], xs[j], NULL), 5e-3);
      }
    double v;
    assert_int_equal(dr_xs_table_sigma(t, 25.0, 0.5, &v, NULL), DR_EDOMAIN);
    assert_int_equal(dr_xs_table_sigma(t, 0.5 * mX[m], 0.5, &v, NULL), DR_OK); /* below threshold */
    assert_true(v == 0);
    dr_xs_table_free(t);
  }
  dr_xs_table_spec bad = spec(&b, 1.0, 0.9, 20.0, 10);
  assert_null(dr_xs_table_build(&bad, &o, &e)); /* E_lo below m_X + m_e */
}

static void test_table_etl(void **state) {
  (void)state;
  dr_beam b;
  dr_error e;
  dr_error_clear(&e);
  dr_xsec_opts o = dr_xsec_opts_default();
  o.etl_rel_tol = 1e-2;
  dr_xs_table_spec s = spec(&b, 0.1, 4.0, 8.0, 4);
  dr_xs_table *t = dr_xs_table_build(&s, &o, &e);
  assert_non_null(t);
  dr_xsec_opts od = dr_xsec_opts_default();
  od.etl_rel_tol = 5e-3;
  const double Es[2] = {5.3, 7.1}, xs[2] = {0.3, 0.7};
  for (int i = 0; i < 2; i++)
    for (int j = 0; j < 2; j++) {
      double v, ve, de, d = direct(&s, &od, Es[i], xs[j], &de);
      assert_int_equal(dr_xs_table_sigma(t, Es[i], xs[j], &v, &ve), DR_OK);
      /* within 4 combined standard deviations (MC) */
      assert_true(fabs(v - d) <= 4 * sqrt(ve * ve + de * de));
      assert_true(ve < 0.015 * v);
    }
  dr_xs_table_free(t);
}

/* ---- thick-target yield by a direct quadrature ---- */
typedef struct {
  gsl_spline *g; /* sigma(E(y), x > x_th e^y) against y */
  gsl_interp_accel *acc;
  double ymax, t;
} direct_params;

/* s = y^(bt): e^-y y^(bt-1)/Gamma(bt) dy = e^-y ds/Gamma(bt+1) */
static double s_integrand(double s, void *vp) {
  direct_params *p = vp;
  double a = 4.0 / 3.0 * p->t, y = pow(s, 1 / a);
  if (y > p->ymax) y = p->ymax;
  return exp(-y) * gsl_spline_eval(p->g, y, p->acc) / gsl_sf_gamma(a + 1);
}

static double t_integrand(double t, void *vp) {
  direct_params *p = vp;
  p->t = t;
  double a = 4.0 / 3.0 * t, r, er;
  gsl_integration_workspace *ws = gsl_integration_workspace_alloc(200);
  gsl_function f = {s_integrand, p};
  gsl_integration_qag(&f, 0, pow(p->ymax, a), 0, 1e-8, 200, GSL_INTEG_GAUSS21, ws, &r, &er);
  gsl_integration_workspace_free(ws);
  return r;
}

static void test_thick_yield(void **state) {
  (void)state;
  dr_experiment x = dr_test_card("na64e");
  x.track = DR_TRACK_TSAI; /* Tsai's primary electron (the card runs the shower) */
  dr_xsec_opts o = dr_xsec_opts_default();
  o.method = DR_METHOD_IWW;
  o.rel_tol = 1e-7;
  dr_xsec_ws *w = dr_xsec_ws_alloc();
  dr_error e;
  dr_error_clear(&e);
  const double mX = 0.05;
  dr_signal s;
  assert_int_equal(dr_signal_prepare(&x, DR_MODEL_VECTOR, &o, mX, w, &s, &e), DR_OK);
  /* g(y) from dr_sigma at E = E0 e^-y, on 121 nodes, cubic spline */
  enum { NY = 121 };
  double ymax = -log(x.x_th), ys[NY], gs[NY];
  dr_process p;
  for (int i = 0; i < NY; i++) {
    ys[i] = ymax * i / (NY - 1);
    double E = x.energy * exp(-ys[i]);
    dr_process_init(&p, DR_MODEL_VECTOR, &x.beam, E, mX, x.material, DR_INEL_LINEAR, &e);
    dr_estimate d;
    dr_sigma(&p, &o, fmin(1.0, x.x_th * x.energy / E), 1, w, &d, &e);
    gs[i] = d.val;
  }
  direct_params dp = {gsl_spline_alloc(gsl_interp_cspline, NY), gsl_interp_accel_alloc(), ymax, 0};
  gsl_spline_init(dp.g, ys, gs, NY);
  gsl_integration_workspace *ws = gsl_integration_workspace_alloc(200);
  gsl_function f = {t_integrand, &dp};
  double r, er;
  gsl_integration_qag(&f, 0, x.thickness_x0, 0, 1e-7, 200, GSL_INTEG_GAUSS21, ws, &r, &er);
  /* tolerance: the table interpolation and the 48 track intervals */
  assert_rel(s.sigma_yield, r, 3e-3);
  /* sanity: below the beam-energy estimate with the same track length above E0/2 */
  assert_true(s.sigma_yield < dr_track_tsai_above(x.thickness_x0, x.x_th) * s.sigma);
  gsl_integration_workspace_free(ws);
  gsl_spline_free(dp.g);
  gsl_interp_accel_free(dp.acc);

  /* thin limit: 0.01 X0 with tsai = 0.01 X0 at the beam energy, to the energy
   * lost in 0.01 X0 (mean ln(E0/E) = b t/2 ~ 0.7 %) */
  dr_experiment thin = x;
  thin.thickness_x0 = 0.01;
  dr_signal st, se;
  dr_signal_prepare(&thin, DR_MODEL_VECTOR, &o, mX, w, &st, &e);
  thin.track = DR_TRACK_EFFECTIVE;
  thin.effective_thickness_x0 = 0.01;
  dr_signal_prepare(&thin, DR_MODEL_VECTOR, &o, mX, w, &se, &e);
  assert_rel(st.sigma_yield, se.sigma_yield, 1e-2);
  assert_true(st.sigma_yield < se.sigma_yield);
  dr_xsec_ws_free(w);
}

static void test_thick_visible(void **state) {
  (void)state;
  dr_experiment x = dr_test_card("e137");
  x.track = DR_TRACK_TSAI; /* Tsai's primary electron (the card runs the shower) */
  dr_xsec_opts o = dr_xsec_opts_default();
  o.method = DR_METHOD_IWW;
  dr_xsec_ws *w = dr_xsec_ws_alloc();
  dr_error e;
  dr_error_clear(&e);
  dr_signal s;
  assert_int_equal(dr_signal_prepare(&x, DR_MODEL_VECTOR, &o, 0.05, w, &s, &e), DR_OK);
  /* the spectrum adds up to the invisible-style yield over the same track */
  dr_experiment xi = x;
  xi.signature = DR_SIG_INVISIBLE;
  xi.dm = DR_DM_NONE;
  dr_signal si;
  dr_signal_prepare(&xi, DR_MODEL_VECTOR, &o, 0.05, w, &si, &e);
  double sum = 0;
  for (int i = 0; i < s.nx; i++) {
    sum += s.wdsdx[i];
    assert_true(s.xs[i] >= x.x_th && s.xs[i] <= 1);
  }
  assert_rel(sum, si.sigma_yield, 1e-9);
  assert_true(s.nx > 64);
  dr_xsec_ws_free(w);
}

int main(void) {
  dr_library_init();
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_track_length), cmocka_unit_test(test_table_iww),
      cmocka_unit_test(test_table_etl),    cmocka_unit_test(test_thick_yield),
      cmocka_unit_test(test_thick_visible),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
