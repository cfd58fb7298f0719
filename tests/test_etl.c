/* Exact tree level: VEGAS (own grid: adapt, freeze, reuse, save/load,
 * reproducibility), ETL cross sections against the photon limit, the DMG4
 * table (../shared/reference, copied to data/reference/), and WW for muons.
 * Monte Carlo precision 0.5-1 %; every tolerance states what it covers. */
#include "dr_test.h"

#include <string.h>

#include <omp.h>
#include <stdlib.h>
#include <unistd.h>

#define GEV2_TO_PB 3.8937937e8

/* ---- VEGAS on a function with a known integral ---- */
/* prod_i 1/(w^2 + (u_i - c)^2) normalised: integral = prod_i (atan((1-c)/w) + atan(c/w))/w */
static double peaked(const double *u, void *vp) {
  (void)vp;
  double f = 1;
  for (int i = 0; i < 4; i++) f *= 1 / (1e-2 + (u[i] - 0.3) * (u[i] - 0.3));
  return f;
}
static double peaked_exact(void) {
  double w = 0.1, one = (atan(0.7 / w) + atan(0.3 / w)) / w;
  return one * one * one * one;
}

static void test_vegas_known_integral(void **state) {
  (void)state;
  dr_vegas_grid *g = dr_vegas_grid_alloc(4, 64);
  dr_vegas_opts o = dr_vegas_opts_default();
  o.rel_tol = 2e-3;
  dr_estimate r;
  dr_error e;
  dr_error_clear(&e);
  assert_int_equal(dr_vegas_integrate(g, peaked, NULL, &o, &r, &e), DR_OK);
  assert_true(r.err <= 2e-3 * r.val);
  /* within 4 standard errors of the exact value */
  assert_true(fabs(r.val - peaked_exact()) < 4 * r.err);
  assert_true(r.chi2_dof < 5);
  /* the adapted grid, frozen and reused with another seed, is at least 10x
   * better than the uniform grid at the same number of points */
  dr_vegas_opts f = o;
  f.freeze = 1;
  f.seed = 7;
  f.max_iter = 2;
  f.rel_tol = 0;
  dr_estimate ra, ru;
  dr_vegas_grid *u = dr_vegas_grid_alloc(4, 64);
  dr_vegas_integrate(g, peaked, NULL, &f, &ra, &e);
  dr_vegas_integrate(u, peaked, NULL, &f, &ru, &e);
  assert_true(ra.err * 10 < ru.err);
  assert_true(fabs(ra.val - peaked_exact()) < 4 * ra.err);
  dr_vegas_grid_free(u);
  /* save, load: the same numbers from the loaded grid */
  char path[] = "/tmp/dr_vegas_gridXXXXXX";
  int fd = mkstemp(path);
  assert_true(fd >= 0);
  close(fd);
  assert_int_equal(dr_vegas_grid_save(g, path, &e), DR_OK);
  dr_vegas_grid *l = dr_vegas_grid_load(path, &e);
  assert_non_null(l);
  dr_estimate rl;
  dr_vegas_integrate(l, peaked, NULL, &f, &rl, &e);
  assert_true(rl.val == ra.val && rl.err == ra.err);
  dr_vegas_grid_free(l);
  remove(path);
  /* a malformed grid file is an error with a message */
  FILE *bad = fopen(path, "w");
  fprintf(bad, "4 64\n0 0.5 0.2 1\n");
  fclose(bad);
  dr_error_clear(&e);
  assert_null(dr_vegas_grid_load(path, &e));
  assert_int_equal(e.status, DR_EPARSE);
  remove(path);
  dr_vegas_grid_free(g);
}

/* a cancel flag raised during an iteration stops VEGAS after it, adapting or frozen, classic or
 * stratified: DR_ECANCELED, the evaluations of the iterations done counted */
typedef struct {
  atomic_int *flag;
  int at, calls;
} cancel_at;
static void raise_at(int iteration, int adapting, const dr_estimate *est, void *ctx) {
  (void)iteration, (void)adapting, (void)est;
  cancel_at *c = ctx;
  if (++c->calls == c->at) atomic_store(c->flag, 1);
}

static void test_vegas_cancel(void **state) {
  (void)state;
  for (int strat = 0; strat < 2; strat++)
    for (int at = 1; at <= 8; at += 7) { /* in the adaptation (6 iterations), then frozen */
      atomic_int flag = 0;
      cancel_at c = {&flag, at, 0};
      dr_vegas_grid *g = dr_vegas_grid_alloc(4, 32);
      dr_vegas_opts o = dr_vegas_opts_default();
      o.n_eval = 4096;
      o.rel_tol = 1e-9; /* never met: only the flag stops it */
      o.stratify = strat;
      o.progress = raise_at;
      o.progress_ctx = &c;
      o.cancel = &flag;
      dr_estimate r;
      dr_error e;
      dr_error_clear(&e);
      assert_int_equal(dr_vegas_integrate(g, peaked, NULL, &o, &r, &e), DR_ECANCELED);
      assert_int_equal(r.status, DR_ECANCELED);
      assert_int_equal(c.calls, at);
      /* after one adaptation iteration: its 4096 points; after the frozen second, more (the frozen
       * iterations are sized from the first) */
      if (!strat) assert_true(at == 1 ? r.neval == 4096 : r.neval > 7 * 4096);
      dr_vegas_grid_free(g);
    }
}

static void test_vegas_thread_independent(void **state) {
  (void)state;
  dr_estimate r[2];
  for (int i = 0; i < 2; i++) {
    omp_set_num_threads(i + 1);
    dr_vegas_grid *g = dr_vegas_grid_alloc(4, 32);
    dr_vegas_opts o = dr_vegas_opts_default();
    o.n_eval = 5000;
    o.max_iter = 3;
    o.rel_tol = 0;
    dr_error e;
    dr_error_clear(&e);
    dr_vegas_integrate(g, peaked, NULL, &o, &r[i], &e);
    dr_vegas_grid_free(g);
  }
  omp_set_num_threads(2);
  assert_true(r[0].val == r[1].val && r[0].err == r[1].err); /* bit-identical */
}

/* ---- VEGAS+ (adaptive stratification) on correlated ridges, which a
 * separable grid cannot follow: f = g(u0 - u1) g(u2 - u3), g(d) = exp(-d^2/2s^2),
 * integral R^2 with R = 2 [s sqrt(pi/2) erf(1/(sqrt2 s)) - s^2 (1 - exp(-1/2s^2))] ---- */
#define RIDGE_S 0.1
static double ridge(const double *u, void *vp) {
  (void)vp;
  double a = u[0] - u[1], b = u[2] - u[3];
  return exp(-(a * a + b * b) / (2 * RIDGE_S * RIDGE_S));
}
static double ridge_exact(void) {
  double s = RIDGE_S, R = 2 * (s * sqrt(M_PI / 2) * erf(1 / (M_SQRT2 * s)) - s * s * (1 - exp(-1 / (2 * s * s))));
  return R * R;
}

static void test_vegas_stratified(void **state) {
  (void)state;
  /* 12 seeds at 1 %: each within 4 errors, the pulls' rms between 0.4 and 2 (a
   * mis-estimated error fails); every run needs fewer points than classic VEGAS
   * (measured 46-54k against 116-155k; at s = 0.03 classic VEGAS does not converge
   * and is 7 % low, VEGAS+ converges within its errors) */
  double s2 = 0;
  for (int seed = 1; seed <= 12; seed++) {
    dr_estimate r[2];
    for (int strat = 0; strat < 2; strat++) {
      dr_vegas_grid *g = dr_vegas_grid_alloc(4, 64);
      dr_vegas_opts o = dr_vegas_opts_default();
      o.n_eval = 4096;
      o.rel_tol = 1e-2;
      o.seed = (uint64_t)seed;
      o.stratify = strat;
      dr_error e;
      dr_error_clear(&e);
      assert_int_equal(dr_vegas_integrate(g, ridge, NULL, &o, &r[strat], &e), DR_OK);
      dr_vegas_grid_free(g);
    }
    double pull = (r[1].val - ridge_exact()) / r[1].err;
    assert_true(fabs(pull) < 4);
    s2 += pull * pull;
    assert_true(r[1].neval < r[0].neval);
  }
  double rms = sqrt(s2 / 12);
  assert_true(rms > 0.4 && rms < 2);
  /* bit-identical for 1 and 3 threads */
  dr_estimate t[2];
  for (int i = 0; i < 2; i++) {
    omp_set_num_threads(1 + 2 * i);
    dr_vegas_grid *g = dr_vegas_grid_alloc(4, 32);
    dr_vegas_opts o = dr_vegas_opts_default();
    o.n_eval = 20000;
    o.max_iter = 3;
    o.rel_tol = 0;
    o.stratify = 1;
    dr_error e;
    dr_error_clear(&e);
    dr_vegas_integrate(g, ridge, NULL, &o, &t[i], &e);
    dr_vegas_grid_free(g);
  }
  omp_set_num_threads(2);
  assert_true(t[0].val == t[1].val && t[0].err == t[1].err);
}

/* ---- ETL physics ---- */
static dr_process proc(dr_model_kind m, const char *beam, double E, double mass, const char *mat,
                       dr_inel_mode inel) {
  dr_beam b;
  dr_error e;
  dr_error_clear(&e);
  dr_beam_parse(beam, &b, &e);
  dr_process p;
  assert_int_equal(dr_process_init(&p, m, &b, E, mass, dr_material_find(mat), inel, &e), DR_OK);
  return p;
}

static dr_xsec_opts etl(double tol) {
  dr_xsec_opts o = dr_xsec_opts_default();
  o.method = DR_METHOD_ETL;
  o.etl_rel_tol = tol;
  return o;
}

/* m_X -> 0 vector, unscreened point nucleus (heavy: Pb mass, G2 = Z^2): the
 * Bethe-Heitler spectrum (derivation note FORMULARY Part II §2.3, validation 1),
 *   k d sigma/dk = 4 Z^2 alpha^3/m_e^2 (1 + E'^2/E^2 - 2E'/3E)(ln(2 E E'/(m_e k)) - 1/2);
 * and with the elastic Tsai form factor at 100 GeV the complete-screening
 * limit with ln(183 Z^-1/3) (validation 2). Photon: eps = 1. */
static void test_photon_limits(void **state) {
  (void)state;
  const double a3 = 4 * DR_ALPHA * DR_ALPHA * DR_ALPHA / (DR_M_E * DR_M_E);
  dr_xsec_opts o = etl(5e-3);
  const double xs[3] = {0.1, 0.5, 0.9};
  dr_process p = proc(DR_MODEL_VECTOR, "e-", 10, 1e-6, "Pb", DR_INEL_POINT);
  for (int i = 0; i < 3; i++) {
    double x = xs[i], E = 10, Ep = E * (1 - x), k = E * x;
    double bh = (1 + Ep * Ep / (E * E) - 2 * Ep / (3 * E)) * (log(2 * E * Ep / (DR_M_E * k)) - 0.5);
    dr_estimate d;
    dr_error e;
    dr_error_clear(&e);
    assert_int_equal(dr_etl_dsigma_dx(&p, &o, x, &d, &e), DR_OK);
    /* 1.5 %: three MC standard errors; Part II finds 1e-4 with quadrature */
    assert_rel(x * d.val / (82.0 * 82.0 * a3), bh, 0.015);
  }
  dr_process q = proc(DR_MODEL_VECTOR, "e-", 100, 1e-6, "Pb", DR_INEL_NONE);
  const double xq[2] = {0.3, 0.7};
  for (int i = 0; i < 2; i++) {
    double y = 1 - xq[i];
    double cs = (1 + y * y - 2 * y / 3) * log(183 * pow(82, -1.0 / 3)) + y / 9;
    dr_estimate d;
    dr_error e;
    dr_error_clear(&e);
    assert_int_equal(dr_etl_dsigma_dx(&q, &o, xq[i], &d, &e), DR_OK);
    /* Tsai's form factor is not exactly the Thomas-Fermi one behind 183:
     * Part II finds 0.15 %; 1.5 % covers the MC error */
    assert_rel(xq[i] * d.val / (82.0 * 82.0 * a3), cs, 0.015);
  }
}

/* DMG4 exact-tree-level table (shared reference §1, data/reference/), pb at eps = 1e-4 */
static double dmg4(double mA_MeV, double E) {
  FILE *f = fopen(DR_TEST_DATADIR "/reference/dmg4_etl_vector_pb.csv", "r");
  assert_non_null(f);
  char line[512];
  int col = (int)lround(E / 20); /* E20 is column 1 */
  double found = -1;
  while (fgets(line, sizeof line, f)) {
    if (line[0] == '#' || line[0] == 'm') continue;
    char *s = line;
    double m = strtod(s, &s);
    if (fabs(m / mA_MeV - 1) > 1e-9) continue;
    for (int c = 1; c <= col; c++) found = strtod(s + 1, &s);
  }
  fclose(f);
  assert_true(found > 0);
  return found;
}

static double etl_pb(dr_model_kind m, const char *beam, double E, double mass, const char *mat,
                     double tol, dr_estimate *est) {
  dr_process p = proc(m, beam, E, mass, mat, DR_INEL_LINEAR);
  p.coupling = 1e-4;
  dr_xsec_opts o = etl(tol);
  dr_error e;
  dr_error_clear(&e);
  assert_int_equal(dr_sigma(&p, &o, 0, 1, NULL, est, &e), DR_OK);
  assert_true(est->err <= tol * est->val);
  return est->val * GEV2_TO_PB;
}

static void test_vector_vs_dmg4(void **state) {
  (void)state;
  const double pts[][2] = {{20, 2}, {20, 100}, {100, 10}, {100, 100}, {100, 1000}, {160, 1000}, {60, 500}};
  for (size_t i = 0; i < sizeof pts / sizeof pts[0]; i++) {
    dr_estimate s;
    double v = etl_pb(DR_MODEL_VECTOR, "e-", pts[i][0], pts[i][1] * 1e-3, "Pb", 0.01, &s);
    /* +-3 %: the reference's own accuracy (two ETL codes agree to 2-3 %) */
    assert_rel(v, dmg4(pts[i][1], pts[i][0]), 0.03);
  }
}

/* S, P, A at 100 GeV (shared reference §1 table, pb at g = 1e-4 e) */
static void test_other_mediators_vs_dmg4(void **state) {
  (void)state;
  const struct {
    dr_model_kind m;
    double mass, ref;
  } pts[] = {{DR_MODEL_SCALAR, 0.01, 3055.64},       {DR_MODEL_SCALAR, 1.0, 0.0833825},
             {DR_MODEL_PSEUDOSCALAR, 0.1, 43.7212}, {DR_MODEL_AXIAL, 0.01, 8563.1},
             {DR_MODEL_AXIAL, 1.0, 0.191974}};
  for (size_t i = 0; i < sizeof pts / sizeof pts[0]; i++) {
    dr_estimate s;
    assert_rel(etl_pb(pts[i].m, "e-", 100, pts[i].mass, "Pb", 0.01, &s), pts[i].ref, 0.03);
  }
}

/* WW with t_max = E^2 (theta-integrated), pb at eps = 1e-4 */
static double ww_e2_pb(const char *beam, double E, double mass, const char *mat, dr_xsec_ws *w) {
  dr_process p = proc(DR_MODEL_VECTOR, beam, E, mass, mat, DR_INEL_LINEAR);
  p.coupling = 1e-4;
  dr_xsec_opts o = dr_xsec_opts_default();
  o.method = DR_METHOD_WW;
  o.tmax = DR_TMAX_E2;
  dr_estimate s;
  dr_error e;
  dr_error_clear(&e);
  assert_int_equal(dr_sigma(&p, &o, 0, 1, w, &s, &e), DR_OK);
  return s.val * GEV2_TO_PB;
}

/* Muons: the lepton mass screens the forward region, so WW (theta-integrated,
 * t_max = E^2) is expected to agree with ETL to ~1 % (derivation note FORMULARY Part II §2.4:
 * 0.5-1 % for V and A, 160 GeV Pb); tested at 2.5 % (1 % MC + 1 % physics). */
static void test_muons_etl_vs_ww(void **state) {
  (void)state;
  dr_xsec_ws *w = dr_xsec_ws_alloc();
  const double ms[2] = {0.01, 1.0};
  for (int i = 0; i < 2; i++) {
    dr_estimate s;
    double v = etl_pb(DR_MODEL_VECTOR, "mu-", 160, ms[i], "Pb", 0.01, &s);
    assert_rel(ww_e2_pb("mu-", 160, ms[i], "Pb", w) / v, 1.0, 0.025);
  }
  dr_xsec_ws_free(w);
}

/* spin2 where WW holds: a heavy G, for which the longitudinal modes that the nucleus photon's
 * virtuality sources (they grow as t/m_G^2; docs/other_mediators.md) are negligible. ETL (1 %)
 * against WW (default t_max), both with the elastic form factor alone: mu- 160 GeV on Pb at 0.5 GeV
 * and e- 8 GeV on W at 1 GeV. Tolerance 2.5 %, as for the muon test above (1 % MC + 1 % WW). */
static void test_spin2_etl_vs_ww(void **state) {
  (void)state;
  dr_xsec_ws *w = dr_xsec_ws_alloc();
  const char *beams[2] = {"mu-", "e-"}, *mats[2] = {"Pb", "W"};
  const double Es[2] = {160, 8}, ms[2] = {0.5, 1.0};
  for (int i = 0; i < 2; i++) {
    dr_process p = proc(DR_MODEL_SPIN2, beams[i], Es[i], ms[i], mats[i], DR_INEL_NONE);
    p.coupling = 1e-5;
    dr_xsec_opts o = etl(0.01);
    dr_estimate se, sw;
    dr_error e;
    dr_error_clear(&e);
    assert_int_equal(dr_sigma(&p, &o, 0, 1, NULL, &se, &e), DR_OK);
    assert_true(se.err <= 0.01 * se.val);
    dr_xsec_opts ow = dr_xsec_opts_default();
    ow.method = DR_METHOD_WW;
    ow.rel_tol = 1e-3;
    assert_int_equal(dr_sigma(&p, &ow, 0, 1, w, &sw, &e), DR_OK);
    assert_rel(se.val / sw.val, 1.0, 0.025);
  }
  dr_xsec_ws_free(w);
}

/* LDMX energies on tungsten: electrons, where WW overestimates (Part II §2.4:
 * WW(t_max = E^2)/ETL = 1.46-1.6 at 8 GeV W for m <= 0.1 GeV) */
static void test_ldmx_ww_excess(void **state) {
  (void)state;
  dr_xsec_ws *w = dr_xsec_ws_alloc();
  dr_estimate s;
  double v = etl_pb(DR_MODEL_VECTOR, "e-", 8, 0.01, "W", 0.01, &s);
  double r = ww_e2_pb("e-", 8, 0.01, "W", w) / v;
  assert_true(r > 1.40 && r < 1.65);
  dr_xsec_ws_free(w);
}

/* Dark moments (Catena, Gray, Jerkvall 2025, Lagrangian 2.1): 160 GeV mu- on Pb,
 * m_X = 0.1 GeV, theta_X < 0.3. The derivation note FORMULARY Part II §2.5 finds WW/ETL = 0.997-0.999
 * for the dipoles there; with ETL at 0.3 % (3 sigma = 0.9 %) and the chi t_max
 * convention (a few per mille) the test allows |WW/ETL - 0.998| < 0.012. */
static void test_moments_etl_vs_ww(void **state) {
  (void)state;
  const dr_model_kind ms[2] = {DR_MODEL_MAGNETIC_DIPOLE, DR_MODEL_ELECTRIC_DIPOLE};
  dr_xsec_ws *w = dr_xsec_ws_alloc();
  for (int i = 0; i < 2; i++) {
    dr_process p = proc(ms[i], "mu-", 160, 0.1, "Pb", DR_INEL_LINEAR);
    dr_xsec_opts o = etl(3e-3);
    o.theta_max = 0.3;
    dr_estimate a, b;
    dr_error e;
    dr_error_clear(&e);
    assert_int_equal(dr_sigma(&p, &o, 0, 1, NULL, &a, &e), DR_OK);
    assert_true(a.err <= 3e-3 * a.val);
    o.method = DR_METHOD_WW;
    assert_int_equal(dr_sigma(&p, &o, 0, 1, w, &b, &e), DR_OK);
    assert_true(fabs(b.val / a.val - 0.998) < 0.012);
  }
  dr_xsec_ws_free(w);
}

/* Magnetic dipole, g_f = 1 GeV^-1, against an independent nested-quadrature ETL
 * code (shared reference §6: Tsai elastic + inelastic form factor with the
 * inelastic term on the nucleus vertex, hence DR_RECOIL_NUCLEUS here); pb per
 * Pb atom, +-3 % as stated by the reference. */
static void test_moments_vs_reference(void **state) {
  (void)state;
  const struct {
    const char *beam;
    double E, mass, xmin, ref;
  } pts[] = {{"e-", 100, 0.1, 0, 1.1207e8}, {"e-", 100, 1.0, 0, 1.3052e7}, {"mu-", 160, 1.0, 0.5, 9.676e6}};
  for (size_t i = 0; i < sizeof pts / sizeof pts[0]; i++) {
    dr_process p = proc(DR_MODEL_MAGNETIC_DIPOLE, pts[i].beam, pts[i].E, pts[i].mass, "Pb", DR_INEL_LINEAR);
    p.inel_recoil = DR_RECOIL_NUCLEUS;
    dr_xsec_opts o = etl(0.01);
    dr_estimate s;
    dr_error e;
    dr_error_clear(&e);
    assert_int_equal(dr_sigma(&p, &o, pts[i].xmin, 1, NULL, &s, &e), DR_OK);
    assert_rel(s.val * GEV2_TO_PB, pts[i].ref, 0.03);
  }
}

/* Rates scale as the coupling squared (the vertex is linear in g_f), and the
 * magnetic and electric dipoles differ only by lepton-mass terms: for 100 GeV
 * electrons at m_X = 1 GeV (m_e/m_X = 5e-4) their ETL rates agree within the
 * MC error (same seed: correlated; 3 % allows 3 sigma of two 1 % estimates). */
static void test_moments_scaling(void **state) {
  (void)state;
  dr_estimate s[2];
  for (int i = 0; i < 2; i++) {
    dr_process p = proc(DR_MODEL_CHARGE_RADIUS, "e-", 8, 0.05, "W", DR_INEL_LINEAR);
    p.coupling = i ? 3.0 : 1.0;
    dr_xsec_opts o = etl(0.01);
    dr_error e;
    dr_error_clear(&e);
    assert_int_equal(dr_sigma(&p, &o, 0, 1, NULL, &s[i], &e), DR_OK);
  }
  assert_rel(s[1].val / s[0].val, 9.0, 1e-12);
  dr_estimate d[2];
  const dr_model_kind ms[2] = {DR_MODEL_MAGNETIC_DIPOLE, DR_MODEL_ELECTRIC_DIPOLE};
  for (int i = 0; i < 2; i++) {
    dr_process p = proc(ms[i], "e-", 100, 1.0, "Pb", DR_INEL_LINEAR);
    dr_xsec_opts o = etl(0.01);
    dr_error e;
    dr_error_clear(&e);
    assert_int_equal(dr_sigma(&p, &o, 0, 1, NULL, &d[i], &e), DR_OK);
  }
  assert_rel(d[1].val / d[0].val, 1.0, 0.03);
}

static void test_etl_thread_independent(void **state) {
  (void)state;
  dr_estimate s[2];
  for (int i = 0; i < 2; i++) {
    omp_set_num_threads(i + 1);
    etl_pb(DR_MODEL_VECTOR, "e-", 4, 0.1, "W", 0.01, &s[i]);
  }
  omp_set_num_threads(2);
  assert_true(s[0].val == s[1].val && s[0].err == s[1].err);
}

/* The inelastic term on a recoiling proton (dr_process.inel_recoil = PROTON,
 * the default): the split of the t coordinate must give the sum of two
 * separate integrations, coherent (G2_el, nucleus) + quasi-elastic (G2_inel
 * on a target of mass m_p); its points must be on shell with a proton target;
 * its share of unweighted events must be its share of sigma.
 * At 20 GeV, m = 2 GeV on Pb the two channels are about equal. */
static void test_quasi_elastic_channel(void **state) {
  (void)state;
  dr_xsec_opts o = etl(5e-3);
  dr_error e;
  dr_error_clear(&e);
  dr_process all = proc(DR_MODEL_VECTOR, "e-", 20, 2.0, "Pb", DR_INEL_LINEAR);
  dr_process el = proc(DR_MODEL_VECTOR, "e-", 20, 2.0, "Pb", DR_INEL_NONE);
  dr_process qe = all; /* G2_inel alone on a proton: nucleus mode with M = m_p, no elastic term */
  qe.inel_recoil = DR_RECOIL_NUCLEUS;
  qe.M_N = DR_M_P;
  qe.ff.d = 1e-300; /* G2_el ~ Z^2 (d/t)^2 = 0 */
  assert_true(all.inel_recoil == DR_RECOIL_PROTON);
  dr_estimate a, b, c;
  assert_int_equal(dr_sigma(&all, &o, 0, 1, NULL, &a, &e), DR_OK);
  assert_int_equal(dr_sigma(&el, &o, 0, 1, NULL, &b, &e), DR_OK);
  assert_int_equal(dr_sigma(&qe, &o, 0, 1, NULL, &c, &e), DR_OK);
  double sum = b.val + c.val, err = sqrt(a.err * a.err + b.err * b.err + c.err * c.err);
  assert_true(c.val > 0.3 * sum && c.val < 0.7 * sum); /* both channels matter here */
  /* four combined Monte Carlo standard errors (~1.3 %) */
  assert_true(fabs(a.val - sum) < 4 * err);

  /* every point of the quasi-elastic channel: proton target at rest, all legs on
   * shell, four-momentum conserved; the coherent ones have the nucleus */
  dr_etl_ctx cx;
  assert_int_equal(dr_etl_ctx_init(&cx, &all, 0, 1, 0), DR_OK);
  int n_ch[2] = {0, 0};
  uint64_t r = 12345;
  for (int i = 0; i < 4000; i++) {
    double u[4], w;
    for (int k = 0; k < 4; k++) r = r * 6364136223846793005ULL + 1442695040888963407ULL, u[k] = (r >> 11) * 0x1p-53;
    dr_amp_kin k;
    int ch;
    if (dr_etl_point(&cx, u, &w, &k, &ch) != DR_OK) continue;
    n_ch[ch]++;
    double M = ch == DR_ETL_PROTON ? DR_M_P : all.M_N;
    assert_rel((double)k.P.v[0], M, 1e-15);
    assert_rel((double)sqrtl(dr_p4_dot(&k.Pp, &k.Pp)), M, 1e-12);
    assert_rel((double)sqrtl(dr_p4_dot(&k.pp, &k.pp)), DR_M_E, 1e-6);
    for (int mu = 0; mu < 4; mu++) {
      long double d = k.p.v[mu] + k.P.v[mu] - k.pp.v[mu] - k.Pp.v[mu] - k.k.v[mu];
      assert_true(fabsl(d) < 1e-12L * (k.p.v[0] + M));
    }
  }
  /* uniform points: most lie outside the physical region (wide-angle X); ~1300 and ~300 do not */
  assert_true(n_ch[0] > 500 && n_ch[1] > 100);

  /* unweighted events: the proton share is c/a (four standard errors: binomial and
   * the two cross sections' Monte Carlo errors) */
  dr_events_opts eo = dr_events_opts_default();
  eo.n_scan = 50000;
  long n = 1500;
  dr_event *ev = malloc(n * sizeof *ev);
  dr_events_info info;
  assert_int_equal(dr_events_generate(&all, 0, 1, &eo, n, ev, &info, &e), DR_OK);
  long np = 0;
  for (long i = 0; i < n; i++) {
    np += ev[i].proton;
    double M = ev[i].proton ? DR_M_P : all.M_N;
    double m2 = ev[i].N[0] * ev[i].N[0] - ev[i].N[1] * ev[i].N[1] - ev[i].N[2] * ev[i].N[2] - ev[i].N[3] * ev[i].N[3];
    assert_rel(sqrt(m2), M, 1e-6);
  }
  double f = c.val / a.val;
  double df = f * hypot(c.err / c.val, a.err / a.val);
  assert_true(fabs((double)np / n - f) < 4 * sqrt(f * (1 - f) / n + df * df));
  free(ev);
}

/* a vector of mass m from 4 GeV electrons on tungsten */
static dr_process e4w(double m) {
  dr_beam b;
  dr_error e;
  dr_error_clear(&e);
  dr_beam_parse("e-", &b, &e);
  dr_process p;
  assert_int_equal(dr_process_init(&p, DR_MODEL_VECTOR, &b, 4, m, dr_material_find("W"), DR_INEL_LINEAR, &e), DR_OK);
  return p;
}

/* events do not depend on how the caller batches its requests; the channel
 * cross sections of the LHE <init> add up to sigma */
static void test_event_batches(void **state) {
  (void)state;
  dr_error e;
  dr_error_clear(&e);
  dr_process p = e4w(0.3);
  dr_events_opts o = dr_events_opts_default();
  o.n_scan = 20000;
  dr_event_gen *g1 = dr_event_gen_alloc(&p, 0, 1, &o, &e), *g2 = dr_event_gen_alloc(&p, 0, 1, &o, &e);
  assert_non_null(g1);
  assert_non_null(g2);
  dr_event a[40], c[40];
  memset(a, 0, sizeof a); /* padding compared too */
  memset(c, 0, sizeof c);
  assert_int_equal(dr_event_gen_next(g1, 40, a, &e), DR_OK);
  assert_int_equal(dr_event_gen_next(g2, 7, c, &e), DR_OK);
  assert_int_equal(dr_event_gen_next(g2, 1, c + 7, &e), DR_OK);
  assert_int_equal(dr_event_gen_next(g2, 32, c + 8, &e), DR_OK);
  assert_memory_equal(a, c, sizeof a);
  const dr_events_info *in = dr_event_gen_info(g1);
  assert_int_equal(in->n_channels, 2);
  assert_rel(in->sigma_channel[0] + in->sigma_channel[1], in->sigma, 1e-12);
  assert_true(in->sigma_channel[1] > 0.01 * in->sigma); /* 0.3 GeV at 4 GeV: the proton term matters */
  assert_int_equal(in->n_tried, dr_event_gen_info(g2)->n_tried);
  dr_event_gen_free(g1);
  dr_event_gen_free(g2);
}


/* Unweighted events against the weighted points of the frozen grid: the X-energy and recoil-p_T
 * distributions of 40000 events (per-cell maxima, overweights as copies) agree with the weighted histograms
 * of 4e5 points bin by bin, chi^2 over the bins below its 99.9 % point; the efficiency is above 20 %
 * (2.9 % with one global maximum) */
static void test_events_unbiased(void **state) {
  (void)state;
  dr_error e;
  dr_error_clear(&e);
  dr_process p = e4w(0.1);
  enum { NB = 10, NEV = 40000 };
  dr_events_opts o = dr_events_opts_default();
  dr_event *ev = malloc(sizeof *ev * NEV);
  dr_events_info info;
  assert_int_equal(dr_events_generate(&p, 0, 1, &o, NEV, ev, &info, &e), DR_OK);
  assert_true(info.efficiency > 0.2);
  const dr_var vars[2] = {DR_VAR_X_E, DR_VAR_RECOIL_PT};
  dr_hist1 h[2];
  double lo[2], hi[2];
  for (int v = 0; v < 2; v++) {
    dr_var_default_range(vars[v], &p, &lo[v], &hi[v]);
    if (vars[v] == DR_VAR_RECOIL_PT) hi[v] = 0.1; /* where the events are */
    assert_int_equal(dr_hist1_alloc(&h[v], vars[v], NB, lo[v], hi[v]), DR_OK);
  }
  dr_xsec_opts xo = dr_xsec_opts_default();
  xo.etl_rel_tol = 1e-2;
  dr_estimate s;
  assert_int_equal(dr_hist_fill(&p, &xo, 0, 1, 400000, h, 2, NULL, &s, NULL, &e), DR_OK);
  for (int v = 0; v < 2; v++) {
    double cnt[NB] = {0}, in = 0, tot = 0;
    for (long i = 0; i < NEV; i++) {
      double x = dr_var_value(vars[v], &ev[i]);
      int k = (int)((x - lo[v]) / (hi[v] - lo[v]) * NB);
      if (k >= 0 && k < NB) cnt[k]++, in++;
    }
    for (int k = 0; k < NB; k++) tot += h[v].sum[k];
    double chi2 = 0;
    int nb = 0;
    for (int k = 0; k < NB; k++) {
      double pk = h[v].sum[k] / tot, mu = in * pk;
      /* the weighted histogram's own Monte Carlo error adds to the events' Poisson one */
      double var_h = h[v].sum2[k] > 0 ? h[v].sum2[k] / (tot * tot) * in * in : 0;
      if (mu < 20) continue;
      chi2 += (cnt[k] - mu) * (cnt[k] - mu) / (mu + var_h);
      nb++;
    }
    assert_true(nb >= 6);
    assert_true(chi2 < 29.6); /* 99.9 % point of chi^2 with 10 degrees of freedom */
    dr_hist1_free(&h[v]);
  }
  free(ev);
}

int main(void) {
  dr_library_init();
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_vegas_known_integral),
      cmocka_unit_test(test_vegas_cancel),
      cmocka_unit_test(test_vegas_thread_independent),
      cmocka_unit_test(test_vegas_stratified),
      cmocka_unit_test(test_photon_limits),
      cmocka_unit_test(test_vector_vs_dmg4),
      cmocka_unit_test(test_other_mediators_vs_dmg4),
      cmocka_unit_test(test_muons_etl_vs_ww),
      cmocka_unit_test(test_spin2_etl_vs_ww),
      cmocka_unit_test(test_ldmx_ww_excess),
      cmocka_unit_test(test_moments_etl_vs_ww),
      cmocka_unit_test(test_moments_vs_reference),
      cmocka_unit_test(test_moments_scaling),
      cmocka_unit_test(test_etl_thread_independent),
      cmocka_unit_test(test_quasi_elastic_channel),
      cmocka_unit_test(test_event_batches), cmocka_unit_test(test_events_unbiased),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
