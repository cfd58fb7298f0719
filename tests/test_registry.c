/* The model registry: names and aliases, what each entry promises (vertex
 * rule for production, spin, coupling dimension), the one y function, the
 * dark-matter species. Independent numbers: y by hand from [arXiv:2502.13635]
 * eq. (3.3); dark-matter degrees of freedom from the field content. */
#include "dr_test.h"

#include <math.h>
#include <string.h>

static void test_names_and_aliases(void **state) {
  (void)state;
  dr_error e;
  for (int k = 0; k < DR_MODEL_COUNT; k++) {
    const dr_model_info *m = dr_model_info_get((dr_model_kind)k);
    assert_non_null(m);
    assert_int_equal(m->kind, k);
    assert_string_equal(dr_model_name((dr_model_kind)k), m->name);
    dr_model_kind got;
    dr_error_clear(&e);
    assert_int_equal(dr_model_parse(m->name, &got, &e), DR_OK);
    assert_int_equal(got, k);
    for (int a = 0; a < DR_MODEL_MAX_ALIASES && m->aliases[a]; a++) {
      assert_int_equal(dr_model_parse(m->aliases[a], &got, &e), DR_OK);
      assert_int_equal(got, k);
    }
  }
  /* an unknown name is an error whose message lists every model */
  dr_model_kind got;
  dr_error_clear(&e);
  assert_int_equal(dr_model_parse("vectr", &got, &e), DR_EINVAL);
  for (int k = 0; k < DR_MODEL_COUNT; k++) assert_non_null(strstr(e.msg, dr_model_name((dr_model_kind)k)));
  assert_null(dr_model_info_get(DR_MODEL_COUNT));
}

static void test_entries(void **state) {
  (void)state;
  for (int k = 0; k < DR_MODEL_COUNT; k++) {
    const dr_model_info *m = dr_model_info_get((dr_model_kind)k);
    /* production exactly where the amplitude engine has the vertex, or for the pairs */
    assert_int_equal(dr_model_can_produce(m->kind), m->rule != DR_VERTEX_NONE || m->pair);
    if (m->pair) {
      /* millicharged pairs: no vertex of their own, no width, chi as 9000011, a dimensionless charge */
      assert_int_equal(m->rule, DR_VERTEX_NONE);
      assert_null(m->width_ff);
      assert_true(dr_model_width_ff(m->kind, 1e-3, 0.5, DR_M_MU) == 0);
      assert_int_equal(m->pdg, 9000011);
      assert_int_equal(m->coupling_dim, 0);
      assert_false(m->dark_portal);
      continue;
    }
    /* a vector or axial rule is a spin-1 mediator, a scalar or pseudoscalar one spin 0 */
    if (m->rule == DR_VERTEX_VECTOR || m->rule == DR_VERTEX_AXIAL) assert_int_equal(m->spin, 1);
    if (m->rule == DR_VERTEX_SCALAR || m->rule == DR_VERTEX_PSEUDOSCALAR) assert_int_equal(m->spin, 0);
    /* PDG numbering scheme: 55 spin-1 mediator, 54 spin-0, 5000039 the Kaluza-Klein graviton */
    if (m->rule == DR_VERTEX_SPIN2) assert_int_equal(m->spin, 2);
    assert_int_equal(m->pdg, m->spin == 2 ? 5000039 : m->spin ? 55 : 54);
    /* the unit matches the dimension: GeV^-n */
    const char *unit[3] = {"1", "GeV^-1", "GeV^-2"};
    assert_string_equal(m->coupling_unit, unit[m->coupling_dim]);
    /* every model has a width to leptons: positive above threshold, zero below */
    assert_true(dr_model_width_ff(m->kind, 1e-3, 0.5, DR_M_MU) > 0);
    assert_true(dr_model_width_ff(m->kind, 1e-3, 0.2, DR_M_MU) == 0);
  }
  /* production: the four DMG4 mediators, the moments and the millicharged pairs */
  assert_true(dr_model_can_produce(DR_MODEL_VECTOR) && dr_model_can_produce(DR_MODEL_SCALAR) &&
              dr_model_can_produce(DR_MODEL_PSEUDOSCALAR) && dr_model_can_produce(DR_MODEL_AXIAL));
  /* hadrons via R(s) for the kinetic-mixing vector only; dark matter for the dark-photon family */
  for (int k = 0; k < DR_MODEL_COUNT; k++) {
    const dr_model_info *m = dr_model_info_get((dr_model_kind)k);
    assert_int_equal(m->em_current, k == DR_MODEL_VECTOR);
    assert_int_equal(m->dark_portal, k == DR_MODEL_VECTOR || (k >= DR_MODEL_MAGNETIC_DIPOLE && k <= DR_MODEL_ANAPOLE));
  }
}

/* L_mu - L_tau: the charges, the neutrino width and the loop-induced electron coupling.
 * Independent numbers: for M << 2 m_mu the loop integral is (1/6) ln(m_tau^2/m_mu^2), so
 * eps/g' = e ln(m_tau^2/m_mu^2)/(12 pi^2) ([Amaral:2020tga] eq. (7) at q^2 = 0); the
 * neutrino width is half the charged lepton's massless width per flavour (one helicity). */
static void test_lmu_ltau(void **state) {
  (void)state;
  dr_model_kind k = DR_MODEL_LMU_LTAU;
  double g = 3e-4, e = sqrt(4 * DR_PI * DR_ALPHA);
  assert_true(dr_model_lepton_g(k, g, 1, 0.1) == g);
  assert_true(dr_model_lepton_g(k, g, 2, 0.1) == -g);
  assert_rel(dr_lmu_ltau_eps_over_g(1e-5), e * log(DR_M_TAU * DR_M_TAU / (DR_M_MU * DR_M_MU)) / (12 * DR_PI * DR_PI), 1e-6);
  assert_rel(dr_model_lepton_g(k, g, 0, 1e-5), e * g * dr_lmu_ltau_eps_over_g(1e-5), 1e-12);
  /* the loop grows towards the muon threshold and stays finite across it (the log singularity integrates) */
  double a = dr_lmu_ltau_eps_over_g(0.1), b = dr_lmu_ltau_eps_over_g(2 * DR_M_MU * 1.001), c = dr_lmu_ltau_eps_over_g(0.5);
  assert_true(a > dr_lmu_ltau_eps_over_g(1e-5) && isfinite(b) && isfinite(c) && c > 0);
  /* Gamma(nu nubar) for two flavours = the width to one massless charged lepton pair (2 x 1/2) */
  assert_rel(dr_model_width_nunu(k, g, 1.0), dr_model_width_ff(k, g, 1.0, 1e-9), 1e-12);
  /* universal models: g = coupling x e for every lepton, no neutrinos */
  assert_rel(dr_model_lepton_g(DR_MODEL_SCALAR, g, 0, 0.1), g * e, 1e-15);
  assert_true(dr_model_width_nunu(DR_MODEL_VECTOR, g, 0.1) == 0);
  assert_int_equal(dr_lepton_index(DR_M_MU), 1);
}

/* the lepton-mass-proportional scalar: c_ee : c_mumu : c_tautau = m_e : m_mu : m_tau, and its widths
 * in that ratio squared times the phase-space factors beta^3 */
static void test_scalar_mass(void **state) {
  (void)state;
  dr_model_kind k = DR_MODEL_SCALAR_MASS;
  double g = 2e-4, M = 3.9;
  assert_rel(dr_model_lepton_g(k, g, 0, M) / dr_model_lepton_g(k, g, 1, M), DR_M_E / DR_M_MU, 1e-14);
  assert_rel(dr_model_lepton_g(k, g, 2, M) / dr_model_lepton_g(k, g, 1, M), DR_M_TAU / DR_M_MU, 1e-14);
  dr_decay_params d = {k, M, g, DR_DM_NONE, 0, 0};
  dr_widths w;
  dr_error e;
  dr_error_clear(&e);
  assert_int_equal(dr_widths_compute(&d, &w, &e), DR_OK);
  double be = sqrt(1 - 4 * DR_M_E * DR_M_E / (M * M)), bm = sqrt(1 - 4 * DR_M_MU * DR_M_MU / (M * M)),
         bt = sqrt(1 - 4 * DR_M_TAU * DR_M_TAU / (M * M));
  assert_rel(w.ee / w.mumu, pow(DR_M_E / DR_M_MU, 2) * pow(be / bm, 3), 1e-12);
  assert_rel(w.tautau / w.mumu, pow(DR_M_TAU / DR_M_MU, 2) * pow(bt / bm, 3), 1e-12);
  assert_true(w.nunu == 0 && w.hadrons == 0);
}

static void test_y(void **state) {
  (void)state;
  /* y = g^2 alpha_D (m_DM/m_A')^4 Lambda^(2n), Lambda = 1e3 GeV; by hand for g = 2.385e-3,
   * alpha_D = 0.43, m_A'/m_DM = 2.7: 5.688225e-6 x 0.43/53.1441 = 4.60246e-8 */
  double base = 2.385e-3 * 2.385e-3 * 0.43 / (2.7 * 2.7 * 2.7 * 2.7);
  assert_rel(base, 4.60246e-8, 1e-5);
  assert_rel(dr_model_y(DR_MODEL_VECTOR, 2.385e-3, 0.43, 2.7), base, 1e-14);
  assert_rel(dr_model_y(DR_MODEL_SCALAR, 2.385e-3, 0.43, 2.7), base, 1e-14);
  assert_rel(dr_model_y(DR_MODEL_MAGNETIC_DIPOLE, 2.385e-3, 0.43, 2.7), base * 1e6, 1e-14);
  assert_rel(dr_model_y(DR_MODEL_ELECTRIC_DIPOLE, 2.385e-3, 0.43, 2.7), base * 1e6, 1e-14);
  assert_rel(dr_model_y(DR_MODEL_CHARGE_RADIUS, 2.385e-3, 0.43, 2.7), base * 1e12, 1e-14);
  assert_rel(dr_model_y(DR_MODEL_ANAPOLE, 2.385e-3, 0.43, 2.7), base * 1e12, 1e-14);
}

static void test_dark_matter(void **state) {
  (void)state;
  /* internal states: complex scalar 2, Dirac 4, Majorana 2 (self-conjugate), pseudo-Dirac 2 x 2 */
  const int dof[DR_DM_COUNT] = {0, 2, 4, 2, 4}, sc[DR_DM_COUNT] = {0, 0, 0, 1, 1};
  dr_error e;
  for (int k = 0; k < DR_DM_COUNT; k++) {
    const dr_dm_info *d = dr_dm_info_get((dr_dm_kind)k);
    assert_int_equal(d->dof, dof[k]);
    assert_int_equal(d->self_conjugate, sc[k]);
    dr_dm_kind got;
    dr_error_clear(&e);
    assert_int_equal(dr_dm_parse(d->name, &got, &e), DR_OK);
    assert_int_equal(got, k);
  }
  dr_dm_kind got;
  assert_int_equal(dr_dm_parse("wimpzilla", &got, &e), DR_EINVAL);
}

int main(void) {
  dr_library_init();
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_names_and_aliases),
      cmocka_unit_test(test_entries), cmocka_unit_test(test_lmu_ltau), cmocka_unit_test(test_scalar_mass),
      cmocka_unit_test(test_y),
      cmocka_unit_test(test_dark_matter),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
