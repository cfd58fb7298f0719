/* darkreach relic | omega */
#include "journal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* the annihilating model, shared by relic and omega */
static const cli_opt dark_opts[] = {
    {.name = "model", .type = OPT_NAME, .arg = "NAME", .def = "vector", .check = cli_check_model,
     .names = cli_names_models_dark,
     .help = "how the dark photon couples to SM fermions (Catena, Gray, Jerkvall 2025, eq. 2.1; hadronic final "
             "states for the vector only)"},
    {.name = "dm", .type = OPT_NAME, .arg = "NAME", .def = "complex-scalar", .check = cli_check_dm,
     .names = cli_names_dm_species, .help = "the dark-matter species"},
    {.name = "delta", .type = OPT_NUM, .arg = "D", .def = "0.1", .min = 0, .max = 1, .range = R_MIN | R_MAX | R_LT,
     .only_if = "dm=pseudo-dirac", .help = "pseudo-Dirac splitting (m_2 - m_1)/m_1"},
    {.name = "alpha-d", .type = OPT_NUM, .arg = "A", .def = "0.5", .min = 0, .max = ALPHA_D_MAX, .range = R_MIN | R_GT | R_MAX,
     .help = "dark coupling alpha_D = g_D^2/4pi (at most 4 pi, perturbative unitarity)"},
    {.name = "ratio", .type = OPT_NUM, .arg = "R", .def = "3", .min = 0, .range = R_MIN | R_GT,
     .help = "m_A'/m_DM"},
    CLI_END};

#define CONVENTIONS                                                                                               \
  "Conventions: Y = n/s counts chi + chibar, <sigma v>_eff = <sigma v>/2 for chi != chibar; Gondolo-Gelmini "  \
  "thermal average; g_*(T) of Saikawa & Shirai 2018 (data/); hadronic final states through the measured R(s). " \
  "y = g^2 alpha_D (m_DM/m_A')^4 Lambda^(2n), Lambda = 1 TeV, n the coupling's dimension (darkreach models)."

/* the model and species of the options, checked for a relic density */
static int dark_setup(cli_args *a, dr_relic_spec *s) {
  dr_error e;
  dr_error_clear(&e);
  if (dr_model_parse(cli_str(a, "model"), &s->model, &e) || dr_dm_parse(cli_str(a, "dm"), &s->dm, &e))
    return cli_lib_fail(a, &e);
  int rc = cli_need_dark(a, s->model, "relic targets are for");
  if (rc != CLI_OK) return rc;
  if (s->dm == DR_DM_NONE) return cli_fail(a, CLI_USAGE, "usage", "--dm none has no relic density; choose a species");
  s->alpha_d = cli_num(a, "alpha-d");
  s->ratio = cli_num(a, "ratio");
  s->delta = s->dm == DR_DM_PSEUDO_DIRAC ? cli_num(a, "delta") : 0;
  return CLI_OK;
}

/* ------------------------------------------------------------------ relic */
static const cli_opt relic_opts[] = {
    {.name = "omega-h2", .type = OPT_NUM, .arg = "O", .def = "0.120", .min = 0, .range = R_MIN | R_GT,
     .help = "the Omega h^2 to reach (Planck 2018: 0.120)"},
    {.name = "dm-mass", .type = OPT_NUM, .arg = "GEV", .min = 0, .range = R_MIN | R_GT,
     .help = "one dark-matter mass [GeV] (the dark photon has m_A' = ratio x m_DM)"},
    {.name = "dm-mass-min", .type = OPT_NUM, .arg = "GEV", .min = 0, .range = R_MIN | R_GT,
     .help = "lowest dark-matter mass of a log-spaced curve [GeV]"},
    {.name = "dm-mass-max", .type = OPT_NUM, .arg = "GEV", .min = 0, .range = R_MIN | R_GT,
     .help = "highest dark-matter mass of the curve [GeV]"},
    {.name = "points", .type = OPT_INT, .arg = "N", .def = "60", .min = 1, .max = 100000, .range = R_MIN | R_MAX,
     .only_if = "dm-mass-min", .help = "masses of the curve"},
    CLI_SCAN_OUT_OPTS("dm-mass-min"),
    CLI_FORMAT_OPT("dm-mass-min"),
    CLI_RUN_OPTS("dm-mass-min"),
    CLI_END};

static const cli_opt *const relic_groups[] = {dark_opts, relic_opts, cli_json_opt, NULL};

typedef struct {
  dr_relic_spec s;
  double *m;
  dr_relic_point *p;
  int n;
  const dr_gstar *gs;
} relic_run;

static int scan_curve(const dr_scan_ctl *ctl, void *arg, dr_error *e) {
  relic_run *r = arg;
  return dr_relic_curve(&r->s, r->m, r->n, r->gs, r->p, ctl, e);
}


static int relic_one(cli_args *a, const dr_relic_spec *s, const dr_gstar *gs) {
  double m = cli_num(a, "dm-mass");
  dr_relic_point p;
  dr_error e;
  dr_error_clear(&e);
  if (dr_relic_curve(s, &m, 1, gs, &p, NULL, &e) != DR_OK) return cli_lib_fail(a, &e);
  if (p.status != DR_OK) return cli_fail(a, CLI_FAIL, dr_status_name(p.status), "%s", p.message);
  const dr_model_info *mi = dr_model_info_get(s->model);
  if (a->json) {
    dr_json j;
    cli_json_stdout(&j, a);
    dr_json_relic_config(&j, s);
    dr_json_num(&j, "coupling", p.eps);
    dr_json_str(&j, "coupling_unit", mi->coupling_unit);
    dr_json_num(&j, "y", p.y);
    dr_json_num(&j, "omega_h2", p.omega_h2);
    dr_json_num(&j, "x_f", p.x_f);
    dr_json_num(&j, "m_dm_gev", p.m_dm);
    dr_json_num(&j, "m_med_gev", p.m_med);
    dr_json_end(&j);
  } else {
    printf("relic target (%s, %s, m_DM = %g GeV, m_A' = %g GeV, alpha_D = %g): coupling = %.5e [%s], y = %.5e,"
           " Omega h^2 = %.4f, x_f = %.2f\n",
           mi->name, dr_dm_name(s->dm), p.m_dm, p.m_med, s->alpha_d, p.eps, mi->coupling_unit, p.y, p.omega_h2,
           p.x_f);
  }
  return CLI_OK;
}

static int relic_curve(cli_args *a, relic_run *r, const dr_gstar *gs) {
  double lo = cli_num(a, "dm-mass-min"), hi = cli_num(a, "dm-mass-max");
  int points = (int)cli_num(a, "points");
  if (!(points == 1 ? hi == lo : hi > lo))
    return cli_fail(a, CLI_USAGE, "usage", "need --dm-mass-min %s --dm-mass-max (got %g, %g GeV, %d points)",
                    points == 1 ? "=" : "<", lo, hi, points);
  const char *out = cli_str(a, "out");
  int rc, n = r->n = points;
  r->m = malloc(sizeof(double) * (size_t)n);
  r->p = calloc((size_t)n, sizeof *r->p);
  if (!r->m || !r->p) return cli_fail(a, CLI_FAIL, "no-memory", "out of memory");
  for (int i = 0; i < n; i++) r->m[i] = dr_scan_log_point(lo, hi, n, i);
  cli_relic_rows rows = {&r->s, r->m, r->p, n};
  cli_journal J = {.a = a, .dir = out, .stem = "relic", .what = "masses"};
  cli_journal_relic(&J, &rows);
  cli_catch_signals();
  r->gs = gs;
  rc = cli_journal_run(&J, cli_given(a, "resume"), scan_curve, r);
  dr_error e;
  dr_error_clear(&e);
  int nok = 0;
  for (int i = 0; i < n; i++) nok += J.done && J.done[i] && r->p[i].status == DR_OK;
  int plot = rc == CLI_OK && !cli_given(a, "no-plot") && nok > 0 && cli_mpi_rank() == 0;
  double *y = plot ? malloc(sizeof *y * (size_t)n) : NULL;
  if (plot && !y) rc = cli_fail(a, CLI_FAIL, "no-memory", "out of memory");
  else if (plot) {
    for (int i = 0; i < n; i++) y[i] = r->p[i].y;
    dr_plot_curve c = {r->m, y, n, "thermal relic target", 1, 1, 0, NULL};
    char title[200], path[4200];
    snprintf(title, sizeof title, "relic target: %s, %s, #ga#dD#u = %g, m#dA'#u/m#d#gx#u = %g",
             dr_model_name(r->s.model), dr_dm_name(r->s.dm), r->s.alpha_d, r->s.ratio);
    snprintf(path, sizeof path, "%s/relic.png", out);
    if (dr_plot_loglog(path, title, "m#d#gx#u [GeV]", "y", &c, 1, &e)) rc = cli_lib_fail(a, &e);
  }
  free(y);
  if (rc == CLI_OK && a->json) cli_journal_json(&J);
  else if (rc == CLI_OK)
    printf("relic target, %s %s: %d of %d masses solved; wrote %s, %s%s%s%s\n", dr_model_name(r->s.model),
           dr_dm_name(r->s.dm), nok, n, J.csv_path, J.json_path, plot ? ", " : "", plot ? out : "",
           plot ? "/relic.png" : "");
  cli_journal_free(&J);
  return rc;
}

static int run_relic(cli_args *a) {
  relic_run r = {{0}, NULL, NULL, 0, NULL};
  int rc = dark_setup(a, &r.s);
  if (rc != CLI_OK) return rc;
  r.s.omega_h2 = cli_num(a, "omega-h2");
  int one = cli_given(a, "dm-mass"), lo = cli_given(a, "dm-mass-min"), hi = cli_given(a, "dm-mass-max");
  if (one == (lo || hi) || lo != hi)
    return cli_fail(a, CLI_USAGE, "usage",
                    "give --dm-mass, or --dm-mass-min and --dm-mass-max (see darkreach relic --help)");
  if (lo) cli_apply_threads(a);
  dr_error e;
  dr_error_clear(&e);
  dr_gstar *gs = dr_gstar_alloc(&e);
  if (!gs) return cli_lib_fail(a, &e);
  rc = one ? relic_one(a, &r.s, gs) : relic_curve(a, &r, gs);
  dr_gstar_free(gs);
  free(r.m);
  free(r.p);
  return rc;
}

const cli_cmd cmd_relic = {
    .name = "relic",
    .summary = "thermal-relic target: the coupling and y (one mass or a curve)",
    .usage = "darkreach relic --dm-mass GEV [options]\n"
             "       darkreach relic --dm-mass-min GEV --dm-mass-max GEV [--points N] [--out DIR] [options]",
    .description = "Thermal-relic target: the coupling (and y) at which the dark matter freezes out with the "
                   "given Omega h^2. Masses are DARK-MATTER masses; the dark photon has m_A' = ratio x m_DM. A "
                   "curve writes DIR/relic.csv (one row per mass as it finishes), DIR/relic.json and "
                   "DIR/relic.png (y against m_DM); Ctrl-C stops cleanly, --resume continues.",
    .groups = relic_groups,
    .notes = CONVENTIONS,
    .run = run_relic,
};

/* ------------------------------------------------------------------ omega */
static const cli_opt omega_opts[] = {
    {.name = "dm-mass", .type = OPT_NUM, .arg = "GEV", .min = 0, .range = R_MIN | R_GT, .flags = F_REQUIRED,
     .help = "dark-matter mass [GeV] (the dark photon has m_A' = ratio x m_DM)"},
    {.name = "coupling", .type = OPT_NUM, .arg = "G", .min = 0, .range = R_MIN | R_GT, .flags = F_REQUIRED,
     .help = "the model's coupling g_f: eps for the vector, mu_f/e or d_f/e [1/GeV] for the dipoles, b_f/e or "
             "a_f/e [1/GeV^2] for charge radius and anapole"},
    CLI_EPS_ALIAS,
    CLI_END};

static const cli_opt *const omega_groups[] = {dark_opts, omega_opts, cli_json_opt, NULL};

static int run_omega(cli_args *a) {
  dr_relic_spec s;
  int rc = dark_setup(a, &s);
  if (rc != CLI_OK) return rc;
  double m = cli_num(a, "dm-mass"), g = cli_num(a, "coupling");
  dr_error e;
  dr_error_clear(&e);
  dr_relic_model rm = {s.dm, m, s.ratio * m, s.alpha_d, g, s.model, s.delta};
  dr_gstar *gs = dr_gstar_alloc(&e);
  if (!gs) return cli_lib_fail(a, &e);
  dr_relic_result r;
  rc = dr_relic_omega(&rm, gs, &r, &e);
  dr_gstar_free(gs);
  if (rc) return cli_lib_fail(a, &e);
  double y = dr_model_y(s.model, g, s.alpha_d, s.ratio);
  if (a->json) {
    dr_json j;
    cli_json_stdout(&j, a);
    dr_json_num(&j, "omega_h2", r.omega_h2);
    dr_json_num(&j, "x_f", r.x_f);
    dr_json_num(&j, "y_inf", r.y_inf);
    dr_json_num(&j, "y", y);
    dr_json_num(&j, "m_med_gev", rm.m_med);
    dr_json_end(&j);
  } else {
    printf("Omega h^2 = %.5g (x_f = %.2f, Y_inf = %.4e, y = %.4e) for %s, %s, m_DM = %g GeV, m_A' = %g GeV, "
           "coupling %g [%s], alpha_D = %g\n",
           r.omega_h2, r.x_f, r.y_inf, y, dr_model_name(s.model), dr_dm_name(s.dm), m, rm.m_med, g,
           dr_model_info_get(s.model)->coupling_unit, s.alpha_d);
  }
  return CLI_OK;
}

const cli_cmd cmd_omega = {
    .name = "omega",
    .summary = "Omega h^2 at a given coupling",
    .usage = "darkreach omega --dm-mass GEV --coupling G [options]",
    .description = "Omega h^2 of the dark matter at a given coupling (the Boltzmann equation solved from x = 5).",
    .groups = omega_groups,
    .notes = CONVENTIONS,
    .run = run_omega,
};
