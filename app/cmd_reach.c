/* darkreach reach */
#include "journal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <unistd.h>

enum { MAX_USER_CURVES = 8 };

/* --overlay FILE:LABEL[,FILE:LABEL...]: each file read now, so that a bad one stops the scan before it starts */
static int check_overlay(const char *v, const char **canonical, dr_error *e) {
  *canonical = v;
  if (!strcmp(v, "none") || !strcmp(v, "existing")) return DR_OK;
  int n = 0;
  for (const char *p = v; *p; n++) {
    size_t len = strcspn(p, ",");
    const char *colon = memchr(p, ':', len);
    if (!colon || colon == p || (size_t)(colon - p) == len - 1)
      return DR_FAIL(e, DR_EINVAL, "unknown overlay '%.*s': not none, existing or FILE:LABEL", (int)len, p);
    if (n == MAX_USER_CURVES) return DR_FAIL(e, DR_EINVAL, "at most %d curves", MAX_USER_CURVES);
    char path[4096];
    snprintf(path, sizeof path, "%.*s", (int)(colon - p), p);
    dr_limit_curve lo, up;
    if (dr_curve_csv_read(path, &lo, &up, e) != DR_OK) return DR_EINVAL;
    dr_limit_curve_free(&lo), dr_limit_curve_free(&up);
    p += len + (p[len] == ',');
  }
  return DR_OK;
}

/* the user's curves of --overlay (none for none and existing): lower and upper edges, labels */
typedef struct {
  int n;
  dr_limit_curve lo[MAX_USER_CURVES], up[MAX_USER_CURVES];
} user_curves;

static int user_curves_read(const char *v, user_curves *u, dr_error *e) {
  memset(u, 0, sizeof *u);
  if (!v || !strcmp(v, "none") || !strcmp(v, "existing")) return DR_OK;
  for (const char *p = v; *p && u->n < MAX_USER_CURVES;) {
    size_t len = strcspn(p, ",");
    const char *colon = memchr(p, ':', len);
    char path[4096];
    snprintf(path, sizeof path, "%.*s", (int)(colon - p), p);
    int rc = dr_curve_csv_read(path, &u->lo[u->n], &u->up[u->n], e);
    if (rc != DR_OK) return rc;
    snprintf(u->lo[u->n].label, sizeof u->lo[u->n].label, "%.*s", (int)(len - (size_t)(colon - p) - 1), colon + 1);
    u->n++;
    p += len + (p[len] == ',');
  }
  return DR_OK;
}

static void user_curves_free(user_curves *u) {
  for (int i = 0; i < u->n; i++) dr_limit_curve_free(&u->lo[i]), dr_limit_curve_free(&u->up[i]);
  u->n = 0;
}

/* the user's curves as plot curves (grey-distinguishable styles 2..8, colours 7, 4, 12, ...) */
static int user_plot_curves(const user_curves *u, dr_plot_curve *cv) {
  static const int colors[MAX_USER_CURVES] = {7, 4, 12, 6, 13, 5, 14, 11};
  int nc = 0;
  for (int i = 0; i < u->n; i++) {
    cv[nc++] = (dr_plot_curve){u->lo[i].mass, u->lo[i].eps, u->lo[i].n, u->lo[i].label, colors[i], 2 + i % 7, DR_PLOT_CLIP, NULL};
    if (u->up[i].n) cv[nc++] = (dr_plot_curve){u->up[i].mass, u->up[i].eps, u->up[i].n, NULL, colors[i], 2 + i % 7, DR_PLOT_CLIP, NULL};
  }
  return nc;
}

static const cli_opt reach_opts[] = {
    {.name = "model", .type = OPT_NAME, .arg = "NAME", .def = "vector", .check = cli_check_model,
     .names = cli_names_models_produced, .only_if = "!models", .help = "the mediator (darkreach models)"},
    {.name = "models", .type = OPT_NAME, .arg = "LIST", .check = cli_check_models,
     .help = "several models of the dark-photon family, comma-separated, or all (vector, magnetic-dipole, "
             "electric-dipole, charge-radius, anapole): each is scanned into its own files (DIR/reach_MODEL.csv, "
             "DIR/reach_MODEL_relic.csv, ...) and DIR/reach_models_y.png draws every reach (thick) and relic "
             "target (thin), each model in its own colour and dashes, in y against m_DM (Catena, Gray, Jerkvall 2025 "
             "Fig. 1)"},
    {.name = "method", .type = OPT_CHOICE, .arg = "M", .def = "etl", .choices = "etl|ww|iww",
     .help = "cross sections by exact tree level (VEGAS to --precision per mass) or WW/IWW "
             "(darkreach xsec --help)"},
    {.name = "precision", .type = OPT_NUM, .arg = "R", .def = "0.01", .min = 0, .max = 1,
     .range = R_MIN | R_GT | R_MAX | R_LT, .only_if = "method=etl",
     .help = "target relative error of each cross section (1 % in sigma is 0.5 % in the coupling)"},
    CLI_SEED_OPT("method=etl"),
    {.name = "chi-tmax", .type = OPT_CHOICE, .arg = "C", .def = "mx2", .choices = "mx2|e2",
     .only_if = "method=ww|iww", .help = "upper limit of the photon flux chi: m^2 + m_l^2 or E^2"},
    {.name = "rel-tol", .type = OPT_NUM, .arg = "R", .def = "1e-4", .min = 0, .max = 1,
     .range = R_MIN | R_GT | R_MAX | R_LT, .only_if = "method=ww|iww",
     .help = "relative tolerance of each cross section"},
    {.name = "mass-min", .type = OPT_NUM, .arg = "GEV", .min = 0, .range = R_MIN | R_GT,
     .help = "lowest mediator mass (m_chi for millicharged models) of the log-spaced grid [GeV] (default from the card)"},
    {.name = "mass-max", .type = OPT_NUM, .arg = "GEV", .min = 0, .range = R_MIN | R_GT,
     .help = "highest mediator mass (m_chi for millicharged models) [GeV] (default from the card)"},
    {.name = "points", .type = OPT_INT, .arg = "N", .min = 1, .max = 100000, .range = R_MIN | R_MAX,
     .help = "number of masses (default from the card)"},
    {.name = "cl", .type = OPT_NUM, .arg = "CL", .min = 0, .max = 1, .range = R_MIN | R_GT | R_MAX | R_LT,
     .help = "confidence level, e.g. 0.90 or 0.95 (default from the card)"},
    {.name = "lot", .type = OPT_NUM, .arg = "N", .min = 0, .range = R_MIN | R_GT,
     .help = "leptons on target (default from the card)"},
    {.name = "alpha-d", .type = OPT_NUM, .arg = "A", .min = 0, .max = ALPHA_D_MAX, .range = R_MIN | R_GT | R_MAX,
     .help = "dark coupling alpha_D for y and the invisible width (default from the card; at most 4 pi)"},
    {.name = "ratio", .type = OPT_NUM, .arg = "R", .min = 0, .range = R_MIN | R_GT,
     .help = "m_A'/m_DM for y and the invisible width (default from the card)"},
    {.name = "overlay", .type = OPT_NAME, .arg = "WHAT", .def = "none", .check = check_overlay,
     .flags = F_NO_FINGERPRINT,
     .help = "curves drawn with the reach: FILE:LABEL[,FILE:LABEL...], CSV files of mass [GeV] and coupling (another "
             "scan's reach.csv, with its upper edge, or two columns; '#' lines are comments); or existing, with "
             "--model millicharged or millicharged-scalar: the published millicharge limits of "
             "data/limits/millicharged (SLAC mQ, LSND, MiniBooNE, ArgoNeuT, milliQan demonstrator, BEBC, colliders, "
             "E613; sources in its README)"},
    {.name = "shade", .type = OPT_FLAG, .flags = F_NO_FINGERPRINT,
     .help = "shade the excluded region: between the reach's lower and upper edges, or above the lower one"},
    {.name = "primary-only", .type = OPT_FLAG,
     .help = "cards with [target] track_length = shower: dark bremsstrahlung from the primary lepton only (Tsai's "
             "track-length spectrum, as before the whole shower), for comparison"},
    {.name = "no-relic", .type = OPT_FLAG, .flags = F_NO_FINGERPRINT,
     .help = "skip the thermal-relic target (drawn for dark-photon-family models with a dark-matter species)"},
    CLI_SCAN_OUT_OPTS(NULL),
    CLI_FORMAT_OPT(NULL),
    CLI_RUN_OPTS(NULL),
    CLI_END};

static const cli_opt *const reach_groups[] = {reach_opts, cli_json_opt, NULL};

/* FNV-1a 64 of a file's bytes, as 16 hex digits; 0 if it cannot be read */
static int card_digest(const char *path, char out[17]) {
  FILE *f = fopen(path, "rb");
  if (!f) return 0;
  unsigned long long h = DR_FNV1A64_INIT;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, f)) > 0) h = dr_fnv1a64(buf, n, h);
  int ok = !ferror(f);
  fclose(f);
  snprintf(out, 17, "%016llx", h);
  return ok;
}

/* A card argument is a path, or the name of a built-in card. */
static const char *resolve_card(const char *arg, char *buf, size_t n) {
  if (access(arg, R_OK) == 0) return arg;
  snprintf(buf, n, "%s/experiments/%s.ini", cli_data_dir(), arg);
  if (access(buf, R_OK) == 0) return buf;
  return arg; /* let the loader report it */
}

/* ---- the two journals: reach points and relic points ---- */
typedef struct {
  const dr_experiment *x;
  dr_experiment *x_shower; /* the same card, filled with its shower's track lengths before the first scan */
  int json;
  const char *card;
  dr_model_kind model;
  int has_dm; /* the model couples to the card's dark-matter species: y, relic target */
  dr_reach_opts o;
  dr_reach_point *p;
  dr_relic_spec rs;
  double *m_dm;
  dr_relic_point *rp;
  dr_gstar *gs;
} reach_run;

static int reach_row(FILE *f, int i, void *ctx) { return dr_reach_csv_row(f, &((reach_run *)ctx)->p[i]); }
static void reach_point(dr_json *j, int i, void *ctx) { dr_json_reach_point(j, &((reach_run *)ctx)->p[i]); }
static void reach_extra(dr_json *j, void *ctx) {
  reach_run *r = ctx;
  dr_json_reach_config(j, r->x, r->card, r->model, &r->o);
}


static int reach_parse(const char *line, void *ctx) {
  reach_run *r = ctx;
  dr_reach_point p;
  if (dr_reach_csv_parse(line, &p) != DR_OK) return -1;
  int i = dr_scan_log_index(r->o.mass_min, r->o.mass_max, r->o.points, p.mass, CLI_ROW_MASS_TOL);
  if (i >= 0) r->p[i] = p;
  return i;
}

/* eps and y against mass, with the relic target beside them */
/* millicharged pairs: the reach with each channel's alone, and the published limits if asked */
/* the statistics typeset for a plot title: 1.87x10^20 EOT (e- and e+ beams) or MOT (muon beams) */
static const char *stats_text(const dr_experiment *x, char *buf, size_t n) {
  int ex = (int)floor(log10(x->lot));
  double mant = x->lot / pow(10, ex);
  char r[32];
  snprintf(r, sizeof r, "%.3g", mant); /* 9.9996 rounds to 10: renormalise */
  if (atof(r) >= 10) ex++, mant /= 10;
  char m[32] = "";
  if (fabs(mant - 1) > 5e-4) snprintf(m, sizeof m, "%.3g\xc3\x97", mant); /* U+00D7, the multiplication sign */
  snprintf(buf, n, "%s10#u%d#d %s", m, ex, x->beam.flavour ? "MOT" : "EOT");
  return buf;
}

static int reach_plot_pair(const reach_run *r, const char *out, const char *stem, int overlay, const user_curves *uc,
                           int shade, dr_error *e) {
  static const char *const ch_label[1 + DR_N_MESONS] = {"bremsstrahlung-like", "#gr \u2192 #gx#gx", "#gw \u2192 #gx#gx",
                                                        "#gf \u2192 #gx#gx", "J/#gq \u2192 #gx#gx"};
  static const int ch_color[1 + DR_N_MESONS] = {9, 3, 8, 10, 4};
  int n = r->o.points, rc = DR_OK, nc = 0;
  enum { MAX_LIMITS = 16 };
  dr_limit_curve lim[MAX_LIMITS];
  int nl = 0;
  if (overlay) { /* the files in the data folder, in name order */
    char dir[4200];
    snprintf(dir, sizeof dir, "%s/limits/millicharged", cli_data_dir());
    struct dirent **names = NULL;
    int k = scandir(dir, &names, NULL, alphasort);
    for (int i = 0; i < k; i++) {
      const char *nm = names[i]->d_name;
      size_t len = strlen(nm);
      if (len > 4 && strcmp(nm + len - 4, ".csv") == 0 && nl < MAX_LIMITS) {
        char path[4400];
        snprintf(path, sizeof path, "%s/%s", dir, nm);
        if (dr_limit_curve_read(path, &lim[nl], e) == DR_OK) nl++;
        else rc = e->status;
      }
      free(names[i]);
    }
    free(names);
    if (k < 0) rc = DR_FAIL(e, DR_EIO, "cannot read the limits folder '%s'", dir);
  }
  double *buf = malloc(sizeof(double) * (size_t)(3 + DR_N_MESONS) * n); /* m, all, the channels */
  dr_plot_curve *cv = malloc(sizeof *cv * (size_t)(2 + DR_N_MESONS + MAX_LIMITS + 2 * MAX_USER_CURVES));
  if (rc == DR_OK && (!buf || !cv)) rc = DR_FAIL(e, DR_ENOMEM, "out of memory");
  if (rc == DR_OK) {
    double *m = buf, *all = buf + n;
    for (int i = 0; i < n; i++) {
      int ok = r->p[i].status == DR_REACH_OK;
      m[i] = r->p[i].mass;
      all[i] = ok ? r->p[i].eps : NAN;
    }
    cv[nc++] = (dr_plot_curve){m, all, n, "reach (all channels)", 15, 1, shade ? DR_PLOT_FILL : 0, NULL};
    for (int c = 0; c <= DR_N_MESONS; c++) {
      double *y = buf + (size_t)(2 + c) * n;
      int any = 0;
      for (int i = 0; i < n; i++) {
        y[i] = r->p[i].status == DR_REACH_OK && r->p[i].n_channels > c ? r->p[i].eps_channel[c] : NAN;
        any |= isfinite(y[i]);
      }
      if (any && c < DR_N_MESONS + 1) cv[nc++] = (dr_plot_curve){m, y, n, ch_label[c], ch_color[c], c ? 3 : 2, 0, NULL};
    }
    /* each limit within the scan's mass range (and one point beyond either end) */
    for (int l = 0; l < nl; l++) {
      int i0 = 0, i1 = lim[l].n - 1;
      while (i0 + 1 < lim[l].n && lim[l].mass[i0 + 1] < r->o.mass_min) i0++;
      while (i1 > i0 && lim[l].mass[i1 - 1] > r->o.mass_max) i1--;
      if (i1 > i0) cv[nc++] = (dr_plot_curve){lim[l].mass + i0, lim[l].eps + i0, i1 - i0 + 1, lim[l].label, 7, 1 + l % 8, DR_PLOT_CLIP, NULL};
    }
    nc += user_plot_curves(uc, cv + nc);
    const dr_experiment *x = r->x;
    char title[256], path[4200];
    char st[64];
    snprintf(title, sizeof title, "%s: %s, %g%% CL, %s%s", x->name, dr_model_name(r->model), 100 * x->cl,
             stats_text(x, st, sizeof st), dr_experiment_is_approximate(x) ? " (approx. thick target)" : "");
    snprintf(path, sizeof path, "%s/%s.png", out, stem);
    rc = dr_plot_loglog(path, title, "m#d#gx#u [GeV]", "#ge = Q/e", cv, nc, e);
  }
  for (int l = 0; l < nl; l++) dr_limit_curve_free(&lim[l]);
  free(buf), free(cv);
  return rc;
}

static int reach_plots(const reach_run *r, const char *out, const char *stem, int want_relic, int with_y,
                       const user_curves *uc, int shade, dr_error *e) {
  int n = r->o.points, rc = DR_OK;
  double *m = malloc(sizeof(double) * 8 * (size_t)n);
  if (!m) return DR_FAIL(e, DR_ENOMEM, "out of memory");
  double *ce = m + n, *cu = m + 2 * n, *ye = m + 3 * n, *yu = m + 4 * n, *rc_ = m + 5 * n, *ry = m + 6 * n;
  double *mdm = m + 7 * n; /* y is defined with m_DM = m_A'/ratio: its plot is against m_DM */
  int has_upper = 0;
  for (int i = 0; i < n; i++) {
    int ok = r->p[i].status == DR_REACH_OK;
    m[i] = r->p[i].mass;
    mdm[i] = m[i] / r->x->mass_ratio;
    ce[i] = ok ? r->p[i].eps : NAN;
    cu[i] = ok ? r->p[i].eps_upper : NAN;
    ye[i] = ok ? r->p[i].y : NAN;
    yu[i] = ok ? r->p[i].y_upper : NAN;
    rc_[i] = want_relic ? r->rp[i].eps : NAN;
    ry[i] = want_relic ? r->rp[i].y : NAN;
    has_upper |= isfinite(cu[i]);
  }
  const dr_experiment *x = r->x;
  char title[256], path[4200], ylab[128];
  char st[64];
  snprintf(title, sizeof title, "%s: %s, %g%% CL, %s%s", x->name, dr_model_name(r->model), 100 * x->cl,
           stats_text(x, st, sizeof st), dr_experiment_is_approximate(x) ? " (approx. thick target)" : "");
  char clab[96];
  const dr_model_info *mi = dr_model_info_get(r->model);
  if (r->model == DR_MODEL_VECTOR) snprintf(clab, sizeof clab, "#ge (kinetic mixing)");
  else if (mi->flavour == DR_FLAVOUR_LMU_LTAU) snprintf(clab, sizeof clab, "g' (L#d#gm#u - L#d#gt#u gauge coupling)");
  else if (mi->flavour == DR_FLAVOUR_MASS) snprintf(clab, sizeof clab, "g#d#gm#u (muon coupling; g#dl#u = g#d#gm#u m#dl#u/m#d#gm#u)");
  else if (mi->flavour == DR_FLAVOUR_PHYSICAL) snprintf(clab, sizeof clab, "coupling c [%s] (c#dll#u = c#d#gg#gg#u)", mi->coupling_unit);
  else snprintf(clab, sizeof clab, "coupling g/e [%s]", mi->coupling_unit);
  /* L_mu - L_tau: the couplings whose one-loop (g-2)_mu lies within 2 sigma of the anomaly, against the
   * 2020 SM prediction (the band of the published plots) and the 2025 one (an upper limit; include/darkreach/amu.h) */
  double *g2 = NULL;
  if (mi->flavour == DR_FLAVOUR_LMU_LTAU && (g2 = malloc(sizeof(double) * 3 * (size_t)n))) {
    dr_amu_anomaly_t a20 = dr_amu_anomaly(DR_AMU_SM_WP20), a25 = dr_amu_anomaly(DR_AMU_SM_WP25);
    for (int i = 0; i < n; i++) {
      double d1 = 0;
      dr_error ae;
      dr_error_clear(&ae);
      if (dr_amu_one_loop(r->model, 1, m[i], &d1, &ae) != DR_OK || !(d1 > 0)) d1 = NAN;
      g2[i] = sqrt((a20.delta - 2 * a20.sigma) / d1);
      g2[n + i] = sqrt((a20.delta + 2 * a20.sigma) / d1);
      g2[2 * n + i] = sqrt((a25.delta + 2 * a25.sigma) / d1);
    }
  }
  /* the relic target on a grid of its own, denser than the scan's (the curve bends where the mediator's decays
   * open), written beside the plot as STEM_relic_curve.csv; the scan masses' values stay in STEM_relic.csv */
  int nd = 0;
  double *dx = NULL, *dxm = NULL, *deps = NULL, *dy = NULL;
  dr_relic_point *dp = NULL;
  if (want_relic && n > 1 && r->m_dm[n - 1] > r->m_dm[0]) {
    nd = 4 * n < 24 ? 24 : 4 * n > 160 ? 160 : 4 * n;
    dx = malloc(sizeof(double) * 4 * (size_t)nd);
    dp = calloc((size_t)nd, sizeof *dp);
    if (dx && dp) {
      dxm = dx + nd, deps = dx + 2 * nd, dy = dx + 3 * nd;
      for (int i = 0; i < nd; i++) dx[i] = r->m_dm[0] * pow(r->m_dm[n - 1] / r->m_dm[0], (double)i / (nd - 1));
      dr_error de;
      dr_error_clear(&de);
      if (dr_relic_curve(&r->rs, dx, nd, r->gs, dp, NULL, &de) == DR_OK) {
        char cpath[4200];
        snprintf(cpath, sizeof cpath, "%s/%s_relic_curve.csv", out, stem);
        FILE *f = fopen(cpath, "w");
        if (f) {
          dr_relic_csv_header(f);
          for (int i = 0; i < nd; i++) dr_relic_csv_row(f, &dp[i]);
        }
        if (!f || ferror(f) | fclose(f)) rc = DR_FAIL(e, DR_EIO, "cannot write '%s'", cpath);
        for (int i = 0; i < nd; i++) {
          int ok = dp[i].status == DR_OK;
          dxm[i] = dx[i] * r->rs.ratio, deps[i] = ok ? dp[i].eps : NAN, dy[i] = ok ? dp[i].y : NAN;
        }
      } else nd = 0;
    } else nd = 0;
  }
  for (int k = 0; k < 1 + with_y && rc == DR_OK; k++) {
    dr_plot_curve use[6 + 2 * MAX_USER_CURVES];
    int nc = 0;
    const double *mx = k ? mdm : m;
    use[nc++] = (dr_plot_curve){mx, k ? ye : ce, n, has_upper ? "reach (lower boundary)" : "reach", 9, 1,
                                shade ? DR_PLOT_FILL : 0,
                                has_upper ? (k ? yu : cu) : NULL};
    if (has_upper) use[nc++] = (dr_plot_curve){mx, k ? yu : cu, n, "reach (upper boundary)", 9, 2, 0, NULL};
    if (want_relic && nd) use[nc++] = (dr_plot_curve){k ? dx : dxm, k ? dy : deps, nd, "thermal relic target", 1, 4, DR_PLOT_CLIP, NULL};
    else if (want_relic) use[nc++] = (dr_plot_curve){mx, k ? ry : rc_, n, "thermal relic target", 1, 4, DR_PLOT_CLIP, NULL};
    if (g2 && !k) {
      use[nc++] = (dr_plot_curve){m, g2, n, "(g-2)#d#gm#u 2#gs, 2020 SM", 3, 2, DR_PLOT_CLIP, NULL};
      use[nc++] = (dr_plot_curve){m, g2 + n, n, NULL, 3, 2, DR_PLOT_CLIP, NULL}; /* the band's other edge: no second legend entry */
      use[nc++] = (dr_plot_curve){m, g2 + 2 * n, n, "(g-2)#d#gm#u limit, 2025 SM", 10, 3, DR_PLOT_CLIP, NULL};
    }
    if (!k) nc += user_plot_curves(uc, use + nc); /* the user's couplings, not y */
    snprintf(path, sizeof path, "%s/%s%s.png", out, stem, k ? "_y" : "");
    snprintf(ylab, sizeof ylab, "y   (#ga#dD#u = %g, m#dA'#u/m#d#gx#u = %g)", x->alpha_d, x->mass_ratio);
    rc = dr_plot_loglog(path, title, k ? "m#dDM#u = m#dX#u/ratio [GeV]" : "m#dX#u [GeV]", k ? ylab : clab, use, nc, e);
  }
  free(g2);
  free(m);
  free(dx), free(dp);
  return rc;
}

/* the card with the options' overrides, the model and the scan options; echoes the values in effect */
static int reach_setup(cli_args *a, reach_run *r, dr_experiment *x, const dr_model_kind *ms, int nm) {
  dr_error e;
  dr_error_clear(&e);
  for (int k = 0; k < nm; k++)
    if (!dr_model_can_produce(ms[k]))
      return cli_fail(a, CLI_FAIL, "invalid", "model %s has no production vertex yet (darkreach models)",
                      dr_model_name(ms[k]));
  if (dr_experiment_load(r->card, x, &e) != DR_OK) return cli_lib_fail(a, &e);
  /* the numbers depend on the card's contents, not only on its name */
  char digest[17];
  if (!card_digest(r->card, digest)) return cli_fail(a, CLI_FAIL, "io", "cannot read card '%s'", r->card);
  cli_fingerprint_add(a, "card-fnv1a64=%s", digest);
  if (cli_given(a, "lot")) x->lot = cli_num(a, "lot");
  if (cli_given(a, "cl")) {
    x->cl = cli_num(a, "cl");
    if (dr_poisson_upper(x->limit_method, x->observed, x->background, x->cl, &x->s_up, &e) != DR_OK)
      return cli_lib_fail(a, &e);
  }
  cli_set_num(a, "lot", x->lot);
  cli_set_num(a, "cl", x->cl);
  /* alpha_D and m_A'/m_DM enter y and the invisible width: only with a dark-matter species */
  r->has_dm = dr_model_info_get(r->model)->dark_portal && x->dm != DR_DM_NONE;
  char why[200];
  snprintf(why, sizeof why, "this scan has no dark matter (model %s, dark matter %s in the card)",
           dr_model_name(r->model), dr_dm_name(x->dm));
  if (!r->has_dm && cli_given(a, "models"))
    return cli_fail(a, CLI_USAGE, "usage", "--models compares y, which needs dark matter: the card %s has none (%s)",
                    x->name, dr_dm_name(x->dm));
  if (r->has_dm) {
    if (cli_given(a, "alpha-d")) x->alpha_d = cli_num(a, "alpha-d");
    if (cli_given(a, "ratio")) x->mass_ratio = cli_num(a, "ratio");
    cli_set_num(a, "alpha-d", x->alpha_d);
    cli_set_num(a, "ratio", x->mass_ratio);
  } else {
    int rc = cli_drop(a, "alpha-d", why);
    if (rc == CLI_OK) rc = cli_drop(a, "ratio", why);
    if (rc == CLI_OK && cli_given(a, "no-relic")) rc = cli_drop(a, "no-relic", why);
    if (rc != CLI_OK) return rc;
  }
  dr_reach_opts *o = &r->o;
  *o = dr_reach_opts_from_experiment(x);
  if (dr_method_parse(cli_str(a, "method"), &o->xsec.method, &e) != DR_OK) return cli_lib_fail(a, &e);
  for (int k = 0; k < nm; k++) {
    if (dr_method_check(ms[k], o->xsec.method, &e) != DR_OK) return cli_lib_fail(a, &e);
    cli_note_method(a, ms[k], o->xsec.method);
  }
  if (cli_given(a, "primary-only")) {
    if (x->track != DR_TRACK_SHOWER)
      return cli_fail(a, CLI_USAGE, "usage", "--primary-only is for cards with [target] track_length = shower (%s has %s)",
                      x->name, dr_track_name(x->track));
    x->track = DR_TRACK_TSAI;
  }
  /* millicharged pairs: the meson yields once for the whole scan (the card's, or computed: mesons.h) */
  if (dr_model_is_pair(ms[0]) && dr_experiment_meson_yields(x, &e) != DR_OK) return cli_lib_fail(a, &e);
  if (o->xsec.method == DR_METHOD_ETL) {
    o->xsec.etl_rel_tol = cli_num(a, "precision");
    o->xsec.seed = (uint64_t)cli_num(a, "seed");
  } else {
    if (dr_tmax_parse(cli_str(a, "chi-tmax"), &o->xsec.tmax, &e) != DR_OK) return cli_lib_fail(a, &e);
    o->xsec.rel_tol = cli_num(a, "rel-tol");
  }
  if (cli_given(a, "mass-min")) o->mass_min = cli_num(a, "mass-min");
  if (cli_given(a, "mass-max")) o->mass_max = cli_num(a, "mass-max");
  if (cli_given(a, "points")) o->points = (int)cli_num(a, "points");
  if (o->points == 1 && !cli_given(a, "mass-max")) o->mass_max = o->mass_min; /* one mass: mass-min */
  cli_set_num(a, "mass-min", o->mass_min);
  cli_set_num(a, "mass-max", o->mass_max);
  cli_set_num(a, "points", o->points);
  if (!(o->points == 1 ? o->mass_max == o->mass_min : o->mass_max > o->mass_min))
    return cli_fail(a, CLI_USAGE, "usage", "need --mass-min %s --mass-max (got %g, %g GeV, %d points)",
                    o->points == 1 ? "=" : "<", o->mass_min, o->mass_max, o->points);
  if (!(o->mass_min < x->energy - x->beam.mass))
    return cli_fail(a, CLI_FAIL, "domain", "--mass-min %g GeV is above the kinematic limit %g GeV of a %g GeV %s beam",
                    o->mass_min, x->energy - x->beam.mass, x->energy, x->beam.name);
  return CLI_OK;
}

static int scan_reach(const dr_scan_ctl *ctl, void *arg, dr_error *e) {
  reach_run *r = arg;
  /* the shower's track lengths once for the whole run, after the output files are in place */
  dr_experiment *x = r->x_shower;
  if (x->track == DR_TRACK_SHOWER && !x->shower_ready) {
    int st = DR_OK;
    if (cli_mpi_rank() == 0) { /* under MPI rank 0 runs it and sends the spectra to the others */
      if (!r->json)
        fprintf(stderr, "shower: %ld showers of %g GeV %s in %g X0 %s...", x->shower_n, x->energy, x->beam.name,
                x->thickness_x0, x->material->symbol);
      st = dr_experiment_shower(x, e);
      if (st == DR_OK && !r->json) fprintf(stderr, " %.2f s\n", x->shower_seconds);
    }
    cli_mpi_bcast(&st, sizeof st);
    if (st != DR_OK) return cli_mpi_rank() == 0 ? st : DR_FAIL(e, st, "the shower failed on rank 0");
    cli_mpi_bcast(x->shower_ybar, sizeof x->shower_ybar);
    cli_mpi_bcast(x->shower_charged, sizeof x->shower_charged);
    cli_mpi_bcast(x->shower_positron, sizeof x->shower_positron);
    cli_mpi_bcast(x->shower_positron_err, sizeof x->shower_positron_err);
    cli_mpi_bcast(&x->shower_seconds, sizeof x->shower_seconds);
    x->shower_ready = 1;
  }
  return dr_reach_scan(r->x, r->model, &r->o, r->p, ctl, e);
}

static int scan_relic(const dr_scan_ctl *ctl, void *arg, dr_error *e) {
  reach_run *r = arg;
  return dr_relic_curve(&r->rs, r->m_dm, r->o.points, r->gs, r->rp, ctl, e);
}

static void reach_report(const reach_run *r, const cli_journal *J, const cli_journal *R, const char *out,
                         const char *stem, int plot, int want_relic) {
  const dr_experiment *x = r->x;
  int n = r->o.points, nok = 0;
  for (int i = 0; i < n; i++) nok += r->p[i].status == DR_REACH_OK;
  printf("%s, model %s: %d of %d masses solved; wrote %s, %s", x->name, dr_model_name(r->model), nok, n, J->csv_path,
         J->json_path);
  unsigned f = dr_plot_formats(); /* the plots as written: the first format, the others beside it */
  const char *ext = f & DR_PLOT_PNG ? "png" : f & DR_PLOT_PDF ? "pdf" : "svg";
  if (plot) printf(", %s/%s.%s%s%s%s%s", out, stem, ext, r->has_dm ? " and " : "", r->has_dm ? stem : "",
                  r->has_dm ? "_y." : "", r->has_dm ? ext : "");
  if (want_relic) printf(", %s (thermal target at m_DM = m_A'/%g)", R->csv_path, x->mass_ratio);
  printf("\n");
}

static void reach_notes(const dr_experiment *x) {
  if (dr_experiment_efficiency_assumed(x))
    printf("warning: %s gives no source for its signal efficiency (%g): this curve is an efficiency-%g bound, "
           "not the experiment's result\n",
           x->name, x->efficiency, x->efficiency);
  if (x->signature == DR_SIG_VISIBLE && x->detector_halfwidth_m > 0)
    printf("note: detector acceptance from a rough pointing model (%g m half-width at %g m; exp.h)\n",
           x->detector_halfwidth_m, x->shield_m + x->decay_m);
  else if (x->signature == DR_SIG_VISIBLE)
    printf("note: detector acceptance 1 (the card gives no detector size)\n");
  if (x->limit_method != DR_LIMIT_ZERO_BKG)
    printf("note: %s limit with %d observed over %g expected background: %.4g signal events excluded at %g%% CL\n",
           dr_limit_method_name(x->limit_method), x->observed, x->background, x->s_up, 100 * x->cl);
  if (x->track == DR_TRACK_SHOWER) {
    double c = 0, p = 0;
    for (int k = 0; k < DR_SHOWER_BINS; k++) c += x->shower_charged[k], p += x->shower_positron[k];
    printf("note: %s target: yield over the whole shower's e+- track lengths (cascade Monte Carlo, %ld showers): "
           "%.3g X0 above x_th E0, %.3g X0 of it positrons\n",
           dr_target_kind_name(x->target_kind), x->shower_n, c, p);
  } else if (dr_experiment_is_approximate(x) && x->track == DR_TRACK_TSAI)
    printf("note: %s target: yield over the primary-electron track-length spectrum (Tsai), %.3g X0 "
           "above x_th E0; shower secondaries not included (approximate)\n",
           dr_target_kind_name(x->target_kind), dr_track_tsai_above(x->thickness_x0, x->x_th));
  else if (dr_experiment_is_approximate(x))
    printf("note: %s target treated with an effective thickness of %g X0 (approximate)\n",
           dr_target_kind_name(x->target_kind), x->effective_thickness_x0);
}

/* the model or the --models list */
static int reach_models(cli_args *a, dr_model_kind *ms, int *nm) {
  dr_error e;
  dr_error_clear(&e);
  *nm = 0;
  if (!cli_given(a, "models")) {
    *nm = 1;
    return dr_model_parse(cli_str(a, "model"), &ms[0], &e) == DR_OK ? CLI_OK : cli_lib_fail(a, &e);
  }
  *nm = cli_parse_list_models(cli_str(a, "models"), ms, DR_MODEL_COUNT); /* canonical: checked names */
  return CLI_OK;
}

/* one scan per model, and with --models the y-m plot of them all */
typedef struct {
  int nm, want_relic;
  reach_run *r;
  cli_journal *J, *R;
} reach_all;

static void reach_all_json(dr_json *j, void *ctx) {
  const reach_all *A = ctx;
  dr_json_key_array(j, "models");
  for (int k = 0; k < A->nm; k++) {
    dr_json_object(j);
    dr_json_str(j, "model", dr_model_name(A->r[k].model));
    dr_json_str(j, "csv", A->J[k].csv_path);
    cli_journal_json_body(j, &A->J[k]);
    if (A->want_relic) {
      dr_json_key_object(j, "relic");
      dr_json_str(j, "csv", A->R[k].csv_path);
      cli_journal_json_body(j, &A->R[k]);
      dr_json_close(j);
    }
    dr_json_close(j);
  }
  dr_json_close(j);
}

/* every model's reach (thick) and relic target (thin), each model in its own colour and dashes, in y: the analogue of
 * [arXiv:2502.13635] Fig. 1 */
static int reach_models_plot(const reach_all *A, const char *out, dr_error *e) {
  static const int colors[] = {9, 1, 3, 8, 10, 2, 4, 5};
  int n = A->r[0].o.points, nc = 0, rc = DR_OK;
  double *buf = malloc(sizeof(double) * (size_t)(3 * A->nm + 1) * n);
  dr_plot_curve *cv = malloc(sizeof *cv * 3 * A->nm);
  char(*lab)[64] = malloc(sizeof *lab * 3 * A->nm);
  if (!buf || !cv || !lab) {
    free(buf), free(cv), free(lab);
    return DR_FAIL(e, DR_ENOMEM, "out of memory");
  }
  for (int i = 0; i < n; i++) buf[i] = A->r[0].p[i].mass / A->r[0].x->mass_ratio; /* y against m_DM */
  for (int k = 0; k < A->nm; k++) {
    const reach_run *r = &A->r[k];
    double *y = buf + (size_t)(1 + 3 * k) * n, *yu = y + n, *ry = yu + n;
    int has_upper = 0, col = colors[k % 8];
    for (int i = 0; i < n; i++) {
      int ok = r->p[i].status == DR_REACH_OK;
      y[i] = ok ? r->p[i].y : NAN;
      yu[i] = ok ? r->p[i].y_upper : NAN;
      ry[i] = A->want_relic ? r->rp[i].y : NAN;
      has_upper |= isfinite(yu[i]);
    }
    const char *name = dr_model_name(r->model);
    snprintf(lab[nc], 64, "%s reach", name);
    /* in grey too: each model its own dashes, the reach thick, its relic target thin */
    int sty = 1 + k % 8;
    cv[nc] = (dr_plot_curve){buf, y, n, lab[nc], col, sty, 0, NULL}, nc++;
    if (has_upper) {
      snprintf(lab[nc], 64, "%s reach (upper)", name);
      cv[nc] = (dr_plot_curve){buf, yu, n, lab[nc], col, sty, 0, NULL}, nc++;
    }
    if (A->want_relic) {
      snprintf(lab[nc], 64, "%s relic target", name);
      cv[nc] = (dr_plot_curve){buf, ry, n, lab[nc], col, sty, DR_PLOT_CLIP | DR_PLOT_THIN, NULL}, nc++;
    }
  }
  const dr_experiment *x = A->r[0].x;
  char title[256], path[4200], ylab[160];
  char st[64];
  snprintf(title, sizeof title, "%s: %g%% CL, %s%s", x->name, 100 * x->cl, stats_text(x, st, sizeof st),
           dr_experiment_is_approximate(x) ? " (approx. thick target)" : "");
  snprintf(ylab, sizeof ylab, "y = g#u2#d#ga#dD#u(m#d#gx#u/m#dA'#u)#u4#d#gL#u2n#d   (#ga#dD#u = %g, m#dA'#u/m#d#gx#u = %g)",
           x->alpha_d, x->mass_ratio);
  snprintf(path, sizeof path, "%s/reach_models_y.png", out);
  rc = dr_plot_loglog(path, title, "m#d#gx#u = m#dA'#u/ratio [GeV]", ylab, cv, nc, e);
  free(buf), free(cv), free(lab);
  return rc;
}

static int run_reach(cli_args *a) {
  cli_apply_threads(a);
  char buf[4096];
  dr_experiment x;
  dr_model_kind ms[DR_MODEL_COUNT];
  int nm = 0;
  int rc = reach_models(a, ms, &nm);
  if (rc != CLI_OK) return rc;
  reach_run r0 = {.x = &x, .x_shower = &x, .json = a->json, .card = resolve_card(a->positional, buf, sizeof buf), .model = ms[0]};
  rc = reach_setup(a, &r0, &x, ms, nm);
  if (rc != CLI_OK) return rc;
  if (!strcmp(cli_str(a, "overlay"), "existing") && !dr_model_is_pair(ms[0]))
    return cli_fail(a, CLI_USAGE, "usage",
                    "--overlay existing applies only with --model millicharged or millicharged-scalar (the published "
                    "millicharge limits); curves of your own are --overlay FILE:LABEL (see darkreach reach --help)");
  user_curves uc;
  dr_error ue;
  dr_error_clear(&ue);
  if (user_curves_read(cli_str(a, "overlay"), &uc, &ue) != DR_OK) {
    user_curves_free(&uc);
    return cli_lib_fail(a, &ue);
  }
  const char *out = cli_str(a, "out");
  int multi = cli_given(a, "models");
  int n = r0.o.points, resume = cli_given(a, "resume"), want_relic = r0.has_dm && !cli_given(a, "no-relic");
  reach_run r[DR_MODEL_COUNT];
  cli_journal J[DR_MODEL_COUNT], R[DR_MODEL_COUNT];
  cli_relic_rows rows[DR_MODEL_COUNT];
  char stem[DR_MODEL_COUNT][64], rstem[DR_MODEL_COUNT][80], what[DR_MODEL_COUNT][96];
  dr_gstar *gs = NULL;
  dr_error e;
  dr_error_clear(&e);
  if (want_relic && !(gs = dr_gstar_alloc(&e))) rc = cli_lib_fail(a, &e);
  for (int k = 0; k < nm; k++) {
    r[k] = r0;
    r[k].model = ms[k];
    r[k].gs = gs;
    r[k].p = calloc((size_t)n, sizeof *r[k].p);
    r[k].rp = calloc((size_t)n, sizeof *r[k].rp);
    r[k].m_dm = calloc((size_t)n, sizeof *r[k].m_dm);
    if (rc == CLI_OK && (!r[k].p || !r[k].rp || !r[k].m_dm)) rc = cli_fail(a, CLI_FAIL, "no-memory", "out of memory");
    r[k].rs = (dr_relic_spec){ms[k], x.dm, x.alpha_d, x.mass_ratio, x.delta, DR_OMEGA_H2_PLANCK};
    for (int i = 0; rc == CLI_OK && i < n; i++) r[k].m_dm[i] = dr_reach_mass(&r[k].o, i) / x.mass_ratio;
    snprintf(stem[k], sizeof stem[k], multi ? "reach_%s" : "reach", dr_model_name(ms[k]));
    snprintf(rstem[k], sizeof rstem[k], "%s_relic", stem[k]);
    snprintf(what[k], sizeof what[k], multi ? "%s masses" : "masses", dr_model_name(ms[k]));
    J[k] = (cli_journal){.a = a, .dir = out, .stem = stem[k], .what = what[k], .n = n,
                         .header = dr_model_is_pair(ms[k]) ? dr_reach_csv_header_pair : dr_reach_csv_header,
                         .row = reach_row, .parse = reach_parse, .json_point = reach_point, .json_extra = reach_extra,
                         .ctx = &r[k]};
    rows[k] = (cli_relic_rows){&r[k].rs, r[k].m_dm, r[k].rp, n};
    R[k] = (cli_journal){.a = a, .dir = out, .stem = rstem[k], .what = "relic masses"};
    cli_journal_relic(&R[k], &rows[k]);
  }
  cli_catch_signals();
  int any_plot = 0;
  for (int k = 0; rc == CLI_OK && k < nm; k++) {
    /* an earlier run's relic files go unless this run resumes them */
    if (!resume || !want_relic) cli_journal_remove(out, rstem[k]);
    char cpath[4200];
    snprintf(cpath, sizeof cpath, "%s/%s_relic_curve.csv", out, stem[k]);
    remove(cpath); /* an earlier run's: this run writes its own with the plot, or none */
    /* with --models only the first model must have been started before */
    int res = resume ? (k == 0 ? 1 : 2) : 0;
    rc = cli_journal_run(&J[k], res, scan_reach, &r[k]);
    /* the thermal-relic target of the same model, at m_DM = m_A'/ratio for every scan mass */
    if (rc == CLI_OK && want_relic) rc = cli_journal_run(&R[k], resume ? 2 : 0, scan_relic, &r[k]);
    if (cli_mpi_rank() > 0) continue; /* rank 0 draws and reports */
    int nok = 0;
    for (int i = 0; rc == CLI_OK && i < n; i++) nok += r[k].p[i].status == DR_REACH_OK;
    int plot = !cli_given(a, "no-plot") && nok > 0;
    any_plot |= plot;
    int pair = dr_model_is_pair(ms[k]);
    if (rc == CLI_OK && plot &&
        (pair ? reach_plot_pair(&r[k], out, stem[k], strcmp(cli_str(a, "overlay"), "existing") == 0, &uc,
                                cli_given(a, "shade"), &e)
              : reach_plots(&r[k], out, stem[k], want_relic, r[k].has_dm, &uc, cli_given(a, "shade"), &e)) != DR_OK)
      rc = cli_lib_fail(a, &e);
    if (rc == CLI_OK && !a->json) reach_report(&r[k], &J[k], &R[k], out, stem[k], plot, want_relic);
  }
  reach_all all = {nm, want_relic, r, J, R};
  if (rc == CLI_OK && multi && any_plot && cli_mpi_rank() == 0 && reach_models_plot(&all, out, &e) != DR_OK)
    rc = cli_lib_fail(a, &e);
  if (rc == CLI_OK && multi && !a->json && any_plot)
    printf("all models: %s/reach_models_y.%s\n", out,
           dr_plot_formats() & DR_PLOT_PNG ? "png" : dr_plot_formats() & DR_PLOT_PDF ? "pdf" : "svg");
  if (rc == CLI_OK && !a->json) reach_notes(&x);
  if (rc == CLI_OK && a->json) {
    if (multi) cli_json_print(a, 1, reach_all_json, &all);
    else cli_journal_json(&J[0]);
  }
  for (int k = 0; k < nm; k++) {
    cli_journal_free(&J[k]);
    cli_journal_free(&R[k]);
    free(r[k].p), free(r[k].rp), free(r[k].m_dm);
  }
  dr_gstar_free(gs);
  user_curves_free(&uc);
  return rc;
}

const cli_cmd cmd_reach = {
    .name = "reach",
    .summary = "reach curve of an experiment card (CSV, JSON, PNG), with the relic target",
    .usage = "darkreach reach CARD [options]",
    .description =
        "Reach of an experiment: at each mass of a log-spaced grid, the coupling at which the expected signal "
        "equals s_up (zero background: 2.303 events at 90 % CL, 2.996 at 95 % CL). CARD is a path to an INI "
        "card or the name of a built-in one (darkreach experiments).\n"
        "Writes DIR/reach.csv (one row per mass as it finishes: mass_gev, coupling, y, status, ...), "
        "DIR/reach.json (the configuration, complete or not, the points), DIR/reach.png and, with dark matter, "
        "DIR/reach_y.png, and "
        "for the dark-photon family with a dark-matter species DIR/reach_relic.csv and reach_relic.json (the "
        "thermal target at m_DM = m_A'/ratio for each scan mass), with the plot DIR/reach_relic_curve.csv (the "
        "target on a denser grid of its own, as drawn). y = g^2 alpha_D (m_DM/m_A')^4 Lambda^(2n) (darkreach models). The "
        "coupling is searched up to 1 in the model's unit (1, GeV^-1 or GeV^-2); a mass with fewer than s_up events "
        "there is recorded as no-sensitivity. --models scans several models of the dark-photon family into "
        "DIR/reach_MODEL.* each and draws DIR/reach_models_y.png. Ctrl-C stops "
        "cleanly: the masses done so far stay in the files; --resume continues.",
    .positional = "CARD",
    .groups = reach_groups,
    .notes = "Electron and positron beams on thick and active targets integrate the yield over a track-length "
             "spectrum, with sigma(E, x_th) tabulated per mass over [x_th E0, E0] and interpolated: [target] "
             "track_length = shower (NA64e, E137) takes every e+ and e- of the shower from a cascade Monte Carlo "
             "run once per scan (the time is printed), tsai (or --primary-only) the primary lepton alone (Tsai "
             "1974, labelled approximate). Muon beams (NA64mu, M3) use the effective thickness in their card "
             "(their energy loss is < 3 %), labelled approximate.",
    .run = run_reach,
};
