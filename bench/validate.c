/* darkreach validation report: ETL against the DMG4 table (shared reference
 * §1, data/reference/), S/P/A at 100 GeV, muons against WW, LDMX energies on
 * tungsten, the dark moments against an independent calculator (shared
 * reference §6) and against WW for muons, and the reach of NA64e, NA64mu
 * and E137 against their published limits (data/limits/dark_photon). Writes Markdown to the file given (docs/validation.md via
 * `make validation`); every number in it is computed here, none typed. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "darkreach/darkreach.h"

static double PREC = 5e-3;

static dr_process proc(dr_model_kind m, const char *beam, double E, double mass, const char *mat,
                       dr_inel_mode inel) {
  dr_beam b;
  dr_error e;
  dr_error_clear(&e);
  dr_beam_parse(beam, &b, &e);
  dr_process p;
  dr_process_init(&p, m, &b, E, mass, dr_material_find(mat), inel, &e);
  p.coupling = 1e-4;
  return p;
}

static dr_inel_recoil RECOIL = DR_RECOIL_PROTON; /* ETL inelastic term: proton (default) or nucleus recoil */

static double sig(dr_model_kind m, const char *beam, double E, double mass, const char *mat, dr_method meth,
                  dr_tmax_conv tmax, dr_inel_mode inel, double *err) {
  dr_process p = proc(m, beam, E, mass, mat, inel);
  p.inel_recoil = RECOIL;
  dr_xsec_opts o = dr_xsec_opts_default();
  o.method = meth;
  o.tmax = tmax;
  o.etl_rel_tol = PREC;
  dr_xsec_ws *w = dr_xsec_ws_alloc();
  dr_estimate s;
  dr_error e;
  dr_error_clear(&e);
  dr_sigma(&p, &o, 0, 1, w, &s, &e);
  dr_xsec_ws_free(w);
  if (err) *err = s.err / s.val;
  return s.val * DR_GEV2_TO_PB;
}

/* ---- section 6: reach against published limits ---- */
typedef struct {
  int n;
  double m[1024], e[1024]; /* sorted by mass */
} curve;

static int load_curve(const char *data, const char *file, curve *c, char *label, size_t nl) {
  char path[1024];
  snprintf(path, sizeof path, "%s/limits/dark_photon/%s", data, file);
  dr_limit_curve l;
  dr_error e;
  dr_error_clear(&e);
  if (dr_limit_curve_read(path, &l, &e) != DR_OK) {
    fprintf(stderr, "%s\n", e.msg);
    return 0;
  }
  c->n = 0;
  for (int i = 0; i < l.n && c->n < 1024; i++) { /* insertion by mass */
    int k = c->n++;
    while (k > 0 && c->m[k - 1] > l.mass[i]) c->m[k] = c->m[k - 1], c->e[k] = c->e[k - 1], k--;
    c->m[k] = l.mass[i], c->e[k] = l.eps[i];
  }
  snprintf(label, nl, "%s", l.label);
  dr_limit_curve_free(&l);
  return 1;
}

/* log-log interpolation; NaN outside the curve's masses */
static double curve_at(const curve *c, double m) {
  if (c->n < 2 || m < c->m[0] || m > c->m[c->n - 1]) return NAN;
  int i = 1;
  while (i < c->n - 1 && c->m[i] < m) i++;
  if (c->m[i] == c->m[i - 1]) return c->e[i];
  double t = log(m / c->m[i - 1]) / log(c->m[i] / c->m[i - 1]);
  return exp(log(c->e[i - 1]) + t * log(c->e[i] / c->e[i - 1]));
}

static int load_card(const char *data, const char *id, dr_experiment *x) {
  char path[1024];
  snprintf(path, sizeof path, "%s/experiments/%s.ini", data, id);
  dr_error e;
  dr_error_clear(&e);
  if (dr_experiment_load(path, x, &e) != DR_OK) {
    fprintf(stderr, "%s\n", e.msg);
    return 0;
  }
  return 1;
}

/* the reach at m: lower (and upper) edge, ETL 1 % */
static void reach_at(const dr_experiment *x, double m, double *lo, double *hi) {
  dr_reach_opts o = dr_reach_opts_from_experiment(x);
  o.xsec.method = DR_METHOD_ETL;
  o.xsec.etl_rel_tol = 0.01;
  dr_xsec_ws *w = dr_xsec_ws_alloc();
  dr_reach_point pt;
  dr_reach_point_solve(x, DR_MODEL_VECTOR, &o, m, w, &pt);
  dr_xsec_ws_free(w);
  *lo = pt.status == DR_REACH_OK ? pt.eps : NAN;
  if (hi) *hi = pt.status == DR_REACH_OK ? pt.eps_upper : NAN;
}

static void cell(FILE *o, double r, double tol) {
  if (!isfinite(r)) fprintf(o, " - |");
  else if (fabs(log(r)) > log(1 + tol)) fprintf(o, " **%.2f** |", r);
  else fprintf(o, " %.2f |", r);
}

/* invisible: darkreach (shower, primary only) against one published curve */
static void invisible_table(FILE *o, const char *data, const char *card, const char *file, const double *ms, int nm,
                            double tol) {
  dr_experiment x, xp;
  curve c;
  char label[128];
  if (!load_card(data, card, &x) || !load_curve(data, file, &c, label, sizeof label)) return;
  dr_error e;
  dr_error_clear(&e);
  dr_experiment_shower(&x, &e);
  xp = x;
  if (xp.track == DR_TRACK_SHOWER) xp.track = DR_TRACK_TSAI;
  fprintf(o, "\n**%s** (card `%s`, %.3g LOT, efficiency %g%s) against `%s`:\n\n", label, card, x.lot, x.efficiency,
          dr_experiment_efficiency_assumed(&x) ? ", assumed" : "", file);
  fprintf(o, "| m_A' [GeV] | published eps | darkreach eps | ratio | primary only: ratio |\n|---|---|---|---|---|\n");
  for (int i = 0; i < nm; i++) {
    double pub = curve_at(&c, ms[i]), a, b;
    reach_at(&x, ms[i], &a, NULL);
    reach_at(&xp, ms[i], &b, NULL);
    fprintf(o, "| %.4g | %.3g | %.3g |", ms[i], pub, a);
    cell(o, a / pub, tol);
    cell(o, b / pub, tol);
    fprintf(o, "\n");
  }
}

/* E137: both edges of the island against two recasts */
static void e137_table(FILE *o, const char *data, const double *ms, int nm) {
  dr_experiment x, xp;
  curve bl, bu, al, au, ml, mu;
  char lab[6][128];
  if (!load_card(data, "e137", &x) || !load_curve(data, "e137_bjorken2009_lower.csv", &bl, lab[0], 128) ||
      !load_curve(data, "e137_bjorken2009_upper.csv", &bu, lab[1], 128) ||
      !load_curve(data, "e137_andreas2012_lower.csv", &al, lab[2], 128) ||
      !load_curve(data, "e137_andreas2012_upper.csv", &au, lab[3], 128) ||
      !load_curve(data, "e137_marsicano2018_lower.csv", &ml, lab[4], 128) ||
      !load_curve(data, "e137_marsicano2018_upper.csv", &mu, lab[5], 128))
    return;
  dr_error e;
  dr_error_clear(&e);
  dr_experiment_shower(&x, &e);
  xp = x;
  xp.track = DR_TRACK_TSAI;
  fprintf(o, "\n**E137** (card `e137`, %.3g EOT, E_A' > %g E0, shield %g m, decay region %g m): darkreach's lower and "
             "upper edges over the recasts' (Bjorken et al. 2009, Andreas et al. 2012, Marsicano et al. 2018 with "
             "positron annihilation); goal within 50 %%.\n\n",
          x.lot, x.x_th, x.shield_m, x.decay_m);
  fprintf(o, "| m_A' [GeV] | darkreach lower | /Bjorken | /Andreas | /Marsicano | primary only /Andreas | darkreach upper "
             "| /Bjorken | /Andreas | /Marsicano |\n|---|---|---|---|---|---|---|---|---|---|\n");
  double lo[64], hi[64];
  for (int i = 0; i < nm && i < 64; i++) {
    double plo;
    reach_at(&x, ms[i], &lo[i], &hi[i]);
    reach_at(&xp, ms[i], &plo, NULL);
    fprintf(o, "| %.4g | %.3g |", ms[i], lo[i]);
    cell(o, lo[i] / curve_at(&bl, ms[i]), 0.5);
    cell(o, lo[i] / curve_at(&al, ms[i]), 0.5);
    cell(o, lo[i] / curve_at(&ml, ms[i]), 0.5);
    cell(o, plo / curve_at(&al, ms[i]), 0.5);
    fprintf(o, " %.3g |", hi[i]);
    cell(o, hi[i] / curve_at(&bu, ms[i]), 0.5);
    cell(o, hi[i] / curve_at(&au, ms[i]), 0.5);
    cell(o, hi[i] / curve_at(&mu, ms[i]), 0.5);
    fprintf(o, "\n");
  }
  /* what the recast-dependent inputs do: a 1 GeV threshold, and a 3 m x 3 m detector with the rough acceptance */
  dr_experiment x1 = x, xa = x;
  x1.x_th = 0.05, x1.shower_ready = 0;
  dr_experiment_shower(&x1, &e);
  xa.detector_halfwidth_m = 1.5;
  fprintf(o, "\nThe same card with E_A' > 1 GeV (x_th = 0.05) instead of 2 GeV, and with a 3 m x 3 m detector at %g m "
             "under the rough acceptance model of exp.h (dr_experiment_acceptance); darkreach over the card's "
             "result:\n\n| m_A' [GeV] | E > 1 GeV: lower | upper | 3 m x 3 m: lower | upper |\n|---|---|---|---|---|\n",
          x.shield_m + x.decay_m);
  for (int i = 0; i < nm && i < 64; i++) {
    double l1, h1, la, ha;
    reach_at(&x1, ms[i], &l1, &h1);
    reach_at(&xa, ms[i], &la, &ha);
    fprintf(o, "| %.4g | %.2f | %.2f | %.2f | %.2f |\n", ms[i], l1 / lo[i], h1 / hi[i], la / lo[i], ha / hi[i]);
  }
}

int main(int argc, char **argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: darkreach_validate DATADIR OUT.md [precision]\n");
    return 2;
  }
  if (argc > 3) PREC = atof(argv[3]);
  dr_library_init();
  char path[1024];
  snprintf(path, sizeof path, "%s/reference/dmg4_etl_vector_pb.csv", argv[1]);
  FILE *f = fopen(path, "r");
  if (!f) {
    fprintf(stderr, "cannot read %s\n", path);
    return 1;
  }
  FILE *o = fopen(argv[2], "w");
  if (!o) {
    fprintf(stderr, "cannot write %s\n", argv[2]);
    return 1;
  }
  time_t t0 = time(NULL);
  fprintf(o, "# darkreach validation: exact tree level\n\n");
  fprintf(o, "Generated by `make validation` (bench/validate.c), darkreach %s; VEGAS precision %.2g %% per point.\n"
             "Do not edit: rerun the command.\n\n", DR_VERSION, 100 * PREC);
  fprintf(o, "## 1. Vector, e- on Pb: ETL / DMG4 table\n\n"
             "Reference: `data/reference/dmg4_etl_vector_pb.csv` (DMG4 `DarkPhotonsSigmaTotETL.inc`, eps = 1e-4, pb;\n"
             "shared reference §1, tolerance ±3 %%). darkreach defaults: Tsai elastic form factor on the nucleus,\n"
             "the inelastic (linear proton) term on a free proton that recoils (quasi-elastic). Cells: ratio\n"
             "darkreach/DMG4; **bold** outside ±3 %%.\n\n");
  char line[1024];
  int within = 0, total = 0, within_light = 0, total_light = 0, within_1 = 0, total_1 = 0;
  fprintf(o, "| m [MeV] | 20 | 40 | 60 | 80 | 100 | 120 | 140 | 160 GeV |\n|---|---|---|---|---|---|---|---|---|\n");
  while (fgets(line, sizeof line, f)) {
    if (line[0] == '#' || line[0] == 'm') continue;
    char *s = line;
    double mMeV = strtod(s, &s);
    if (mMeV < 2) continue;
    fprintf(o, "| %g |", mMeV);
    for (int c = 0; c < 8; c++) {
      double ref = strtod(s + 1, &s), E = 20.0 * (c + 1);
      if (mMeV * 1e-3 >= E - DR_M_E) {
        fprintf(o, " - |");
        continue;
      }
      double v = sig(DR_MODEL_VECTOR, "e-", E, mMeV * 1e-3, "Pb", DR_METHOD_ETL, DR_TMAX_MX2, DR_INEL_LINEAR, NULL);
      double r = v / ref;
      int ok = fabs(r - 1) <= 0.03;
      within += ok, total++;
      if (mMeV * 1e-3 / E <= 0.02) within_light += ok, total_light++;
      if (mMeV <= 1000) within_1 += ok, total_1++;
      fprintf(o, ok ? " %.3f |" : " **%.3f** |", r);
    }
    fprintf(o, "\n");
    fflush(o);
  }
  fclose(f);
  fprintf(o, "\nWithin ±3 %%: %d of %d points; with m/E0 <= 0.02: %d of %d; with m <= 1 GeV (the mass range of\n"
             "DMG4's K-factor table as the derivation note FORMULARY Part II §2.2 quotes it; one public version runs to 3 GeV, see\n"
             "below): %d of %d.\n\n", within, total, within_light, total_light,
          within_1, total_1);
  fprintf(o, "### Where it differs: large m/E0, where the inelastic term and the reference's K fit take over\n\n"
             "At large m/E0 the momentum transfer t_min ~ (m^2/2E0)^2 exceeds the nuclear form-factor scale\n"
             "d = 0.164 A^-2/3 GeV^2, the coherent (elastic) term is suppressed and the inelastic Z-proton term\n"
             "dominates. How that term recoils then matters: on a free proton (default) or, as in the Liu-Miller\n"
             "treatment (derivation note FORMULARY Part II §2.3, §8 item 7), on the whole nucleus, which lets the proton absorb\n"
             "t ~ 1 GeV^2 without paying its recoil energy. The last column gives WW against ETL there, for scale:\n\n"
             "| E [GeV] | m [GeV] | el + inel, proton recoil / DMG4 | el + inel, nucleus recoil / DMG4 | elastic only / DMG4 | WW(t_max=E^2) / ETL |\n"
             "|---|---|---|---|---|---|\n");
  const double big[][2] = {{20, 1}, {20, 2}, {20, 3}, {40, 3}, {80, 3}, {160, 3}};
  const double refs[6] = {0.0191653, 9.49002e-05, 1.71034e-06, 3.15815e-05, 0.000370717, 0.0023262};
  for (int i = 0; i < 6; i++) {
    double a = sig(DR_MODEL_VECTOR, "e-", big[i][0], big[i][1], "Pb", DR_METHOD_ETL, DR_TMAX_MX2, DR_INEL_LINEAR, NULL);
    RECOIL = DR_RECOIL_NUCLEUS;
    double n = sig(DR_MODEL_VECTOR, "e-", big[i][0], big[i][1], "Pb", DR_METHOD_ETL, DR_TMAX_MX2, DR_INEL_LINEAR, NULL);
    RECOIL = DR_RECOIL_PROTON;
    double b = sig(DR_MODEL_VECTOR, "e-", big[i][0], big[i][1], "Pb", DR_METHOD_ETL, DR_TMAX_MX2, DR_INEL_NONE, NULL);
    double w = sig(DR_MODEL_VECTOR, "e-", big[i][0], big[i][1], "Pb", DR_METHOD_WW, DR_TMAX_E2, DR_INEL_LINEAR, NULL);
    fprintf(o, "| %g | %g | %.3f | %.3f | %.3f | %.2f |\n", big[i][0], big[i][1], a / refs[i], n / refs[i], b / refs[i],
            w / a);
  }
  fprintf(o, "\nWhat the reference is there. DMG4's `TotalCrossSectionCalc` (`src/DarkMatter/DarkPhotons.cc`)\n"
             "returns its analytic leading-log IWW cross section (elastic chi only, t_max = m^2) divided by a\n"
             "K-factor table (`KFactors.code`), and the `.inc` file is that function's output (its test compares\n"
             "the two at 0.5 %%). Public versions of the K table differ: one stops at 1 GeV (K held at the 1 GeV\n"
             "row above it), one runs to 3 GeV and multiplies every K by 1.1. Re-evaluating the analytic formula\n"
             "with the 3 GeV rows and no factor 1.1 gives the reference file to ~2 %% at 20 GeV, 1-3 GeV, so\n"
             "above 1 GeV the reference is a K-factor fit, and which form factor (elastic only, as DMG4's analytic\n"
             "chi, or with a proton term, and with which recoil) entered the CalcHEP runs behind the fit is not\n"
             "stated. The reference lies between darkreach's elastic-only and elastic + inelastic results for\n"
             "either recoil; the misses above are a statement about the inelastic term and the fit, not about ETL.\n");
  fprintf(o, "\n## 2. Scalar, pseudoscalar, axial, vector at 100 GeV on Pb (pb, g = 1e-4 e)\n\n"
             "Reference: shared reference §1 table (DMG4 `Dark*SigmaTotETL.inc`). The 1 MeV row is DMG4's\n"
             "x > 0.01 convention; darkreach integrates the full x range there, so it is shown, not judged.\n\n"
             "| m | model | darkreach | DMG4 | ratio |\n|---|---|---|---|---|\n");
  const double ms[4] = {0.001, 0.01, 0.1, 1.0};
  const double ref[4][4] = {{212418, 59580.5, 50829.2, 309774},
                            {8486.3, 3055.64, 3046.74, 8563.1},
                            {106.04, 43.689, 43.7212, 106.053},
                            {0.191974, 0.0833825, 0.0834482, 0.191974}};
  for (int i = 0; i < 4; i++)
    for (int m = 0; m < 4; m++) { /* vector, scalar, pseudoscalar, axial: the DMG4 table's columns */
      double v = sig((dr_model_kind)m, "e-", 100, ms[i], "Pb", DR_METHOD_ETL, DR_TMAX_MX2, DR_INEL_LINEAR, NULL);
      double r = v / ref[i][m];
      fprintf(o, "| %g MeV | %s | %.5g | %.6g | %s%.3f%s |\n", ms[i] * 1e3, dr_model_info_get((dr_model_kind)m)->name, v,
              ref[i][m], (i > 0 && fabs(r - 1) > 0.03) ? "**" : "", r, (i > 0 && fabs(r - 1) > 0.03) ? "**" : "");
    }
  fprintf(o, "\n## 3. Muons, 160 GeV on Pb\n\n"
             "Expected (derivation note FORMULARY Part II §2.4): the muon mass screens the forward region, so WW (theta-integrated,\n"
             "t_max = E^2) agrees with ETL to ~1 %%; IWW overestimates (13 %%, 26 %%, 81 %% at 10 MeV, 100 MeV, 1 GeV).\n\n"
             "| model | m [GeV] | ETL [pb] | WW(E^2)/ETL | IWW(E^2)/ETL |\n|---|---|---|---|---|\n");
  const double mm[3] = {0.01, 0.1, 1.0};
  for (int k = 0; k < 2; k++)
    for (int i = 0; i < 3; i++) {
      dr_model_kind md = k ? DR_MODEL_AXIAL : DR_MODEL_VECTOR;
      double v = sig(md, "mu-", 160, mm[i], "Pb", DR_METHOD_ETL, DR_TMAX_MX2, DR_INEL_LINEAR, NULL);
      double w = sig(md, "mu-", 160, mm[i], "Pb", DR_METHOD_WW, DR_TMAX_E2, DR_INEL_LINEAR, NULL);
      double iw = sig(md, "mu-", 160, mm[i], "Pb", DR_METHOD_IWW, DR_TMAX_E2, DR_INEL_LINEAR, NULL);
      fprintf(o, "| %s | %g | %.5g | %.3f | %.3f |\n", dr_model_info_get(md)->name, mm[i], v, w / v, iw / v);
    }
  fprintf(o, "\n## 4. Electrons at LDMX energies on tungsten (vector)\n\n"
             "Expected (Part II §2.4): WW(t_max = E^2)/ETL = 1.46-1.6 at 8 GeV for m <= 0.1 GeV, ~2.5 at 1 GeV.\n\n"
             "| E [GeV] | m [GeV] | ETL [pb] | WW(m^2)/ETL | WW(E^2)/ETL | IWW/ETL |\n|---|---|---|---|---|---|\n");
  const double ml[4] = {0.001, 0.01, 0.1, 1.0};
  for (int k = 0; k < 2; k++)
    for (int i = 0; i < 4; i++) {
      double E = k ? 8 : 4;
      double v = sig(DR_MODEL_VECTOR, "e-", E, ml[i], "W", DR_METHOD_ETL, DR_TMAX_MX2, DR_INEL_LINEAR, NULL);
      double w1 = sig(DR_MODEL_VECTOR, "e-", E, ml[i], "W", DR_METHOD_WW, DR_TMAX_MX2, DR_INEL_LINEAR, NULL);
      double w2 = sig(DR_MODEL_VECTOR, "e-", E, ml[i], "W", DR_METHOD_WW, DR_TMAX_E2, DR_INEL_LINEAR, NULL);
      double iw = sig(DR_MODEL_VECTOR, "e-", E, ml[i], "W", DR_METHOD_IWW, DR_TMAX_MX2, DR_INEL_LINEAR, NULL);
      fprintf(o, "| %g | %g | %.5g | %.3f | %.3f | %.3f |\n", E, ml[i], v, w1 / v, w2 / v, iw / v);
    }
  /* ---- dark moments ([arXiv:2502.13635] Lagrangian 2.1) ---- */
  fprintf(o, "\n## 5. Dark moments (magnetic, electric dipole, charge radius, anapole)\n\n"
             "Magnetic dipole, g_f = 1 GeV^-1, against an independent nested-quadrature ETL code (shared reference §6;\n"
             "its inelastic form-factor term is on the nucleus vertex, so darkreach runs with `--inel-recoil nucleus`\n"
             "here). Tolerance of the reference: 3 %%. The electric dipole differs only by lepton-mass terms.\n\n"
             "| process | reference [pb] | ETL [pb] | ETL/ref | electric/magnetic |\n|---|---|---|---|---|\n");
  {
    const struct {
      const char *beam, *label;
      double E, m, xmin, ref;
    } mp[3] = {{"e-", "e- 100 GeV Pb, m = 0.1 GeV", 100, 0.1, 0, 1.1207e8},
               {"e-", "e- 100 GeV Pb, m = 1 GeV", 100, 1.0, 0, 1.3052e7},
               {"mu-", "mu- 160 GeV Pb, m = 1 GeV, x > 0.5", 160, 1.0, 0.5, 9.676e6}};
    for (int i = 0; i < 3; i++) {
      double v[2];
      for (int k = 0; k < 2; k++) {
        dr_process p = proc(k ? DR_MODEL_ELECTRIC_DIPOLE : DR_MODEL_MAGNETIC_DIPOLE, mp[i].beam, mp[i].E, mp[i].m,
                            "Pb", DR_INEL_LINEAR);
        p.coupling = 1;
        p.inel_recoil = DR_RECOIL_NUCLEUS;
        dr_xsec_opts xo = dr_xsec_opts_default();
        xo.etl_rel_tol = PREC;
        dr_estimate s;
        dr_error e;
        dr_error_clear(&e);
        dr_sigma(&p, &xo, mp[i].xmin, 1, NULL, &s, &e);
        v[k] = s.val * DR_GEV2_TO_PB;
      }
      fprintf(o, "| %s | %.5g | %.5g | %s%.4f%s | %.4f |\n", mp[i].label, mp[i].ref, v[0],
              fabs(v[0] / mp[i].ref - 1) > 0.03 ? "**" : "", v[0] / mp[i].ref,
              fabs(v[0] / mp[i].ref - 1) > 0.03 ? "**" : "", v[1] / v[0]);
    }
  }
  fprintf(o, "\nWW against ETL where WW holds: 160 GeV mu- on Pb with the A' within theta < 0.3 (derivation note FORMULARY Part II\n"
             "§2.5 finds WW/ETL = 0.997-0.999 at 0.1 GeV). WW with chi's t_max = m^2 + m_l^2 (the default) and E^2.\n\n"
             "| model | m [GeV] | ETL [pb] | WW(m^2)/ETL | WW(E^2)/ETL |\n|---|---|---|---|---|\n");
  {
    const dr_model_kind mk[4] = {DR_MODEL_MAGNETIC_DIPOLE, DR_MODEL_ELECTRIC_DIPOLE, DR_MODEL_CHARGE_RADIUS,
                                 DR_MODEL_ANAPOLE};
    const double mw[2] = {0.1, 1.0};
    dr_xsec_ws *w = dr_xsec_ws_alloc();
    for (int k = 0; k < 4; k++)
      for (int i = 0; i < 2; i++) {
        dr_process p = proc(mk[k], "mu-", 160, mw[i], "Pb", DR_INEL_LINEAR);
        p.coupling = 1;
        dr_xsec_opts xo = dr_xsec_opts_default();
        xo.etl_rel_tol = PREC;
        xo.theta_max = 0.3;
        dr_estimate s, ww[2];
        dr_error e;
        dr_error_clear(&e);
        dr_sigma(&p, &xo, 0, 1, NULL, &s, &e);
        xo.method = DR_METHOD_WW;
        for (int t = 0; t < 2; t++) {
          xo.tmax = t ? DR_TMAX_E2 : DR_TMAX_MX2;
          dr_sigma(&p, &xo, 0, 1, w, &ww[t], &e);
        }
        fprintf(o, "| %s | %g | %.5g | %.4f | %.4f |\n", dr_model_name(mk[k]), mw[i], s.val * DR_GEV2_TO_PB,
                ww[0].val / s.val, ww[1].val / s.val);
      }
    dr_xsec_ws_free(w);
  }
  fprintf(o, "\n## 6. Reach against published limits (dark photon)\n\n"
             "darkreach's reach (ETL 1 %%, the cards in data/experiments) over the published curves of data/limits/"
             "dark_photon (sources in its README), interpolated log-log. Ratio = darkreach eps / published eps; "
             "**bold** outside the goal (invisible: 25 %%; E137 edges: 50 %%). 'primary only' is the same card with "
             "Tsai's primary-electron spectrum instead of the shower (reach --primary-only). The efficiencies of the "
             "NA64 papers could not be read here: the cards keep 1, so the invisible curves are efficiency-1 bounds "
             "and sit below the published ones by 1/sqrt(efficiency).\n");
  {
    const double m_na64[] = {0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.15, 0.2, 0.225, 0.25, 0.275, 0.3, 0.4, 0.6};
    const int nn = (int)(sizeof m_na64 / sizeof m_na64[0]);
    invisible_table(o, argv[1], "na64e_2019", "na64e_invisible_2019.csv", m_na64, nn, 0.25);
    invisible_table(o, argv[1], "na64e", "na64e_invisible_2023.csv", m_na64, nn, 0.25);
    const double m_mu[] = {0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1.0};
    invisible_table(o, argv[1], "na64mu", "na64mu_invisible_2022.csv", m_mu, (int)(sizeof m_mu / sizeof m_mu[0]),
                    0.25);
    const double m_e137[] = {0.002, 0.003, 0.005, 0.01, 0.02, 0.03, 0.05, 0.07, 0.1, 0.15, 0.2, 0.3};
    e137_table(o, argv[1], m_e137, (int)(sizeof m_e137 / sizeof m_e137[0]));
  }
  fprintf(o, "\n(%ld s on this machine.)\n", (long)(time(NULL) - t0));
  fclose(o);
  printf("wrote %s\n", argv[2]);
  return 0;
}
