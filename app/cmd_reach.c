/* darkreach reach | experiments | models */
#include "cli.h"

#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifdef _OPENMP
#include <omp.h>
#endif

/* A card argument is a path, or the name of a built-in card. */
static const char *resolve_card(const char *arg, char *buf, size_t n) {
  if (access(arg, R_OK) == 0) return arg;
  snprintf(buf, n, "%s/experiments/%s.ini", cli_data_dir(), arg);
  if (access(buf, R_OK) == 0) return buf;
  return arg; /* let the loader report it */
}

static int make_dir(const char *path) {
  char tmp[4096];
  snprintf(tmp, sizeof tmp, "%s", path);
  for (char *p = tmp + 1; *p; p++)
    if (*p == '/') {
      *p = '\0';
      if (mkdir(tmp, 0777) != 0 && errno != EEXIST) return -1;
      *p = '/';
    }
  if (mkdir(tmp, 0777) != 0 && errno != EEXIST) return -1;
  return 0;
}

static const char *reach_help =
    "usage: darkreach reach CARD [options]\n"
    "\n"
    "Reach of an experiment: at each mass of a log-spaced grid, the coupling eps at which the\n"
    "expected signal equals s_up (zero background: 2.303 events at 90 % CL, 2.996 at 95 % CL).\n"
    "CARD is a path to an INI card or the name of a built-in one (darkreach experiments).\n"
    "Writes DIR/reach.csv (mass_gev,epsilon,y,status,...), DIR/reach.json (with the effective\n"
    "configuration), DIR/reach.png and DIR/reach_y.png (eps and y against mass, log-log).\n"
    "y = eps^2 alpha_D (m_DM/m_A')^4 with alpha_D and m_A'/m_DM from the card or the options.\n"
    "\n"
    "  --model NAME       vector (default), scalar, pseudoscalar, axial\n"
    "  --out DIR          output directory (default out)\n"
    "  --method M         etl (default, exact tree level, 1 % VEGAS precision per mass) | ww | iww\n"
    "                     (see darkreach xsec --help)\n"
    "  --tmax C           mx2 (default) | e2   upper limit of the photon flux chi\n"
    "  --mass-min M --mass-max M --points N   mass grid (default from the card)\n"
    "  --cl CL            confidence level, 0.90 or 0.95 ... (default from the card)\n"
    "  --lot N            leptons on target (default from the card)\n"
    "  --alpha-d A --ratio R                 dark-sector parameters for y (default from the card)\n"
    "  --rel-tol R        relative tolerance of each cross section (default 1e-4)\n"
    "  --threads N        OpenMP threads (results do not depend on it)\n"
    "  --no-plot          skip the PNG\n"
    "  --no-relic         skip the thermal-relic target (drawn for the vector with a DM species;\n"
    "                     written to DIR/relic.csv at m_DM = m_A'/ratio)\n"
    "  --json             print one JSON object (configuration and points) on stdout\n"
    "\n"
    "Thick and active targets are labelled approximate in the output. Electron beams on them\n"
    "(NA64e, E137: [target] track_length = tsai) integrate the yield over the primary-electron\n"
    "track-length spectrum (Tsai 1974), with sigma(E, x_th) tabulated per mass over [x_th E0, E0]\n"
    "and interpolated; shower secondaries are not included. Muon beams (NA64mu, M3) use the\n"
    "effective thickness in their card (their energy loss is < 3 %).\n";

int cmd_reach(int argc, char **argv) {
  const char *cmd = "reach", *model_s = "vector", *out = "out", *method_s = "etl", *tmax_s = "mx2";
  double mmin = NAN, mmax = NAN, pts = NAN, cl = NAN, lot = NAN, ad = NAN, ratio = NAN, rtol = NAN,
         threads = NAN;
  int json = 0, plot = 1, relic = 1;
  static const struct option lo[] = {
      {"no-relic", 0, 0, 'N'},
      {"model", 1, 0, 'M'},   {"out", 1, 0, 'o'},      {"method", 1, 0, 'k'}, {"tmax", 1, 0, 'T'},
      {"mass-min", 1, 0, 'a'}, {"mass-max", 1, 0, 'b'}, {"points", 1, 0, 'n'}, {"cl", 1, 0, 'c'},
      {"lot", 1, 0, 'l'},     {"alpha-d", 1, 0, 'A'},  {"ratio", 1, 0, 'R'},  {"rel-tol", 1, 0, 'r'},
      {"threads", 1, 0, 'p'}, {"no-plot", 0, 0, 'P'},  {"json", 0, 0, 'j'},   {"help", 0, 0, 'h'},
      {0, 0, 0, 0}};
  opterr = 0;
  optind = 1;
  int c;
  while ((c = getopt_long(argc, argv, "h", lo, NULL)) != -1) {
    switch (c) {
    case 'M': model_s = optarg; break;
    case 'o': out = optarg; break;
    case 'k': method_s = optarg; break;
    case 'T': tmax_s = optarg; break;
    case 'a': NUM("--mass-min", mmin); break;
    case 'b': NUM("--mass-max", mmax); break;
    case 'n': NUM("--points", pts); break;
    case 'c': NUM("--cl", cl); break;
    case 'l': NUM("--lot", lot); break;
    case 'A': NUM("--alpha-d", ad); break;
    case 'R': NUM("--ratio", ratio); break;
    case 'r': NUM("--rel-tol", rtol); break;
    case 'p': NUM("--threads", threads); break;
    case 'P': plot = 0; break;
    case 'N': relic = 0; break;
    case 'j': json = 1; break;
    case 'h': fputs(reach_help, stdout); return CLI_OK;
    default:
      cli_error(cmd, "unknown option or missing value '%s' (see darkreach reach --help)", argv[optind - 1]);
      return CLI_USAGE;
    }
  }
  if (optind != argc - 1)
    return cli_error(cmd, "give exactly one experiment card (see darkreach reach --help)"), CLI_USAGE;
  char buf[4096];
  const char *card = resolve_card(argv[optind], buf, sizeof buf);
  dr_error e;
  dr_error_clear(&e);
  dr_experiment x;
  dr_model_kind model;
  dr_method method;
  dr_tmax_conv tmax;
  if (dr_model_parse(model_s, &model, &e) || dr_method_parse(method_s, &method, &e) ||
      dr_tmax_parse(tmax_s, &tmax, &e))
    return cli_lib_error(cmd, &e);
  if (dr_experiment_load(card, &x, &e)) return cli_lib_error(cmd, &e);
  if (!isnan(lot)) {
    if (!(lot > 0)) return cli_error(cmd, "--lot must be positive (got %g)", lot);
    x.lot = lot;
  }
  if (!isnan(cl)) {
    if (!(cl > 0 && cl < 1)) return cli_error(cmd, "--cl must be in (0, 1) (got %g)", cl);
    x.cl = cl;
  }
  if (!isnan(ad)) {
    if (!(ad > 0)) return cli_error(cmd, "--alpha-d must be positive (got %g)", ad);
    x.alpha_d = ad;
  }
  if (!isnan(ratio)) {
    if (!(ratio > 0)) return cli_error(cmd, "--ratio must be positive (got %g)", ratio);
    x.mass_ratio = ratio;
  }
  dr_reach_opts o = dr_reach_opts_from_experiment(&x);
  o.xsec.method = method;
  o.xsec.tmax = tmax;
  if (!isnan(rtol)) {
    if (!(rtol > 0 && rtol < 1)) return cli_error(cmd, "--rel-tol must be in (0, 1) (got %g)", rtol);
    o.xsec.rel_tol = rtol;
  }
  if (!isnan(mmin)) o.mass_min = mmin;
  if (!isnan(mmax)) o.mass_max = mmax;
  if (!isnan(pts)) {
    if (!(pts >= 1 && pts <= 100000 && pts == floor(pts)))
      return cli_error(cmd, "--points must be an integer in [1, 100000] (got %g)", pts);
    o.points = (int)pts;
  }
  if (!(o.mass_min > 0) || !(o.mass_max >= o.mass_min))
    return cli_error(cmd, "need 0 < --mass-min <= --mass-max (got %g, %g GeV)", o.mass_min, o.mass_max);
  if (!(o.mass_min < x.energy - x.beam.mass))
    return cli_error(cmd, "--mass-min %g GeV is above the kinematic limit %g GeV of a %g GeV %s beam",
                     o.mass_min, x.energy - x.beam.mass, x.energy, x.beam.name);
#ifdef _OPENMP
  if (!isnan(threads)) {
    if (!(threads >= 1)) return cli_error(cmd, "--threads must be >= 1 (got %g)", threads);
    omp_set_num_threads((int)threads);
  }
#endif
  dr_reach_point *p = calloc((size_t)o.points, sizeof *p);
  if (!p) return cli_error(cmd, "out of memory");
  int rc = dr_reach_scan(&x, model, &o, p, &e);
  if (rc) {
    free(p);
    return cli_lib_error(cmd, &e);
  }
  /* thermal-relic target of the same model, at m_DM = m_A'/ratio for every scan mass */
  dr_relic_point *rp = NULL;
  double *rm = NULL;
  int want_relic = relic && model == DR_MODEL_VECTOR && x.dm != DR_DM_NONE;
  if (want_relic) {
    dr_gstar *gs = dr_gstar_alloc(&e);
    rp = calloc((size_t)o.points, sizeof *rp);
    rm = calloc((size_t)o.points, sizeof *rm);
    if (!gs || !rp || !rm) {
      dr_gstar_free(gs), free(rp), free(rm), free(p);
      return cli_error(cmd, "out of memory");
    }
    for (int i = 0; i < o.points; i++) rm[i] = p[i].mass / x.mass_ratio;
    dr_relic_curve(DR_COUPLING_KM, x.dm, x.alpha_d, x.mass_ratio, x.delta, rm, o.points, gs, DR_OMEGA_H2_PLANCK, rp, &e);
    dr_gstar_free(gs);
  }
  if (make_dir(out) != 0) {
    free(p);
    return cli_error(cmd, "cannot create output directory '%s': %s", out, strerror(errno));
  }
  char path[4200];
  int fail = 0;
  snprintf(path, sizeof path, "%s/reach.csv", out);
  if (dr_reach_write_csv(path, &x, card, model, &o, p, o.points, &e)) fail = 1;
  snprintf(path, sizeof path, "%s/reach.json", out);
  if (!fail && dr_reach_write_json(path, &x, card, model, &o, p, o.points, &e)) fail = 1;
  if (!fail && want_relic) {
    snprintf(path, sizeof path, "%s/relic.csv", out);
    if (dr_relic_write_csv(path, "vector", x.dm, x.alpha_d, x.mass_ratio, rp, o.points, &e)) fail = 1;
    snprintf(path, sizeof path, "%s/relic.json", out);
    if (!fail && dr_relic_write_json(path, "vector", x.dm, x.alpha_d, x.mass_ratio, rp, o.points, &e)) fail = 1;
  }
  int nok = 0;
  for (int i = 0; i < o.points; i++) nok += p[i].status == DR_REACH_OK;
  if (!fail && plot && nok > 0) {
    double *m = malloc(sizeof *m * (size_t)o.points), *ee = malloc(sizeof *ee * (size_t)o.points),
           *eu = malloc(sizeof *eu * (size_t)o.points);
    if (!m || !ee || !eu) fail = 1;
    for (int i = 0; !fail && i < o.points; i++) {
      m[i] = p[i].mass;
      ee[i] = p[i].status == DR_REACH_OK ? p[i].eps : NAN;
      eu[i] = p[i].status == DR_REACH_OK ? p[i].eps_upper : NAN;
    }
    char title[256];
    snprintf(title, sizeof title, "%s: %s, %g%% CL, %.3g LOT%s", x.name, model_s, 100 * x.cl, x.lot,
             dr_experiment_is_approximate(&x) ? " (approx. thick target)" : "");
    double *re = malloc(sizeof *re * (size_t)o.points), *ry = malloc(sizeof *ry * (size_t)o.points);
    if (!re || !ry) fail = 1;
    for (int i = 0; !fail && i < o.points; i++) {
      re[i] = want_relic ? rp[i].eps : NAN;
      ry[i] = want_relic ? rp[i].y : NAN;
    }
    dr_plot_curve cv[3] = {{m, ee, o.points, "reach (lower)", 9, 1},
                           {m, eu, o.points, "reach (upper)", 9, 2},
                           {m, re, o.points, "thermal relic target", 1, 1}};
    int has_upper = 0;
    for (int i = 0; !fail && i < o.points; i++) has_upper |= isfinite(eu[i]);
    snprintf(path, sizeof path, "%s/reach.png", out);
    if (!fail) {
      cv[0].label = has_upper ? "reach (lower boundary)" : "reach";
      cv[1].label = "reach (upper boundary)";
      dr_plot_curve use[3];
      int nc = 0;
      use[nc++] = cv[0];
      if (has_upper) use[nc++] = cv[1];
      if (want_relic) use[nc++] = cv[2];
      if (dr_plot_loglog(path, title, "m#dA'#u [GeV]", "#ge", use, nc, &e)) fail = 1;
    }
    /* the same reach in y = eps^2 alpha_D (m_DM/m_A')^4, where relic targets are drawn */
    double yfac = x.alpha_d / pow(x.mass_ratio, 4);
    for (int i = 0; !fail && i < o.points; i++) ee[i] *= ee[i] * yfac, eu[i] *= eu[i] * yfac;
    snprintf(path, sizeof path, "%s/reach_y.png", out);
    char ylab[128];
    snprintf(ylab, sizeof ylab, "y   (#ga#dD#u = %g, m#dA'#u/m#d#gx#u = %g)",
             x.alpha_d, x.mass_ratio);
    cv[2].y = ry;
    dr_plot_curve use[3];
    int nc = 0;
    use[nc++] = cv[0];
    if (has_upper) use[nc++] = cv[1];
    if (want_relic) use[nc++] = cv[2];
    if (!fail && dr_plot_loglog(path, title, "m#dA'#u [GeV]", ylab, use, nc, &e)) fail = 1;
    free(m), free(ee), free(eu), free(re), free(ry);
  }
  free(rm);
  if (fail) {
    free(p), free(rp);
    return cli_lib_error(cmd, &e);
  }
  if (json) {
    dr_json j;
    dr_json_begin(&j, stdout);
    dr_json_reach_config(&j, &x, card, model, &o);
    dr_json_str(&j, "out", out);
    dr_json_key_array(&j, "points");
    for (int i = 0; i < o.points; i++) {
      dr_json_object(&j);
      dr_json_num(&j, "mass_gev", p[i].mass);
      dr_json_num(&j, "epsilon", p[i].eps);
      dr_json_num(&j, "y", p[i].y);
      dr_json_num(&j, "epsilon_upper", p[i].eps_upper);
      dr_json_str(&j, "status", dr_reach_status_name(p[i].status));
      dr_json_close(&j);
    }
    dr_json_close(&j);
    dr_json_end(&j);
  } else {
    printf("%s, model %s: %d of %d mass points solved; wrote %s/reach.csv, %s/reach.json", x.name, model_s,
           nok, o.points, out, out);
    if (plot && nok) printf(", %s/reach.png, %s/reach_y.png", out, out);
    if (want_relic) printf(", %s/relic.csv (thermal target at m_DM = m_A'/%g)", out, x.mass_ratio);
    printf("\n");
    if (dr_experiment_is_approximate(&x) && x.track == DR_TRACK_TSAI)
      printf("note: %s target: yield over the primary-electron track-length spectrum (Tsai), %.3g X0 "
             "above x_th E0; shower secondaries not included (approximate)\n",
             dr_target_kind_name(x.target_kind), dr_track_tsai_above(x.thickness_x0, x.x_th));
    else if (dr_experiment_is_approximate(&x))
      printf("note: %s target treated with an effective thickness of %g X0 (approximate)\n",
             dr_target_kind_name(x.target_kind), x.effective_thickness_x0);
  }
  free(p);
  free(rp);
  return CLI_OK;
}

/* ------------------------------------------------------------ experiments */
static int card_name_cmp(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

int cmd_experiments(int argc, char **argv) {
  const char *cmd = "experiments";
  int json = 0;
  for (int i = 1; i < argc; i++) {
    if (!strcmp(argv[i], "--json")) json = 1;
    else if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
      printf("usage: darkreach experiments [--json]\n\nLists the built-in experiment cards in %s/experiments.\n"
             "Use a card by name or path: darkreach reach ldmx_phase2\n", cli_data_dir());
      return CLI_OK;
    } else return cli_error(cmd, "unknown option '%s'", argv[i]), CLI_USAGE;
  }
  char dir[4096];
  snprintf(dir, sizeof dir, "%s/experiments", cli_data_dir());
  DIR *d = opendir(dir);
  if (!d) return cli_error(cmd, "cannot open %s: %s (set DARKREACH_DATA)", dir, strerror(errno));
  char *names[256];
  int n = 0;
  struct dirent *de;
  while ((de = readdir(d)) && n < 256) {
    size_t l = strlen(de->d_name);
    if (l > 4 && !strcmp(de->d_name + l - 4, ".ini")) names[n++] = strdup(de->d_name);
  }
  closedir(d);
  qsort(names, (size_t)n, sizeof names[0], card_name_cmp);
  dr_json j;
  if (json) {
    dr_json_begin(&j, stdout);
    dr_json_key_array(&j, "experiments");
  } else {
    printf("%-14s %-34s %-4s %7s %-3s %-7s %9s %5s\n", "card", "name", "beam", "E/GeV", "tgt", "kind", "LOT", "x_th");
  }
  int bad = 0;
  for (int i = 0; i < n; i++) {
    char path[4400];
    snprintf(path, sizeof path, "%s/%s", dir, names[i]);
    dr_experiment x;
    dr_error e;
    dr_error_clear(&e);
    if (dr_experiment_load(path, &x, &e)) {
      cli_lib_error(cmd, &e);
      bad = 1;
    } else if (json) {
      dr_json_object(&j);
      dr_json_str(&j, "card", x.id);
      dr_json_str(&j, "name", x.name);
      dr_json_str(&j, "beam", x.beam.name);
      dr_json_num(&j, "energy_gev", x.energy);
      dr_json_str(&j, "target", x.material->symbol);
      dr_json_str(&j, "target_kind", dr_target_kind_name(x.target_kind));
      dr_json_num(&j, "thickness_x0", x.thickness_x0);
      dr_json_num(&j, "lot", x.lot);
      dr_json_str(&j, "lot_projected", x.lot_projected);
      dr_json_num(&j, "x_th", x.x_th);
      dr_json_str(&j, "signature", dr_signature_name(x.signature));
      dr_json_str(&j, "source", x.source);
      dr_json_close(&j);
    } else {
      printf("%-14s %-34.34s %-4s %7g %-3s %-7s %9.3g %5g\n", x.id, x.name, x.beam.name, x.energy,
             x.material->symbol, dr_target_kind_name(x.target_kind), x.lot, x.x_th);
    }
    free(names[i]);
  }
  if (json) {
    dr_json_close(&j);
    dr_json_end(&j);
  }
  return bad ? CLI_FAIL : CLI_OK;
}

/* ----------------------------------------------------------------- models */
int cmd_models(int argc, char **argv) {
  const char *cmd = "models";
  int json = 0;
  for (int i = 1; i < argc; i++) {
    if (!strcmp(argv[i], "--json")) json = 1;
    else if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
      printf("usage: darkreach models [--json]\n\nLists the mediator models with spin, parity and vertex.\n");
      return CLI_OK;
    } else return cli_error(cmd, "unknown option '%s'", argv[i]), CLI_USAGE;
  }
  dr_json j;
  if (json) {
    dr_json_begin(&j, stdout);
    dr_json_key_array(&j, "models");
  }
  for (int k = 0; k < DR_MODEL_COUNT; k++) {
    const dr_model_info *m = dr_model_info_get((dr_model_kind)k);
    if (json) {
      dr_json_object(&j);
      dr_json_str(&j, "name", m->name);
      dr_json_int(&j, "spin", m->spin);
      dr_json_int(&j, "parity", m->parity);
      dr_json_str(&j, "coupling", m->coupling);
      dr_json_str(&j, "vertex", m->vertex);
      dr_json_close(&j);
    } else {
      printf("%-13s J^P = %d%c  vertex %-24s coupling: %s\n", m->name, m->spin, m->parity > 0 ? '+' : '-',
             m->vertex, m->coupling);
    }
  }
  if (json) {
    dr_json_close(&j);
    dr_json_end(&j);
  }
  return CLI_OK;
}
