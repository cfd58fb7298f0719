/* Experiment cards: INI -> dr_experiment, with validation. Keys and their
 * meaning: data/experiments/README.md. */
#include "darkreach/exp.h"
#include "darkreach/constants.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *dr_target_kind_name(dr_target_kind k) {
  return k == DR_TARGET_THIN ? "thin" : k == DR_TARGET_THICK ? "thick" : "active";
}

const char *dr_signature_name(dr_signature s) { return s == DR_SIG_VISIBLE ? "visible" : "invisible"; }

int dr_experiment_is_approximate(const dr_experiment *x) {
  return x->target_kind != DR_TARGET_THIN && x->track != DR_TRACK_SHOWER;
}

static void copy_str(char *dst, size_t n, const char *src) {
  snprintf(dst, n, "%s", src ? src : "");
}

static void file_stem(const char *path, char *out, size_t n) {
  const char *b = strrchr(path, '/');
  b = b ? b + 1 : path;
  copy_str(out, n, b);
  char *dot = strrchr(out, '.');
  if (dot) *dot = '\0';
}

/* optional double with a default */
static int opt_double(dr_card *c, const char *sec, const char *key, double def, double *out,
                      dr_error *e) {
  int rc = dr_card_get_double(c, sec, key, out, e);
  if (rc == DR_EINVAL) {
    *out = def;
    return DR_OK;
  }
  return rc;
}

/* [signal] efficiency_table: a CSV "mass_gev,efficiency" beside the card (or an absolute path) */
static int read_efficiency_table(const char *card, const char *name, dr_experiment *x, dr_error *e) {
  char path[1024];
  const char *slash = strrchr(card, '/');
  if (name[0] == '/' || !slash) snprintf(path, sizeof path, "%s", name);
  else snprintf(path, sizeof path, "%.*s/%s", (int)(slash - card), card, name);
  copy_str(x->efficiency_table, sizeof x->efficiency_table, path);
  FILE *f = fopen(path, "r");
  if (!f) return DR_FAIL(e, DR_EIO, "%s: [signal] efficiency_table: cannot read '%s'", card, path);
  char line[512];
  int ln = 0, header = 0, rc = DR_OK;
  while (rc == DR_OK && fgets(line, sizeof line, f)) {
    ln++;
    if (line[0] == '#' || line[strspn(line, " \t\r\n")] == 0) continue;
    if (!header) {
      header = 1;
      if (strncmp(line, "mass_gev,efficiency", 19) != 0)
        rc = DR_FAIL(e, DR_EPARSE, "%s:%d: expected the header 'mass_gev,efficiency'", path, ln);
      continue;
    }
    char *end;
    double m = strtod(line, &end), v = *end == ',' ? strtod(end + 1, &end) : NAN;
    if (!(m > 0) || !(v > 0 && v <= 1) || end[strspn(end, " \t\r\n")] != 0)
      rc = DR_FAIL(e, DR_EPARSE, "%s:%d: not 'mass_gev,efficiency' with mass > 0 and 0 < efficiency <= 1", path, ln);
    else if (x->n_eff == DR_EFF_MAX)
      rc = DR_FAIL(e, DR_EPARSE, "%s: more than %d rows", path, DR_EFF_MAX);
    else if (x->n_eff > 0 && !(m > x->eff_m[x->n_eff - 1]))
      rc = DR_FAIL(e, DR_EPARSE, "%s:%d: masses must increase", path, ln);
    else
      x->eff_m[x->n_eff] = m, x->eff_v[x->n_eff++] = v;
  }
  fclose(f);
  if (rc == DR_OK && x->n_eff < 1) rc = DR_FAIL(e, DR_EPARSE, "%s: no rows", path);
  return rc;
}

double dr_experiment_efficiency(const dr_experiment *x, double mass) {
  if (x->n_eff < 1) return x->efficiency;
  if (mass <= x->eff_m[0]) return x->eff_v[0];
  if (mass >= x->eff_m[x->n_eff - 1]) return x->eff_v[x->n_eff - 1];
  int i = 1;
  while (x->eff_m[i] < mass) i++;
  double t = log(mass / x->eff_m[i - 1]) / log(x->eff_m[i] / x->eff_m[i - 1]); /* linear in ln m */
  return x->eff_v[i - 1] + t * (x->eff_v[i] - x->eff_v[i - 1]);
}

#define CHECK(expr)                                                                                \
  do {                                                                                             \
    if ((rc = (expr)) != DR_OK) goto cleanup;                                                      \
  } while (0)

static int bad_value(dr_error *e, const char *path, const char *key, const char *why, double v) {
  return DR_FAIL(e, DR_EINVAL, "%s: key %s: %s (got %g)", path, key, why, v);
}

int dr_experiment_load(const char *path, dr_experiment *x, dr_error *e) {
  memset(x, 0, sizeof *x);
  dr_card *c = dr_card_read(path, e);
  if (!c) return e && e->status ? e->status : DR_EIO;
  int rc = dr_experiment_from_card(c, x, e);
  dr_card_free(c);
  return rc;
}

int dr_experiment_from_card(dr_card *c, dr_experiment *x, dr_error *e) {
  memset(x, 0, sizeof *x);
  const char *path = dr_card_path(c);
  int rc = DR_OK;
  const char *s = NULL;
  file_stem(path, x->id, sizeof x->id);

  CHECK(dr_card_need_string(c, "experiment", "name", &s, e));
  copy_str(x->name, sizeof x->name, s);
  CHECK(dr_card_need_string(c, "experiment", "source", &s, e));
  copy_str(x->source, sizeof x->source, s);
  if (dr_card_get_string(c, "experiment", "approximations", &s, e) == DR_OK)
    copy_str(x->approximations, sizeof x->approximations, s);

  CHECK(dr_card_need_string(c, "beam", "particle", &s, e));
  if ((rc = dr_beam_parse(s, &x->beam, e)) != DR_OK) {
    DR_FAIL(e, rc, "%s: key [beam] particle", path);
    goto cleanup;
  }
  CHECK(dr_card_need_double(c, "beam", "energy_gev", &x->energy, e));
  if (!(x->energy > x->beam.mass)) {
    rc = bad_value(e, path, "[beam] energy_gev", "must exceed the beam particle's mass", x->energy);
    goto cleanup;
  }
  CHECK(dr_card_need_double(c, "beam", "lot", &x->lot, e));
  if (!(x->lot > 0)) {
    rc = bad_value(e, path, "[beam] lot", "leptons on target must be positive", x->lot);
    goto cleanup;
  }
  if (dr_card_get_string(c, "beam", "lot_projected", &s, e) == DR_OK)
    copy_str(x->lot_projected, sizeof x->lot_projected, s);

  CHECK(dr_card_need_string(c, "target", "material", &s, e));
  x->material = dr_material_find(s);
  if (!x->material) {
    char list[128];
    rc = DR_FAIL(e, DR_EINVAL, "%s: key [target] material: unknown material '%s' (known: %s)", path, s,
                 dr_material_list(list, sizeof list));
    goto cleanup;
  }
  CHECK(dr_card_need_string(c, "target", "kind", &s, e));
  if (strcmp(s, "thin") == 0) x->target_kind = DR_TARGET_THIN;
  else if (strcmp(s, "thick") == 0) x->target_kind = DR_TARGET_THICK;
  else if (strcmp(s, "active") == 0) x->target_kind = DR_TARGET_ACTIVE;
  else {
    rc = DR_FAIL(e, DR_EPARSE, "%s: key [target] kind: '%s' is not thin, thick or active", path, s);
    goto cleanup;
  }
  CHECK(dr_card_need_double(c, "target", "thickness_x0", &x->thickness_x0, e));
  if (!(x->thickness_x0 > 0)) {
    rc = bad_value(e, path, "[target] thickness_x0", "must be positive", x->thickness_x0);
    goto cleanup;
  }
  x->track = DR_TRACK_EFFECTIVE;
  s = "effective";
  dr_card_get_string(c, "target", "track_length", &s, e);
  if (strcmp(s, "tsai") == 0) x->track = DR_TRACK_TSAI;
  else if (strcmp(s, "shower") == 0) x->track = DR_TRACK_SHOWER;
  else if (strcmp(s, "effective") != 0) {
    rc = DR_FAIL(e, DR_EPARSE, "%s: key [target] track_length: '%s' is not effective, tsai or shower", path, s);
    goto cleanup;
  }
  {
    double n = 20000, seed = 1;
    CHECK(opt_double(c, "target", "showers", n, &n, e));
    CHECK(opt_double(c, "target", "shower_seed", seed, &seed, e));
    if (!(n >= 100 && n <= 1e8 && n == floor(n)) || !(seed >= 0 && seed < 9e15 && seed == floor(seed))) {
      rc = bad_value(e, path, "[target] showers/shower_seed", "need 100 <= showers <= 1e8 and an integer seed >= 0",
                     n);
      goto cleanup;
    }
    x->shower_n = (long)n;
    x->shower_seed = (uint64_t)seed;
    x->shower_ready = 0;
  }
  if (x->track != DR_TRACK_EFFECTIVE) {
    if (x->target_kind == DR_TARGET_THIN || x->beam.flavour != 0) {
      rc = DR_FAIL(e, DR_EINVAL,
                   "%s: key [target] track_length: %s is for thick or active targets and e-/e+ beams", path,
                   dr_track_name(x->track));
      goto cleanup;
    }
    x->effective_thickness_x0 = NAN; /* the yield integrates the track-length spectrum */
  } else if (x->target_kind == DR_TARGET_THIN) {
    x->effective_thickness_x0 = x->thickness_x0;
  } else {
    CHECK(dr_card_need_double(c, "target", "effective_thickness_x0", &x->effective_thickness_x0, e));
    if (!(x->effective_thickness_x0 > 0) || x->effective_thickness_x0 > x->thickness_x0) {
      rc = bad_value(e, path, "[target] effective_thickness_x0",
                     "must be positive and at most thickness_x0", x->effective_thickness_x0);
      goto cleanup;
    }
  }

  CHECK(dr_card_need_double(c, "signal", "x_th", &x->x_th, e));
  CHECK(opt_double(c, "signal", "x_max", 1.0, &x->x_max, e));
  if (!(x->x_th >= 0 && x->x_th < x->x_max && x->x_max <= 1)) {
    rc = bad_value(e, path, "[signal] x_th", "need 0 <= x_th < x_max <= 1", x->x_th);
    goto cleanup;
  }
  if (x->track != DR_TRACK_EFFECTIVE && !(x->x_th >= 1e-3)) {
    rc = bad_value(e, path, "[signal] x_th", "track_length = tsai or shower needs x_th >= 0.001", x->x_th);
    goto cleanup;
  }
  x->efficiency = NAN;
  CHECK(opt_double(c, "signal", "efficiency", NAN, &x->efficiency, e));
  x->n_eff = 0;
  if (dr_card_get_string(c, "signal", "efficiency_table", &s, e) == DR_OK) {
    if (!isnan(x->efficiency)) {
      rc = DR_FAIL(e, DR_EINVAL, "%s: [signal] efficiency and efficiency_table: give one of them", path);
      goto cleanup;
    }
    CHECK(read_efficiency_table(path, s, x, e));
    x->efficiency = x->eff_v[0];
  } else if (isnan(x->efficiency)) {
    x->efficiency = 1.0;
  }
  if (!(x->efficiency > 0 && x->efficiency <= 1)) {
    rc = bad_value(e, path, "[signal] efficiency", "must be in (0, 1]", x->efficiency);
    goto cleanup;
  }
  {
    const char *r = "yes";
    x->resonance = 1;
    if (dr_card_get_string(c, "signal", "resonant_annihilation", &r, e) == DR_OK) {
      if (strcmp(r, "no") == 0) x->resonance = 0;
      else if (strcmp(r, "yes") != 0) {
        rc = DR_FAIL(e, DR_EPARSE, "%s: key [signal] resonant_annihilation: '%s' is not yes or no", path, r);
        goto cleanup;
      }
    }
  }
  x->efficiency_source[0] = 0;
  if (dr_card_get_string(c, "signal", "efficiency_source", &s, e) == DR_OK)
    copy_str(x->efficiency_source, sizeof x->efficiency_source, s);
  CHECK(opt_double(c, "signal", "cl", 0.90, &x->cl, e));
  if (!(x->cl > 0 && x->cl < 1)) {
    rc = bad_value(e, path, "[signal] cl", "confidence level must be in (0, 1)", x->cl);
    goto cleanup;
  }
  /* the limit: zero-background 2.3/3 events, or CLs/Feldman-Cousins with background and observed events */
  {
    double nobs = 0;
    CHECK(opt_double(c, "signal", "background", 0.0, &x->background, e));
    CHECK(opt_double(c, "signal", "observed", 0.0, &nobs, e));
    if (!(x->background >= 0 && x->background < 1e5) || !(nobs >= 0 && nobs <= 1e5 && nobs == floor(nobs))) {
      rc = bad_value(e, path, "[signal] background/observed",
                     "need 0 <= background < 1e5 and an integer number of observed events", x->background);
      goto cleanup;
    }
    x->observed = (int)nobs;
    x->limit_method = x->background > 0 || x->observed > 0 ? DR_LIMIT_CLS : DR_LIMIT_ZERO_BKG;
    if (dr_card_get_string(c, "signal", "limit", &s, e) == DR_OK && dr_limit_method_parse(s, &x->limit_method, e) != DR_OK) {
      rc = DR_FAIL(e, DR_EPARSE, "%s: key [signal] limit: '%s' is not zero-background, cls or feldman-cousins", path, s);
      goto cleanup;
    }
    if (dr_poisson_upper(x->limit_method, x->observed, x->background, x->cl, &x->s_up, e) != DR_OK) {
      char msg[sizeof e->msg];
      snprintf(msg, sizeof msg, "%s", e->msg);
      rc = DR_FAIL(e, DR_EINVAL, "%s: [signal]: %s", path, msg);
      goto cleanup;
    }
  }
  s = "invisible";
  dr_card_get_string(c, "signal", "signature", &s, e);
  if (strcmp(s, "invisible") == 0) x->signature = DR_SIG_INVISIBLE;
  else if (strcmp(s, "visible") == 0) x->signature = DR_SIG_VISIBLE;
  else {
    rc = DR_FAIL(e, DR_EPARSE, "%s: key [signal] signature: '%s' is not invisible or visible", path, s);
    goto cleanup;
  }
  if (x->signature == DR_SIG_VISIBLE) {
    CHECK(dr_card_need_double(c, "decay", "shield_m", &x->shield_m, e));
    CHECK(dr_card_need_double(c, "decay", "decay_m", &x->decay_m, e));
    if (!(x->shield_m >= 0 && x->decay_m > 0)) {
      rc = bad_value(e, path, "[decay] decay_m", "need shield_m >= 0 and decay_m > 0", x->decay_m);
      goto cleanup;
    }
    x->detector_halfwidth_m = NAN;
    CHECK(opt_double(c, "decay", "detector_halfwidth_m", NAN, &x->detector_halfwidth_m, e));
    if (!isnan(x->detector_halfwidth_m) && !(x->detector_halfwidth_m > 0)) {
      rc = bad_value(e, path, "[decay] detector_halfwidth_m", "must be positive (half the side of a square detector)",
                     x->detector_halfwidth_m);
      goto cleanup;
    }
  }

  s = x->signature == DR_SIG_VISIBLE ? "none" : "complex-scalar";
  dr_card_get_string(c, "dark_sector", "dm", &s, e);
  if ((rc = dr_dm_parse(s, &x->dm, e)) != DR_OK) {
    DR_FAIL(e, rc, "%s: key [dark_sector] dm", path);
    goto cleanup;
  }
  CHECK(opt_double(c, "dark_sector", "alpha_d", 0.5, &x->alpha_d, e));
  CHECK(opt_double(c, "dark_sector", "mass_ratio", 3.0, &x->mass_ratio, e));
  CHECK(opt_double(c, "dark_sector", "delta", 0.1, &x->delta, e));
  if (!(x->alpha_d > 0) || !(x->mass_ratio > 0)) {
    rc = bad_value(e, path, "[dark_sector] alpha_d/mass_ratio", "must be positive", x->alpha_d);
    goto cleanup;
  }
  /* inelastic dark matter with an invisible signature: chi_2 must decay beyond this distance */
  CHECK(opt_double(c, "dark_sector", "chi2_escape_m", NAN, &x->chi2_escape_m, e));
  if (!isnan(x->chi2_escape_m) &&
      (!(x->chi2_escape_m > 0) || x->dm != DR_DM_PSEUDO_DIRAC || x->signature != DR_SIG_INVISIBLE)) {
    rc = bad_value(e, path, "[dark_sector] chi2_escape_m",
                   "must be positive, with dm = pseudo-dirac and an invisible signature", x->chi2_escape_m);
    goto cleanup;
  }

  /* [mesons]: yields per lepton on target, with their source (mesons.h); computed when absent */
  {
    static const char *const keys[DR_N_MESONS] = {"rho", "omega", "phi", "jpsi"};
    int given = 0;
    for (int m = 0; m < DR_N_MESONS; m++) {
      double v = NAN;
      CHECK(opt_double(c, "mesons", keys[m], NAN, &v, e));
      if (!isnan(v)) {
        given = 1;
        if (!(v >= 0)) {
          char key[32];
          snprintf(key, sizeof key, "[mesons] %s", keys[m]);
          rc = bad_value(e, path, key, "must be >= 0 (mesons per lepton on target)", v);
          goto cleanup;
        }
      }
      x->meson_per_lot[m] = isnan(v) ? 0 : v;
    }
    x->meson_yields = given ? DR_MESONS_CARD : DR_MESONS_UNSET;
    const char *src = NULL;
    dr_card_get_string(c, "mesons", "source", &src, e);
    if (given && !src) {
      rc = DR_FAIL(e, DR_EPARSE, "%s: key [mesons] source is required with meson yields (where they come from)",
                   path);
      goto cleanup;
    }
    if (src && !given) {
      rc = DR_FAIL(e, DR_EPARSE, "%s: [mesons] has a source but no yield (rho, omega, phi, jpsi)", path);
      goto cleanup;
    }
    snprintf(x->meson_source, sizeof x->meson_source, "%s", src ? src : "");
  }

  CHECK(opt_double(c, "scan", "mass_min_gev", 1e-3, &x->mass_min, e));
  CHECK(opt_double(c, "scan", "mass_max_gev", 0.5 * x->energy, &x->mass_max, e));
  double pts = 60;
  CHECK(opt_double(c, "scan", "points", 60, &pts, e));
  /* the range first: a double beyond int's is undefined behaviour to convert */
  int pts_ok = pts >= 1 && pts <= 100000 && pts == floor(pts);
  x->points = pts_ok ? (int)pts : 0;
  if (!(x->mass_min > 0 && x->mass_max > x->mass_min) || !pts_ok) {
    rc = bad_value(e, path, "[scan]", "need 0 < mass_min_gev < mass_max_gev and 1 <= points <= 100000 (integer)",
                   pts);
    goto cleanup;
  }
  rc = dr_card_check_unused(c, e);
cleanup:
  return rc;
}

double dr_poisson_upper_zero_bkg(double cl) { return -log1p(-cl); }

double dr_experiment_acceptance(const dr_experiment *x, double m, double E) {
  if (x->signature != DR_SIG_VISIBLE || !(x->detector_halfwidth_m > 0)) return 1.0;
  if (!(E > m)) return 0.0;
  double E0 = x->energy, D = x->shield_m + x->decay_m;
  double emit = fmax(sqrt(m * DR_M_E) / E0, pow(m / E0, 1.5)); /* [Bjorken:2009mm] */
  double ms = 0.0136 / E;                                      /* Highland, one X0 */
  double dec = m / E * 0.5 * x->decay_m / D;                   /* daughters from mid-volume */
  double sig = sqrt(emit * emit + ms * ms + dec * dec);
  double a = erf(x->detector_halfwidth_m / (D * sig * M_SQRT2));
  return a * a;
}

int dr_experiment_efficiency_assumed(const dr_experiment *x) { return x->efficiency_source[0] == 0; }

double dr_experiment_luminosity_cm2(const dr_experiment *x) {
  return x->lot * dr_material_atoms_per_cm3(x->material) * x->material->x0_cm;
}

const char *dr_track_name(dr_track_model t) {
  return t == DR_TRACK_TSAI ? "tsai" : t == DR_TRACK_SHOWER ? "shower" : "effective";
}
