/* darkreach discriminate: how many signal events tell two hypotheses (model,
 * mass) apart from the recoil lepton (method in include/darkreach/discrim.h) */
#include "cli.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

enum { MAX_MASSES = 20, MAX_PROFILE = 200 };
static const double CLS[2] = {0.90, 0.95};
static const char *const CL_KEYS[2] = {"n90", "n95"};

/* the multiple-scattering floor of the p_T resolution: Highland's formula as
 * fitted by Lynch and Dahl [Workman:2022ynf] (Passage of particles through
 * matter, eq. 34.15), theta_0 p = 13.6 MeV sqrt(x/X0) (1 + 0.038 ln(x/X0)),
 * for half of LDMX's 0.1 X0 tungsten target (the mean depth of the
 * emission): 2.7 MeV, whatever the momentum */
#define PT_RES_DEFAULT "0.0027"

static const cli_opt discrim_opts[] = {
    {.name = "model-a", .type = OPT_NAME, .arg = "NAME", .def = "vector", .check = cli_check_model,
     .names = cli_names_models_produced, .only_if = "!map", .help = "hypothesis A, taken as true: its model"},
    {.name = "mass-a", .type = OPT_NUM, .arg = "GEV", .min = 0, .range = R_MIN | R_GT, .only_if = "!map",
     .help = "A's mediator mass [GeV] (required unless --map)"},
    {.name = "model-b", .type = OPT_NAME, .arg = "NAME", .def = "magnetic-dipole", .check = cli_check_model,
     .names = cli_names_models_produced, .only_if = "!map", .help = "hypothesis B, to be rejected: its model"},
    {.name = "mass-b", .type = OPT_NUM, .arg = "GEV", .min = 0, .range = R_MIN | R_GT,
     .only_if = "!map;!profile-mass-b", .help = "B's mediator mass [GeV] (required unless --profile-mass-b or --map)"},
    {.name = "couplings", .type = OPT_NAME, .arg = "GA,GB", .check = cli_check_couplings, .only_if = "!map",
     .help = "A's and B's couplings, each in its model's unit: the total rate enters the test too (r = "
             "sigma_B/sigma_A at these couplings; N is then A's expected number of events)"},
    {.name = "profile-mass-b", .type = OPT_FLAG, .only_if = "!map",
     .help = "B's mass is free: scan it over --mass-b-min..--mass-b-max and report, per observable, the mass that "
             "mimics A best (most events needed) and the events that reject B at every mass"},
    {.name = "mass-b-min", .type = OPT_NUM, .arg = "GEV", .min = 0, .range = R_MIN | R_GT,
     .only_if = "profile-mass-b", .help = "lowest B mass of the profile [GeV] (default 0.5 x --mass-a)"},
    {.name = "mass-b-max", .type = OPT_NUM, .arg = "GEV", .min = 0, .range = R_MIN | R_GT,
     .only_if = "profile-mass-b", .help = "highest B mass of the profile [GeV] (default 1.5 x --mass-a, within the "
                                         "kinematic limit)"},
    {.name = "mass-b-points", .type = OPT_INT, .arg = "N", .def = "21", .min = 2, .max = MAX_PROFILE,
     .range = R_MIN | R_MAX, .only_if = "profile-mass-b", .help = "B masses of the profile (evenly spaced)"},
    {.name = "map", .type = OPT_FLAG,
     .help = "the events needed for every ordered pair of --models and every pair of --masses (A true, B rejected): "
             "DIR/discriminate_map.csv and a PNG per model pair"},
    {.name = "models", .type = OPT_NAME, .arg = "LIST", .def = "all", .check = cli_check_models_any,
     .only_if = "map", .help = "models of the map, comma-separated, or all (the dark-photon family)"},
    {.name = "masses", .type = OPT_NAME, .arg = "LIST", .def = "0.25,0.5,0.75,1", .check = cli_check_masses,
     .only_if = "map", .help = "masses of the map [GeV], comma-separated and increasing (at most 20)"},
    {.name = "res-e", .type = OPT_NUM, .arg = "R", .def = "0", .min = 0, .range = R_MIN,
     .help = "relative resolution sigma_E/E of the recoil energy (default: ideal; LDMX's tracker resolution is not "
             "in the cards: give your detector's)"},
    {.name = "res-e-abs", .type = OPT_NUM, .arg = "GEV", .def = "0", .min = 0, .range = R_MIN,
     .help = "absolute recoil-energy resolution [GeV], added in quadrature"},
    {.name = "res-pt", .type = OPT_NUM, .arg = "GEV", .def = PT_RES_DEFAULT, .min = 0, .range = R_MIN,
     .help = "absolute resolution of the recoil p_T [GeV]; the default is multiple scattering in half of a 0.1 X0 "
             "tungsten target (PDG: Highland, Lynch-Dahl), a floor without the tracker's own resolution"},
    {.name = "res-pt-rel", .type = OPT_NUM, .arg = "R", .def = "0", .min = 0, .range = R_MIN,
     .help = "relative p_T resolution, added in quadrature"},
    {.name = "bins-e", .type = OPT_INT, .arg = "N", .def = "30", .min = 2, .max = 1000, .range = R_MIN | R_MAX,
     .help = "recoil-energy bins on [0, (1 - xmin) E) (the last also takes what lies above)"},
    {.name = "bins-pt", .type = OPT_INT, .arg = "N", .def = "30", .min = 2, .max = 1000, .range = R_MIN | R_MAX,
     .help = "recoil-p_T bins on [0, --pt-max) (the last also takes what lies above)"},
    {.name = "pt-max", .type = OPT_NUM, .arg = "GEV", .min = 0, .range = R_MIN | R_GT,
     .help = "upper end of the p_T bins [GeV] (default min((1 - xmin) E, 4 m_max + 0.2 GeV), m_max the largest "
             "mass compared)"},
    {.name = "method", .type = OPT_CHOICE, .arg = "M", .def = "etl", .choices = "etl|ww",
     .help = "templates by exact tree level, or WW (fixed nucleus; see darkreach compare)"},
    {.name = "samples", .type = OPT_INT, .arg = "N", .def = "200000", .min = 1000, .max = 1e9, .range = R_MIN | R_MAX,
     .help = "weighted points per template (rounded up to a multiple of 256); hypotheses closer than the templates' "
             "Monte Carlo precision come out as indistinguishable (null)"},
    {.name = "toys", .type = OPT_INT, .arg = "N", .def = "0", .min = 0, .max = 1e7, .range = R_MIN | R_MAX,
     .only_if = "!map;!profile-mass-b",
     .help = "check the answer with N toy pseudo-experiments per observable and CL: the fractions of A's and of B's "
             "toys that reject B at the events found (expected: CL, or a little more where the events include the "
             "correction for the templates' noise, and 1 - CL)"},
    {.name = "out", .type = OPT_TEXT, .arg = "DIR", .def = "out/discriminate", .flags = F_NO_FINGERPRINT,
     .help = "output directory (created; checked before the work starts)"},
    CLI_SEED_OPT(NULL),
    CLI_RUN_OPTS(NULL),
    CLI_END};

static const cli_opt *const discrim_groups[] = {cli_beam_target_opts, cli_ff_opt, cli_recoil_opt, discrim_opts,
                                                cli_plot_opts, cli_json_opt, NULL};
static const char *const discrim_defaults[] = {"energy=4", "target=W", "xmin=0.7", NULL};

/* ---- shared setup ---- */
typedef struct {
  dr_beam beam;
  const dr_material *mat;
  dr_inel_mode inel;
  dr_inel_recoil recoil;
  double E0, x_lo, x_hi;
  dr_xsec_opts o;
  dr_resolution res;
  dr_binning bin;
  long samples;
  cli_progress prog;
  int n_templates, done; /* for the progress line */
} setup;

static void tick(long done, long total, void *ctx) {
  setup *s = ctx;
  s->prog.total = s->n_templates * total;
  cli_progress_step(&s->prog, s->done * total + done);
}

static int process(cli_args *a, setup *s, dr_model_kind m, double mass, double coupling, dr_process *p) {
  dr_error e;
  dr_error_clear(&e);
  if (dr_process_init(p, m, &s->beam, s->E0, mass, s->mat, s->inel, &e) != DR_OK) return cli_lib_fail(a, &e);
  p->inel_recoil = s->recoil;
  p->coupling = coupling;
  return CLI_OK;
}

static int fill(cli_args *a, setup *s, const dr_process *p, dr_template *t) {
  dr_error e;
  dr_error_clear(&e);
  dr_fill_ctl ctl = {&cli_stop, tick, s};
  int st = dr_template_fill(t, &s->bin, p, &s->o, s->x_lo, s->x_hi, s->samples, &s->res, &ctl, &e);
  s->done++;
  if (st == DR_ECANCELED) return cli_fail(a, CLI_INTERRUPTED, "canceled", "interrupted: no result");
  if (st != DR_OK) {
    char msg[600];
    dr_error_user_message(&e, msg, sizeof msg);
    return cli_fail(a, CLI_FAIL, "invalid", "%s at m = %g GeV: %s", dr_model_name(p->model), p->m_X, msg);
  }
  return CLI_OK;
}

static int setup_common(cli_args *a, setup *s, double m_max) {
  cli_apply_threads(a);
  dr_error e;
  dr_error_clear(&e);
  s->recoil = DR_RECOIL_PROTON;
  if (dr_beam_parse(cli_str(a, "beam"), &s->beam, &e) || dr_inel_mode_parse(cli_str(a, "form-factor"), &s->inel, &e) ||
      (cli_applies(a, "inel-recoil") && dr_inel_recoil_parse(cli_str(a, "inel-recoil"), &s->recoil, &e)))
    return cli_lib_fail(a, &e);
  s->mat = dr_material_find(cli_str(a, "target"));
  s->E0 = cli_num(a, "energy");
  s->x_lo = cli_num(a, "xmin");
  s->x_hi = cli_given(a, "xmax") ? cli_num(a, "xmax") : 1;
  if (!(s->x_hi > s->x_lo))
    return cli_fail(a, CLI_USAGE, "usage", "need --xmin < --xmax (got %g, %g)", s->x_lo, s->x_hi);
  s->o = dr_xsec_opts_default();
  if (dr_method_parse(cli_str(a, "method"), &s->o.method, &e)) return cli_lib_fail(a, &e);
  s->o.seed = (uint64_t)cli_num(a, "seed");
  s->res = (dr_resolution){cli_num(a, "res-e"), cli_num(a, "res-e-abs"), cli_num(a, "res-pt-rel"), cli_num(a, "res-pt")};
  /* recoil energy E0 (1 - x) above the cut at most; p_T below the recoil momentum */
  double e_hi = (1 - s->x_lo) * s->E0;
  s->bin = (dr_binning){(int)cli_num(a, "bins-e"), (int)cli_num(a, "bins-pt"), e_hi,
                        cli_given(a, "pt-max") ? cli_num(a, "pt-max") : fmin(e_hi, 4 * m_max + 0.2)};
  cli_set_num(a, "pt-max", s->bin.pt_hi);
  s->samples = (long)cli_num(a, "samples");
  return CLI_OK;
}

/* the answer for one pair of templates: n[cl][obs] (INFINITY: indistinguishable) */
typedef struct {
  dr_disc d[2][DR_OBS_COUNT];
  double n2d_own[2]; /* the 2D test's own events (INFINITY: its templates alone do not separate A and B) */
  double toys_a[2][DR_OBS_COUNT], toys_b[2][DR_OBS_COUNT];
} pair_result;

static void compare_templates(const dr_template *A, const dr_template *B, double r, double r_err, pair_result *pr) {
  dr_error e;
  dr_error_clear(&e);
  for (int c = 0; c < 2; c++) {
    for (int k = 0; k < DR_OBS_COUNT; k++)
      dr_discriminate(A->p[k], A->var[k], B->p[k], B->var[k], A->n[k], CLS[c], r, r_err, &pr->d[c][k], &e);
    /* the 2D histogram holds both marginals, and a test of a marginal is a test of the 2D data: the 2D answer
     * needs no more events than the better marginal (where the 2D templates are too noisy for their many bins,
     * or do not separate A and B on their own, the marginal decides) */
    dr_disc *d2 = &pr->d[c][DR_OBS_E_PT];
    pr->n2d_own[c] = d2->n;
    d2->n = fmin(d2->n, fmin(pr->d[c][DR_OBS_E].n, pr->d[c][DR_OBS_PT].n));
    d2->separable = isfinite(d2->n);
  }
}

static void json_n(dr_json *j, const char *key, double n) {
  if (isfinite(n)) dr_json_num(j, key, ceil(n));
  else dr_json_null(j, key);
}

static void json_ns(dr_json *j, const pair_result *pr) {
  for (int c = 0; c < 2; c++) {
    dr_json_key_object(j, CL_KEYS[c]);
    for (int k = 0; k < DR_OBS_COUNT; k++) json_n(j, dr_observable_name((dr_observable)k), pr->d[c][k].n);
    dr_json_close(j);
  }
}

static void json_setup(dr_json *j, const setup *s) {
  dr_json_key_object(j, "resolution");
  dr_json_num(j, "e_rel", s->res.e_rel);
  dr_json_num(j, "e_abs_gev", s->res.e_abs);
  dr_json_num(j, "pt_abs_gev", s->res.pt_abs);
  dr_json_num(j, "pt_rel", s->res.pt_rel);
  dr_json_str(j, "model", "Gaussian in E and in p_T, independent; what is smeared below 0 goes to the first bin");
  dr_json_close(j);
  dr_json_key_object(j, "binning");
  dr_json_int(j, "bins_e", s->bin.ne);
  dr_json_num(j, "e_max_gev", s->bin.e_hi);
  dr_json_int(j, "bins_pt", s->bin.npt);
  dr_json_num(j, "pt_max_gev", s->bin.pt_hi);
  dr_json_str(j, "overflow", "the last bin of each axis takes everything above");
  dr_json_close(j);
  dr_json_str(j, "statistic",
              "binned log-likelihood ratio (Neyman-Pearson), Gaussian for N events: N = z^2 (s_A + s_B)^2/(m_A - m_B - "
              "noise)^2 rejects B at CL with probability CL when A is true, noise the templates' Monte Carlo "
              "contribution to m_A - m_B; bins known to less than 30 % merged; e_pt: at most the better marginal's N "
              "(darkreach/discrim.h); null: the templates do not differ beyond their Monte Carlo precision");
}

/* ---- one pair ---- */
typedef struct {
  const setup *s;
  dr_process pa, pb;
  const dr_template *A, *B;
  pair_result pr;
  int rate, toys;
  double r, r_err;
  const char *dir;
} pair_out;

static void pair_json(dr_json *j, void *ctx) {
  const pair_out *o = ctx;
  json_ns(j, &o->pr);
  dr_json_bool(j, "rate_term", o->rate);
  if (o->rate) {
    dr_json_num(j, "rate_ratio_b_over_a", o->r);
    dr_json_num(j, "rate_ratio_err", o->r_err);
  }
  dr_json_key_object(j, "a");
  dr_json_str(j, "model", dr_model_name(o->pa.model));
  dr_json_num(j, "mass_gev", o->pa.m_X);
  dr_json_num(j, "sigma_pb", o->A->sigma.val * DR_GEV2_TO_PB);
  dr_json_num(j, "sigma_err_pb", o->A->sigma.err * DR_GEV2_TO_PB);
  dr_json_close(j);
  dr_json_key_object(j, "b");
  dr_json_str(j, "model", dr_model_name(o->pb.model));
  dr_json_num(j, "mass_gev", o->pb.m_X);
  dr_json_num(j, "sigma_pb", o->B->sigma.val * DR_GEV2_TO_PB);
  dr_json_num(j, "sigma_err_pb", o->B->sigma.err * DR_GEV2_TO_PB);
  dr_json_close(j);
  dr_json_key_object(j, "details");
  for (int k = 0; k < DR_OBS_COUNT; k++) {
    const dr_disc *d = &o->pr.d[0][k];
    dr_json_key_object(j, dr_observable_name((dr_observable)k));
    dr_json_bool(j, "separable", d->separable);
    dr_json_num(j, "template_x2", d->x2);
    dr_json_int(j, "template_dof", d->dof);
    dr_json_num(j, "per_event_mean_a", d->m_a);
    dr_json_num(j, "per_event_sd_a", d->s_a);
    dr_json_num(j, "per_event_mean_b", d->m_b);
    dr_json_num(j, "per_event_sd_b", d->s_b);
    dr_json_num(j, "per_event_noise", d->noise);
    if (k == DR_OBS_E_PT) {
      if (isfinite(o->pr.n2d_own[0])) dr_json_num(j, "n90_own_test", o->pr.n2d_own[0]);
      else dr_json_null(j, "n90_own_test");
    }
    dr_json_close(j);
  }
  dr_json_close(j);
  if (o->toys) {
    dr_json_key_object(j, "toys");
    dr_json_int(j, "per_point", o->toys);
    for (int c = 0; c < 2; c++) {
      dr_json_key_object(j, CL_KEYS[c]);
      for (int k = 0; k < DR_OBS_COUNT; k++) {
        dr_json_key_object(j, dr_observable_name((dr_observable)k));
        dr_json_num(j, "reject_b_when_a", o->pr.toys_a[c][k]);
        dr_json_num(j, "reject_b_when_b", o->pr.toys_b[c][k]);
        dr_json_close(j);
      }
      dr_json_close(j);
    }
    dr_json_close(j);
  }
  json_setup(j, o->s);
}

/* A's and B's E and p_T templates side by side (what the test sees) */
static int write_shapes(cli_args *a, const pair_out *o) {
  for (int k = 0; k < 2; k++) {
    const dr_template *T[2] = {o->A, o->B};
    int n = T[0]->n[k];
    double w = (k == DR_OBS_E ? o->s->bin.e_hi : o->s->bin.pt_hi) / n;
    char path[4200], lab[2][96];
    snprintf(path, sizeof path, "%s/discriminate_%s.csv", o->dir, dr_observable_name((dr_observable)k));
    FILE *f = cli_replace_begin(a, path);
    if (!f) return CLI_FAIL;
    fputs("lo,hi,a,a_err,b,b_err\n", f);
    double *xs = malloc(sizeof(double) * 6 * (size_t)n);
    for (int i = 0; i < n; i++) {
      dr_csv_num(f, i * w, 0);
      dr_csv_num(f, (i + 1) * w, 1);
      for (int h = 0; h < 2; h++) {
        dr_csv_num(f, T[h]->p[k][i] / w, 1);
        dr_csv_num(f, sqrt(T[h]->var[k][i]) / w, 1);
        if (xs) xs[2 * n * (h + 1) + 2 * i] = xs[2 * n * (h + 1) + 2 * i + 1] = T[h]->p[k][i] / w;
      }
      if (xs) xs[2 * i] = i * w, xs[2 * i + 1] = (i + 1) * w;
      fputc('\n', f);
    }
    int rc = cli_replace_end(a, f, path);
    if (rc != CLI_OK || !xs) {
      free(xs);
      if (rc == CLI_OK) rc = cli_fail(a, CLI_FAIL, "no-memory", "out of memory");
      return rc;
    }
    snprintf(lab[0], sizeof lab[0], "A: %s, %g GeV", dr_model_name(o->pa.model), o->pa.m_X);
    snprintf(lab[1], sizeof lab[1], "B: %s, %g GeV", dr_model_name(o->pb.model), o->pb.m_X);
    dr_plot_curve cv[2] = {{xs, xs + 2 * n, 2 * n, lab[0], 9, 1, 0, NULL}, {xs, xs + 4 * n, 2 * n, lab[1], 1, 2, 0, NULL}};
    snprintf(path, sizeof path, "%s/discriminate_%s.png", o->dir, dr_observable_name((dr_observable)k));
    dr_error e;
    dr_error_clear(&e);
    if (dr_plot_xy(path, "smeared templates (last bin: overflow)",
                   k == DR_OBS_E ? "recoil energy [GeV]" : "recoil p#dT#u [GeV]", "fraction per GeV", cv, 2, 0, 0, &e))
      cli_warn(a, "no plot %s", path);
    free(xs);
  }
  return CLI_OK;
}

static void print_ns(const pair_result *pr) {
  for (int c = 0; c < 2; c++) {
    printf("  %g %% CL:", 100 * CLS[c]);
    for (int k = 0; k < DR_OBS_COUNT; k++) {
      double n = pr->d[c][k].n;
      if (isfinite(n)) printf("  %s %.0f", dr_observable_name((dr_observable)k), ceil(n));
      else printf("  %s indistinguishable", dr_observable_name((dr_observable)k));
    }
    printf("\n");
  }
}

/* the couplings of the rate term, or 0 and 0 (shape only) */
static int rate_setup(cli_args *a, double g[2]) {
  g[0] = g[1] = 0;
  if (!cli_given(a, "couplings")) return 0;
  cli_parse_list_nums(cli_str(a, "couplings"), g, 2);
  return 1;
}

/* r = sigma_B/sigma_A at couplings g (the templates are filled at coupling 1), in logs; its error */
static int rate_ratio(cli_args *a, const dr_template *A, const dr_template *B, const double g[2], double *r,
                      double *r_err) {
  double lr = 2 * (log(g[1]) - log(g[0])) + log(B->sigma.val) - log(A->sigma.val);
  if (!(fabs(lr) <= log(1e30)))
    return cli_fail(a, CLI_USAGE, "usage",
                    "--couplings: sigma_B/sigma_A = 10^%.0f at these couplings; beyond 1e30 either way the rate alone "
                    "decides (one event); choose couplings with a ratio within 1e-30 .. 1e30",
                    lr / log(10));
  *r = exp(lr);
  *r_err = *r * hypot(A->sigma.err / A->sigma.val, B->sigma.err / B->sigma.val);
  return CLI_OK;
}

static int run_pair(cli_args *a) {
  if (!cli_given(a, "mass-a")) return cli_fail(a, CLI_USAGE, "usage", "--mass-a is required (or --map)");
  if (!cli_given(a, "mass-b")) return cli_fail(a, CLI_USAGE, "usage", "--mass-b is required (or --profile-mass-b)");
  double g[2];
  int rate = rate_setup(a, g);
  setup s;
  int rc = setup_common(a, &s, fmax(cli_num(a, "mass-a"), cli_num(a, "mass-b")));
  if (rc != CLI_OK) return rc;
  dr_model_kind ma, mb;
  dr_error e;
  dr_error_clear(&e);
  if (dr_model_parse(cli_str(a, "model-a"), &ma, &e) || dr_model_parse(cli_str(a, "model-b"), &mb, &e))
    return cli_lib_fail(a, &e);
  pair_out o = {&s, .dir = cli_str(a, "out"), .rate = rate, .toys = (int)cli_num(a, "toys")};
  rc = process(a, &s, ma, cli_num(a, "mass-a"), 1, &o.pa);
  if (rc == CLI_OK) rc = process(a, &s, mb, cli_num(a, "mass-b"), 1, &o.pb);
  char path[4200];
  snprintf(path, sizeof path, "%s/discriminate.json", o.dir);
  if (rc == CLI_OK) rc = cli_prepare_file(a, path);
  if (rc != CLI_OK) return rc;
  dr_template A, B;
  memset(&A, 0, sizeof A), memset(&B, 0, sizeof B);
  s.n_templates = 2, s.done = 0;
  cli_progress_begin(&s.prog, a, "samples", 2 * s.samples);
  cli_catch_signals();
  rc = fill(a, &s, &o.pa, &A);
  /* B on the next seed: its Monte Carlo noise independent of A's (identical hypotheses then differ only by noise) */
  s.o.seed++;
  if (rc == CLI_OK) rc = fill(a, &s, &o.pb, &B);
  s.o.seed--;
  cli_progress_end(&s.prog);
  if (rc == CLI_OK) {
    o.A = &A, o.B = &B;
    if (rate) rc = rate_ratio(a, &A, &B, g, &o.r, &o.r_err);
    if (rc == CLI_OK) compare_templates(&A, &B, rate ? o.r : 0, o.r_err, &o.pr);
    for (int c = 0; rc == CLI_OK && o.toys && c < 2; c++)
      for (int k = 0; rc == CLI_OK && k < DR_OBS_COUNT; k++) {
        o.pr.toys_a[c][k] = o.pr.toys_b[c][k] = NAN;
        if (isfinite(o.pr.d[c][k].n) && o.pr.d[c][k].n <= 1e9 &&
            dr_disc_toys(A.p[k], A.var[k], B.p[k], B.var[k], A.n[k], CLS[c], rate ? o.r : 0, ceil(o.pr.d[c][k].n),
                         o.toys, s.o.seed, &o.pr.toys_a[c][k], &o.pr.toys_b[c][k], &e) != DR_OK)
          rc = cli_lib_fail(a, &e);
      }
    if (rc == CLI_OK) rc = write_shapes(a, &o);
    if (rc == CLI_OK) rc = cli_json_file(a, path, 1, pair_json, &o);
    if (rc == CLI_OK && a->json) {
      cli_json_print(a, 1, pair_json, &o);
    } else if (rc == CLI_OK) {
      printf("signal events of A = %s (%g GeV) needed to reject B = %s (%g GeV), %s %g GeV on %s, x > %g%s:\n",
             dr_model_name(ma), o.pa.m_X, dr_model_name(mb), o.pb.m_X, s.beam.name, s.E0, s.mat->symbol, s.x_lo,
             rate ? ", shape and rate" : ", shape only");
      print_ns(&o.pr);
      for (int c = 0; o.toys && c < 2; c++) {
        printf("  toys at these N, %g %% CL: B rejected when A is true / when B is:", 100 * CLS[c]);
        for (int k = 0; k < DR_OBS_COUNT; k++)
          if (isfinite(o.pr.toys_a[c][k]))
            printf("  %s %.3f/%.3f", dr_observable_name((dr_observable)k), o.pr.toys_a[c][k], o.pr.toys_b[c][k]);
          else
            printf("  %s -", dr_observable_name((dr_observable)k));
        printf("\n");
      }
      printf("templates in %s/discriminate_e.csv, _pt.csv (and .png); all numbers in %s\n", o.dir, path);
    }
  }
  dr_template_free(&A), dr_template_free(&B);
  return rc;
}

/* ---- B's mass profiled ---- */
typedef struct {
  const setup *s;
  dr_process pa;
  dr_model_kind mb;
  int n;
  const double *mass;
  const pair_result *pr; /* per mass */
  int best[2][DR_OBS_COUNT];
  const char *dir;
} profile_out;

static void profile_json(dr_json *j, void *ctx) {
  const profile_out *o = ctx;
  /* the events that reject B whatever its mass: the largest over the scan (null if any mass is indistinguishable) */
  for (int c = 0; c < 2; c++) {
    dr_json_key_object(j, CL_KEYS[c]);
    for (int k = 0; k < DR_OBS_COUNT; k++) json_n(j, dr_observable_name((dr_observable)k), o->pr[o->best[c][k]].d[c][k].n);
    dr_json_close(j);
  }
  dr_json_key_object(j, "best_mimic_mass_b_gev");
  for (int k = 0; k < DR_OBS_COUNT; k++) dr_json_num(j, dr_observable_name((dr_observable)k), o->mass[o->best[0][k]]);
  dr_json_close(j);
  dr_json_key_object(j, "a");
  dr_json_str(j, "model", dr_model_name(o->pa.model));
  dr_json_num(j, "mass_gev", o->pa.m_X);
  dr_json_close(j);
  dr_json_str(j, "model_b", dr_model_name(o->mb));
  dr_json_key_array(j, "profile");
  for (int i = 0; i < o->n; i++) {
    dr_json_object(j);
    dr_json_num(j, "mass_b_gev", o->mass[i]);
    json_ns(j, &o->pr[i]);
    dr_json_close(j);
  }
  dr_json_close(j);
  char buf[4200];
  snprintf(buf, sizeof buf, "%s/discriminate_profile.csv", o->dir);
  dr_json_str(j, "csv", buf);
  json_setup(j, o->s);
}

static int run_profile(cli_args *a) {
  if (!cli_given(a, "mass-a")) return cli_fail(a, CLI_USAGE, "usage", "--mass-a is required (or --map)");
  double g[2];
  int rate = rate_setup(a, g), rc = CLI_OK;
  double m_a = cli_num(a, "mass-a");
  dr_model_kind ma, mb;
  dr_error e;
  dr_error_clear(&e);
  if (dr_model_parse(cli_str(a, "model-a"), &ma, &e) || dr_model_parse(cli_str(a, "model-b"), &mb, &e))
    return cli_lib_fail(a, &e);
  dr_beam beam;
  dr_beam_parse(cli_str(a, "beam"), &beam, &e);
  double kin = cli_num(a, "energy") - beam.mass; /* the kinematic limit of m_X */
  double lo = cli_given(a, "mass-b-min") ? cli_num(a, "mass-b-min") : 0.5 * m_a;
  double hi = cli_given(a, "mass-b-max") ? cli_num(a, "mass-b-max") : fmin(1.5 * m_a, 0.95 * kin);
  cli_set_num(a, "mass-b-min", lo);
  cli_set_num(a, "mass-b-max", hi);
  if (!(hi > lo)) return cli_fail(a, CLI_USAGE, "usage", "need --mass-b-min < --mass-b-max (got %g, %g)", lo, hi);
  if (!(hi < kin))
    return cli_fail(a, CLI_FAIL, "domain", "--mass-b-max %g GeV is above the kinematic limit %g GeV of a %g GeV %s beam",
                    hi, kin, cli_num(a, "energy"), beam.name);
  setup s;
  rc = setup_common(a, &s, fmax(m_a, hi));
  if (rc != CLI_OK) return rc;
  int n = (int)cli_num(a, "mass-b-points");
  profile_out o = {&s, .mb = mb, .n = n, .dir = cli_str(a, "out")};
  double *mass = malloc(sizeof(double) * (size_t)n);
  pair_result *pr = calloc((size_t)n, sizeof *pr);
  dr_process *pb = malloc(sizeof *pb * (size_t)n);
  if (!mass || !pr || !pb) rc = cli_fail(a, CLI_FAIL, "no-memory", "out of memory");
  if (rc == CLI_OK) rc = process(a, &s, ma, m_a, 1, &o.pa);
  for (int i = 0; rc == CLI_OK && i < n; i++) {
    mass[i] = lo + (hi - lo) * i / (n - 1);
    rc = process(a, &s, mb, mass[i], 1, &pb[i]);
  }
  char path[4200];
  snprintf(path, sizeof path, "%s/discriminate_profile.json", o.dir);
  if (rc == CLI_OK) rc = cli_prepare_file(a, path);
  dr_template A, B;
  memset(&A, 0, sizeof A);
  s.n_templates = n + 1, s.done = 0;
  cli_progress_begin(&s.prog, a, "samples", (long)(n + 1) * s.samples);
  cli_catch_signals();
  if (rc == CLI_OK) rc = fill(a, &s, &o.pa, &A);
  s.o.seed++; /* B's noise independent of A's */
  for (int i = 0; rc == CLI_OK && i < n; i++) {
    rc = fill(a, &s, &pb[i], &B);
    if (rc != CLI_OK) break;
    double r = 0, r_err = 0;
    if (rate) rc = rate_ratio(a, &A, &B, g, &r, &r_err);
    if (rc == CLI_OK) compare_templates(&A, &B, r, r_err, &pr[i]);
    dr_template_free(&B);
  }
  s.o.seed--;
  cli_progress_end(&s.prog);
  dr_template_free(&A);
  if (rc == CLI_OK) {
    /* the best mimic: the most events needed (an indistinguishable mass wins) */
    for (int c = 0; c < 2; c++)
      for (int k = 0; k < DR_OBS_COUNT; k++) {
        int b = 0;
        for (int i = 1; i < n; i++)
          if (pr[i].d[c][k].n > pr[b].d[c][k].n) b = i;
        o.best[c][k] = b;
      }
    o.mass = mass, o.pr = pr;
    char csv[4200];
    snprintf(csv, sizeof csv, "%s/discriminate_profile.csv", o.dir);
    FILE *f = cli_replace_begin(a, csv);
    if (!f) rc = CLI_FAIL;
    double *xs = malloc(sizeof(double) * 4 * (size_t)n);
    if (f) {
      fputs("mass_b_gev,n90_e,n90_pt,n90_e_pt,n95_e,n95_pt,n95_e_pt\n", f);
      for (int i = 0; i < n; i++) {
        dr_csv_num(f, mass[i], 0);
        for (int c = 0; c < 2; c++)
          for (int k = 0; k < DR_OBS_COUNT; k++) dr_csv_num(f, ceil(pr[i].d[c][k].n), 1); /* inf: indistinguishable */
        fputc('\n', f);
        if (xs) {
          xs[i] = mass[i];
          for (int k = 0; k < DR_OBS_COUNT; k++) xs[(k + 1) * n + i] = pr[i].d[0][k].n;
        }
      }
      rc = cli_replace_end(a, f, csv);
    }
    if (rc == CLI_OK && xs) {
      char title[256], pp[4200];
      snprintf(title, sizeof title, "A = %s at %g GeV, B = %s: events to reject B (90%% CL)", dr_model_name(ma), m_a,
               dr_model_name(mb));
      dr_plot_curve cv[3] = {{xs, xs + n, n, "recoil E", 9, 1, 0, NULL},
                             {xs, xs + 2 * n, n, "recoil p#dT#u", 1, 2, 0, NULL},
                             {xs, xs + 3 * n, n, "E and p#dT#u (2D)", 3, 3, 0, NULL}};
      snprintf(pp, sizeof pp, "%s/discriminate_profile.png", o.dir);
      dr_error pe;
      dr_error_clear(&pe);
      if (dr_plot_xy(pp, title, "m#dB#u [GeV]", "signal events N#d90#u", cv, 3, 0, 1, &pe))
        cli_warn(a, "no plot %s", pp);
    }
    free(xs);
    if (rc == CLI_OK) rc = cli_json_file(a, path, 1, profile_json, &o);
    if (rc == CLI_OK && a->json) {
      cli_json_print(a, 1, profile_json, &o);
    } else if (rc == CLI_OK) {
      printf("A = %s at %g GeV against B = %s with its mass free in [%g, %g] GeV (%d masses):\n", dr_model_name(ma), m_a,
             dr_model_name(mb), lo, hi, n);
      for (int k = 0; k < DR_OBS_COUNT; k++) {
        const pair_result *p = &pr[o.best[0][k]];
        printf("  %-5s best mimic m_B = %.4g GeV: ", dr_observable_name((dr_observable)k), mass[o.best[0][k]]);
        if (isfinite(p->d[0][k].n)) printf("%.0f events (90 %% CL), ", ceil(p->d[0][k].n));
        else printf("indistinguishable (90 %% CL), ");
        double n95 = pr[o.best[1][k]].d[1][k].n;
        if (isfinite(n95)) printf("%.0f (95 %% CL)\n", ceil(n95));
        else printf("indistinguishable (95 %% CL)\n");
      }
      printf("N against m_B in %s (and .png); all numbers in %s\n", csv, path);
    }
  }
  free(mass), free(pr), free(pb);
  return rc;
}

/* ---- every pair of models and masses ---- */
typedef struct {
  const setup *s;
  int nm, nmass;
  const dr_model_kind *ms;
  const double *mass;
  const pair_result *pr; /* [(ia * nmass + ja) * nm * nmass + ib * nmass + jb] */
  const char *dir;
  double seconds;
} map_out;

static void map_json(dr_json *j, void *ctx) {
  const map_out *o = ctx;
  int T = o->nm * o->nmass;
  dr_json_key_array(j, "map");
  for (int x = 0; x < T; x++)
    for (int y = 0; y < T; y++) {
      dr_json_object(j);
      dr_json_str(j, "model_a", dr_model_name(o->ms[x / o->nmass]));
      dr_json_num(j, "mass_a_gev", o->mass[x % o->nmass]);
      dr_json_str(j, "model_b", dr_model_name(o->ms[y / o->nmass]));
      dr_json_num(j, "mass_b_gev", o->mass[y % o->nmass]);
      json_ns(j, &o->pr[x * T + y]);
      dr_json_close(j);
    }
  dr_json_close(j);
  char buf[4200];
  snprintf(buf, sizeof buf, "%s/discriminate_map.csv", o->dir);
  dr_json_str(j, "csv", buf);
  json_setup(j, o->s);
}

static int run_map(cli_args *a) {
  dr_model_kind ms[DR_MODEL_COUNT];
  double mass[MAX_MASSES];
  int nm = cli_parse_list_models(cli_str(a, "models"), ms, DR_MODEL_COUNT);
  int nmass = cli_parse_list_nums(cli_str(a, "masses"), mass, MAX_MASSES);
  setup s;
  int rc = setup_common(a, &s, mass[nmass - 1]);
  if (rc != CLI_OK) return rc;
  int T = nm * nmass;
  dr_process *p = malloc(sizeof *p * (size_t)T);
  dr_template *t = calloc((size_t)T, sizeof *t);
  pair_result *pr = calloc((size_t)T * T, sizeof *pr);
  if (!p || !t || !pr) rc = cli_fail(a, CLI_FAIL, "no-memory", "out of memory");
  for (int x = 0; rc == CLI_OK && x < T; x++) rc = process(a, &s, ms[x / nmass], mass[x % nmass], 1, &p[x]);
  map_out o = {&s, nm, nmass, ms, mass, pr, cli_str(a, "out"), 0};
  char path[4200];
  snprintf(path, sizeof path, "%s/discriminate_map.json", o.dir);
  if (rc == CLI_OK) rc = cli_prepare_file(a, path);
  double t0 = cli_now();
  s.n_templates = T, s.done = 0;
  cli_progress_begin(&s.prog, a, "samples", (long)T * s.samples);
  cli_catch_signals();
  /* template x on seed + x: every template's noise independent of the others' */
  uint64_t seed0 = s.o.seed;
  for (int x = 0; rc == CLI_OK && x < T; x++) {
    s.o.seed = seed0 + (uint64_t)x;
    rc = fill(a, &s, &p[x], &t[x]);
  }
  s.o.seed = seed0;
  cli_progress_end(&s.prog);
  /* shape only, N is symmetric in A and B (l -> -l swaps the roles of the per-event moments): each pair once */
  for (int x = 0; rc == CLI_OK && x < T; x++)
    for (int y = x; y < T; y++) {
      compare_templates(&t[x], &t[y], 0, 0, &pr[x * T + y]);
      if (y > x) pr[y * T + x] = pr[x * T + y];
    }
  o.seconds = cli_now() - t0;
  if (rc == CLI_OK) {
    char csv[4200];
    snprintf(csv, sizeof csv, "%s/discriminate_map.csv", o.dir);
    FILE *f = cli_replace_begin(a, csv);
    if (!f) rc = CLI_FAIL;
    if (f) {
      fputs("model_a,mass_a_gev,model_b,mass_b_gev,n90_e,n90_pt,n90_e_pt,n95_e,n95_pt,n95_e_pt\n", f);
      for (int x = 0; x < T; x++)
        for (int y = 0; y < T; y++) {
          fprintf(f, "%s,", dr_model_name(ms[x / nmass]));
          dr_csv_num(f, mass[x % nmass], 0);
          fprintf(f, ",%s", dr_model_name(ms[y / nmass]));
          dr_csv_num(f, mass[y % nmass], 1);
          for (int c = 0; c < 2; c++)
            for (int k = 0; k < DR_OBS_COUNT; k++) dr_csv_num(f, ceil(pr[x * T + y].d[c][k].n), 1);
          fputc('\n', f);
        }
      rc = cli_replace_end(a, f, csv);
    }
    /* one map per model pair: log10 of the events (E and p_T, 90 % CL) over (m_A, m_B); indistinguishable
     * cells at the top of the scale */
    double *z = malloc(sizeof(double) * (size_t)(nmass * nmass));
    int even = 1;
    for (int i = 2; i < nmass; i++) even &= fabs((mass[i] - mass[i - 1]) / (mass[1] - mass[0]) - 1) < 1e-6;
    for (int ia = 0; rc == CLI_OK && z && ia < nm; ia++)
      for (int ib = 0; ib < nm; ib++) {
        double zmax = 0;
        for (int i = 0; i < nmass; i++)
          for (int jj = 0; jj < nmass; jj++) {
            double n = pr[(ia * nmass + i) * T + ib * nmass + jj].d[0][DR_OBS_E_PT].n;
            z[i * nmass + jj] = isfinite(n) ? log10(fmax(n, 1.0)) + 0.01 : NAN;
            if (isfinite(n)) zmax = fmax(zmax, z[i * nmass + jj]);
          }
        for (int i = 0; i < nmass * nmass; i++)
          if (!isfinite(z[i])) z[i] = zmax + 1;
        char pp[4200], title[256];
        snprintf(pp, sizeof pp, "%s/discriminate_map_%s_%s.png", o.dir, dr_model_name(ms[ia]), dr_model_name(ms[ib]));
        snprintf(title, sizeof title, "log#d10#u N#d90#u (E, p#dT#u): A = %s, B = %s (top: indistinguishable)",
                 dr_model_name(ms[ia]), dr_model_name(ms[ib]));
        double h = nmass > 1 ? (mass[nmass - 1] - mass[0]) / (nmass - 1) / 2 : 0.5 * mass[0];
        double x0 = even ? mass[0] - h : 0.5, x1 = even ? mass[nmass - 1] + h : nmass + 0.5;
        dr_error pe;
        dr_error_clear(&pe);
        if (dr_plot_map(pp, title, even ? "m#dA#u [GeV]" : "A's mass (index in --masses)",
                        even ? "m#dB#u [GeV]" : "B's mass (index in --masses)", "log#d10#u N#d90#u", nmass, nmass, x0,
                        x1, x0, x1, z, &pe))
          cli_warn(a, "no plot %s", pp);
      }
    free(z);
    if (rc == CLI_OK) rc = cli_json_file(a, path, 1, map_json, &o);
    if (rc == CLI_OK && a->json) cli_json_print(a, 1, map_json, &o);
    else if (rc == CLI_OK)
      printf("%d models x %d masses: %d templates, %d comparisons in %.1f s; events needed in %s, a map per model pair "
             "in %s/discriminate_map_<A>_<B>.png; all numbers in %s\n",
             nm, nmass, T, T * T, o.seconds, csv, o.dir, path);
  }
  for (int x = 0; t && x < T; x++) dr_template_free(&t[x]);
  free(p), free(t), free(pr);
  return rc;
}

static int run_discriminate(cli_args *a) {
  if (cli_given(a, "map")) return run_map(a);
  if (cli_given(a, "profile-mass-b")) return run_profile(a);
  return run_pair(a);
}

const cli_cmd cmd_discriminate = {
    .name = "discriminate",
    .summary = "signal events needed to tell two models or masses apart (recoil E, p_T, both)",
    .usage = "darkreach discriminate --model-a M --mass-a GEV --model-b M --mass-b GEV [options]\n"
             "       darkreach discriminate --model-a M --mass-a GEV --model-b M --profile-mass-b [options]\n"
             "       darkreach discriminate --map [--models LIST] [--masses LIST] [options]",
    .description =
        "If hypothesis A (model, mass) is true, how many signal events does it take to reject hypothesis B at 90 % "
        "and 95 % CL, using the recoil-lepton energy alone, its transverse momentum alone, or the 2D histogram of "
        "both? Templates of A and B come from exact tree level (or WW) with the detector resolution applied; the test is "
        "the binned likelihood ratio, and N is the number of events for which B is rejected at CL with probability "
        "CL when A is true (Gaussian limit of the statistic; --toys checks it with pseudo-experiments). With "
        "--couplings GA,GB the total rate enters too. --profile-mass-b lets B's mass float (Catena, "
        "Gray, Jerkvall 2025, arXiv:2502.13635 Sec. 4.4: which magnetic-dipole mass mimics a 1 GeV kinetic-mixing "
        "A'); --map computes every pair of models and masses. The defaults are their setting: 4 GeV e- on "
        "tungsten, recoil energy below 0.3 E0 (x > 0.7). null (JSON) or indistinguishable (text): the templates "
        "do not differ beyond their Monte Carlo precision. Writes DIR/discriminate.json (or _profile, _map) with "
        "CSV and PNG beside it.",
    .groups = discrim_groups,
    .defaults = discrim_defaults,
    .run = run_discriminate,
};
