/* darkreach events | hist | compare: exact-tree-level events and distributions */
#include "cli.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------ events */
static const cli_opt events_opts[] = {
    {.name = "n", .type = OPT_INT, .arg = "N", .def = "10000", .min = 1, .max = 1e9, .range = R_MIN | R_MAX,
     .help = "number of events"},
    {.name = "lhe", .type = OPT_TEXT, .arg = "FILE", .flags = F_NO_FINGERPRINT,
     .help = "write a Les Houches Event file (LHEF 3.0)"},
    {.name = "csv", .type = OPT_TEXT, .arg = "FILE", .flags = F_NO_FINGERPRINT,
     .help = "write the four-vectors as CSV (event, lepton, target, X, proton 0|1), with the configuration in "
             "the JSON file beside it (FILE with .json for .csv)"},
    {.name = "precision", .type = OPT_NUM, .arg = "R", .def = "0.01", .min = 0, .max = 1,
     .range = R_MIN | R_GT | R_MAX | R_LT, .help = "VEGAS precision of the adapted grid and of the reported sigma"},
    CLI_SEED_OPT(NULL),
    CLI_RUN_OPTS(NULL),
    CLI_END};

static const cli_opt *const events_groups[] = {cli_process_opts, cli_ff_opt, cli_recoil_opt, events_opts,
                                               cli_json_opt, NULL};

typedef struct {
  const dr_events_info *info;
  long n, requested;
  const char *csv;
} events_out;

static void events_summary(dr_json *j, void *ctx) {
  const events_out *o = ctx;
  const dr_events_info *info = o->info;
  long n = o->n, requested = o->requested;
  dr_json_int(j, "n_events", n);
  dr_json_int(j, "n_requested", requested);
  dr_json_num(j, "sigma_pb", info->sigma * DR_GEV2_TO_PB);
  dr_json_num(j, "err_pb", info->sigma_err * DR_GEV2_TO_PB);
  if (info->n_channels == 2) {
    dr_json_num(j, "sigma_coherent_pb", info->sigma_channel[0] * DR_GEV2_TO_PB);
    dr_json_num(j, "sigma_quasi_elastic_pb", info->sigma_channel[1] * DR_GEV2_TO_PB);
  }
  dr_json_num(j, "w_max_pb", info->w_max * DR_GEV2_TO_PB);
  dr_json_num(j, "efficiency", info->efficiency);
  dr_json_int(j, "n_tried", info->n_tried);
  dr_json_int(j, "n_over_wmax", info->n_over);
  dr_json_int(j, "overweight_extra_copies", info->n_over_copies);
  dr_json_num(j, "overweight_share", info->n_tried > 0 ? (double)(info->n_over + info->n_over_copies) /
                                                             fmax(1.0, info->efficiency * (double)info->n_tried)
                                                       : 0.0);
  if (o->csv) {
    dr_json_str(j, "csv", o->csv);
    dr_json_str(j, "units", "four-vectors (E, px, py, pz) in GeV, lab frame, beam along +z, target at rest; "
                            "proton = 1: quasi-elastic, N is the struck proton");
  }
}

static int run_events(cli_args *a) {
  cli_apply_threads(a);
  dr_process p;
  dr_beam beam;
  const dr_material *mat;
  int rc = cli_process_setup(a, &p, &beam, &mat);
  if (rc != CLI_OK) return rc;
  cli_note_method(a, p.model, DR_METHOD_ETL); /* events are drawn from the exact tree level */
  const char *lhe = cli_str(a, "lhe"), *csv = cli_str(a, "csv");
  if (!lhe && !csv)
    return cli_fail(a, CLI_USAGE, "usage", "give --lhe FILE, --csv FILE or both: the events are written there");
  char side[4200] = "";
  if (csv) {
    cli_sidecar(csv, side, sizeof side);
    if (lhe && (!strcmp(lhe, csv) || !strcmp(lhe, side)))
      return cli_fail(a, CLI_USAGE, "usage", "--lhe and --csv (with its JSON %s) must be different files", side);
  }
  if (csv && (rc = cli_prepare_file(a, side)) != CLI_OK) return rc;
  /* the files are opened before the work, and removed if it fails before the first event */
  FILE *fl = NULL, *fc = NULL;
  if ((lhe && !(fl = cli_open_out(a, lhe))) || (csv && !(fc = cli_open_out(a, csv)))) {
    if (fl) fclose(fl), remove(lhe);
    return CLI_FAIL;
  }
  long n = (long)cli_num(a, "n");
  dr_events_opts o = dr_events_opts_default();
  o.seed = (uint64_t)cli_num(a, "seed");
  o.grid_precision = cli_num(a, "precision");
  dr_error e;
  dr_error_clear(&e);
  cli_catch_signals();
  dr_event_gen *g = dr_event_gen_alloc(&p, cli_num(a, "xmin"), cli_num(a, "xmax"), &o, &e);
  if (!g) {
    if (fl) fclose(fl), remove(lhe);
    if (fc) fclose(fc), remove(csv);
    return cli_lib_fail(a, &e);
  }
  const dr_events_info *info = dr_event_gen_info(g);
  char *cfg = cli_command_line(a);
  dr_lhe_setup ls = {&p, &beam, mat->Z, (int)lround(mat->A), info, n, cfg};
  if (fl && dr_lhe_write_header(fl, &ls) != DR_OK) rc = cli_fail(a, CLI_FAIL, "io", "error writing '%s'", lhe);
  if (rc == CLI_OK && fc && dr_events_csv_header(fc, dr_model_is_pair(p.model)) != DR_OK) rc = cli_fail(a, CLI_FAIL, "io", "error writing '%s'", csv);
  enum { BATCH = 2000 };
  dr_event *ev = malloc(sizeof *ev * BATCH);
  if (!ev && rc == CLI_OK) rc = cli_fail(a, CLI_FAIL, "no-memory", "out of memory");
  cli_progress prog;
  cli_progress_begin(&prog, a, "events", n);
  long got = 0;
  while (rc == CLI_OK && got < n && !atomic_load(&cli_stop)) {
    long k = n - got < BATCH ? n - got : BATCH;
    if (dr_event_gen_next(g, k, ev, &e) != DR_OK) {
      rc = cli_lib_fail(a, &e);
      break;
    }
    for (long i = 0; i < k && rc == CLI_OK; i++, got++) { /* got: the events in both files */
      if (fl && dr_lhe_write_event(fl, &ls, &ev[i]) != DR_OK) rc = cli_fail(a, CLI_FAIL, "io", "error writing '%s'", lhe);
      else if (fc && dr_events_csv_row(fc, got, &ev[i]) != DR_OK) rc = cli_fail(a, CLI_FAIL, "io", "error writing '%s'", csv);
    }
    cli_progress_step(&prog, got);
  }
  cli_progress_end(&prog);
  free(ev);
  int complete = got == n;
  /* the files are closed validly whatever happened: LHE footer, CSV rows so far, the JSON beside it */
  if (fl && (dr_lhe_write_footer(fl, &ls, got, complete) != DR_OK || fclose(fl) != 0) && rc == CLI_OK)
    rc = cli_fail(a, CLI_FAIL, "io", "error writing '%s'", lhe);
  if (fc && fclose(fc) != 0 && rc == CLI_OK) rc = cli_fail(a, CLI_FAIL, "io", "error writing '%s'", csv);
  events_out eo = {info, got, n, csv};
  if (csv && rc == CLI_OK) rc = cli_json_file(a, side, complete, events_summary, &eo);
  if (rc == CLI_OK && !complete)
    rc = cli_fail(a, CLI_INTERRUPTED, "canceled", "interrupted: %ld of %ld events written%s%s%s%s (marked incomplete)",
                  got, n, lhe ? " to " : "", lhe ? lhe : "", csv ? " and " : "", csv ? csv : "");
  if (rc == CLI_OK) {
    if (a->json) {
      cli_json_print(a, complete, events_summary, &eo);
    } else {
      printf("%ld events: sigma = %.4e +- %.1e pb, unweighting efficiency %.3g (%ld points tried; %ld above their cell's "
             "largest weight, %ld extra copies)%s%s%s%s\n",
             got, info->sigma * DR_GEV2_TO_PB, info->sigma_err * DR_GEV2_TO_PB, info->efficiency, info->n_tried,
             info->n_over, info->n_over_copies, lhe ? "; wrote " : "", lhe ? lhe : "", csv ? (lhe ? ", " : "; wrote ") : "", csv ? csv : "");
    }
  }
  dr_event_gen_free(g);
  free(cfg);
  return rc;
}

const cli_cmd cmd_events = {
    .name = "events",
    .summary = "unweighted exact-tree-level events (LHE, CSV)",
    .usage = "darkreach events --energy GEV --target SYM --mass GEV [--lhe FILE] [--csv FILE] [options]",
    .description =
        "Unweighted events of l N -> l N X by exact tree level (target recoil kept): the VEGAS grid is adapted, "
        "frozen and cut into cells, a scan finds each cell's largest weight, and points are drawn cell by cell "
        "and accepted against their cell's largest weight (BASES/SPRING-style; about 30 % of the points are "
        "kept); a point above it counts as several identical events, and their number is reported with the "
        "unweighting efficiency. The inelastic form-factor term strikes one proton, which recoils on its own (quasi-elastic): "
        "in those events the target is a proton (LHE process 2, PDG 2212; column proton = 1 in the CSV). Events "
        "are written as they are generated; Ctrl-C closes the files validly, marked incomplete.",
    .groups = events_groups,
    .run = run_events,
};

/* ------------------------------------------------ hist and compare: shared */
/* the 2D map of hist has bins x bins cells: capped so that it stays a plot, not gigabytes */
enum { MAP_BINS_MAX = 100 };
#define MAP_BINS_TEXT "100"

#define WW_OPTS(cond_ww_iww, cond_ww)                                                                              \
  {.name = "chi-tmax", .type = OPT_CHOICE, .arg = "C", .def = "mx2", .choices = "mx2|e2", .only_if = cond_ww_iww,  \
   .help = "WW/IWW: upper limit of the photon flux chi, m^2 + m_l^2 or E^2"},                                       \
  {.name = "theta-max", .type = OPT_NUM, .arg = "RAD", .def = "3.141592653589793", .min = 0,                        \
   .max = 3.141592653589793, .range = R_MIN | R_GT | R_MAX, .only_if = cond_ww,                                    \
   .help = "WW/IWW: upper end of the sampled X angle [rad]"}

#define SAMPLING_OPTS(out_default)                                                                                \
  {.name = "samples", .type = OPT_INT, .arg = "N", .def = "200000", .min = 1000, .max = 1e9,                       \
   .range = R_MIN | R_MAX, .help = "weighted points per method (rounded up to a multiple of 256)"},               \
  {.name = "bins", .type = OPT_INT, .arg = "N", .def = "40", .min = 1, .max = 10000, .range = R_MIN | R_MAX,       \
   .help = "bins per histogram (the 2D map of hist: at most " MAP_BINS_TEXT " per axis)"},                         \
  {.name = "out", .type = OPT_TEXT, .arg = "DIR", .def = out_default, .flags = F_NO_FINGERPRINT,                   \
   .help = "output directory (created; checked before the work starts)"},                                          \
  CLI_SEED_OPT(NULL), CLI_RUN_OPTS(NULL)

/* progress over one or several fills of the same size (compare fills three) */
typedef struct {
  cli_progress *p;
  int fills, fill; /* how many, which one now */
} fill_ticker;

static void fill_progress(long done, long total, void *ctx) {
  fill_ticker *t = ctx;
  t->p->total = t->fills * total;
  cli_progress_step(t->p, t->fill * total + done);
}

/* one histogram file: columns lo, hi, then value and error per curve; normalised: unit area */
static int write_hist1(cli_args *a, const char *dir, const char *stem, dr_hist1 *h, int nh,
                       const char *const *labels, const char *title, int normalised) {
  int nb = h[0].nbins;
  double *xs = malloc(sizeof(double) * 2 * nb * (nh + 1)); /* the plot's step curves */
  if (!xs) return cli_fail(a, CLI_FAIL, "no-memory", "out of memory");
  char path[4200];
  snprintf(path, sizeof path, "%s/%s.csv", dir, stem);
  FILE *f = cli_replace_begin(a, path);
  if (!f) {
    free(xs);
    return CLI_FAIL;
  }
  fputs("lo,hi", f);
  for (int k = 0; k < nh; k++) fprintf(f, ",%s,%s_err", labels[k], labels[k]);
  fputc('\n', f);
  for (int b = 0; b < nb; b++) {
    double lo = dr_hist1_edge(&h[0], b), width = dr_hist1_edge(&h[0], b + 1) - lo;
    dr_csv_num(f, lo, 0);
    dr_csv_num(f, lo + width, 1);
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
      dr_csv_num(f, v, 1);
      dr_csv_num(f, err, 1);
      double *ys = xs + 2 * nb * (k + 1);
      ys[2 * b] = ys[2 * b + 1] = v;
    }
    fputc('\n', f);
  }
  int rc = cli_replace_end(a, f, path);
  dr_plot_curve *cv = malloc(sizeof *cv * (size_t)nh);
  if (!cv) {
    free(xs);
    return cli_fail(a, CLI_FAIL, "no-memory", "out of memory");
  }
  static const int colors[] = {9, 1, 3, 8, 10, 2, 4, 5};
  for (int k = 0; k < nh; k++)
    cv[k] = (dr_plot_curve){.x = xs, .y = xs + 2 * nb * (k + 1), .n = 2 * nb, .label = labels[k],
                            .color = nh <= 3 ? (int[]){9, 1, 15}[k] : colors[k % 8], .style = 1 + k % 8};
  snprintf(path, sizeof path, "%s/%s.png", dir, stem);
  dr_error e;
  dr_error_clear(&e);
  if (rc == CLI_OK &&
      dr_plot_xy(path, title, dr_var_label(h[0].var), normalised ? "(1/#gs) d#gs/d(var)" : "d#gs/d(var) [pb/unit]", cv,
                 nh, h[0].logx, h[0].logx, &e)) /* log bins: log axes */
    cli_warn(a, "no plot %s", path);
  free(xs);
  free(cv);
  return rc;
}

/* the process and the output directory of hist and compare (json: the JSON file there) */
static int fill_setup(cli_args *a, dr_process *p, dr_beam *beam, const dr_material **mat, dr_xsec_opts *o,
                      const char *json) {
  cli_apply_threads(a);
  int rc = cli_process_setup(a, p, beam, mat);
  if (rc != CLI_OK) return rc;
  *o = dr_xsec_opts_default();
  dr_error e;
  dr_error_clear(&e);
  if (dr_tmax_parse(cli_str(a, "chi-tmax"), &o->tmax, &e) != DR_OK) return cli_lib_fail(a, &e);
  o->theta_max = cli_num(a, "theta-max");
  o->seed = (uint64_t)cli_num(a, "seed");
  char path[4200];
  snprintf(path, sizeof path, "%s/%s", cli_str(a, "out"), json);
  return cli_prepare_file(a, path); /* the directory too */
}

/* ------------------------------------------------------------------ hist */
static const cli_opt hist_opts[] = {
    {.name = "method", .type = OPT_CHOICE, .arg = "M", .def = "etl", .choices = "etl|ww|iww",
     .help = "exact tree level, or WW/IWW (fixed nucleus: the target recoil is zero; IWW here: WW with chi frozen "
             "at theta = 0, sampled up to --theta-max, also for the dipoles)"},
    WW_OPTS("method=ww|iww", "method=ww|iww"),
    SAMPLING_OPTS("out/hist"),
    CLI_END};

static const cli_opt *const hist_groups[] = {cli_process_opts, cli_ff_opt, cli_recoil_opt, hist_opts, cli_plot_opts,
                                             cli_json_opt, NULL};

typedef struct {
  const dr_estimate *s;
  const dr_hist1 *h;
  const char *dir;
} hist_out;

static void hist_json_body(dr_json *j, void *ctx) {
  const hist_out *o = ctx;
  const dr_estimate *s = o->s;
  const dr_hist1 *h = o->h;
  const char *dir = o->dir;
  dr_json_num(j, "sigma_pb", s->val * DR_GEV2_TO_PB);
  dr_json_num(j, "err_pb", s->err * DR_GEV2_TO_PB);
  dr_json_int(j, "samples_filled", h[0].n_points);
  dr_json_str(j, "units", "d sigma/d(var) per bin in pb per unit of the variable; lo, hi in the variable's unit");
  dr_json_key_array(j, "histograms");
  for (int v = 0; v < DR_VAR_COUNT; v++) {
    double tot = 0;
    for (int b = 0; b < h[v].nbins; b++) tot += h[v].sum[b];
    tot += h[v].under + h[v].over;
    char file[4200];
    snprintf(file, sizeof file, "%s/hist_%s.csv", dir, dr_var_name((dr_var)v));
    dr_json_object(j);
    dr_json_str(j, "variable", dr_var_name((dr_var)v));
    dr_json_str(j, "label", dr_var_label((dr_var)v));
    dr_json_str(j, "file", file);
    dr_json_num(j, "lo", h[v].lo);
    dr_json_num(j, "hi", h[v].hi);
    dr_json_int(j, "bins", h[v].nbins);
    dr_json_bool(j, "log_bins", h[v].logx);
    dr_json_num(j, "share_below", tot > 0 ? h[v].under / tot : 0); /* the weight outside the range: */
    dr_json_num(j, "share_above", tot > 0 ? h[v].over / tot : 0);  /* counted, not lost */
    dr_json_close(j);
  }
  dr_json_close(j);
  char file[4200];
  snprintf(file, sizeof file, "%s/hist2_recoil_e_pt.csv", dir);
  dr_json_str(j, "map_file", file);
}

/* the 2D map recoil E x p_T as DIR/STEM.csv and .png: d sigma per bin in pb
 * (normalised = 0) or the fraction of the events per bin (1) */
static int write_map(cli_args *a, const char *dir, const char *stem, dr_hist2 *h2, const char *title_tail,
                     int normalised) {
  char path[4200];
  snprintf(path, sizeof path, "%s/%s.csv", dir, stem);
  FILE *f = cli_replace_begin(a, path);
  if (!f) return CLI_FAIL;
  fputs(normalised ? "e_lo,e_hi,pt_lo,pt_hi,fraction\n" : "e_lo,e_hi,pt_lo,pt_hi,dsigma_pb\n", f);
  double dx = (h2->x1 - h2->x0) / h2->nx, dy = (h2->y1 - h2->y0) / h2->ny, tot = 0;
  for (int i = 0; i < h2->nx * h2->ny; i++) tot += h2->sum[i];
  double scale = normalised ? (tot > 0 ? 1 / tot : 0) : DR_GEV2_TO_PB / (double)h2->n_points;
  for (int i = 0; i < h2->nx; i++)
    for (int j = 0; j < h2->ny; j++) {
      h2->sum[i * h2->ny + j] *= scale;
      dr_csv_num(f, h2->x0 + i * dx, 0);
      dr_csv_num(f, h2->x0 + (i + 1) * dx, 1);
      dr_csv_num(f, h2->y0 + j * dy, 1);
      dr_csv_num(f, h2->y0 + (j + 1) * dy, 1);
      dr_csv_num(f, h2->sum[i * h2->ny + j], 1);
      fputc('\n', f);
    }
  int rc = cli_replace_end(a, f, path);
  snprintf(path, sizeof path, "%s/%s.png", dir, stem);
  dr_error e;
  dr_error_clear(&e);
  char title[256], zlab[96];
  snprintf(title, sizeof title, "%s (%s)", normalised ? "fraction of the events per bin" : "d#gs per bin [pb]",
           title_tail);
  snprintf(zlab, sizeof zlab, "log#d10#u %s", normalised ? "fraction per bin" : "d#gs per bin [pb]");
  /* a log colour scale over six decades below the largest bin, with its colour bar; empty bins at the bottom */
  int nz = h2->nx * h2->ny;
  double *lz = malloc(sizeof *lz * (size_t)(nz > 0 ? nz : 1)), zmax = 0;
  for (int i = 0; i < nz; i++) zmax = fmax(zmax, h2->sum[i]);
  if (lz && zmax > 0) {
    double floor6 = log10(zmax) - 6;
    for (int i = 0; i < nz; i++) lz[i] = h2->sum[i] > 0 ? fmax(floor6, log10(h2->sum[i])) : floor6;
  }
  if (rc == CLI_OK && (!lz || !(zmax > 0) ||
                       dr_plot_map(path, title, dr_var_label(DR_VAR_RECOIL_E), dr_var_label(DR_VAR_RECOIL_PT), zlab, h2->nx,
                                   h2->ny, h2->x0, h2->x1, h2->y0, h2->y1, lz, &e)))
    cli_warn(a, "no plot %s", path);
  free(lz);
  return rc;
}

static int run_hist(cli_args *a) {
  dr_process p;
  dr_beam beam;
  const dr_material *mat;
  dr_xsec_opts o;
  int rc = fill_setup(a, &p, &beam, &mat, &o, "hist.json");
  if (rc != CLI_OK) return rc;
  dr_error e;
  dr_error_clear(&e);
  if (dr_method_parse(cli_str(a, "method"), &o.method, &e)) return cli_lib_fail(a, &e);
  cli_note_method(a, p.model, o.method);
  const char *out = cli_str(a, "out");
  int bins = (int)cli_num(a, "bins");
  dr_hist1 h[DR_VAR_COUNT];
  dr_hist2 h2;
  memset(h, 0, sizeof h);
  memset(&h2, 0, sizeof h2);
  int bad = 0;
  /* the ranges from the points themselves: 0.1 % of the cross section below and above each, from a
   * pilot over the grid's first points (the same for any thread count); p_T and angles in log bins */
  dr_var vars[DR_VAR_COUNT];
  double rlo[DR_VAR_COUNT], rhi[DR_VAR_COUNT];
  for (int v = 0; v < DR_VAR_COUNT; v++) vars[v] = (dr_var)v;
  long samples = (long)cli_num(a, "samples"), pilot = samples / 4 < 20000 ? (samples / 4 > 1000 ? samples / 4 : 1000) : 20000;
  cli_catch_signals();
  dr_fill_ctl pctl = {&cli_stop, NULL, NULL};
  int pst = dr_hist_ranges(&p, &o, cli_num(a, "xmin"), cli_num(a, "xmax"), pilot, vars, DR_VAR_COUNT, 1e-3, rlo, rhi,
                           &pctl, &e);
  if (pst == DR_ECANCELED)
    return cli_fail(a, CLI_INTERRUPTED, "canceled", "interrupted while setting the ranges: no files written");
  if (pst != DR_OK) return cli_lib_fail(a, &e);
  for (int v = 0; v < DR_VAR_COUNT; v++) {
    int lg = v == DR_VAR_RECOIL_PT || v == DR_VAR_NUCLEUS_PT || v == DR_VAR_RECOIL_THETA || v == DR_VAR_X_THETA;
    if (lg && rlo[v] > 0 && rhi[v] > rlo[v] * 1.01) bad |= dr_hist1_alloc_log(&h[v], (dr_var)v, bins, rlo[v], rhi[v]);
    else bad |= dr_hist1_alloc(&h[v], (dr_var)v, bins, rlo[v], rhi[v] > rlo[v] ? rhi[v] : rlo[v] + 1e-9);
  }
  int mb = bins < MAP_BINS_MAX ? bins : MAP_BINS_MAX;
  bad |= dr_hist2_alloc(&h2, DR_VAR_RECOIL_E, mb, h[DR_VAR_RECOIL_E].lo, h[DR_VAR_RECOIL_E].hi, DR_VAR_RECOIL_PT, mb, 0,
                        h[DR_VAR_RECOIL_PT].hi);
  cli_progress prog;
  cli_progress_begin(&prog, a, "samples", (long)cli_num(a, "samples"));
  fill_ticker tick = {&prog, 1, 0};
  dr_fill_ctl ctl = {&cli_stop, fill_progress, &tick};
  dr_estimate s;
  int st = bad ? DR_ENOMEM : dr_hist_fill(&p, &o, cli_num(a, "xmin"), cli_num(a, "xmax"), samples,
                                          h, DR_VAR_COUNT, &h2, &s, &ctl, &e);
  cli_progress_end(&prog);
  if (bad) rc = cli_fail(a, CLI_FAIL, "no-memory", "out of memory");
  else if (st != DR_OK && st != DR_ECANCELED) rc = cli_lib_fail(a, &e);
  else if (st == DR_ECANCELED && h[0].n_points == 0)
    rc = cli_fail(a, CLI_INTERRUPTED, "canceled", "interrupted before the first samples: no files written");
  const char *method = dr_method_name(o.method);
  for (int v = 0; rc == CLI_OK && v < DR_VAR_COUNT; v++) {
    char stem[64], title[256];
    snprintf(stem, sizeof stem, "hist_%s", dr_var_name((dr_var)v));
    snprintf(title, sizeof title, "%s %s -> %s %s X, m = %g GeV, E = %g GeV (%s)", beam.name, mat->symbol, beam.name,
             mat->symbol, p.m_X, p.E0, method);
    const char *lab[1] = {"dsigma"};
    rc = write_hist1(a, out, stem, &h[v], 1, lab, title, 0);
  }
  if (rc == CLI_OK) rc = write_map(a, out, "hist2_recoil_e_pt", &h2, method, 0);
  char path[4200];
  snprintf(path, sizeof path, "%s/hist.json", out);
  hist_out ho = {&s, h, out};
  if (rc == CLI_OK) rc = cli_json_file(a, path, st == DR_OK, hist_json_body, &ho);
  if (rc == CLI_OK && st == DR_ECANCELED)
    rc = cli_fail(a, CLI_INTERRUPTED, "canceled", "interrupted after %ld samples: histograms in %s/ (marked incomplete in %s)",
                  h[0].n_points, out, path);
  if (rc == CLI_OK && a->json) {
    cli_json_print(a, 1, hist_json_body, &ho);
  } else if (rc == CLI_OK) {
    double worst = 0;
    for (int v = 0; v < DR_VAR_COUNT; v++) {
      double tot = h[v].under + h[v].over;
      for (int b = 0; b < h[v].nbins; b++) tot += h[v].sum[b];
      if (tot > 0) worst = fmax(worst, (h[v].under + h[v].over) / tot);
    }
    printf("sigma = %.4e +- %.1e pb (%s); histograms in %s/ (hist.json describes them); ranges from the points, "
           "at most %.2g %% of the cross section outside a range (its share below and above each is in hist.json)\n",
           s.val * DR_GEV2_TO_PB, s.err * DR_GEV2_TO_PB, method, out, 100 * worst);
  }
  for (int v = 0; v < DR_VAR_COUNT; v++) dr_hist1_free(&h[v]);
  dr_hist2_free(&h2);
  return rc;
}

const cli_cmd cmd_hist = {
    .name = "hist",
    .summary = "distributions of the recoil lepton, X and the target (CSV, PNG)",
    .usage = "darkreach hist --energy GEV --target SYM --mass GEV [options]",
    .description =
        "Weighted distributions (d sigma per bin, pb per unit) of the recoil lepton (energy, transverse "
        "momentum, polar angle), of X (energy, angle) and of the recoiling target (transverse momentum), and the 2D "
        "map recoil energy x recoil p_T, from points on a frozen VEGAS grid. Writes DIR/hist_<var>.csv (lo, hi, "
        "dsigma, dsigma_err) and .png, DIR/hist2_recoil_e_pt.csv and .png, and DIR/hist.json (configuration, "
        "sigma, each histogram's range and the shares of the cross section outside it).",
    .groups = hist_groups,
    .run = run_hist,
};

/* ------------------------------------------------------------------ compare */
static const cli_opt compare_opts[] = {
    WW_OPTS(NULL, NULL),
    SAMPLING_OPTS("out/compare"),
    CLI_END};

static const cli_opt *const compare_groups[] = {cli_process_opts, cli_ff_opt, cli_recoil_opt, compare_opts,
                                                cli_plot_opts, cli_json_opt, NULL};
static const char *const compare_defaults[] = {"energy=4", "target=W", "mass=0.1", NULL};

/* on a histogram normalised to unit area: the point below which a share q lies
 * (linear within its bin), and the share above a point x */
/* the point below which a share q of the (unit-area) histogram lies, linear within a bin */
static double tail_point(const dr_hist1 *h, double q) {
  double cum = 0;
  for (int b = 0; b < h->nbins; b++) {
    double lo = dr_hist1_edge(h, b), hi = dr_hist1_edge(h, b + 1);
    if (cum + h->sum[b] >= q) return lo + (hi - lo) * (q - cum) / h->sum[b];
    cum += h->sum[b];
  }
  return h->hi;
}

static double share_above(const dr_hist1 *h, double x) {
  double s = 0;
  for (int b = 0; b < h->nbins; b++) {
    double lo = dr_hist1_edge(h, b), hi = dr_hist1_edge(h, b + 1);
    s += h->sum[b] * fmin(1, fmax(0, (hi - x) / (hi - lo)));
  }
  return s;
}

/* ranges for several methods or models on common bins: the union of each one's 0.1 %-99.9 % range from its
 * pilot (dr_hist_ranges); p_T and angles in log bins. o[k] the options of each, p[k] its process. */
static int common_hists(const dr_process *const *p, const dr_xsec_opts *o, int nk, double xlo, double xhi, long samples,
                        const dr_var *vars, int nv, int bins, dr_hist1 *h, dr_error *e) {
  double lo[DR_VAR_COUNT], hi[DR_VAR_COUNT], l[DR_VAR_COUNT], u[DR_VAR_COUNT];
  long pilot = samples / 4 < 20000 ? (samples / 4 > 1000 ? samples / 4 : 1000) : 20000;
  for (int v = 0; v < nv; v++) lo[v] = INFINITY, hi[v] = 0;
  for (int k = 0; k < nk; k++) {
    dr_fill_ctl ctl = {&cli_stop, NULL, NULL};
    int rc = dr_hist_ranges(p[k], &o[k], xlo, xhi, pilot, vars, nv, 1e-3, l, u, &ctl, e);
    if (rc != DR_OK) return rc;
    for (int v = 0; v < nv; v++) lo[v] = fmin(lo[v], l[v]), hi[v] = fmax(hi[v], u[v]);
  }
  for (int v = 0; v < nv; v++) {
    dr_var x = vars[v];
    int lg = x == DR_VAR_RECOIL_PT || x == DR_VAR_NUCLEUS_PT || x == DR_VAR_RECOIL_THETA || x == DR_VAR_X_THETA;
    int rc = lg && lo[v] > 0 && hi[v] > lo[v] * 1.01 ? dr_hist1_alloc_log(&h[v], x, bins, lo[v], hi[v])
                                                      : dr_hist1_alloc(&h[v], x, bins, lo[v], hi[v] > lo[v] ? hi[v] : lo[v] + 1e-9);
    if (rc != DR_OK) return DR_FAIL(e, rc, "out of memory");
  }
  return DR_OK;
}

static const char *const methods[3] = {"etl", "ww", "iww"};

typedef struct {
  const dr_estimate *s;
  const double *pq;
  const double (*above)[3];
} compare_out;

static void compare_json_body(dr_json *j, void *ctx) {
  const compare_out *o = ctx;
  const dr_estimate *s = o->s;
  const double *pq = o->pq;
  const double(*above)[3] = o->above;
  dr_json_key_object(j, "sigma_pb");
  for (int k = 0; k < 3; k++) dr_json_num(j, methods[k], s[k].val * DR_GEV2_TO_PB);
  dr_json_close(j);
  dr_json_key_object(j, "err_pb");
  for (int k = 0; k < 3; k++) dr_json_num(j, methods[k], s[k].err * DR_GEV2_TO_PB);
  dr_json_close(j);
  dr_json_num(j, "ww_over_etl", s[1].val / s[0].val);
  dr_json_num(j, "iww_over_etl", s[2].val / s[0].val);
  dr_json_key_array(j, "recoil_pt_tail");
  for (int iq = 0; iq < 2; iq++) {
    dr_json_object(j);
    dr_json_num(j, "etl_quantile", iq ? 0.99 : 0.9);
    dr_json_num(j, "pt_gev", pq[iq]);
    for (int k = 0; k < 3; k++) dr_json_num(j, methods[k], above[iq][k]);
    dr_json_close(j);
  }
  dr_json_close(j);
}

static int run_compare(cli_args *a) {
  dr_process p;
  dr_beam beam;
  const dr_material *mat;
  dr_xsec_opts o0;
  int rc = fill_setup(a, &p, &beam, &mat, &o0, "compare.json");
  if (rc != CLI_OK) return rc;
  const char *out = cli_str(a, "out");
  const dr_method meth[3] = {DR_METHOD_ETL, DR_METHOD_WW, DR_METHOD_IWW};
  const dr_var vars[2] = {DR_VAR_RECOIL_E, DR_VAR_RECOIL_PT};
  int bins = (int)cli_num(a, "bins");
  long samples = (long)cli_num(a, "samples");
  dr_hist1 h[2][3];
  memset(h, 0, sizeof h); /* every histogram freeable whatever fails below */
  dr_estimate s[3];
  memset(s, 0, sizeof s);
  dr_error e;
  dr_error_clear(&e);
  cli_progress prog;
  const int nm = 3;
  cli_progress_begin(&prog, a, "samples", nm * samples);
  cli_catch_signals();
  int st = DR_OK;
  /* common bins for the three methods, from their pilots */
  dr_xsec_opts om[3] = {o0, o0, o0};
  const dr_process *pp[3] = {&p, &p, &p};
  for (int k = 0; k < nm; k++) om[k].method = meth[k];
  dr_hist1 proto[2];
  memset(proto, 0, sizeof proto);
  st = common_hists(pp, om, nm, cli_num(a, "xmin"), cli_num(a, "xmax"), samples, vars, 2, bins, proto, &e);
  for (int k = 0; k < nm && st == DR_OK; k++) {
    for (int v = 0; v < 2; v++) {
      if (dr_hist1_alloc(&h[v][k], vars[v], bins, proto[v].lo, proto[v].hi) != DR_OK) st = DR_ENOMEM;
      h[v][k].logx = proto[v].logx;
    }
    if (st != DR_OK) break;
    dr_hist1 hh[2] = {h[0][k], h[1][k]};
    dr_xsec_opts o = o0;
    o.method = meth[k];
    fill_ticker tick = {&prog, nm, k};
    dr_fill_ctl ctl = {&cli_stop, fill_progress, &tick};
    st = dr_hist_fill(&p, &o, cli_num(a, "xmin"), cli_num(a, "xmax"), samples, hh, 2, NULL, &s[k], &ctl, &e);
    h[0][k] = hh[0], h[1][k] = hh[1];
  }
  cli_progress_end(&prog);
  if (st == DR_ECANCELED) rc = cli_fail(a, CLI_INTERRUPTED, "canceled", "interrupted: no files written");
  else if (st == DR_ENOMEM) rc = cli_fail(a, CLI_FAIL, "no-memory", "out of memory");
  else if (st != DR_OK) rc = cli_lib_fail(a, &e);
  double pq[2] = {0, 0}, above[2][3];
  for (int v = 0; rc == CLI_OK && v < 2; v++) {
    /* normalise each to unit area */
    for (int k = 0; k < nm; k++) {
      double tot = 0;
      for (int b = 0; b < h[v][k].nbins; b++) tot += h[v][k].sum[b];
      for (int b = 0; tot > 0 && b < h[v][k].nbins; b++) {
        h[v][k].sum[b] /= tot;
        h[v][k].sum2[b] /= tot * tot;
      }
    }
    char stem[64], title[256];
    snprintf(stem, sizeof stem, "compare_%s", dr_var_name(vars[v]));
    snprintf(title, sizeof title, "%s %s, m = %g GeV, E = %g GeV: normalised shapes", beam.name, mat->symbol, p.m_X,
             p.E0);
    rc = write_hist1(a, out, stem, h[v], nm, methods, title, 1);
  }
  /* the high-pT tail: each method's share above ETL's 90 % and 99 % points of the recoil pT */
  for (int iq = 0; rc == CLI_OK && iq < 2; iq++) {
    pq[iq] = tail_point(&h[1][0], iq ? 0.99 : 0.9);
    for (int k = 0; k < nm; k++) above[iq][k] = share_above(&h[1][k], pq[iq]);
  }
  char path[4200];
  snprintf(path, sizeof path, "%s/compare.json", out);
  compare_out co = {s, pq, (const double(*)[3])above};
  if (rc == CLI_OK) rc = cli_json_file(a, path, 1, compare_json_body, &co);
  if (rc == CLI_OK && a->json) {
    cli_json_print(a, 1, compare_json_body, &co);
  } else if (rc == CLI_OK) {
    printf("sigma [pb]: etl %.4e +- %.1e, ww %.4e, iww %.4e  (ww/etl %.3f, iww/etl %.3f); shapes in %s/\n",
           s[0].val * DR_GEV2_TO_PB, s[0].err * DR_GEV2_TO_PB, s[1].val * DR_GEV2_TO_PB, s[2].val * DR_GEV2_TO_PB,
           s[1].val / s[0].val, s[2].val / s[0].val, out);
    for (int iq = 0; iq < 2; iq++)
      printf("recoil pT above %.4g GeV (ETL's %g %% point): etl %.4f, ww %.4f, iww %.4f of each shape\n", pq[iq],
             iq ? 99.0 : 90.0, above[iq][0], above[iq][1], above[iq][2]);
  }
  for (int v = 0; v < 2; v++) {
    dr_hist1_free(&proto[v]);
    for (int k = 0; k < 3; k++) dr_hist1_free(&h[v][k]);
  }
  return rc;
}

const cli_cmd cmd_compare = {
    .name = "compare",
    .summary = "WW and IWW against exact tree level: shapes and cross sections",
    .usage = "darkreach compare [options]",
    .description =
        "WW and IWW against exact tree level for the same process: normalised shapes of the recoil-lepton energy "
        "and transverse momentum (the analogue of Catena, Gray, Jerkvall 2025, arXiv:2502.13635, Fig. 2), the "
        "three total cross sections, and each method's share of recoil pT above ETL's 90 % and 99 % points (the "
        "high-pT tail). Writes DIR/compare_recoil_e.csv and DIR/compare_recoil_pt.csv (lo, hi, then etl, ww, iww "
        "with errors; each normalised to unit area), the .png plots and DIR/compare.json. WW and IWW are sampled "
        "up to --theta-max; for the magnetic and electric dipoles, whose angular integral to infinity diverges "
        "(xsec has no IWW for them), IWW here is WW with chi frozen at theta = 0 within that cut.",
    .groups = compare_groups,
    .defaults = compare_defaults,
    .run = run_compare,
};

/* ------------------------------------------------------------------ shapes */
enum { SHAPES_MAX_MASSES = 20 };

static const cli_opt shapes_opts[] = {
    {.name = "models", .type = OPT_NAME, .arg = "LIST", .def = "all", .check = cli_check_models_any,
     .help = "models to compare, comma-separated (any of darkreach models), or all: the dark-photon family "
             "(vector, magnetic-dipole, electric-dipole, charge-radius, anapole)"},
    {.name = "masses", .type = OPT_NAME, .arg = "LIST", .def = "0.1,0.5,1", .check = cli_check_masses,
     .help = "mediator masses [GeV], comma-separated and increasing (at most 20): one plot per mass and variable"},
    {.name = "method", .type = OPT_CHOICE, .arg = "M", .def = "etl", .choices = "etl|ww",
     .help = "exact tree level, or WW (fixed nucleus: no target recoil)"},
    WW_OPTS("method=ww", "method=ww"),
    SAMPLING_OPTS("out/shapes"),
    CLI_END};

static const cli_opt *const shapes_groups[] = {cli_beam_target_opts, cli_ff_opt, cli_recoil_opt, shapes_opts,
                                               cli_plot_opts, cli_json_opt, NULL};
static const char *const shapes_defaults[] = {"energy=4", "target=W", NULL};

typedef struct {
  int nm, nmass;
  const dr_model_kind *ms;
  const double *masses;
  const dr_estimate *sig; /* [mass][model] */
  const long *filled;     /* [mass][model] */
  const double *outside;  /* [mass][model][var]: share of sigma outside the histogram's range */
  const char *dir;
  int bins;
} shapes_out;

static void shapes_json_body(dr_json *j, void *ctx) {
  const shapes_out *o = ctx;
  dr_json_str(j, "normalisation", "each histogram normalised to unit area (1/sigma d sigma/d var)");
  dr_json_int(j, "bins", o->bins);
  dr_json_key_array(j, "variables");
  for (int v = 0; v < DR_VAR_COUNT; v++) {
    dr_json_object(j);
    dr_json_str(j, "name", dr_var_name((dr_var)v));
    dr_json_str(j, "label", dr_var_label((dr_var)v));
    dr_json_close(j);
  }
  dr_json_close(j);
  dr_json_key_array(j, "shapes");
  for (int im = 0; im < o->nmass; im++)
    for (int k = 0; k < o->nm; k++) {
      char buf[4200];
      dr_json_object(j);
      dr_json_str(j, "model", dr_model_name(o->ms[k]));
      dr_json_num(j, "mass_gev", o->masses[im]);
      dr_json_num(j, "sigma_pb", o->sig[im * o->nm + k].val * DR_GEV2_TO_PB);
      dr_json_num(j, "err_pb", o->sig[im * o->nm + k].err * DR_GEV2_TO_PB);
      dr_json_int(j, "samples_filled", o->filled[im * o->nm + k]);
      dr_json_key_object(j, "share_outside_range");
      for (int v = 0; v < DR_VAR_COUNT; v++)
        dr_json_num(j, dr_var_name((dr_var)v), o->outside[(im * o->nm + k) * DR_VAR_COUNT + v]);
      dr_json_close(j);
      char mt[32];
      cli_num_text(mt, sizeof mt, o->masses[im]);
      snprintf(buf, sizeof buf, "%s/shapes2_recoil_e_pt_%s_m%s.csv", o->dir, dr_model_name(o->ms[k]), mt);
      dr_json_str(j, "map_csv", buf);
      dr_json_close(j);
    }
  dr_json_close(j);
  dr_json_key_array(j, "files");
  for (int im = 0; im < o->nmass; im++)
    for (int v = 0; v < DR_VAR_COUNT; v++) {
      char buf[4200];
      char mt[32];
      cli_num_text(mt, sizeof mt, o->masses[im]);
      snprintf(buf, sizeof buf, "%s/shapes_%s_m%s.csv", o->dir, dr_var_name((dr_var)v), mt);
      dr_json_str(j, NULL, buf);
    }
  dr_json_close(j);
}

/* Ctrl-C in shapes at mass m (the im-th): what stands */
static int shapes_interrupted(cli_args *a, double m, int im) {
  return cli_fail(a, CLI_INTERRUPTED, "canceled",
                  "interrupted at m = %g GeV: the plots and CSV of the %d masses before it are written, shapes.json is not",
                  m, im);
}

static int run_shapes(cli_args *a) {
  cli_apply_threads(a);
  dr_error e;
  dr_error_clear(&e);
  dr_model_kind ms[DR_MODEL_COUNT];
  double masses[SHAPES_MAX_MASSES];
  int nm = cli_parse_list_models(cli_str(a, "models"), ms, DR_MODEL_COUNT);
  int nmass = cli_parse_list_nums(cli_str(a, "masses"), masses, SHAPES_MAX_MASSES);
  dr_beam beam;
  dr_inel_mode inel;
  dr_inel_recoil recoil = DR_RECOIL_PROTON;
  if (dr_beam_parse(cli_str(a, "beam"), &beam, &e) || dr_inel_mode_parse(cli_str(a, "form-factor"), &inel, &e) ||
      (cli_applies(a, "inel-recoil") && dr_inel_recoil_parse(cli_str(a, "inel-recoil"), &recoil, &e)))
    return cli_lib_fail(a, &e);
  const dr_material *mat = dr_material_find(cli_str(a, "target"));
  dr_xsec_opts o = dr_xsec_opts_default();
  if (dr_method_parse(cli_str(a, "method"), &o.method, &e)) return cli_lib_fail(a, &e);
  for (int k = 0; k < nm; k++) cli_note_method(a, ms[k], o.method);
  if (o.method == DR_METHOD_WW) {
    if (dr_tmax_parse(cli_str(a, "chi-tmax"), &o.tmax, &e) != DR_OK) return cli_lib_fail(a, &e);
    o.theta_max = cli_num(a, "theta-max");
  }
  o.seed = (uint64_t)cli_num(a, "seed");
  /* every process first: a mass beyond the kinematic limit is an error before any work */
  dr_process *ps = malloc(sizeof *ps * (size_t)(nm * nmass));
  dr_estimate *sig = calloc((size_t)(nm * nmass), sizeof *sig);
  long *filled = calloc((size_t)(nm * nmass), sizeof *filled);
  double *outside = calloc((size_t)(nm * nmass * DR_VAR_COUNT), sizeof *outside);
  if (!ps || !sig || !filled || !outside) {
    free(ps), free(sig), free(filled), free(outside);
    return cli_fail(a, CLI_FAIL, "no-memory", "out of memory");
  }
  int rc = CLI_OK;
  for (int im = 0; rc == CLI_OK && im < nmass; im++)
    for (int k = 0; rc == CLI_OK && k < nm; k++) {
      dr_process *p = &ps[im * nm + k];
      if (dr_process_init(p, ms[k], &beam, cli_num(a, "energy"), masses[im], mat, inel, &e) != DR_OK)
        rc = cli_lib_fail(a, &e);
      else p->inel_recoil = recoil;
    }
  const char *out = cli_str(a, "out");
  char path[4200];
  snprintf(path, sizeof path, "%s/shapes.json", out);
  if (rc == CLI_OK) rc = cli_prepare_file(a, path);
  long samples = (long)cli_num(a, "samples");
  int bins = (int)cli_num(a, "bins"), mb = bins < MAP_BINS_MAX ? bins : MAP_BINS_MAX;
  dr_hist1 *h = calloc((size_t)(nm * DR_VAR_COUNT), sizeof *h);
  dr_hist2 h2;
  memset(&h2, 0, sizeof h2);
  const char **lab = malloc(sizeof *lab * (size_t)nm);
  if (rc == CLI_OK && (!h || !lab)) rc = cli_fail(a, CLI_FAIL, "no-memory", "out of memory");
  for (int k = 0; lab && k < nm; k++) lab[k] = dr_model_name(ms[k]);
  cli_progress prog;
  cli_progress_begin(&prog, a, "samples", (long)nm * nmass * samples);
  cli_catch_signals();
  dr_var vars[DR_VAR_COUNT];
  for (int v = 0; v < DR_VAR_COUNT; v++) vars[v] = (dr_var)v;
  for (int im = 0; rc == CLI_OK && im < nmass; im++) {
    /* one binning per mass, common to the models: the union of their 0.1 %-99.9 % ranges (pilots), p_T and
     * angles in log bins */
    dr_hist1 proto[DR_VAR_COUNT];
    memset(proto, 0, sizeof proto);
    const dr_process *pk[DR_MODEL_COUNT];
    dr_xsec_opts ok[DR_MODEL_COUNT];
    for (int k = 0; k < nm; k++) pk[k] = &ps[im * nm + k], ok[k] = o;
    int pst = common_hists(pk, ok, nm, cli_num(a, "xmin"), cli_num(a, "xmax"), samples, vars, DR_VAR_COUNT, bins, proto, &e);
    if (pst == DR_ECANCELED)
      rc = shapes_interrupted(a, ps[im * nm].m_X, im);
    else if (pst != DR_OK) rc = cli_lib_fail(a, &e);
    for (int k = 0; rc == CLI_OK && k < nm; k++) {
      const dr_process *p = &ps[im * nm + k];
      int bad = 0;
      for (int v = 0; v < DR_VAR_COUNT; v++) {
        bad |= dr_hist1_alloc(&h[k * DR_VAR_COUNT + v], (dr_var)v, bins, proto[v].lo, proto[v].hi);
        h[k * DR_VAR_COUNT + v].logx = proto[v].logx;
      }
      bad |= dr_hist2_alloc(&h2, DR_VAR_RECOIL_E, mb, proto[DR_VAR_RECOIL_E].lo, proto[DR_VAR_RECOIL_E].hi,
                            DR_VAR_RECOIL_PT, mb, 0, proto[DR_VAR_RECOIL_PT].hi);
      if (bad) {
        rc = cli_fail(a, CLI_FAIL, "no-memory", "out of memory");
        break;
      }
      fill_ticker tick = {&prog, nm * nmass, im * nm + k};
      dr_fill_ctl ctl = {&cli_stop, fill_progress, &tick};
      int st = dr_hist_fill(p, &o, cli_num(a, "xmin"), cli_num(a, "xmax"), samples, &h[k * DR_VAR_COUNT],
                            DR_VAR_COUNT, &h2, &sig[im * nm + k], &ctl, &e);
      filled[im * nm + k] = h[k * DR_VAR_COUNT].n_points;
      if (st == DR_ECANCELED)
        rc = shapes_interrupted(a, p->m_X, im);
      else if (st != DR_OK) rc = cli_lib_fail(a, &e);
      char stem[128], title[256];
      char mt[32];
      cli_num_text(mt, sizeof mt, p->m_X); /* the mass as in --masses: distinct masses, distinct files */
      snprintf(stem, sizeof stem, "shapes2_recoil_e_pt_%s_m%s", dr_model_name(p->model), mt);
      snprintf(title, sizeof title, "%s, m = %g GeV, %s %s, E = %g GeV", dr_model_name(p->model), p->m_X, beam.name,
               mat->symbol, p->E0);
      if (rc == CLI_OK) rc = write_map(a, out, stem, &h2, title, 1);
      dr_hist2_free(&h2);
    }
    /* each model's histogram to unit area, all models on one plot per variable */
    for (int v = 0; rc == CLI_OK && v < DR_VAR_COUNT; v++) {
      dr_hist1 *hv = malloc(sizeof *hv * (size_t)nm);
      if (!hv) {
        rc = cli_fail(a, CLI_FAIL, "no-memory", "out of memory");
        break;
      }
      for (int k = 0; k < nm; k++) {
        dr_hist1 *x = &h[k * DR_VAR_COUNT + v];
        double tot = 0;
        for (int b = 0; b < x->nbins; b++) tot += x->sum[b];
        tot += x->under + x->over;
        for (int b = 0; tot > 0 && b < x->nbins; b++) x->sum[b] /= tot, x->sum2[b] /= tot * tot;
        outside[(im * nm + k) * DR_VAR_COUNT + v] = tot > 0 ? (x->under + x->over) / tot : 0;
        hv[k] = *x;
      }
      char stem[96], title[256];
      char mt[32];
      cli_num_text(mt, sizeof mt, masses[im]);
      snprintf(stem, sizeof stem, "shapes_%s_m%s", dr_var_name((dr_var)v), mt);
      snprintf(title, sizeof title, "%s %s, E = %g GeV, m = %g GeV: normalised shapes (%s)", beam.name, mat->symbol,
               cli_num(a, "energy"), masses[im], dr_method_name(o.method));
      rc = write_hist1(a, out, stem, hv, nm, lab, title, 1);
      free(hv);
    }
    for (int i = 0; i < nm * DR_VAR_COUNT; i++) dr_hist1_free(&h[i]);
    for (int v = 0; v < DR_VAR_COUNT; v++) dr_hist1_free(&proto[v]);
  }
  cli_progress_end(&prog);
  shapes_out so = {nm, nmass, ms, masses, sig, filled, outside, out, bins};
  if (rc == CLI_OK) rc = cli_json_file(a, path, 1, shapes_json_body, &so);
  if (rc == CLI_OK && a->json) cli_json_print(a, 1, shapes_json_body, &so);
  else if (rc == CLI_OK)
    printf("%d models x %d masses: normalised shapes of %d variables in %s/shapes_<variable>_m<mass>.csv and .png, "
           "2D recoil E x pT maps in %s/shapes2_*.csv; %s describes them\n",
           nm, nmass, (int)DR_VAR_COUNT, out, out, path);
  free(ps), free(sig), free(filled), free(outside), free(h), free(lab);
  return rc;
}

const cli_cmd cmd_shapes = {
    .name = "shapes",
    .summary = "several models' normalised distributions on one plot per mass (CSV, PNG)",
    .usage = "darkreach shapes [--models LIST] [--masses LIST] [options]",
    .description =
        "Normalised distributions (1/sigma d sigma/d var) of the recoil lepton (energy, transverse momentum, "
        "angle), of X (energy, angle) and of the target recoil (transverse momentum) for several models at "
        "several masses, by exact tree level: one plot per mass and variable with a curve per model, and each "
        "model's 2D recoil E x p_T map. The defaults are the setting of Catena, Gray, Jerkvall 2025 "
        "(arXiv:2502.13635) Figs. 2-5: 4 GeV e- on tungsten, m = 0.1, 0.5, 1 GeV, the five dark-photon models. "
        "Writes DIR/shapes_<variable>_m<mass>.csv (lo, hi, then each model's value and error) and .png, "
        "DIR/shapes2_recoil_e_pt_<model>_m<mass>.csv and .png (fraction per bin) and DIR/shapes.json "
        "(configuration, each cross section, the files).",
    .groups = shapes_groups,
    .defaults = shapes_defaults,
    .run = run_shapes,
};
