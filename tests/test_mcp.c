/* Millicharged pairs (src/xsec/mcp.c): the spectral density against the
 * widths of a vector to a lepton pair and to a complex scalar pair, its
 * threshold, eps^2 scaling, the logarithm at small m_chi against the photon
 * limit, the 5-dimensional ETL integral against a quadrature over q of
 * separate ETL runs, WW against ETL for muons, and the decay of the virtual
 * photon. */
#include "dr_test.h"

#include <gsl/gsl_integration.h>

static dr_process pair(dr_model_kind m, const char *beam, double E, double mchi, const char *mat, double eps) {
  dr_beam b;
  dr_error e;
  dr_error_clear(&e);
  dr_beam_parse(beam, &b, &e);
  dr_process p;
  assert_int_equal(dr_process_init(&p, m, &b, E, mchi, dr_material_find(mat), DR_INEL_LINEAR, &e), DR_OK);
  p.coupling = eps;
  return p;
}

static double sigma(const dr_process *p, dr_method meth, double prec, double x_lo, dr_estimate *s) {
  dr_xsec_opts o = dr_xsec_opts_default();
  o.method = meth;
  o.etl_rel_tol = prec;
  dr_xsec_ws *w = dr_xsec_ws_alloc();
  dr_error e;
  dr_error_clear(&e);
  assert_int_equal(dr_sigma(p, &o, x_lo, 1, w, s, &e), DR_OK);
  dr_xsec_ws_free(w);
  return s->val;
}

/* rho(q^2) = Gamma(V* -> chi chibar)/(pi q^3): with m_chi = m_mu and eps = 1
 * the virtual photon's width to a muon pair (the registry's vector width,
 * [Ilten:2018crw] eq. 2.13, itself tested against the Feynman rules), and for
 * a complex scalar the A' width to complex-scalar dark matter with alpha_D =
 * alpha (decay.h); 1e-12 */
static void test_spectral_normalisation(void **state) {
  (void)state;
  const double qs[3] = {0.25, 1.0, 3.0};
  for (int i = 0; i < 3; i++) {
    double q = qs[i];
    double want = dr_model_width_ff(DR_MODEL_VECTOR, 1.0, q, DR_M_MU) / (DR_PI * q * q * q);
    assert_rel(dr_mcp_spectral(q * q, DR_M_MU, 1.0, 0), want, 1e-12);
    double ws = dr_width_dm(DR_DM_COMPLEX_SCALAR, DR_ALPHA, q, DR_M_MU) / (DR_PI * q * q * q);
    assert_rel(dr_mcp_spectral(q * q, DR_M_MU, 1.0, 1), ws, 1e-12);
  }
  /* threshold: zero below 4 m^2, beta (Dirac) and beta^3 (scalar) just above */
  double m = 0.1, d = 1e-6;
  assert_true(dr_mcp_spectral(4 * m * m * (1 - 1e-9), m, 1, 0) == 0);
  assert_rel(dr_mcp_spectral(4 * m * m * (1 + 4 * d), m, 1, 0) / dr_mcp_spectral(4 * m * m * (1 + d), m, 1, 0), 2.0,
             1e-5);
  assert_rel(dr_mcp_spectral(4 * m * m * (1 + 4 * d), m, 1, 1) / dr_mcp_spectral(4 * m * m * (1 + d), m, 1, 1), 8.0,
             1e-5);
}

/* rates scale as eps^2 (same seed: exactly) */
static void test_eps_scaling(void **state) {
  (void)state;
  dr_estimate s1, s2;
  dr_process p = pair(DR_MODEL_MILLICHARGED, "e-", 8, 0.05, "Al", 1e-3);
  double a = sigma(&p, DR_METHOD_ETL, 1e-2, 0.7, &s1);
  p.coupling = 3e-3;
  double b = sigma(&p, DR_METHOD_ETL, 1e-2, 0.7, &s2);
  assert_rel(b / a, 9.0, 1e-12);
}

/* Small m_chi: int_{4m^2} (1 + 2m^2/q^2) beta dq^2/q^2 = ln(Lambda^2/m^2) - 5/3
 * + O(m^2/Lambda^2), so where sigma_V(q) is flat (q << m_e: the photon limit)
 * sigma(m2) - sigma(m1) = (alpha eps^2/(3 pi)) sigma_V(q -> 0) 2 ln(m1/m2).
 * 8 GeV e- on Al, x > 0.7, m = 1e-5 and 1e-6 GeV; sigma_V at m_X = 2e-6 GeV.
 * The difference is ~40 % of each sigma, so 0.3 % on each gives ~1 % on it:
 * 3 % (3 sigma). */
static void test_small_mass_logarithm(void **state) {
  (void)state;
  dr_estimate a, b, v;
  dr_process p1 = pair(DR_MODEL_MILLICHARGED, "e-", 8, 1e-5, "Al", 1);
  dr_process p2 = pair(DR_MODEL_MILLICHARGED, "e-", 8, 1e-6, "Al", 1);
  dr_beam bm;
  dr_error e;
  dr_error_clear(&e);
  dr_beam_parse("e-", &bm, &e);
  dr_process pv;
  dr_process_init(&pv, DR_MODEL_VECTOR, &bm, 8, 2e-6, dr_material_find("Al"), DR_INEL_LINEAR, &e);
  double s1 = sigma(&p1, DR_METHOD_ETL, 3e-3, 0.7, &a), s2 = sigma(&p2, DR_METHOD_ETL, 3e-3, 0.7, &b);
  double sv = sigma(&pv, DR_METHOD_ETL, 3e-3, 0.7, &v);
  assert_rel((s2 - s1) / (2 * log(10.0)), DR_ALPHA / (3 * DR_PI) * sv, 0.03);
}

/* The 5-dimensional ETL integral (q by VEGAS) against the convolution done by
 * hand: Gauss-Legendre over w (q = 2 m cosh w) of separate 4-dimensional ETL
 * runs of the vector at m_X = q times rho(q^2) dq^2/dw. 8 GeV e- on W,
 * m_chi = 0.1 GeV, x > 0.7; 2 x 12 nodes. Tolerance 3 % (MC of both, 1 % each,
 * and the quadrature). */
static void test_convolution_by_hand(void **state) {
  (void)state;
  double m = 0.1, eps = 1;
  dr_process p = pair(DR_MODEL_MILLICHARGED, "e-", 8, m, "W", eps);
  dr_estimate s5;
  double direct = sigma(&p, DR_METHOD_ETL, 5e-3, 0.7, &s5);
  double wmax = acosh((8 - DR_M_E) / (2 * m) * (1 - 1e-12));
  gsl_integration_glfixed_table *t = gsl_integration_glfixed_table_alloc(12);
  dr_beam bm;
  dr_error e;
  dr_error_clear(&e);
  dr_beam_parse("e-", &bm, &e);
  double sum = 0;
  const double cuts[3] = {0, 2.0, wmax};
  for (int piece = 0; piece < 2; piece++)
    for (int i = 0; i < 12; i++) {
      double w, wt;
      gsl_integration_glfixed_point(cuts[piece], cuts[piece + 1], (size_t)i, &w, &wt, t);
      double q = 2 * m * cosh(w);
      dr_process pv;
      assert_int_equal(dr_process_init(&pv, DR_MODEL_VECTOR, &bm, 8, q, dr_material_find("W"), DR_INEL_LINEAR, &e),
                       DR_OK);
      dr_estimate sv;
      dr_xsec_opts o = dr_xsec_opts_default();
      o.etl_rel_tol = 1e-2;
      /* near the kinematic edge (q -> 8 GeV) VEGAS finds no phase space: a rate of 0, as in the 5-dim integral */
      int rc = dr_sigma(&pv, &o, 0.7, 1, NULL, &sv, &e);
      assert_true(rc == DR_OK || (rc == DR_EDOMAIN && q > 7));
      if (rc != DR_OK) sv.val = 0;
      dr_error_clear(&e);
      /* dq^2/dw = 8 m^2 cosh w sinh w */
      sum += wt * sv.val * dr_mcp_spectral(q * q, m, eps, 0) * 8 * m * m * cosh(w) * sinh(w);
    }
  gsl_integration_glfixed_table_free(t);
  assert_rel(direct, sum, 0.03);
}

/* Muons: WW holds for the vector to ~1 % (test_etl), so for the pairs too:
 * 160 GeV mu- on Pb, m_chi = 0.05 GeV, x > 0.5; 3 % as for the vector. */
static void test_muons_ww_vs_etl(void **state) {
  (void)state;
  dr_process p = pair(DR_MODEL_MILLICHARGED, "mu-", 160, 0.05, "Pb", 1e-3);
  dr_estimate a, b;
  double etl = sigma(&p, DR_METHOD_ETL, 5e-3, 0.5, &a);
  dr_xsec_opts o = dr_xsec_opts_default();
  o.method = DR_METHOD_WW;
  o.tmax = DR_TMAX_E2;
  dr_xsec_ws *w = dr_xsec_ws_alloc();
  dr_error e;
  dr_error_clear(&e);
  assert_int_equal(dr_sigma(&p, &o, 0.5, 1, w, &b, &e), DR_OK);
  dr_xsec_ws_free(w);
  assert_rel(b.val / etl, 1.0, 0.03);
}

/* d sigma/dx integrates to sigma (ETL at fixed x on 16 Gauss-Legendre nodes over
 * [0.7, 1), 2 % each; 3 %) */
static void test_dsdx_integrates(void **state) {
  (void)state;
  dr_process p = pair(DR_MODEL_MILLICHARGED_SCALAR, "e-", 8, 0.02, "Al", 1);
  dr_estimate s;
  double tot = sigma(&p, DR_METHOD_ETL, 5e-3, 0.7, &s);
  gsl_integration_glfixed_table *t = gsl_integration_glfixed_table_alloc(16);
  dr_xsec_opts o = dr_xsec_opts_default();
  o.etl_rel_tol = 2e-2;
  double sum = 0, xmax = dr_xsec_xmax(&p);
  for (int i = 0; i < 16; i++) {
    double x, wt;
    gsl_integration_glfixed_point(0.7, xmax, (size_t)i, &x, &wt, t);
    dr_estimate d;
    dr_error e;
    dr_error_clear(&e);
    assert_int_equal(dr_dsigma_dx(&p, &o, x, NULL, &d, &e), DR_OK);
    sum += wt * d.val;
  }
  gsl_integration_glfixed_table_free(t);
  assert_rel(sum, tot, 0.03);
}

/* The decay: chi + chibar = the virtual photon, both on shell; and the mean
 * acceptance over uniform directions is 1 - beta^2/3 (Dirac), i.e. the
 * polarisation e_r built in the lab averages |M.e_r|^2 to T/3 */
static void test_decay(void **state) {
  (void)state;
  dr_process p = pair(DR_MODEL_MILLICHARGED, "e-", 8, 0.1, "W", 1);
  dr_mcp_ctx c;
  assert_int_equal(dr_mcp_ctx_init(&c, &p, 0.7, 1, 0), DR_OK);
  int n = 0;
  for (int i = 0; i < 200; i++) {
    double u[5] = {0.13 + 0.004 * i, 0.37, 0.61, 0.29, 0.83}, w, q, chi[4], chb[4];
    dr_amp_kin k;
    int ch;
    if (dr_mcp_point(&c, u, &w, &k, &ch, &q) != DR_OK) continue;
    dr_mcp_decay(&k, 0.1, 0, 1, 7, (uint64_t)i, chi, chb);
    for (int j = 0; j < 4; j++) assert_true(fabs(chi[j] + chb[j] - (double)k.k.v[j]) <= 1e-9 * (double)k.k.v[0]);
    double m1 = sqrt(fabs(chi[0] * chi[0] - chi[1] * chi[1] - chi[2] * chi[2] - chi[3] * chi[3]));
    assert_true(fabs(m1 - 0.1) < 1e-6 * chi[0]);
    /* <|M.e_r|^2>/T over uniform directions of the rest frame: 1/3 */
    dr_real T = dr_amp_lepton_factor(DR_VERTEX_VECTOR, &k), sum = 0;
    const int nd = 4000;
    for (int d = 0; d < nd; d++) {
      double ct = 2 * dr_vegas_uniform(3, 1, (uint64_t)(2 * d)) - 1, ph = 2 * DR_PI * dr_vegas_uniform(3, 1, (uint64_t)(2 * d + 1));
      double st = sqrt(1 - ct * ct), n3[3] = {st * cos(ph), st * sin(ph), ct};
      /* boost (0, n) to the lab with the photon's velocity */
      double E = (double)k.k.v[0], g = E / q, b[3] = {(double)k.k.v[1] / E, (double)k.k.v[2] / E, (double)k.k.v[3] / E};
      double b2 = b[0] * b[0] + b[1] * b[1] + b[2] * b[2], bn = b[0] * n3[0] + b[1] * n3[1] + b[2] * n3[2];
      double f = (g - 1) * bn / b2;
      dr_p4 pol = {{g * bn, n3[0] + f * b[0], n3[1] + f * b[1], n3[2] + f * b[2]}};
      sum += dr_amp_lepton_factor_pol(DR_VERTEX_VECTOR, &k, &pol);
    }
    /* 4000 directions: the mean of a quantity in [0, T] to ~0.5 % */
    assert_true(fabs((double)(sum / nd / T) - 1.0 / 3) < 0.02);
    n++;
  }
  assert_true(n > 100);
}


/* The decay's angular distribution. In the photon's rest frame (reached by
 * the pure boost) the lepton factor at polarisation n is the quadratic form
 * F(n) = n.L.n; chi's direction has density proportional to F(n) (scalar)
 * or tr L - beta^2 F(n) (Dirac), so over the sphere
 *   <n_i n_j>_scalar = (delta_ij tr L + 2 L_ij)/(5 tr L),
 *   <n_i n_j>_Dirac  = [delta_ij/3 - beta^2 (delta_ij tr L + 2 L_ij)/(15 tr L)]/(1 - beta^2/3).
 * L_ij is read off the amplitude code at six directions; the sampled second
 * moments must match (2e4 decays: each moment to ~0.003, tolerance 0.012). */
static void rest_direction(const dr_amp_kin *k, const double chi[4], double n[3]) {
  double E = (double)k->k.v[0], q = (double)k->m_X, g = E / q;
  double b[3] = {(double)k->k.v[1] / E, (double)k->k.v[2] / E, (double)k->k.v[3] / E};
  double b2 = b[0] * b[0] + b[1] * b[1] + b[2] * b[2], bp = b[0] * chi[1] + b[1] * chi[2] + b[2] * chi[3];
  double f = (g - 1) * bp / b2 - g * chi[0], r = 0;
  for (int i = 0; i < 3; i++) n[i] = chi[i + 1] + f * b[i], r += n[i] * n[i];
  for (int i = 0; i < 3; i++) n[i] /= sqrt(r);
}

static double lepton_form(const dr_amp_kin *k, const double n3[3]) {
  double E = (double)k->k.v[0], g = E / (double)k->m_X;
  double b[3] = {(double)k->k.v[1] / E, (double)k->k.v[2] / E, (double)k->k.v[3] / E};
  double b2 = b[0] * b[0] + b[1] * b[1] + b[2] * b[2], bn = b[0] * n3[0] + b[1] * n3[1] + b[2] * n3[2];
  double f = (g - 1) * bn / b2;
  dr_p4 pol = {{g * bn, n3[0] + f * b[0], n3[1] + f * b[1], n3[2] + f * b[2]}};
  return (double)dr_amp_lepton_factor_pol(DR_VERTEX_VECTOR, k, &pol);
}

static void test_decay_angles(void **state) {
  (void)state;
  const double mchi = 0.05;
  dr_process p = pair(DR_MODEL_MILLICHARGED, "e-", 8, mchi, "W", 1);
  dr_mcp_ctx c;
  assert_int_equal(dr_mcp_ctx_init(&c, &p, 0.7, 1, 0), DR_OK);
  double u[5] = {0.4, 0.3, 0.8, 0.2, 0.6}, w, q;
  dr_amp_kin k;
  int ch;
  assert_int_equal(dr_mcp_point(&c, u, &w, &k, &ch, &q), DR_OK);
  double L[3][3], tr = 0, aniso = 0;
  for (int i = 0; i < 3; i++)
    for (int j = 0; j < 3; j++) {
      double a[3] = {0, 0, 0}, b[3] = {0, 0, 0};
      a[i] += M_SQRT1_2, a[j] += M_SQRT1_2, b[i] += M_SQRT1_2, b[j] -= M_SQRT1_2;
      if (i == j) a[i] = 1;
      L[i][j] = i == j ? lepton_form(&k, a) : 0.5 * (lepton_form(&k, a) - lepton_form(&k, b));
    }
  for (int i = 0; i < 3; i++) tr += L[i][i];
  for (int i = 0; i < 3; i++)
    for (int j = 0; j < 3; j++) aniso = fmax(aniso, fabs(L[i][j] / tr - (i == j) / 3.0));
  assert_true(aniso > 0.1); /* the point's polarisation is far from isotropic, so the test can tell */
  double beta2 = 1 - 4 * mchi * mchi / (q * q);
  for (int scalar = 0; scalar <= 1; scalar++) {
    const int N = 20000;
    double mom[3][3] = {{0}};
    for (int d = 0; d < N; d++) {
      double chi[4], chb[4], n[3];
      dr_mcp_decay(&k, mchi, scalar, 5, 11, (uint64_t)d, chi, chb);
      rest_direction(&k, chi, n);
      for (int i = 0; i < 3; i++)
        for (int j = 0; j < 3; j++) mom[i][j] += n[i] * n[j] / N;
    }
    for (int i = 0; i < 3; i++)
      for (int j = 0; j < 3; j++) {
        double s = ((i == j) * tr + 2 * L[i][j]) / (5 * tr);
        double want = scalar ? s : ((i == j) / 3.0 - beta2 * s / 3) / (1 - beta2 / 3);
        assert_true(fabs(mom[i][j] - want) < 0.012);
      }
  }
}

/* ---- vector mesons (include/darkreach/mesons.h) ---- */
#include "darkreach/mesons.h"

/* sigma(gamma p -> V p) against the CERN Omega measurement (Aston et al., Nucl. Phys. B 209 (1982) 56,
 * HEPData 10.17182/hepdata.44662): rho 9.4 +- 0.1 +- 1 mub averaged over 20-70 GeV, omega 1.2 +- 0.1 +- 0.2
 * mub over 20-45 GeV; tolerance: their errors in quadrature */
static void test_meson_photoproduction_vs_data(void **state) {
  (void)state;
  const double mub = 2.56819e-3;
  double r = 0, w = 0;
  for (int i = 0; i <= 10; i++) r += dr_meson_sigma_gp(DR_MESON_RHO, 20 + 5.0 * i) / mub / 11;
  for (int i = 0; i <= 5; i++) w += dr_meson_sigma_gp(DR_MESON_OMEGA, 20 + 5.0 * i) / mub / 6;
  assert_true(fabs(r - 9.4) < hypot(0.1, 1.0));
  assert_true(fabs(w - 1.2) < hypot(0.1, 0.2));
  /* J/psi: nothing below threshold, W = m_J/psi + m_p */
  double kth = (pow(3.0969 + DR_M_P, 2) - DR_M_P * DR_M_P) / (2 * DR_M_P);
  assert_true(dr_meson_sigma_gp(DR_MESON_JPSI, 0.999 * kth) == 0 && dr_meson_sigma_gp(DR_MESON_JPSI, 1.2 * kth) > 0);
}

/* On nuclei: the incoherent part is A_eff sigma(gamma p), A_eff -> A where the meson-nucleon cross section is
 * small (J/psi on Al: the Glauber exponent ~ 1e-2, A_eff/A > 0.9) and strongly shadowed for the rho on Pb
 * (A_eff/A ~ 0.3: the nucleus is nearly black to a 25 mb rho-nucleon cross section, A_eff ~ pi R^2 T); the
 * coherent part rises with energy as t_min = (m_V^2/2k)^2 falls below 1/R^2 */
static void test_meson_nuclear(void **state) {
  (void)state;
  dr_error e;
  dr_error_clear(&e);
  double coh, inc;
  const dr_material *al = dr_material_find("Al"), *pb = dr_material_find("Pb");
  assert_int_equal(dr_meson_sigma_ga(DR_MESON_JPSI, 100, al, &coh, &inc, &e), DR_OK);
  double f = inc / (al->A * dr_meson_sigma_gp(DR_MESON_JPSI, 100));
  assert_true(f > 0.9 && f <= 1.0);
  assert_int_equal(dr_meson_sigma_ga(DR_MESON_RHO, 100, pb, &coh, &inc, &e), DR_OK);
  f = inc / (pb->A * dr_meson_sigma_gp(DR_MESON_RHO, 100));
  assert_true(f > 0.2 && f < 0.4);
  double c8, i8;
  assert_int_equal(dr_meson_sigma_ga(DR_MESON_RHO, 8, pb, &c8, &i8, &e), DR_OK);
  assert_true(c8 < coh);
}

/* Br(V -> chi chibar): as to e+ e- for m_chi -> 0 (the same phase space to m_e^2/m_V^2), a quarter for a
 * scalar; eps^2; nothing above m_V/2 */
static void test_meson_branching(void **state) {
  (void)state;
  for (int m = 0; m < DR_MESON_COUNT; m++) {
    const dr_meson_info *v = dr_meson_get((dr_meson)m);
    assert_rel(dr_meson_br_pair((dr_meson)m, DR_M_E, 1, 0), v->br_ee, 1e-12);
    assert_rel(dr_meson_br_pair((dr_meson)m, 1e-9, 1e-3, 1), 0.25e-6 * v->br_ee, 1e-5);
    assert_true(dr_meson_br_pair((dr_meson)m, 0.5001 * v->mass, 1, 0) == 0);
  }
}


/* Computed meson yields (mesons.c) on the LDMX card: a thin target's photons
 * cross T - t, so the yield goes as T^2; a target that absorbs every photon
 * (9/7 X0 each) gives at most (9/7) T/(T^2/2) = 6.43 times the thin yield at
 * T = 0.4 X0 (the thin formula keeps the primary at E0; the primary's
 * degradation only lowers the thick one) and more than the thin one; thick
 * yields do not depend on the card's track model; photons below the rho
 * threshold (1.09 GeV) make nothing, so x_th = 0 and x_th = 0.1 at 8 GeV agree */
static void test_meson_yields_targets(void **state) {
  (void)state;
  char path[4096];
  snprintf(path, sizeof path, "%s/experiments/ldmx_mcp.ini", DR_TEST_DATADIR);
  dr_experiment x;
  dr_error e;
  dr_error_clear(&e);
  assert_int_equal(dr_experiment_load(path, &x, &e), DR_OK);
  double thin[DR_MESON_COUNT], thin2[DR_MESON_COUNT], thick[DR_MESON_COUNT], thick_eff[DR_MESON_COUNT],
      th0[DR_MESON_COUNT], th1[DR_MESON_COUNT];
  x.target_kind = DR_TARGET_THIN, x.thickness_x0 = 0.4;
  assert_int_equal(dr_meson_yields_computed(&x, thin, &e), DR_OK);
  x.thickness_x0 = 0.2;
  assert_int_equal(dr_meson_yields_computed(&x, thin2, &e), DR_OK);
  x.target_kind = DR_TARGET_THICK, x.thickness_x0 = 0.4, x.track = DR_TRACK_TSAI;
  assert_int_equal(dr_meson_yields_computed(&x, thick, &e), DR_OK);
  x.track = DR_TRACK_EFFECTIVE, x.effective_thickness_x0 = 0.3;
  assert_int_equal(dr_meson_yields_computed(&x, thick_eff, &e), DR_OK);
  x.x_th = 0.1;
  assert_int_equal(dr_meson_yields_computed(&x, th1, &e), DR_OK);
  x.x_th = 0;
  assert_int_equal(dr_meson_yields_computed(&x, th0, &e), DR_OK);
  for (int m = 0; m < DR_MESON_COUNT - 1; m++) { /* no J/psi at 8 GeV */
    assert_true(thin[m] > 0);
    assert_rel(thin[m] / thin2[m], 4.0, 1e-9);
    assert_true(thick[m] / thin[m] > 1 && thick[m] / thin[m] < 9.0 / 7 * 0.4 / 0.08);
    assert_rel(thick_eff[m], thick[m], 1e-12);
    assert_true(th1[m] > thick[m]);
    assert_rel(th0[m], th1[m], 1e-3);
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_spectral_normalisation), cmocka_unit_test(test_eps_scaling),
      cmocka_unit_test(test_small_mass_logarithm),   cmocka_unit_test(test_convolution_by_hand),
      cmocka_unit_test(test_muons_ww_vs_etl),        cmocka_unit_test(test_dsdx_integrates),
      cmocka_unit_test(test_decay), cmocka_unit_test(test_decay_angles),                  cmocka_unit_test(test_meson_photoproduction_vs_data),
      cmocka_unit_test(test_meson_nuclear),          cmocka_unit_test(test_meson_branching),
      cmocka_unit_test(test_meson_yields_targets),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
