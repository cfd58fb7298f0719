/* darkreach xsec | flux | width */
#include "cli.h"

#include <math.h>
#include <string.h>

/* ------------------------------------------------------------------ xsec */
static const cli_opt xsec_opts[] = {
    {.name = "method", .type = OPT_CHOICE, .arg = "M", .def = "etl", .choices = "etl|ww|iww",
     .help = "etl: exact tree level with target recoil: full 2 -> 3 phase space, squared amplitude from the "
             "Feynman rules, VEGAS to --precision. ww: Weizsacker-Williams d sigma/(dx dcos theta) with chi at "
             "t_min = U^2/(4 E^2 (1-x)^2) for every (x, theta), theta up to --theta-max. iww: improved WW "
             "(darkreach variant): theta integrated analytically with chi frozen at theta = 0, t_min = "
             "U_min^2/(4 E^2 (1-x)^2), U_min = m^2 (1-x)/x + m_l^2 x, beta_X = sqrt(1 - m^2/(x E)^2)"},
    {.name = "chi-tmax", .type = OPT_CHOICE, .arg = "C", .def = "mx2", .choices = "mx2|e2",
     .only_if = "method=ww|iww",
     .help = "upper limit of the photon flux chi: mx2 = m^2 + m_l^2 (Bjorken et al. 2009) or e2 = E^2 "
             "(G4DarkBreM); moves WW results by tens of per cent"},
    {.name = "theta-max", .type = OPT_NUM, .arg = "RAD", .def = "3.141592653589793", .min = 0,
     .max = 3.141592653589793, .range = R_MIN | R_GT | R_MAX, .only_if = "method=ww|etl",
     .help = "a cut on the X polar angle [rad] (IWW integrates to infinity); the dipoles' rate is not "
             "forward-peaked, so their WW needs one"},
    {.name = "rel-tol", .type = OPT_NUM, .arg = "R", .def = "1e-4", .min = 0, .max = 1,
     .range = R_MIN | R_GT | R_MAX | R_LT, .only_if = "method=ww|iww",
     .help = "relative tolerance of the x integral"},
    {.name = "precision", .type = OPT_NUM, .arg = "R", .def = "3e-3", .min = 0, .max = 1,
     .range = R_MIN | R_GT | R_MAX | R_LT, .only_if = "method=etl",
     .help = "target relative error of the VEGAS estimate"},
    CLI_SEED_OPT("method=etl"),
    {.name = "grid-in", .type = OPT_TEXT, .arg = "FILE", .only_if = "method=etl",
     .help = "start from a saved VEGAS grid (adapted further unless --freeze)"},
    {.name = "grid-out", .type = OPT_TEXT, .arg = "FILE", .only_if = "method=etl",
     .help = "save the adapted VEGAS grid (reuse it with --grid-in)"},
    {.name = "freeze", .type = OPT_FLAG, .only_if = "grid-in", .help = "use the grid of --grid-in as it is"},
    CLI_RUN_OPTS("method=etl"),
    CLI_END};

static const cli_opt *const xsec_groups[] = {cli_process_opts, cli_ff_opt, cli_recoil_opt, xsec_opts,
                                             cli_json_opt, NULL};

static void vegas_progress(int it, int adapting, const dr_estimate *est, void *ctx) {
  cli_progress *p = ctx;
  double rel = est->val != 0 ? est->err / fabs(est->val) : 0;
  cli_progress_note(p, "VEGAS %s iteration %d, relative error %.2g %%", adapting ? "adapting," : "frozen grid,", it,
                    100 * rel);
}

static int run_xsec(cli_args *a) {
  dr_process p;
  dr_beam beam;
  const dr_material *mat;
  int rc = cli_process_setup(a, &p, &beam, &mat);
  if (rc != CLI_OK) return rc;
  dr_error e;
  dr_error_clear(&e);
  dr_xsec_opts o = dr_xsec_opts_default();
  if (dr_method_parse(cli_str(a, "method"), &o.method, &e) != DR_OK) return cli_lib_fail(a, &e);
  cli_note_method(a, p.model, o.method);
  int etl = o.method == DR_METHOD_ETL;
  if (!etl && dr_tmax_parse(cli_str(a, "chi-tmax"), &o.tmax, &e) != DR_OK) return cli_lib_fail(a, &e);
  if (o.method != DR_METHOD_IWW) o.theta_max = cli_num(a, "theta-max");
  if (!etl) o.rel_tol = cli_num(a, "rel-tol");
  const char *grid_in = etl ? cli_str(a, "grid-in") : NULL, *grid_out = etl ? cli_str(a, "grid-out") : NULL;
  cli_progress prog;
  if (etl) {
    cli_apply_threads(a);
    o.etl_rel_tol = cli_num(a, "precision");
    o.seed = (uint64_t)cli_num(a, "seed");
    o.etl_freeze = cli_given(a, "freeze");
    cli_progress_begin(&prog, a, "iterations", 0);
    o.progress = vegas_progress;
    o.progress_ctx = &prog;
  }
  if (grid_in && !(o.grid = dr_vegas_grid_load(grid_in, &e))) return cli_lib_fail(a, &e);
  FILE *fg = grid_out ? cli_open_out(a, grid_out) : NULL; /* before the work */
  dr_xsec_ws *w = dr_xsec_ws_alloc();
  if ((grid_out && !fg) || !w || (!o.grid && grid_out && !(o.grid = dr_vegas_grid_alloc(4, 64)))) {
    if (fg) fclose(fg), remove(grid_out);
    dr_vegas_grid_free(o.grid);
    dr_xsec_ws_free(w);
    return grid_out && !fg ? CLI_FAIL : cli_fail(a, CLI_FAIL, "no-memory", "out of memory");
  }
  dr_estimate s;
  rc = dr_sigma(&p, &o, cli_num(a, "xmin"), cli_num(a, "xmax"), w, &s, &e);
  dr_xsec_ws_free(w);
  if (etl) cli_progress_end(&prog);
  if (fg) {
    int computed = rc == DR_OK || rc == DR_ENOCONV;
    int wrc = computed ? dr_vegas_grid_write(o.grid, fg, grid_out, &e) : rc;
    if (fclose(fg) != 0 && wrc == DR_OK) wrc = DR_FAIL(&e, DR_EIO, "cannot write VEGAS grid '%s'", grid_out);
    if (wrc != DR_OK) remove(grid_out); /* no half-written grid */
    if (computed && wrc != DR_OK) rc = wrc;
  }
  dr_vegas_grid_free(o.grid);
  if (rc != DR_OK && rc != DR_ENOCONV) return cli_lib_fail(a, &e);
  const dr_model_info *mi = dr_model_info_get(p.model);
  double lo = fmax(cli_num(a, "xmin"), dr_xsec_xmin(&p)), hi = fmin(cli_num(a, "xmax"), dr_xsec_xmax(&p));
  if (a->json) {
    dr_json j;
    cli_json_stdout(&j, a);
    dr_json_num(&j, "sigma_pb", s.val * DR_GEV2_TO_PB);
    dr_json_num(&j, "err_pb", s.err * DR_GEV2_TO_PB);
    dr_json_num(&j, "sigma_gev2", s.val);
    dr_json_str(&j, "status", dr_status_name(s.status));
    dr_json_str(&j, "method", dr_method_name(o.method));
    dr_json_num(&j, "x_lo", lo);
    dr_json_num(&j, "x_hi", hi);
    dr_json_str(&j, "coupling_unit", mi->coupling_unit);
    if (etl) {
      dr_json_num(&j, "precision_reached", s.val != 0 ? s.err / fabs(s.val) : 0);
      dr_json_num(&j, "chi2_dof", s.chi2_dof);
      dr_json_num(&j, "n_eval", (double)s.neval);
    }
    dr_json_num(&j, "alpha", DR_ALPHA);
    dr_json_str(&j, "units", "pb per target atom");
    dr_json_end(&j);
  } else {
    printf("sigma(%s %s -> %s %s X[%s, m = %g GeV]; E = %g GeV, %g < x < %g, coupling %g, %s)\n"
           "  = %.6e +- %.1e pb per atom  [%s]\n",
           beam.name, mat->symbol, beam.name, mat->symbol, mi->name, p.m_X, p.E0, lo, hi, p.coupling,
           !etl ? dr_method_name(o.method)
           : p.inel_recoil == DR_RECOIL_PROTON && cli_applies(a, "inel-recoil") ? "etl, inelastic on a proton"
                                                                               : "etl",
           s.val * DR_GEV2_TO_PB, s.err * DR_GEV2_TO_PB, dr_status_name(s.status));
  }
  if (rc == DR_ENOCONV) cli_warn(a, "tolerance %g not reached", etl ? o.etl_rel_tol : o.rel_tol);
  return CLI_OK;
}

const cli_cmd cmd_xsec = {
    .name = "xsec",
    .summary = "dark-bremsstrahlung cross section l N -> l N X (exact tree level, WW, IWW)",
    .usage = "darkreach xsec --energy GEV --target SYM --mass GEV [options]",
    .description = "Dark-bremsstrahlung cross section l N -> l N X per target atom, in pb, at the given "
                   "coupling (rates scale as its square).",
    .groups = xsec_groups,
    .run = run_xsec,
};

/* ------------------------------------------------------------------ flux */
static const cli_opt flux_opts[] = {
    {.name = "target", .type = OPT_NAME, .arg = "SYM", .check = cli_check_material, .flags = F_REQUIRED,
     .names = cli_names_materials, .help = "target element"},
    {.name = "energy", .type = OPT_NUM, .arg = "GEV", .min = 0, .range = R_MIN | R_GT, .only_if = "!tmin",
     .help = "beam energy [GeV], for t_min = (m^2/2E)^2"},
    {.name = "mass", .type = OPT_NUM, .arg = "GEV", .min = 0, .range = R_MIN | R_GT, .only_if = "!tmin,!tmax",
     .help = "mediator mass [GeV], for t_min and t_max = m^2"},
    {.name = "tmin", .type = OPT_NUM, .arg = "GEV2", .min = 1e-40, .max = 1e4, .range = R_MIN | R_MAX,
     .help = "lower limit t_min [GeV^2] (default (m^2/2E)^2)"},
    {.name = "tmax", .type = OPT_NUM, .arg = "GEV2", .min = 1e-40, .max = 1e4, .range = R_MIN | R_MAX,
     .help = "upper limit t_max [GeV^2] (default m^2; the form factor is negligible long before 1e4)"},
    CLI_END};

static const cli_opt *const flux_groups[] = {flux_opts, cli_ff_opt, cli_json_opt, NULL};

static int run_flux(cli_args *a) {
  if (!cli_given(a, "tmin")) {
    if (!cli_given(a, "energy") || !cli_given(a, "mass"))
      return cli_fail(a, CLI_USAGE, "usage", "give --energy and --mass, or --tmin (see darkreach flux --help)");
    double m = cli_num(a, "mass");
    cli_set_num(a, "tmin", pow(m * m / (2 * cli_num(a, "energy")), 2));
  }
  if (!cli_given(a, "tmax")) {
    if (!cli_given(a, "mass"))
      return cli_fail(a, CLI_USAGE, "usage", "give --mass or --tmax (see darkreach flux --help)");
    cli_set_num(a, "tmax", pow(cli_num(a, "mass"), 2));
  }
  double tmin = cli_num(a, "tmin"), tmax = cli_num(a, "tmax");
  if (!(tmax > tmin)) return cli_fail(a, CLI_USAGE, "usage", "need t_min < t_max (got %g, %g GeV^2)", tmin, tmax);
  const dr_material *mat = dr_material_find(cli_str(a, "target"));
  dr_error e;
  dr_error_clear(&e);
  dr_inel_mode inel;
  dr_ff ff;
  if (dr_inel_mode_parse(cli_str(a, "form-factor"), &inel, &e) || dr_ff_init(&ff, mat->Z, mat->A, inel, &e))
    return cli_lib_fail(a, &e);
  dr_quad *q = dr_quad_alloc(200);
  if (!q) return cli_fail(a, CLI_FAIL, "no-memory", "out of memory");
  dr_estimate chi;
  dr_flux_chi(&ff, tmin, tmax, q, 1e-8, &chi);
  dr_quad_free(q);
  if (chi.status != DR_OK)
    return cli_fail(a, CLI_FAIL, dr_status_name(chi.status), "the flux integral did not converge (chi = %g +- %g)",
                    chi.val, chi.err);
  double z2 = (double)mat->Z * mat->Z;
  if (a->json) {
    dr_json j;
    cli_json_stdout(&j, a);
    dr_json_num(&j, "chi", chi.val);
    dr_json_num(&j, "chi_over_z2", chi.val / z2);
    dr_json_num(&j, "err", chi.err);
    dr_json_str(&j, "status", dr_status_name(chi.status));
    dr_json_int(&j, "Z", mat->Z);
    dr_json_num(&j, "A", mat->A);
    dr_json_end(&j);
  } else {
    printf("chi(%s; t_min = %.4e, t_max = %.4e GeV^2, %s) = %.6e  (chi/Z^2 = %.6g) [%s]\n", mat->symbol, tmin,
           tmax, dr_inel_mode_name(inel), chi.val, chi.val / z2, dr_status_name(chi.status));
  }
  return CLI_OK;
}

const cli_cmd cmd_flux = {
    .name = "flux",
    .summary = "effective photon flux chi of a target",
    .usage = "darkreach flux --target SYM (--energy GEV --mass GEV | --tmin GEV2 --tmax GEV2) [options]",
    .description = "Effective photon flux chi(t_min, t_max) = Int dt (t - t_min)/t^2 G2(t) (Bjorken, Essig, "
                   "Schuster, Toro 2009, eq. A17; G2 = Tsai elastic + inelastic form factor).",
    .groups = flux_groups,
    .run = run_flux,
};

/* ----------------------------------------------------------------- width */
static const cli_opt width_opts[] = {
    {.name = "model", .type = OPT_NAME, .arg = "NAME", .def = "vector", .check = cli_check_model,
     .names = cli_names_models, .help = "the mediator (darkreach models)"},
    {.name = "mass", .type = OPT_NUM, .arg = "GEV", .min = 0, .range = R_MIN | R_GT, .flags = F_REQUIRED,
     .help = "mediator mass [GeV]"},
    {.name = "coupling", .type = OPT_NUM, .arg = "G", .def = "1", .min = 0, .range = R_MIN,
     .help = "the model's coupling to leptons, in its unit (darkreach models)"},
    CLI_EPS_ALIAS,
    {.name = "dm", .type = OPT_NAME, .arg = "NAME", .def = "none", .check = cli_check_dm,
     .names = cli_names_dm,
     .help = "dark-matter species of the invisible channel (dark-photon family only)"},
    {.name = "alpha-d", .type = OPT_NUM, .arg = "A", .def = "0.5", .min = 0, .max = ALPHA_D_MAX, .range = R_MIN | R_GT | R_MAX,
     .only_if = "!dm=none", .help = "dark coupling alpha_D = g_D^2/4pi (at most 4 pi, perturbative unitarity)"},
    {.name = "ratio", .type = OPT_NUM, .arg = "R", .def = "3", .min = 0, .range = R_MIN | R_GT,
     .only_if = "!dm=none", .help = "m_X/m_DM"},
    {.name = "delta", .type = OPT_NUM, .arg = "D", .def = "0.1", .min = 0, .max = 1, .range = R_MIN | R_MAX | R_GT,
     .only_if = "model=vector|scalar-mass;dm=pseudo-dirac",
     .help = "inelastic dark matter: the splitting (m_chi2 - m_chi1)/m_chi1; adds the chi_2 -> chi_1 l+ l- width and "
             "c*tau (through the off-shell dark photon, or the off-shell scalar of scalar-mass: the scalar portal; "
             "m_DM = m_chi1)"},
    CLI_END};

static const cli_opt *const width_groups[] = {width_opts, cli_json_opt, NULL};

static int run_width(cli_args *a) {
  dr_error e;
  dr_error_clear(&e);
  double m = cli_num(a, "mass");
  dr_decay_params d = {DR_MODEL_VECTOR, m, cli_num(a, "coupling"), DR_DM_NONE, 0, 0};
  if (dr_model_parse(cli_str(a, "model"), &d.model, &e) || dr_dm_parse(cli_str(a, "dm"), &d.dm, &e))
    return cli_lib_fail(a, &e);
  if (d.dm != DR_DM_NONE) {
    int rc = dr_model_decays_to_dm(d.model, d.dm) ? CLI_OK : cli_need_dark(a, d.model, "--dm is for");
    if (rc != CLI_OK) return rc;
    d.alpha_d = cli_num(a, "alpha-d");
    d.m_dm = m / cli_num(a, "ratio");
  }
  dr_widths w;
  if (dr_widths_compute(&d, &w, &e)) return cli_lib_fail(a, &e);
  double ctau = dr_ctau_m(w.total), g2 = NAN, delta = NAN;
  if (cli_applies(a, "delta")) {
    delta = cli_num(a, "delta");
    if (dr_chi2_width_model(d.model, d.m_dm, delta, m, d.coupling, d.alpha_d, &g2, &e)) return cli_lib_fail(a, &e);
  }
  const char *names[8] = {"ee", "mumu", "tautau", "nunu", "gammagamma", "hadrons", "3gamma", "dm"};
  double vals[8] = {w.ee, w.mumu, w.tautau, w.nunu, w.gg, w.hadrons, w.gamma3, w.dm};
  const dr_model_info *mi = dr_model_info_get(d.model);
  if (a->json) {
    dr_json j;
    cli_json_stdout(&j, a);
    dr_json_num(&j, "gamma_gev", w.total);
    dr_json_num(&j, "ctau_m", ctau);
    dr_json_key_object(&j, "br");
    for (int i = 0; i < 8; i++) dr_json_num(&j, names[i], w.total > 0 ? vals[i] / w.total : 0);
    dr_json_close(&j);
    dr_json_key_object(&j, "partial_gev");
    for (int i = 0; i < 8; i++) dr_json_num(&j, names[i], vals[i]);
    dr_json_close(&j);
    dr_json_str(&j, "coupling_unit", mi->coupling_unit);
    dr_json_str(&j, "lepton_width", mi->width_formula);
    if (d.dm != DR_DM_NONE) dr_json_num(&j, "m_dm_gev", d.m_dm);
    if (isfinite(delta)) {
      dr_json_key_object(&j, "chi2");
      dr_json_num(&j, "gamma_gev", g2);
      dr_json_num(&j, "ctau_m", dr_ctau_m(g2));
      dr_json_num(&j, "m_chi1_gev", d.m_dm);
      dr_json_num(&j, "m_chi2_gev", d.m_dm * (1 + delta));
      dr_json_close(&j);
    }
    dr_json_end(&j);
  } else {
    printf("%s mediator, m = %g GeV, coupling %g [%s]: Gamma = %.6e GeV, c*tau = %.6e m\n", mi->name, m, d.coupling,
           mi->coupling_unit, w.total, ctau);
    for (int i = 0; i < 8; i++)
      if (vals[i] > 0) printf("  %-10s Gamma = %.6e GeV  Br = %.6f\n", names[i], vals[i], vals[i] / w.total);
    if (isfinite(delta))
      printf("chi_2 (m = %g GeV) -> chi_1 (m = %g GeV) l+ l-: Gamma = %.6e GeV, c*tau = %.6e m\n", d.m_dm * (1 + delta),
             d.m_dm, g2, dr_ctau_m(g2));
  }
  return CLI_OK;
}

const cli_cmd cmd_width = {
    .name = "width",
    .summary = "mediator widths, branching ratios and c*tau",
    .usage = "darkreach width --mass GEV [options]",
    .description = "Partial and total widths, branching ratios and c*tau of the mediator, from its registry entry "
                   "(darkreach models). Hadrons for the vector from the measured R(s) (PDG compilation, "
                   "data/rratio_pdg2020.dat, 0.28-12 GeV); the other models couple to leptons only (lmu-ltau also "
                   "to neutrinos, spin2 to photons). With --dm pseudo-dirac --delta D, the inelastic chi_2 -> chi_1 l+ l- "
                   "width too (vector and scalar-mass).",
    .groups = width_groups,
    .run = run_width,
};

/* ----------------------------------------------------------------- amu */
static const cli_opt amu_opts[] = {
    {.name = "model", .type = OPT_NAME, .arg = "NAME", .def = "vector", .check = cli_check_model,
     .names = cli_names_models, .help = "the mediator (darkreach models): vector, axial, scalar or pseudoscalar"},
    {.name = "mass", .type = OPT_NUM, .arg = "GEV", .min = 0, .range = R_MIN | R_GT, .flags = F_REQUIRED,
     .help = "mediator mass [GeV]"},
    {.name = "coupling", .type = OPT_NUM, .arg = "G", .def = "1", .min = 0, .range = R_MIN,
     .help = "the model's coupling to leptons, in its unit (darkreach models)"},
    CLI_EPS_ALIAS,
    {.name = "sm", .type = OPT_CHOICE, .arg = "WP", .def = "wp25", .choices = "wp25|wp20",
     .help = "the Standard-Model prediction the anomaly is taken against: the Theory Initiative's 2025 update "
             "(lattice HVP; Delta a_mu = 38.5(63.7)e-11, no anomaly) or its 2020 White Paper (data-driven HVP, "
             "superseded; Delta a_mu = 261.5(45.3)e-11, the band of the NA64mu papers)"},
    CLI_END};

static const cli_opt *const amu_groups[] = {amu_opts, cli_json_opt, NULL};

/* couplings where the model's Delta a_mu lies within n sigma of the anomaly: Delta a scales as g^2,
 * so the band is g sqrt([lo, hi]/Delta a(g)) where the interval overlaps Delta a's sign */
static void amu_band(double da, double g, double lo, double hi, double *glo, double *ghi) {
  *glo = *ghi = NAN;
  if (!(da != 0) || !(g > 0)) return;
  double a = lo / da, b = hi / da; /* g'^2/g^2 */
  double mn = fmin(a, b), mx = fmax(a, b);
  if (mx <= 0) return;
  *glo = g * sqrt(fmax(mn, 0));
  *ghi = g * sqrt(mx);
}

static int run_amu(cli_args *a) {
  dr_error e;
  dr_error_clear(&e);
  dr_model_kind model;
  if (dr_model_parse(cli_str(a, "model"), &model, &e)) return cli_lib_fail(a, &e);
  double m = cli_num(a, "mass"), g = cli_num(a, "coupling"), da;
  if (dr_amu_one_loop(model, g, m, &da, &e)) return cli_lib_fail(a, &e);
  int wp20 = !strcmp(cli_str(a, "sm"), "wp20");
  dr_amu_anomaly_t an = dr_amu_anomaly(wp20 ? DR_AMU_SM_WP20 : DR_AMU_SM_WP25);
  double g1lo, g1hi, g2lo, g2hi, g1 = g > 0 ? g : 1, da1 = g > 0 ? da : 0;
  if (!(g > 0)) dr_amu_one_loop(model, 1, m, &da1, &e); /* the band needs a nonzero reference coupling */
  amu_band(da1, g1, an.delta - an.sigma, an.delta + an.sigma, &g1lo, &g1hi);
  amu_band(da1, g1, an.delta - 2 * an.sigma, an.delta + 2 * an.sigma, &g2lo, &g2hi);
  const dr_model_info *mi = dr_model_info_get(model);
  if (a->json) {
    dr_json j;
    cli_json_stdout(&j, a);
    dr_json_num(&j, "delta_a_mu", da);
    dr_json_num(&j, "pull", (da - an.delta) / an.sigma);
    dr_json_key_object(&j, "anomaly");
    dr_json_num(&j, "delta_a_mu", an.delta);
    dr_json_num(&j, "sigma", an.sigma);
    dr_json_str(&j, "sm", wp20 ? "wp20" : "wp25");
    dr_json_str(&j, "source", an.source);
    dr_json_close(&j);
    dr_json_key_object(&j, "coupling_band");
    dr_json_num(&j, "lo_1sigma", g1lo);
    dr_json_num(&j, "hi_1sigma", g1hi);
    dr_json_num(&j, "lo_2sigma", g2lo);
    dr_json_num(&j, "hi_2sigma", g2hi);
    dr_json_close(&j);
    dr_json_str(&j, "coupling_unit", mi->coupling_unit);
    dr_json_end(&j);
  } else {
    printf("%s mediator, m = %g GeV, coupling %g [%s]: Delta a_mu = %.6e (one loop)\n", mi->name, m, g,
           mi->coupling_unit, da);
    printf("anomaly (%s): Delta a_mu = %.4g +- %.3g; this model is %.2f sigma from it\n", wp20 ? "wp20" : "wp25",
           an.delta, an.sigma, (da - an.delta) / an.sigma);
    if (isfinite(g2hi))
      printf("couplings within 2 sigma: %.4g .. %.4g (1 sigma: %.4g .. %.4g)\n", g2lo, g2hi, g1lo, g1hi);
    else
      printf("no coupling brings it within 2 sigma (its contribution has the other sign)\n");
    printf("source: %s\n", an.source);
  }
  return CLI_OK;
}

const cli_cmd cmd_amu = {
    .name = "amu",
    .summary = "one-loop (g-2)_mu of a mediator against the measured anomaly",
    .usage = "darkreach amu --mass GEV [options]",
    .description = "The one-loop contribution Delta a_mu of the mediator (vector, axial, scalar, pseudoscalar "
                   "couplings to the muon; Leveille 1978, in the Feynman-parameter form of Jegerlehner and "
                   "Nyffeler 2009), against Delta a_mu = a_mu(exp) - a_mu(SM): the experimental world average after "
                   "the final Fermilab result (2025) and the Theory Initiative's 2025 SM prediction (default) or its "
                   "2020 one; the couplings whose Delta a_mu lies within 1 and 2 sigma of it.",
    .groups = amu_groups,
    .run = run_amu,
};
