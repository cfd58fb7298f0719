/* Option groups and checks shared by several subcommands. */
#include "cli.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#ifdef _OPENMP
#include <omp.h>
#endif

int cli_check_model(const char *v, const char **canonical, dr_error *e) {
  dr_model_kind k;
  if (dr_model_parse(v, &k, e) != DR_OK) return DR_EINVAL;
  *canonical = dr_model_name(k);
  return DR_OK;
}

/* a comma-separated list of dark-photon-family models, or "all"; the canonical
 * list (registry names, in the registry's order for "all") in a static buffer:
 * one --models per command line */
static int check_models(const char *v, const char **canonical, dr_error *e, int dark_only) {
  static char buf[512];
  char list[256];
  cli_names_models_dark(list, sizeof list);
  if (strcmp(v, "all") == 0) {
    snprintf(buf, sizeof buf, "%s", list);
    for (char *c = buf; *c; c++)
      if (*c == ' ') memmove(c, c + 1, strlen(c)); /* "a, b" -> "a,b" */
    *canonical = buf;
    return DR_OK;
  }
  buf[0] = 0;
  int seen[DR_MODEL_COUNT] = {0}, n = 0;
  const char *s = v;
  while (1) {
    size_t len = strcspn(s, ",");
    char name[64];
    if (len == 0 || len >= sizeof name)
      return DR_FAIL(e, DR_EINVAL, "'%s' is not a comma-separated list of models (or all)", v);
    memcpy(name, s, len);
    name[len] = 0;
    dr_model_kind k;
    if (dr_model_parse(name, &k, e) != DR_OK) return DR_EINVAL;
    if (dark_only && !dr_model_info_get(k)->dark_portal)
      return DR_FAIL(e, DR_EINVAL, "model %s has no dark-matter coupling, so no y: --models takes the dark-photon "
                     "family (%s)", dr_model_name(k), list);
    if (seen[k]) return DR_FAIL(e, DR_EINVAL, "model %s is listed twice", dr_model_name(k));
    seen[k] = 1;
    size_t used = strlen(buf);
    snprintf(buf + used, sizeof buf - used, "%s%s", n++ ? "," : "", dr_model_name(k));
    if (!s[len]) break;
    s += len + 1;
  }
  *canonical = buf;
  return DR_OK;
}

int cli_check_models(const char *v, const char **canonical, dr_error *e) { return check_models(v, canonical, e, 1); }
int cli_check_models_any(const char *v, const char **canonical, dr_error *e) { return check_models(v, canonical, e, 0); }

/* the shortest decimal text that reads back as v */
void cli_num_text(char *buf, size_t n, double v) {
  for (int p = 6; p <= 17; p++) {
    snprintf(buf, n, "%.*g", p, v);
    if (strtod(buf, NULL) == v) return;
  }
}

/* a comma-separated list of masses [GeV], each > 0, increasing; canonical: %.17g each */
int cli_check_masses(const char *v, const char **canonical, dr_error *e) {
  static char buf[1024];
  buf[0] = 0;
  const char *s = v;
  double last = 0;
  int n = 0;
  while (1) {
    char *end;
    size_t len = strcspn(s, ",");
    double m = strtod(s, &end);
    if (len == 0 || end != s + len || !(m > 0) || !isfinite(m))
      return DR_FAIL(e, DR_EINVAL, "'%s': must be a comma-separated list of masses > 0 in GeV", v);
    if (n && !(m > last)) return DR_FAIL(e, DR_EINVAL, "masses must increase ('%s')", v);
    if (++n > 20) return DR_FAIL(e, DR_EINVAL, "at most 20 masses ('%s')", v);
    last = m;
    size_t used = strlen(buf);
    snprintf(buf + used, sizeof buf - used, "%s", n > 1 ? "," : "");
    used = strlen(buf);
    cli_num_text(buf + used, sizeof buf - used, m);
    if (!s[len]) break;
    s += len + 1;
  }
  *canonical = buf;
  return DR_OK;
}

/* two couplings "GA,GB", each > 0 */
int cli_check_couplings(const char *v, const char **canonical, dr_error *e) {
  static char buf[64];
  char *end;
  double g1 = strtod(v, &end), g2 = *end == ',' ? strtod(end + 1, &end) : NAN;
  if (*end || !(g1 > 0 && g2 > 0) || !isfinite(g1) || !isfinite(g2))
    return DR_FAIL(e, DR_EINVAL, "'%s': must be two couplings > 0, GA,GB", v);
  cli_num_text(buf, sizeof buf, g1);
  size_t used = strlen(buf);
  snprintf(buf + used, sizeof buf - used, ",");
  cli_num_text(buf + used + 1, sizeof buf - used - 1, g2);
  *canonical = buf;
  return DR_OK;
}

int cli_parse_list_models(const char *canonical, dr_model_kind *ms, int max) {
  char buf[512];
  snprintf(buf, sizeof buf, "%s", canonical);
  int n = 0;
  dr_error e;
  for (char *t = strtok(buf, ","); t && n < max; t = strtok(NULL, ","))
    if (dr_model_parse(t, &ms[n], &e) == DR_OK) n++;
  return n;
}

int cli_parse_list_nums(const char *canonical, double *xs, int max) {
  int n = 0;
  for (const char *s = canonical; s && *s && n < max; s = strchr(s, ',') ? strchr(s, ',') + 1 : NULL)
    xs[n++] = strtod(s, NULL);
  return n;
}

const char *cli_names_materials(char *buf, size_t n) { return dr_material_list(buf, n); }
const char *cli_names_models(char *buf, size_t n) { return dr_model_list(buf, n, DR_MODELS_ALL); }
const char *cli_names_models_produced(char *buf, size_t n) { return dr_model_list(buf, n, DR_MODELS_PRODUCED); }
const char *cli_names_models_dark(char *buf, size_t n) { return dr_model_list(buf, n, DR_MODELS_DARK); }
const char *cli_names_dm(char *buf, size_t n) { return dr_dm_list(buf, n, 1); }
const char *cli_names_dm_species(char *buf, size_t n) { return dr_dm_list(buf, n, 0); }

int cli_need_dark(const cli_args *a, dr_model_kind model, const char *what) {
  if (dr_model_info_get(model)->dark_portal) return CLI_OK;
  char list[256];
  return cli_fail(a, CLI_USAGE, "usage", "model %s has no dark-matter coupling; %s the dark-photon family (%s)",
                  dr_model_name(model), what, cli_names_models_dark(list, sizeof list));
}

/* spin2 by ETL is the literal Lagrangian, whose longitudinal modes dominate at low mass
 * (docs/other_mediators.md, "ETL and WW part at low mass"): said once, on stderr */
void cli_note_method(const cli_args *a, dr_model_kind model, dr_method method) {
  if (method != DR_METHOD_ETL || dr_model_info_get(model)->rule != DR_VERTEX_SPIN2) return;
  cli_warn(a, "spin2 by --method etl is the literal Lagrangian, in which the nucleus does not couple to G: "
              "below a few hundred MeV the G's longitudinal modes dominate (ETL/WW = 2.4 at 0.1 GeV, 4300 at "
              "0.01 GeV for 160 GeV mu- on Pb); the published spin-2 numbers are --method ww "
              "(docs/other_mediators.md)");
}

int cli_check_material(const char *v, const char **canonical, dr_error *e) {
  const dr_material *m = dr_material_find(v);
  char list[128];
  if (!m) return DR_FAIL(e, DR_EINVAL, "unknown material '%s' (known: %s)", v, dr_material_list(list, sizeof list));
  *canonical = m->symbol;
  return DR_OK;
}

int cli_check_dm(const char *v, const char **canonical, dr_error *e) {
  dr_dm_kind k;
  if (dr_dm_parse(v, &k, e) != DR_OK) return DR_EINVAL;
  *canonical = dr_dm_name(k);
  return DR_OK;
}

const cli_opt cli_json_opt[] = {
    {.name = "json", .type = OPT_FLAG, .flags = F_NO_ECHO,
     .help = "print one JSON object on stdout (errors too: {\"error\": {\"code\", \"message\"}})"},
    CLI_END};

const cli_opt cli_run_opts[] = {CLI_RUN_OPTS(NULL), CLI_END};
const cli_opt cli_plot_opts[] = {CLI_FORMAT_OPT(NULL), CLI_END};

int cli_check_formats(const char *v, const char **canonical, dr_error *e) {
  unsigned m;
  if (dr_plot_formats_parse(v, &m, e) != DR_OK) return DR_EINVAL;
  *canonical = v;
  return DR_OK;
}

#define OPT_MODEL                                                                                                 \
  {.name = "model", .type = OPT_NAME, .arg = "NAME", .def = "vector", .check = cli_check_model,                     \
   .names = cli_names_models_produced, .help = "the mediator X (darkreach models)"}
#define OPT_BEAM                                                                                                  \
  {.name = "beam", .type = OPT_CHOICE, .arg = "NAME", .def = "e-", .choices = "e-|e+|mu-|mu+", .help = "beam lepton"}
#define OPT_ENERGY                                                                                                \
  {.name = "energy", .type = OPT_NUM, .arg = "GEV", .min = 0, .range = R_MIN | R_GT, .flags = F_REQUIRED,           \
   .help = "beam energy [GeV]"}
#define OPT_TARGET                                                                                                \
  {.name = "target", .type = OPT_NAME, .arg = "SYM", .check = cli_check_material, .flags = F_REQUIRED,              \
   .names = cli_names_materials, .help = "target element"}
#define OPT_MASS                                                                                                  \
  {.name = "mass", .type = OPT_NUM, .arg = "GEV", .min = 0, .range = R_MIN | R_GT, .flags = F_REQUIRED,             \
   .help = "mediator mass [GeV]"}
#define OPT_COUPLING                                                                                              \
  {.name = "coupling", .type = OPT_NUM, .arg = "G", .def = "1", .min = 0, .range = R_MIN | R_GT,                    \
   .help = "the model's coupling, in its unit (darkreach models); rates scale as its square"}
#define OPT_XRANGE                                                                                                \
  {.name = "xmin", .type = OPT_NUM, .arg = "X", .min = 0, .max = 1, .range = R_MIN | R_MAX,                         \
   .help = "lower end of x = E_X/E (where no default is shown: the kinematic limit m_X/E)"},                        \
  {.name = "xmax", .type = OPT_NUM, .arg = "X", .min = 0, .max = 1, .range = R_MIN | R_MAX,                         \
   .help = "upper end of x (default: the kinematic limit 1 - m_l/E)"}

const cli_opt cli_process_opts[] = {OPT_MODEL, OPT_BEAM,     OPT_ENERGY,    OPT_TARGET, OPT_MASS,
                                    OPT_COUPLING, CLI_EPS_ALIAS, OPT_XRANGE, CLI_END};
const cli_opt cli_beam_target_opts[] = {OPT_BEAM, OPT_ENERGY, OPT_TARGET, OPT_XRANGE, CLI_END};

const cli_opt cli_ff_opt[] = {
    {.name = "form-factor", .type = OPT_CHOICE, .arg = "F", .def = "linear", .choices = "linear|squared|elastic|point",
     .help = "photon-nucleus form factor: Tsai elastic + inelastic with the proton term linear (Bjorken et al. "
             "2009 Fig. 10) or squared as printed in their eq. A19, elastic only, or an unscreened point charge "
             "(for checks)"},
    CLI_END};

const cli_opt cli_recoil_opt[] = {
    {.name = "inel-recoil", .type = OPT_CHOICE, .arg = "R", .def = "proton", .choices = "proton|nucleus",
     .only_if = "method=etl;form-factor=linear|squared",
     .help = "exact tree level: who recoils in the inelastic form-factor term: a free proton at rest "
             "(quasi-elastic) or the whole nucleus (Liu-Miller, DMG4)"},
    CLI_END};

int cli_process_setup(cli_args *a, dr_process *p, dr_beam *beam, const dr_material **mat) {
  dr_error e;
  dr_error_clear(&e);
  dr_model_kind model;
  dr_inel_mode inel;
  dr_inel_recoil recoil = DR_RECOIL_PROTON;
  if (dr_model_parse(cli_str(a, "model"), &model, &e) || dr_beam_parse(cli_str(a, "beam"), beam, &e) ||
      dr_inel_mode_parse(cli_str(a, "form-factor"), &inel, &e) ||
      (cli_applies(a, "inel-recoil") && dr_inel_recoil_parse(cli_str(a, "inel-recoil"), &recoil, &e)))
    return cli_lib_fail(a, &e);
  *mat = dr_material_find(cli_str(a, "target"));
  if (dr_process_init(p, model, beam, cli_num(a, "energy"), cli_num(a, "mass"), *mat, inel, &e) != DR_OK)
    return cli_lib_fail(a, &e);
  p->coupling = cli_num(a, "coupling");
  p->inel_recoil = recoil;
  /* the x range in effect: the kinematic limits unless given */
  if (!cli_given(a, "xmin")) cli_set_num(a, "xmin", dr_xsec_xmin(p));
  if (!cli_given(a, "xmax")) cli_set_num(a, "xmax", dr_xsec_xmax(p));
  double lo = cli_num(a, "xmin"), hi = cli_num(a, "xmax");
  if (!(lo < hi))
    return cli_fail(a, CLI_USAGE, "usage",
                    "the x range is empty: from %g (--xmin%s) to %g (--xmax%s); the kinematic range is %g .. %g", lo,
                    cli_given(a, "xmin") ? "" : ", its default", hi, cli_given(a, "xmax") ? "" : ", its default",
                    dr_xsec_xmin(p), dr_xsec_xmax(p));
  if (!(fmax(lo, dr_xsec_xmin(p)) < fmin(hi, dr_xsec_xmax(p))))
    return cli_fail(a, CLI_FAIL, "domain", "the x range %g .. %g lies outside the kinematic range %g .. %g", lo, hi,
                    dr_xsec_xmin(p), dr_xsec_xmax(p));
  return CLI_OK;
}

void cli_apply_threads(cli_args *a) {
#ifdef _OPENMP
  if (cli_given(a, "threads")) omp_set_num_threads((int)cli_num(a, "threads"));
  cli_set_num(a, "threads", omp_get_max_threads());
#else
  cli_set_num(a, "threads", 1);
#endif
}
