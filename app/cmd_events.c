/* darkreach events | hist | compare: exact-tree-level events and distributions */
#include "cli.h"

#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

/* process options shared by the three commands */
typedef struct {
  const char *model, *beam, *target, *method, *out;
  double E, m, eps, xmin, xmax, seed;
} proc_args;

#define PROC_HELP                                                                                  \
  "  --model NAME       vector (default), scalar, pseudoscalar, axial\n"                          \
  "  --beam NAME        e- (default), e+, mu-, mu+\n"                                              \
  "  --energy E         beam energy [GeV]\n"                                                       \
  "  --target SYM       target element: H Be C Al Si Fe Cu W Pb\n"                                 \
  "  --mass M           mediator mass [GeV]\n"                                                     \
  "  --eps EPS          coupling, g = eps e (default 1; rates scale as eps^2)\n"                  \
  "  --xmin X --xmax X  range of x = E_X/E (default: kinematic range)\n"                           \
  "  --seed N           random seed (default 1): same seed, same output for any thread count\n"

static int proc_setup(const char *cmd, const proc_args *a, dr_process *p, dr_beam *beam,
                      const dr_material **mat) {
  if (isnan(a->E) || isnan(a->m) || !a->target)
    return cli_error(cmd, "--energy, --target and --mass are required (see darkreach %s --help)", cmd),
           CLI_USAGE;
  dr_error e;
  dr_error_clear(&e);
  dr_model_kind model;
  if (dr_model_parse(a->model, &model, &e) || dr_beam_parse(a->beam, beam, &e)) return cli_lib_error(cmd, &e);
  *mat = dr_material_find(a->target);
  if (!*mat) return cli_error(cmd, "unknown material '%s' (known: H Be C Al Si Fe Cu W Pb)", a->target);
  if (!(a->eps >= 0)) return cli_error(cmd, "--eps must be non-negative (got %g)", a->eps);
  if (!(a->xmin >= 0 && a->xmax <= 1 && a->xmin < a->xmax))
    return cli_error(cmd, "need 0 <= --xmin < --xmax <= 1 (got %g, %g)", a->xmin, a->xmax);
  if (!(a->seed >= 0 && a->seed == floor(a->seed)))
    return cli_error(cmd, "--seed must be a non-negative integer");
  if (dr_process_init(p, model, beam, a->E, a->m, *mat, DR_INEL_LINEAR, &e)) return cli_lib_error(cmd, &e);
  p->coupling = a->eps;
  return CLI_OK;
}

static int make_dir(const char *cmd, const char *d) {
  char buf[1024];
  snprintf(buf, sizeof buf, "%s", d);
  for (char *s = buf + 1; *s; s++)
    if (*s == '/') {
      *s = 0;
      mkdir(buf, 0777);
      *s = '/';
    }
  mkdir(buf, 0777);
  struct stat st;
  if (stat(buf, &st) != 0 || !S_ISDIR(st.st_mode)) return cli_error(cmd, "cannot create directory '%s'", d);
  return CLI_OK;
}

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + 1e-9 * t.tv_nsec;
}

enum { O_MODEL = 1000, O_BEAM, O_ENERGY, O_TARGET, O_MASS, O_EPS, O_XMIN, O_XMAX, O_SEED, O_METHOD, O_OUT };
#define PROC_OPTIONS                                                                               \
  {"model", 1, 0, O_MODEL}, {"beam", 1, 0, O_BEAM}, {"energy", 1, 0, O_ENERGY},                    \
      {"target", 1, 0, O_TARGET}, {"mass", 1, 0, O_MASS}, {"eps", 1, 0, O_EPS},                    \
      {"xmin", 1, 0, O_XMIN}, {"xmax", 1, 0, O_XMAX}, {"seed", 1, 0, O_SEED},                      \
      {"method", 1, 0, O_METHOD}, {"out", 1, 0, O_OUT}, {"help", 0, 0, 'h'}

/* returns 1 if c was a process option (handled), -1 on a bad number */
static int proc_option(const char *cmd, int c, proc_args *a) {
  switch (c) {
  case O_MODEL: a->model = optarg; return 1;
  case O_BEAM: a->beam = optarg; return 1;
  case O_TARGET: a->target = optarg; return 1;
  case O_METHOD: a->method = optarg; return 1;
  case O_OUT: a->out = optarg; return 1;
  case O_ENERGY: return cli_number(cmd, "--energy", optarg, &a->E) == CLI_OK ? 1 : -1;
  case O_MASS: return cli_number(cmd, "--mass", optarg, &a->m) == CLI_OK ? 1 : -1;
  case O_EPS: return cli_number(cmd, "--eps", optarg, &a->eps) == CLI_OK ? 1 : -1;
  case O_XMIN: return cli_number(cmd, "--xmin", optarg, &a->xmin) == CLI_OK ? 1 : -1;
  case O_XMAX: return cli_number(cmd, "--xmax", optarg, &a->xmax) == CLI_OK ? 1 : -1;
  case O_SEED: return cli_number(cmd, "--seed", optarg, &a->seed) == CLI_OK ? 1 : -1;
  default: return 0;
  }
}

static int bad_opt(const char *cmd, char **argv) {
  cli_error(cmd, "unknown option or missing argument '%s' (see darkreach %s --help)", argv[optind - 1], cmd);
  return CLI_USAGE;
}

/* ------------------------------------------------------------------ events */
static const char *events_help =
    "usage: darkreach events --energy E --target SYM --mass M [options]\n"
    "\n"
    "Unweighted events of l N -> l N X by exact tree level (nucleus recoil kept):\n"
    "the VEGAS grid is adapted, frozen, and points are accepted against the largest\n"
    "weight of a scan; the unweighting efficiency is reported. The inelastic form-factor\n"
    "term strikes one proton, which recoils on its own (quasi-elastic): in those events the\n"
    "target is a proton (PDG 2212 in the LHE file, column proton = 1 in the CSV).\n"
    "\n" PROC_HELP
    "  --n N              number of events (default 10000)\n"
    "  --lhe FILE         write Les Houches Event file (LHEF 3.0)\n"
    "  --csv FILE         write four-vectors as CSV (lepton, target, X; then proton 0|1)\n"
    "  --json             print the summary as one JSON object\n";

int cmd_events(int argc, char **argv) {
  const char *cmd = "events", *lhe = NULL, *csv = NULL;
  proc_args a = {"vector", "e-", NULL, "etl", NULL, NAN, NAN, 1, 0, 1, 1};
  double n = 10000;
  int json = 0;
  static const struct option lo[] = {PROC_OPTIONS, {"n", 1, 0, 'n'}, {"lhe", 1, 0, 'l'}, {"csv", 1, 0, 'c'},
                                     {"json", 0, 0, 'j'}, {0, 0, 0, 0}};
  opterr = 0;
  optind = 1;
  int c;
  while ((c = getopt_long(argc, argv, "h", lo, NULL)) != -1) {
    int r = proc_option(cmd, c, &a);
    if (r < 0) return CLI_USAGE;
    if (r) continue;
    switch (c) {
    case 'n': NUM("--n", n); break;
    case 'l': lhe = optarg; break;
    case 'c': csv = optarg; break;
    case 'j': json = 1; break;
    case 'h': fputs(events_help, stdout); return CLI_OK;
    default: return bad_opt(cmd, argv);
    }
  }
  if (optind < argc) return cli_error(cmd, "unexpected argument '%s'", argv[optind]), CLI_USAGE;
  dr_process p;
  dr_beam beam;
  const dr_material *mat;
  int rc = proc_setup(cmd, &a, &p, &beam, &mat);
  if (rc != CLI_OK) return rc;
  if (!(n >= 1 && n <= 1e9 && n == floor(n))) return cli_error(cmd, "--n must be an integer in [1, 1e9]");
  if (strcmp(a.method, "etl") != 0) return cli_error(cmd, "events are generated by --method etl only");
  FILE *fl = NULL, *fc = NULL;
  if (lhe && !(fl = fopen(lhe, "w"))) return cli_error(cmd, "cannot write '%s'", lhe);
  if (csv && !(fc = fopen(csv, "w"))) {
    if (fl) fclose(fl);
    return cli_error(cmd, "cannot write '%s'", csv);
  }
  dr_event *ev = malloc(sizeof *ev * (size_t)n);
  if (!ev) return cli_error(cmd, "out of memory for %g events", n);
  dr_events_opts o = dr_events_opts_default();
  o.seed = (uint64_t)a.seed;
  dr_events_info info;
  dr_error e;
  dr_error_clear(&e);
  double t0 = now();
  rc = dr_events_generate(&p, a.xmin, a.xmax, &o, (long)n, ev, &info, &e);
  double dt = now() - t0;
  if (rc != DR_OK) {
    free(ev);
    if (fl) fclose(fl);
    if (fc) fclose(fc);
    return cli_lib_error(cmd, &e);
  }
  int beam_pdg = !strcmp(beam.name, "e-") ? 11 : !strcmp(beam.name, "e+") ? -11 : !strcmp(beam.name, "mu-") ? 13 : -13;
  int A = (int)lround(mat->A);
  if (fl && (dr_events_write_lhe(fl, &p, beam_pdg, mat->Z, A, &info, ev, (long)n) || fclose(fl)))
    rc = cli_error(cmd, "error writing '%s'", lhe);
  if (fc && (dr_events_write_csv(fc, ev, (long)n) || fclose(fc))) rc = cli_error(cmd, "error writing '%s'", csv);
  free(ev);
  if (json) {
    dr_json j;
    dr_json_begin(&j, stdout);
    dr_json_num(&j, "n_events", n);
    dr_json_num(&j, "sigma_pb", info.sigma * DR_GEV2_TO_PB);
    dr_json_num(&j, "err_pb", info.sigma_err * DR_GEV2_TO_PB);
    dr_json_num(&j, "w_max_pb", info.w_max * DR_GEV2_TO_PB);
    dr_json_num(&j, "efficiency", info.efficiency);
    dr_json_num(&j, "n_tried", (double)info.n_tried);
    dr_json_num(&j, "n_over_wmax", (double)info.n_over);
    dr_json_num(&j, "seconds", dt);
    dr_json_str(&j, "lhe", lhe ? lhe : "");
    dr_json_str(&j, "csv", csv ? csv : "");
    dr_json_str(&j, "version", DR_VERSION);
    dr_json_end(&j);
  } else {
    printf("%ld events: sigma = %.4e +- %.1e pb, unweighting efficiency %.3g (%ld points tried, %ld above "
           "w_max), %.2f s (%.3g events/s)\n",
           (long)n, info.sigma * DR_GEV2_TO_PB, info.sigma_err * DR_GEV2_TO_PB, info.efficiency, info.n_tried,
           info.n_over, dt, n / dt);
  }
  return rc;
}

/* option parsing and checks shared by hist and compare; CLI_OK to go on,
 * anything else is the exit code (after --help: -1 meaning "done, success") */
/* options of hist and compare, then their process (proc_setup); -1 after --help */
static int hist_setup(const char *cmd, const char *help, int argc, char **argv, proc_args *a, double *npts,
                      double *bins, dr_process *p, dr_beam *beam, const dr_material **mat) {
  static const struct option lo[] = {PROC_OPTIONS, {"points", 1, 0, 'n'}, {"bins", 1, 0, 'b'}, {0, 0, 0, 0}};
  opterr = 0;
  optind = 1;
  int c;
  while ((c = getopt_long(argc, argv, "h", lo, NULL)) != -1) {
    int r = proc_option(cmd, c, a);
    if (r < 0) return CLI_USAGE;
    if (r) continue;
    switch (c) {
    case 'n': NUM("--points", *npts); break;
    case 'b': NUM("--bins", *bins); break;
    case 'h': fputs(help, stdout); return -1;
    default: return bad_opt(cmd, argv);
    }
  }
  if (optind < argc) return cli_error(cmd, "unexpected argument '%s'", argv[optind]), CLI_USAGE;
  if (!(*npts >= 1000 && *npts <= 1e9)) return cli_error(cmd, "--points must be in [1000, 1e9]");
  if (!(*bins >= 1 && *bins <= 10000 && *bins == floor(*bins)))
    return cli_error(cmd, "--bins must be an integer in [1, 10000]");
  return proc_setup(cmd, a, p, beam, mat);
}

/* ------------------------------------------------------------------ hist */
/* normalised: h[k].sum already divided by its total (unit area) */
static int write_hist1(const char *cmd, const char *dir, const char *stem, dr_hist1 *h, int nh,
                       const char *const *labels, const char *title, int normalised) {
  char path[1200];
  snprintf(path, sizeof path, "%s/%s.csv", dir, stem);
  FILE *f = fopen(path, "w");
  if (!f) return cli_error(cmd, "cannot write '%s'", path);
  fprintf(f, "# %s; %s per bin, Monte Carlo error\nlo,hi", title,
          normalised ? "(1/sigma) d sigma/d(var) [1/unit]" : "d sigma/d(var) [pb/unit]");
  for (int k = 0; k < nh; k++) fprintf(f, ",%s,%s_err", labels[k], labels[k]);
  fputc('\n', f);
  double width = (h[0].hi - h[0].lo) / h[0].nbins;
  dr_plot_curve cv[3];
  double *xs = malloc(sizeof(double) * 2 * h[0].nbins), *ys[3];
  for (int k = 0; k < nh; k++) ys[k] = malloc(sizeof(double) * 2 * h[0].nbins);
  for (int b = 0; b < h[0].nbins; b++) {
    double lo = h[0].lo + b * width;
    fprintf(f, "%.8g,%.8g", lo, lo + width);
    xs[2 * b] = lo, xs[2 * b + 1] = lo + width;
    for (int k = 0; k < nh; k++) {
      double n = (double)h[k].n_points, v, err;
      if (normalised) {
        v = h[k].sum[b] / width;
        err = sqrt(h[k].sum2[b]) / width;
      } else {
        v = h[k].sum[b] / n / width * DR_GEV2_TO_PB;
        err = sqrt(fmax(0.0, h[k].sum2[b] / n - pow(h[k].sum[b] / n, 2)) / n) / width * DR_GEV2_TO_PB;
      }
      fprintf(f, ",%.6e,%.2e", v, err);
      ys[k][2 * b] = ys[k][2 * b + 1] = v;
    }
    fputc('\n', f);
  }
  fclose(f);
  for (int k = 0; k < nh; k++)
    cv[k] = (dr_plot_curve){.x = xs, .y = ys[k], .n = 2 * h[0].nbins, .label = labels[k], .color = 1 + 2 * k, .style = 1 + k};
  snprintf(path, sizeof path, "%s/%s.png", dir, stem);
  dr_error e;
  dr_error_clear(&e);
  int rc = dr_plot_xy(path, title, dr_var_label(h[0].var),
                      normalised ? "(1/#gs) d#gs/d(var)" : "d#gs/d(var) [pb/unit]", cv, nh, 0, 0, &e);
  free(xs);
  for (int k = 0; k < nh; k++) free(ys[k]);
  if (rc) fprintf(stderr, "darkreach %s: warning: no plot %s\n", cmd, path);
  return CLI_OK;
}

static const char *hist_help =
    "usage: darkreach hist --energy E --target SYM --mass M [options]\n"
    "\n"
    "Weighted distributions (d sigma per bin, pb/unit) of the recoil lepton (energy,\n"
    "transverse momentum, polar angle), of X (energy, angle) and of the recoil\n"
    "nucleus (transverse momentum), and the 2D map recoil energy x recoil p_T, from\n"
    "points on a frozen VEGAS grid. Writes DIR/hist_<var>.csv and .png and\n"
    "DIR/hist2_recoil_e_pt.csv and .png.\n"
    "\n" PROC_HELP
    "  --method M         etl (default) | ww | iww (fixed nucleus: nucleus p_T = 0)\n"
    "  --points N         weighted points (default 200000)\n"
    "  --bins N           bins per histogram (default 40)\n"
    "  --out DIR          output directory (default out/hist)\n";

int cmd_hist(int argc, char **argv) {
  const char *cmd = "hist";
  proc_args a = {"vector", "e-", NULL, "etl", "out/hist", NAN, NAN, 1, 0, 1, 1};
  double npts = 200000, bins = 40;
  dr_process p;
  dr_beam beam;
  const dr_material *mat;
  int rc = hist_setup(cmd, hist_help, argc, argv, &a, &npts, &bins, &p, &beam, &mat);
  if (rc != CLI_OK) return rc < 0 ? CLI_OK : rc;
  dr_error e;
  dr_error_clear(&e);
  dr_xsec_opts o = dr_xsec_opts_default();
  if (dr_method_parse(a.method, &o.method, &e)) return cli_lib_error(cmd, &e);
  o.seed = (uint64_t)a.seed;
  if ((rc = make_dir(cmd, a.out)) != CLI_OK) return rc;
  dr_hist1 h[DR_VAR_COUNT];
  for (int v = 0; v < DR_VAR_COUNT; v++) {
    double l, u;
    dr_var_default_range((dr_var)v, &p, &l, &u);
    dr_hist1_alloc(&h[v], (dr_var)v, (int)bins, l, u);
  }
  dr_hist2 h2;
  double pl, pu;
  dr_var_default_range(DR_VAR_RECOIL_PT, &p, &pl, &pu);
  dr_hist2_alloc(&h2, DR_VAR_RECOIL_E, (int)bins, 0, p.E0, DR_VAR_RECOIL_PT, (int)bins, pl, pu);
  dr_estimate s;
  rc = dr_hist_fill(&p, &o, a.xmin, a.xmax, (long)npts, h, DR_VAR_COUNT, &h2, &s, &e);
  if (rc == DR_OK) {
    for (int v = 0; v < DR_VAR_COUNT; v++) {
      char stem[64], title[256];
      snprintf(stem, sizeof stem, "hist_%s", dr_var_name((dr_var)v));
      snprintf(title, sizeof title, "%s %s -> %s %s X, m = %g GeV, E = %g GeV (%s)", beam.name, mat->symbol,
               beam.name, mat->symbol, a.m, a.E, dr_method_name(o.method));
      const char *lab[1] = {dr_method_name(o.method)};
      write_hist1(cmd, a.out, stem, &h[v], 1, lab, title, 0);
    }
    char path[1200];
    snprintf(path, sizeof path, "%s/hist2_recoil_e_pt.csv", a.out);
    FILE *f = fopen(path, "w");
    if (f) {
      fprintf(f, "# d sigma per bin [pb] of recoil energy x recoil p_T (%s)\ne_lo,e_hi,pt_lo,pt_hi,dsigma_pb\n",
              dr_method_name(o.method));
      double dx = (h2.x1 - h2.x0) / h2.nx, dy = (h2.y1 - h2.y0) / h2.ny;
      for (int i = 0; i < h2.nx; i++)
        for (int j = 0; j < h2.ny; j++) {
          h2.sum[i * h2.ny + j] *= DR_GEV2_TO_PB / h2.n_points;
          fprintf(f, "%.6g,%.6g,%.6g,%.6g,%.6e\n", h2.x0 + i * dx, h2.x0 + (i + 1) * dx, h2.y0 + j * dy,
                  h2.y0 + (j + 1) * dy, h2.sum[i * h2.ny + j]);
        }
      fclose(f);
      snprintf(path, sizeof path, "%s/hist2_recoil_e_pt.png", a.out);
      dr_error_clear(&e);
      dr_plot_map(path, "d#gs per bin [pb]", dr_var_label(DR_VAR_RECOIL_E), dr_var_label(DR_VAR_RECOIL_PT), h2.nx,
                  h2.ny, h2.x0, h2.x1, h2.y0, h2.y1, h2.sum, &e);
    }
    printf("sigma = %.4e +- %.1e pb (%s); histograms in %s/\n", s.val * DR_GEV2_TO_PB, s.err * DR_GEV2_TO_PB,
           dr_method_name(o.method), a.out);
  }
  for (int v = 0; v < DR_VAR_COUNT; v++) dr_hist1_free(&h[v]);
  dr_hist2_free(&h2);
  return rc == DR_OK ? CLI_OK : cli_lib_error(cmd, &e);
}

/* ------------------------------------------------------------------ compare */
static const char *compare_help =
    "usage: darkreach compare [options]\n"
    "\n"
    "WW and IWW against exact tree level for the same process: normalised shapes of\n"
    "the recoil-lepton energy and transverse momentum (the analogue of Catena, Gray,\n"
    "Jerkvall 2025, arXiv:2502.13635, Fig. 2) and the three total cross sections.\n"
    "Prints the three cross sections and each method's share of recoil pT above ETL's\n"
    "90 % and 99 % points (the high-pT tail). Defaults: vector, m = 0.1 GeV, 4 GeV e- on W.\n"
    "Writes DIR/compare_recoil_e.csv,\n"
    "DIR/compare_recoil_pt.csv (columns: bin, etl, ww, iww; each normalised to unit\n"
    "area) and the .png plots.\n"
    "\n" PROC_HELP
    "  --points N         weighted points per method (default 200000)\n"
    "  --bins N           bins (default 40)\n"
    "  --out DIR          output directory (default out/compare)\n";

/* on a histogram normalised to unit area: the point below which a share q lies
 * (linear within its bin), and the share above a point x */
static double tail_point(const dr_hist1 *h, double q) {
  double cum = 0, w = (h->hi - h->lo) / h->nbins;
  for (int b = 0; b < h->nbins; b++) {
    if (cum + h->sum[b] >= q) return h->lo + w * (b + (q - cum) / h->sum[b]);
    cum += h->sum[b];
  }
  return h->hi;
}

static double share_above(const dr_hist1 *h, double x) {
  double w = (h->hi - h->lo) / h->nbins, s = 0;
  for (int b = 0; b < h->nbins; b++) s += h->sum[b] * fmin(1, fmax(0, (h->lo + w * (b + 1) - x) / w));
  return s;
}

int cmd_compare(int argc, char **argv) {
  const char *cmd = "compare";
  proc_args a = {"vector", "e-", "W", "etl", "out/compare", 4, 0.1, 1, 0, 1, 1};
  double npts = 200000, bins = 40;
  dr_process p;
  dr_beam beam;
  const dr_material *mat;
  int rc = hist_setup(cmd, compare_help, argc, argv, &a, &npts, &bins, &p, &beam, &mat);
  if (rc != CLI_OK) return rc < 0 ? CLI_OK : rc;
  if ((rc = make_dir(cmd, a.out)) != CLI_OK) return rc;
  const dr_method meth[3] = {DR_METHOD_ETL, DR_METHOD_WW, DR_METHOD_IWW};
  const char *labels[3] = {"etl", "ww", "iww"};
  const dr_var vars[2] = {DR_VAR_RECOIL_E, DR_VAR_RECOIL_PT};
  dr_hist1 h[2][3];
  dr_estimate s[3];
  dr_error e;
  dr_error_clear(&e);
  for (int k = 0; k < 3 && rc == DR_OK; k++) {
    for (int v = 0; v < 2; v++) {
      double l, u;
      dr_var_default_range(vars[v], &p, &l, &u);
      dr_hist1_alloc(&h[v][k], vars[v], (int)bins, l, u);
    }
    dr_hist1 hh[2] = {h[0][k], h[1][k]};
    dr_xsec_opts o = dr_xsec_opts_default();
    o.method = meth[k];
    o.seed = (uint64_t)a.seed;
    rc = dr_hist_fill(&p, &o, a.xmin, a.xmax, (long)npts, hh, 2, NULL, &s[k], &e);
    h[0][k].n_points = hh[0].n_points, h[1][k].n_points = hh[1].n_points;
  }
  if (rc == DR_OK) {
    for (int v = 0; v < 2; v++) {
      /* normalise each to unit area: sum -> sum/total, n_points -> 1/width */
      for (int k = 0; k < 3; k++) {
        double tot = 0;
        for (int b = 0; b < h[v][k].nbins; b++) tot += h[v][k].sum[b];
        for (int b = 0; b < h[v][k].nbins; b++) {
          h[v][k].sum[b] /= tot;
          h[v][k].sum2[b] /= tot * tot;
        }

      }
      char stem[64], title[256];
      snprintf(stem, sizeof stem, "compare_%s", dr_var_name(vars[v]));
      snprintf(title, sizeof title, "%s %s, m = %g GeV, E = %g GeV: normalised shapes", beam.name, mat->symbol, a.m,
               a.E);
      write_hist1(cmd, a.out, stem, h[v], 3, labels, title, 1);
    }
    printf("sigma [pb]: etl %.4e +- %.1e, ww %.4e, iww %.4e  (ww/etl %.3f, iww/etl %.3f); shapes in %s/\n",
           s[0].val * DR_GEV2_TO_PB, s[0].err * DR_GEV2_TO_PB, s[1].val * DR_GEV2_TO_PB, s[2].val * DR_GEV2_TO_PB,
           s[1].val / s[0].val, s[2].val / s[0].val, a.out);
    /* the high-pT tail: each method's share above ETL's 90 % and 99 % points of the recoil pT */
    for (int iq = 0; iq < 2; iq++) {
      double q = iq ? 0.99 : 0.9, above[3], pq = tail_point(&h[1][0], q);
      for (int k = 0; k < 3; k++) above[k] = share_above(&h[1][k], pq);
      printf("recoil pT above %.4g GeV (ETL's %g %% point): etl %.4f, ww %.4f, iww %.4f of each shape\n", pq,
             100 * q, above[0], above[1], above[2]);
    }
  }
  for (int v = 0; v < 2; v++)
    for (int k = 0; k < 3; k++) dr_hist1_free(&h[v][k]);
  return rc == DR_OK ? CLI_OK : cli_lib_error(cmd, &e);
}
