/* One-dimensional electromagnetic cascade Monte Carlo (formulas, sources and
 * checks in include/darkreach/shower.h). */
#include "darkreach/shower.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "darkreach/constants.h"
#include "darkreach/vegas.h"

enum { BLOCK = 64 }; /* showers per block: the unit of the fixed-order sum */
static const double Y_SOFT = 1e-4; /* brems with k < Y_SOFT E is a continuous loss */

static const double R_E_CM = 2.8179403262e-13; /* classical electron radius [cm] */

double dr_shower_critical_energy(const dr_material *m) { return 0.610 / (m->Z + 1.24); }

dr_shower_spec dr_shower_spec_default(const dr_material *m, double E0) {
  dr_shower_spec s;
  memset(&s, 0, sizeof s);
  s.material = m;
  s.primary = DR_SHOWER_ELECTRON;
  s.E0 = E0;
  s.thickness_x0 = 40;
  s.ec = NAN;
  s.n_bins = 200;
  s.y_max = log(1e3);
  s.e_cut = s.k_cut = E0 * exp(-s.y_max);
  s.n_showers = 10000;
  s.seed = 1;
  return s;
}

/* ---- cross sections per X0 ---- */
/* discrete bremsstrahlung with y = k/E in [yc, 1]: int (4/3 - 4/3 y + y^2)/y dy */
static double brem_rate(double yc) {
  if (!(yc < 1)) return 0;
  return 4.0 / 3 * log(1 / yc) - 4.0 / 3 * (1 - yc) + 0.5 * (1 - yc * yc);
}

/* Klein-Nishina per electron [cm^2], kappa = k/m_e */
static double sigma_kn(double kap) {
  double l = log1p(2 * kap), a = 1 + 2 * kap;
  if (kap < 1e-3) return 8 * DR_PI / 3 * R_E_CM * R_E_CM * (1 - 2 * kap); /* Thomson limit */
  return 2 * DR_PI * R_E_CM * R_E_CM *
         ((1 + kap) / (kap * kap) * (2 * (1 + kap) / a - l / kap) + l / (2 * kap) - (1 + 3 * kap) / (a * a));
}

/* Heitler's in-flight annihilation per electron [cm^2], g = E/m_e */
static double sigma_ann(double g) {
  if (!(g > 1 + 1e-9)) g = 1 + 1e-9;
  double r = sqrt(g * g - 1);
  return DR_PI * R_E_CM * R_E_CM / (g + 1) * ((g * g + 4 * g + 1) / (g * g - 1) * log(g + r) - (g + 3) / r);
}

/* ---- one shower ---- */
typedef struct {
  int type; /* dr_shower_particle */
  double E, t;
} particle;

typedef struct {
  const dr_shower_spec *s;
  double ne_x0;    /* atomic electrons per cm^2 in one X0 */
  double ec, a;    /* continuous loss per X0: ec + a E [GeV] (ionisation; brems with y < Y_SOFT) */
  double lam_ann;  /* annihilation per X0 at e_cut: the bound for thinning */
  double dy;       /* bin width in y */
  uint64_t stream, idx;
  particle *stack;
  size_t n, cap;
  int oom;
  /* this shower's histograms and ledger */
  double *track[DR_SHOWER_SPECIES], *ytrack[DR_SHOWER_SPECIES];
  double deposited, escaped, rest_in, rest_left, charged, first_depth;
} shower;

static double uni(shower *w) { return dr_vegas_uniform(w->s->seed, w->stream, w->idx++); }

/* a secondary: onto the stack, or (primary_only, or out of memory) its energy deposited */
static void push(shower *w, int type, double E, double t) {
  if (w->s->primary_only) {
    w->deposited += E;
    return;
  }
  if (w->n == w->cap) {
    size_t cap = w->cap ? 2 * w->cap : 256;
    particle *p = realloc(w->stack, cap * sizeof *p);
    if (!p) {
      w->oom = 1;
      w->deposited += E;
      return;
    }
    w->stack = p, w->cap = cap;
  }
  w->stack[w->n++] = (particle){type, E, t};
}

/* track ds of species sp at the fixed energy E */
static void score_point(shower *w, int sp, double E, double ds) {
  double y = fmax(log(w->s->E0 / E), 0);
  int j = (int)(y / w->dy);
  if (j >= w->s->n_bins) return;
  w->track[sp][j] += ds;
  w->ytrack[sp][j] += ds * y;
}

/* depth [X0] to slow from E_hi to E_lo under dE/dt = -(ec + a E) */
static double path(const shower *w, double E_hi, double E_lo) {
  if (w->a > 0) return log((w->ec + w->a * E_hi) / (w->ec + w->a * E_lo)) / w->a;
  return (E_hi - E_lo) / w->ec;
}

/* energy after depth ds */
static double energy_after(const shower *w, double E, double ds) {
  if (w->a > 0) return (E + w->ec / w->a) * exp(-w->a * ds) - w->ec / w->a;
  return E - w->ec * ds;
}

/* track of a charged particle slowing from E_hi to E_lo; y over it taken
 * at each bin's overlap's geometric mean energy */
static void score_slowing(shower *w, int sp, double E_hi, double E_lo) {
  if (!(E_hi > E_lo)) return;
  double E0 = w->s->E0, ylo = fmax(log(E0 / E_hi), 0), yhi = log(E0 / E_lo);
  int j0 = (int)(ylo / w->dy), j1 = (int)(yhi / w->dy);
  if (j1 >= w->s->n_bins) j1 = w->s->n_bins - 1;
  for (int j = j0; j <= j1; j++) {
    /* the bin's energies [E0 e^-(j+1)dy, E0 e^-j dy] overlapped with [E_lo, E_hi] */
    double a = fmax(E_lo, E0 * exp(-(j + 1) * w->dy)), b = fmin(E_hi, E0 * exp(-j * w->dy));
    if (!(b > a)) continue;
    double d = path(w, b, a);
    w->track[sp][j] += d;
    w->ytrack[sp][j] += d * log(E0 / sqrt(a * b));
  }
}

static void transport_charged(shower *w, particle p) {
  const dr_shower_spec *s = w->s;
  int positron = p.type == DR_SHOWER_POSITRON, sp = positron ? DR_SHOWER_POSITRON : DR_SHOWER_ELECTRON;
  double E = p.E, t = p.t;
  /* thinning: the brems rate above Y_SOFT is fixed, annihilation rises as E falls, so lam bounds it */
  double lb = brem_rate(Y_SOFT), lam = lb + (positron ? w->lam_ann : 0);
  for (;;) {
    if (E <= s->e_cut) { /* stops: the rest of its range, its energy deposited */
      double rng = fmax(fmin(path(w, E, DR_M_E), s->thickness_x0 - t), 0);
      w->charged += rng;
      w->deposited += E - DR_M_E;
      if (positron) { /* annihilates at rest with an atomic electron: two photons of m_e */
        w->rest_in += DR_M_E;
        if (s->approx_a) w->deposited += 2 * DR_M_E;
        else push(w, DR_SHOWER_PHOTON, DR_M_E, t + rng), push(w, DR_SHOWER_PHOTON, DR_M_E, t + rng);
      } else {
        w->rest_left += DR_M_E;
      }
      return;
    }
    double ds = -log1p(-uni(w)) / lam;
    int stop = 0;
    double to_cut = path(w, E, s->e_cut);
    if (ds >= to_cut) ds = to_cut, stop = 1; /* reaches the cut first */
    if (t + ds >= s->thickness_x0) {         /* leaves through the back */
      double d = s->thickness_x0 - t, Eb = energy_after(w, E, d);
      score_slowing(w, sp, E, Eb);
      w->charged += d;
      w->deposited += E - Eb;
      w->escaped += Eb;
      return;
    }
    double E_new = stop ? s->e_cut : energy_after(w, E, ds);
    score_slowing(w, sp, E, E_new);
    w->charged += ds;
    w->deposited += E - E_new;
    E = E_new, t += ds;
    if (stop) continue;
    double u = uni(w) * lam;
    if (u < lb) { /* bremsstrahlung: y from dy/y on [Y_SOFT, 1], kept with (4/3 - 4/3 y + y^2)/(4/3) */
      double y;
      do y = pow(Y_SOFT, uni(w));
      while (uni(w) * (4.0 / 3) > 4.0 / 3 - 4.0 / 3 * y + y * y);
      double k = fmin(y * E, E - DR_M_E);
      E -= k;
      if (k > s->k_cut) push(w, DR_SHOWER_PHOTON, k, t);
      else w->deposited += k; /* not followed */
    } else if (positron && u < lb + w->ne_x0 * sigma_ann(E / DR_M_E)) {
      /* in flight: the hard photon takes nearly all of E + m_e (Heitler); the split is not sampled */
      w->rest_in += DR_M_E;
      push(w, DR_SHOWER_PHOTON, E + 0.5 * DR_M_E, t);
      push(w, DR_SHOWER_PHOTON, 0.5 * DR_M_E, t);
      return;
    }
  }
}

/* Klein-Nishina k'/k by Butcher and Messel's decomposition */
static double compton_eps(shower *w, double kap) {
  double e0 = 1 / (1 + 2 * kap), a1 = -log(e0), a2 = 0.5 * (1 - e0 * e0), eps, eps2, g;
  do {
    if (a1 / (a1 + a2) > uni(w)) {
      eps = exp(-a1 * uni(w));
      eps2 = eps * eps;
    } else {
      eps2 = e0 * e0 + (1 - e0 * e0) * uni(w);
      eps = sqrt(eps2);
    }
    double omc = (1 - eps) / (eps * kap), sin2 = omc * (2 - omc);
    g = 1 - eps * sin2 / (1 + eps2);
  } while (g < uni(w));
  return eps;
}

static void transport_photon(shower *w, particle p, int first) {
  const dr_shower_spec *s = w->s;
  double k = p.E, t = p.t;
  for (;;) {
    if (k <= s->k_cut) {
      w->deposited += k;
      return;
    }
    double lp = k > 2 * DR_M_E ? 7.0 / 9 : 0, lc = s->approx_a ? 0 : w->ne_x0 * sigma_kn(k / DR_M_E);
    double ds = lp + lc > 0 ? -log1p(-uni(w)) / (lp + lc) : INFINITY;
    if (t + ds >= s->thickness_x0) {
      score_point(w, DR_SHOWER_PHOTON, k, s->thickness_x0 - t);
      w->escaped += k;
      if (first) w->first_depth = s->thickness_x0;
      return;
    }
    score_point(w, DR_SHOWER_PHOTON, k, ds);
    t += ds;
    if (first) w->first_depth = t, first = 0;
    if (uni(w) * (lp + lc) < lp) { /* pair: the electron's share from 1 - (4/3) x (1 - x) >= 2/3 */
      double xlo = DR_M_E / k, x;
      do x = xlo + (1 - 2 * xlo) * uni(w);
      while (uni(w) > 1 - 4.0 / 3 * x * (1 - x));
      push(w, DR_SHOWER_ELECTRON, x * k, t);
      push(w, DR_SHOWER_POSITRON, (1 - x) * k, t);
      return;
    }
    double eps = compton_eps(w, k / DR_M_E); /* Compton: an atomic electron set in motion */
    w->rest_in += DR_M_E;
    push(w, DR_SHOWER_ELECTRON, (1 - eps) * k + DR_M_E, t);
    k *= eps;
  }
}

static void run_one(shower *w, long i) {
  const dr_shower_spec *s = w->s;
  w->stream = (uint64_t)i + 1, w->idx = 0, w->n = 0;
  for (int sp = 0; sp < DR_SHOWER_SPECIES; sp++) {
    memset(w->track[sp], 0, sizeof(double) * (size_t)s->n_bins);
    memset(w->ytrack[sp], 0, sizeof(double) * (size_t)s->n_bins);
  }
  w->deposited = w->escaped = w->rest_in = w->rest_left = w->charged = w->first_depth = 0;
  particle p0 = {(int)s->primary, s->E0, 0};
  if (p0.type == DR_SHOWER_PHOTON) transport_photon(w, p0, 1);
  else transport_charged(w, p0);
  while (w->n > 0) {
    particle p = w->stack[--w->n];
    if (p.type == DR_SHOWER_PHOTON) transport_photon(w, p, 0);
    else transport_charged(w, p);
  }
}

/* ---- the run ---- */
typedef struct { /* sums over a block of showers */
  double *sum, *ysum, *sq; /* [DR_SHOWER_SPECIES * n_bins] each */
  double deposited, escaped, rest_in, rest_left, charged, first_depth, max_err;
  int oom;
} block;

static int block_alloc(block *b, int nb) {
  memset(b, 0, sizeof *b);
  size_t n = (size_t)DR_SHOWER_SPECIES * (size_t)nb;
  b->sum = calloc(n, sizeof(double));
  b->ysum = calloc(n, sizeof(double));
  b->sq = calloc(n, sizeof(double));
  return b->sum && b->ysum && b->sq;
}

static void block_free(block *b) { free(b->sum), free(b->ysum), free(b->sq); }

static int shower_alloc(shower *w, const dr_shower_spec *s) {
  memset(w, 0, sizeof *w);
  w->s = s;
  const dr_material *m = s->material;
  w->ne_x0 = m->Z * dr_material_atoms_per_cm3(m) * m->x0_cm;
  double ec = s->approx_a ? 0 : (isnan(s->ec) ? dr_shower_critical_energy(m) : s->ec);
  w->ec = ec;
  w->a = Y_SOFT * (4.0 / 3 - Y_SOFT * (2.0 / 3 - Y_SOFT / 3)); /* int_0^Y_SOFT y (4/3 - 4/3 y + y^2)/y dy */
  w->lam_ann = s->approx_a ? 0 : w->ne_x0 * sigma_ann(fmax(s->e_cut, 1.001 * DR_M_E) / DR_M_E);
  w->dy = s->y_max / s->n_bins;
  int ok = 1;
  for (int sp = 0; sp < DR_SHOWER_SPECIES; sp++) {
    w->track[sp] = calloc((size_t)s->n_bins, sizeof(double));
    w->ytrack[sp] = calloc((size_t)s->n_bins, sizeof(double));
    ok &= w->track[sp] && w->ytrack[sp];
  }
  return ok;
}

static void shower_free(shower *w) {
  for (int sp = 0; sp < DR_SHOWER_SPECIES; sp++) free(w->track[sp]), free(w->ytrack[sp]);
  free(w->stack);
}

void dr_shower_tracks_free(dr_shower_tracks *t) {
  for (int sp = 0; sp < DR_SHOWER_SPECIES; sp++) {
    free(t->track[sp]), free(t->ytrack[sp]), free(t->err[sp]);
    t->track[sp] = t->ytrack[sp] = t->err[sp] = NULL;
  }
}

int dr_shower_run(const dr_shower_spec *s, dr_shower_tracks *out, dr_error *e) {
  memset(out, 0, sizeof *out);
  if (!s->material) return DR_FAIL(e, DR_EINVAL, "shower: no material");
  if (!(s->E0 > DR_M_E) || !(s->thickness_x0 > 0) || s->n_bins < 1 || s->n_bins > 100000 || !(s->y_max > 0) ||
      s->n_showers < 1 || (int)s->primary < 0 || s->primary > DR_SHOWER_PHOTON)
    return DR_FAIL(e, DR_EINVAL, "shower: need E0 > m_e, thickness > 0, 1 <= bins <= 1e5, y_max > 0, showers >= 1");
  if (!(s->e_cut > DR_M_E) || !(s->k_cut > 0) || !(s->e_cut < s->E0))
    return DR_FAIL(e, DR_EINVAL, "shower: need m_e < e_cut < E0 and k_cut > 0 (got %g, %g GeV)", s->e_cut, s->k_cut);
  if (!(isnan(s->ec) || s->ec >= 0)) return DR_FAIL(e, DR_EINVAL, "shower: critical energy must be >= 0");
  int nb = s->n_bins;
  out->n_bins = nb, out->y_max = s->y_max, out->n_showers = s->n_showers;
  for (int sp = 0; sp < DR_SHOWER_SPECIES; sp++) {
    out->track[sp] = calloc((size_t)nb, sizeof(double));
    out->ytrack[sp] = calloc((size_t)nb, sizeof(double));
    out->err[sp] = calloc((size_t)nb, sizeof(double));
    if (!out->track[sp] || !out->ytrack[sp] || !out->err[sp]) {
      dr_shower_tracks_free(out);
      return DR_FAIL(e, DR_ENOMEM, "out of memory");
    }
  }
  long nblocks = (s->n_showers + BLOCK - 1) / BLOCK;
  double *sq = calloc((size_t)DR_SHOWER_SPECIES * (size_t)nb, sizeof(double));
  int fail = !sq;
#pragma omp parallel reduction(| : fail)
  {
    shower w;
    block b;
    int ok = shower_alloc(&w, s) & block_alloc(&b, nb);
    if (!ok) fail = 1;
#pragma omp for ordered schedule(dynamic, 1)
    for (long k = 0; k < nblocks; k++) {
      if (ok) {
        memset(b.sum, 0, sizeof(double) * DR_SHOWER_SPECIES * (size_t)nb);
        memset(b.ysum, 0, sizeof(double) * DR_SHOWER_SPECIES * (size_t)nb);
        memset(b.sq, 0, sizeof(double) * DR_SHOWER_SPECIES * (size_t)nb);
        b.deposited = b.escaped = b.rest_in = b.rest_left = b.charged = b.first_depth = b.max_err = 0;
        for (long i = k * BLOCK; i < (k + 1) * BLOCK && i < s->n_showers; i++) {
          run_one(&w, i);
          for (int sp = 0; sp < DR_SHOWER_SPECIES; sp++)
            for (int j = 0; j < nb; j++) {
              double v = w.track[sp][j];
              if (v == 0) continue;
              b.sum[sp * nb + j] += v;
              b.ysum[sp * nb + j] += w.ytrack[sp][j];
              b.sq[sp * nb + j] += v * v;
            }
          b.deposited += w.deposited, b.escaped += w.escaped, b.rest_in += w.rest_in;
          b.rest_left += w.rest_left, b.charged += w.charged, b.first_depth += w.first_depth;
          b.max_err = fmax(b.max_err, fabs(s->E0 + w.rest_in - w.deposited - w.escaped - w.rest_left));
        }
        b.oom = w.oom;
      }
#pragma omp ordered
      if (ok) {
        for (int sp = 0; sp < DR_SHOWER_SPECIES; sp++)
          for (int j = 0; j < nb; j++) {
            out->track[sp][j] += b.sum[sp * nb + j];
            out->ytrack[sp][j] += b.ysum[sp * nb + j];
            sq[sp * nb + j] += b.sq[sp * nb + j];
          }
        out->deposited += b.deposited, out->escaped += b.escaped, out->rest_in += b.rest_in;
        out->rest_left += b.rest_left, out->charged_track += b.charged, out->photon_path += b.first_depth;
        out->max_ledger_error = fmax(out->max_ledger_error, b.max_err);
        fail |= b.oom;
      }
    }
    shower_free(&w);
    block_free(&b);
  }
  if (fail) {
    free(sq);
    dr_shower_tracks_free(out);
    return DR_FAIL(e, DR_ENOMEM, "shower: out of memory");
  }
  double n = (double)s->n_showers;
  for (int sp = 0; sp < DR_SHOWER_SPECIES; sp++)
    for (int j = 0; j < nb; j++) {
      double m = out->track[sp][j] / n, v = sq[sp * nb + j] / n - m * m;
      out->track[sp][j] = m;
      out->ytrack[sp][j] /= n;
      out->err[sp][j] = n > 1 ? sqrt(fmax(v, 0) / (n - 1)) : NAN;
    }
  out->deposited /= n, out->escaped /= n, out->rest_in /= n, out->rest_left /= n;
  out->charged_track /= n, out->photon_path /= n;
  free(sq);
  return DR_OK;
}
