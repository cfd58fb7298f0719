/* darkreach shower: track-length spectra of an electromagnetic shower */
#include "cli.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static const cli_opt shower_opts[] = {
    {.name = "target", .type = OPT_NAME, .arg = "SYM", .check = cli_check_material, .flags = F_REQUIRED,
     .names = cli_names_materials, .help = "target element"},
    {.name = "particle", .type = OPT_CHOICE, .arg = "P", .def = "e-", .choices = "e-|e+|gamma",
     .help = "the incident particle"},
    {.name = "energy", .type = OPT_NUM, .arg = "GEV", .min = 0.001, .max = 1e5, .range = R_MIN | R_GT | R_MAX,
     .flags = F_REQUIRED, .help = "its total energy E0 [GeV]"},
    {.name = "thickness", .type = OPT_NUM, .arg = "X0", .def = "40", .min = 0, .max = 1e4,
     .range = R_MIN | R_GT | R_MAX, .help = "target depth [radiation lengths]; what leaves it escapes"},
    {.name = "cut", .type = OPT_NUM, .arg = "GEV", .min = 0, .range = R_MIN | R_GT,
     .help = "e+- and photons are followed above this energy [GeV] (default E0/1000, at least 1 MeV); the spectra "
             "run from it to E0"},
    {.name = "critical-energy", .type = OPT_NUM, .arg = "GEV", .min = 0, .max = 1, .range = R_MIN | R_MAX,
     .only_if = "!approx-a", .help = "ionisation loss per X0 [GeV] (default the PDG fit 0.610/(Z + 1.24))"},
    {.name = "approx-a", .type = OPT_FLAG,
     .help = "Rossi's Approximation A: brems and pair production only (no ionisation, Compton or annihilation)"},
    {.name = "primary-only", .type = OPT_FLAG, .help = "follow the incident particle only"},
    {.name = "bins", .type = OPT_INT, .arg = "N", .def = "100", .min = 1, .max = 10000, .range = R_MIN | R_MAX,
     .help = "bins in ln(E0/E) between the cut and E0"},
    {.name = "showers", .type = OPT_INT, .arg = "N", .def = "10000", .min = 10, .max = 1e9, .range = R_MIN | R_MAX,
     .help = "showers to simulate"},
    CLI_SEED_OPT(NULL),
    {.name = "out", .type = OPT_TEXT, .arg = "DIR", .def = "out/shower", .flags = F_NO_FINGERPRINT,
     .help = "output directory: shower.csv, shower.json, shower.png"},
    {.name = "no-plot", .type = OPT_FLAG, .flags = F_NO_FINGERPRINT, .help = "write no plot"},
    CLI_RUN_OPTS(NULL),
    CLI_END};

static const cli_opt *const shower_groups[] = {shower_opts, cli_plot_opts, cli_json_opt, NULL};

typedef struct {
  const dr_shower_spec *s;
  const dr_shower_tracks *t;
  const char *csv;
  double seconds;
} shower_out;

static void shower_json_body(dr_json *j, void *ctx) {
  const shower_out *o = ctx;
  const dr_shower_spec *s = o->s;
  const dr_shower_tracks *t = o->t;
  static const char *const sp[DR_SHOWER_SPECIES] = {"electron", "positron", "photon"};
  dr_json_str(j, "model", "one-dimensional cascade Monte Carlo (include/darkreach/shower.h): complete-screening "
                          "brems and pair production, Klein-Nishina Compton, Heitler annihilation, constant "
                          "ionisation loss");
  dr_json_str(j, "target", s->material->symbol);
  dr_json_num(j, "x0_cm", s->material->x0_cm);
  dr_json_num(j, "energy_gev", s->E0);
  dr_json_num(j, "thickness_x0", s->thickness_x0);
  dr_json_num(j, "cut_gev", s->e_cut);
  dr_json_num(j, "critical_energy_gev", s->approx_a ? 0 : isnan(s->ec) ? dr_shower_critical_energy(s->material) : s->ec);
  dr_json_bool(j, "approximation_a", s->approx_a);
  dr_json_bool(j, "primary_only", s->primary_only);
  dr_json_int(j, "showers", s->n_showers);
  dr_json_int(j, "bins", t->n_bins);
  dr_json_str(j, "file", o->csv);
  dr_json_str(j, "units", "dL/dE: track length per incident particle and per GeV [X0/GeV] at the bin's energy range "
                          "e_lo..e_hi [GeV]; multiply by x0_cm for cm/GeV; err is the standard error from the "
                          "shower-to-shower spread");
  dr_json_key_object(j, "track_above_cut_x0");
  for (int k = 0; k < DR_SHOWER_SPECIES; k++) {
    double sum = 0;
    for (int b = 0; b < t->n_bins; b++) sum += t->track[k][b];
    dr_json_num(j, sp[k], sum);
  }
  dr_json_close(j);
  dr_json_num(j, "charged_track_all_energies_x0", t->charged_track);
  dr_json_num(j, "deposited_gev", t->deposited);
  dr_json_num(j, "escaped_gev", t->escaped);
  dr_json_num(j, "max_ledger_error_gev", t->max_ledger_error);
}

static int run_shower(cli_args *a) {
  cli_apply_threads(a);
  const dr_material *mat = dr_material_find(cli_str(a, "target"));
  double E0 = cli_num(a, "energy");
  dr_shower_spec s = dr_shower_spec_default(mat, E0);
  const char *p = cli_str(a, "particle");
  s.primary = !strcmp(p, "e+") ? DR_SHOWER_POSITRON : !strcmp(p, "gamma") ? DR_SHOWER_PHOTON : DR_SHOWER_ELECTRON;
  s.thickness_x0 = cli_num(a, "thickness");
  double cut = cli_given(a, "cut") ? cli_num(a, "cut") : fmax(1e-3 * E0, 1e-3);
  cli_set_num(a, "cut", cut);
  if (!(cut > DR_M_E && cut < E0))
    return cli_fail(a, CLI_USAGE, "usage", "--cut must lie between m_e and the energy (got %g GeV for E0 = %g GeV)", cut,
                    E0);
  s.e_cut = s.k_cut = cut;
  if (cli_given(a, "critical-energy")) s.ec = cli_num(a, "critical-energy");
  s.approx_a = cli_given(a, "approx-a");
  s.primary_only = cli_given(a, "primary-only");
  s.n_bins = (int)cli_num(a, "bins");
  s.y_max = log(E0 / cut);
  s.n_showers = (long)cli_num(a, "showers");
  s.seed = (uint64_t)cli_num(a, "seed");
  const char *out = cli_str(a, "out");
  char csv[4200], json[4200], png[4200];
  snprintf(csv, sizeof csv, "%s/shower.csv", out);
  snprintf(json, sizeof json, "%s/shower.json", out);
  snprintf(png, sizeof png, "%s/shower.png", out);
  int rc = cli_prepare_file(a, csv);
  if (rc != CLI_OK) return rc;
  dr_error e;
  dr_error_clear(&e);
  dr_shower_tracks t;
  double t0 = cli_now();
  if (dr_shower_run(&s, &t, &e) != DR_OK) return cli_lib_fail(a, &e);
  double secs = cli_now() - t0;
  FILE *f = cli_replace_begin(a, csv);
  if (!f) {
    dr_shower_tracks_free(&t);
    return CLI_FAIL;
  }
  fputs("e_lo,e_hi,e_mean,electron_dl_de,electron_err,positron_dl_de,positron_err,photon_dl_de,photon_err\n", f);
  int nb = t.n_bins;
  double dy = t.y_max / nb, *buf = malloc(sizeof(double) * 4 * (size_t)nb);
  for (int b = 0; b < nb; b++) {
    double hi = E0 * exp(-b * dy), lo = E0 * exp(-(b + 1) * dy), w = hi - lo;
    double c = t.track[0][b] + t.track[1][b], ym = c > 0 ? (t.ytrack[0][b] + t.ytrack[1][b]) / c : (b + 0.5) * dy;
    dr_csv_num(f, lo, 0);
    dr_csv_num(f, hi, 1);
    dr_csv_num(f, E0 * exp(-ym), 1);
    for (int k = 0; k < DR_SHOWER_SPECIES; k++) {
      dr_csv_num(f, t.track[k][b] / w, 1);
      dr_csv_num(f, t.err[k][b] / w, 1);
    }
    fputc('\n', f);
    if (buf) {
      buf[b] = sqrt(lo * hi);
      for (int k = 0; k < DR_SHOWER_SPECIES; k++) buf[(1 + k) * nb + b] = t.track[k][b] > 0 ? t.track[k][b] / w : NAN;
    }
  }
  rc = cli_replace_end(a, f, csv);
  shower_out so = {&s, &t, csv, secs};
  if (rc == CLI_OK) rc = cli_json_file(a, json, 1, shower_json_body, &so);
  if (rc == CLI_OK && !cli_given(a, "no-plot") && buf) {
    dr_plot_curve cv[3] = {{buf, buf + nb, nb, "e#u-#d", 9, 1, 0, NULL},
                           {buf, buf + 2 * nb, nb, "e#u+#d", 2, 1, 0, NULL},
                           {buf, buf + 3 * nb, nb, "#gg", 3, 2, 0, NULL}};
    char title[256];
    snprintf(title, sizeof title, "%g GeV %s on %g X#d0#u %s, %ld showers", E0, p, s.thickness_x0, mat->symbol,
             s.n_showers);
    if (dr_plot_loglog(png, title, "E [GeV]", "dL/dE [X#d0#u/GeV]", cv, 3, &e) != DR_OK) cli_warn(a, "no plot %s", png);
  }
  free(buf);
  if (rc == CLI_OK && a->json) {
    cli_json_print(a, 1, shower_json_body, &so);
  } else if (rc == CLI_OK) {
    double c[3] = {0, 0, 0};
    for (int k = 0; k < 3; k++)
      for (int b = 0; b < nb; b++) c[k] += t.track[k][b];
    printf("%ld showers of %g GeV %s in %g X0 %s (%.2f s): track above %g GeV: e- %.4g, e+ %.4g, photons %.4g X0; "
           "wrote %s, %s%s%s\n",
           s.n_showers, E0, p, s.thickness_x0, mat->symbol, secs, cut, c[0], c[1], c[2], csv, json,
           cli_given(a, "no-plot") ? "" : ", ", cli_given(a, "no-plot") ? "" : png);
  }
  dr_shower_tracks_free(&t);
  return rc;
}

const cli_cmd cmd_shower = {
    .name = "shower",
    .summary = "track-length spectra of e-, e+ and photons in an electromagnetic shower (CSV, JSON, PNG)",
    .usage = "darkreach shower --target SYM --energy GEV [options]",
    .description =
        "Differential track lengths dL/dE of electrons, positrons and photons, per incident particle, in a target of "
        "the given depth, from the one-dimensional cascade Monte Carlo that thick-target reach cards use "
        "([target] track_length = shower). Writes DIR/shower.csv (e_lo, e_hi, the track-weighted mean energy, and "
        "dL/dE with its standard error for each species, in X0/GeV), DIR/shower.json (the configuration, the track "
        "above the cut, the energy ledger) and DIR/shower.png.",
    .notes = "Checks in tests/test_shower.c: the energy ledger, the primary's mean energy E0 e^-t, the 9/7 X0 photon "
             "path, Rossi's Approximation A (0.437 and 0.572 X0 E0/E^2; --approx-a) and B (total charged track "
             "X0 E0/E_c). The same seed gives the same spectra for any thread count.",
    .groups = shower_groups,
    .run = run_shower,
};
