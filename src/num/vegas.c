/* VEGAS with a caller-owned grid (include/darkreach/vegas.h).
 * Grid refinement follows Lepage 1978 (CLNS-80/447 / J. Comput. Phys. 27, 192):
 * per dimension, the bin contributions d_i = sum (f J)^2 are smoothed with
 * their neighbours, compressed as r_i = ((d_i - 1)/ln d_i)^alpha (d_i
 * normalised to their sum) and the edges moved so that every new bin holds
 * the same share of sum r_i. */
#include "darkreach/vegas.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct dr_vegas_grid {
  int dim, nbins;
  double *x; /* dim * (nbins + 1) edges */
};

/* ---- counter-based random numbers: splitmix64 finaliser (S. Vigna) ---- */
static uint64_t mix64(uint64_t z) {
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

static uint64_t stream_key(uint64_t seed, uint64_t stream) {
  return mix64(mix64(seed + 0x9e3779b97f4a7c15ULL) ^ (stream * 0xd1b54a32d192ed03ULL + 1));
}

static double key_uniform(uint64_t key, uint64_t i) {
  return (double)(mix64(key + (i + 1) * 0x9e3779b97f4a7c15ULL) >> 11) * 0x1.0p-53;
}

double dr_vegas_uniform(uint64_t seed, uint64_t stream, uint64_t i) {
  return key_uniform(stream_key(seed, stream), i);
}

/* ---- grid ---- */
dr_vegas_grid *dr_vegas_grid_alloc(int dim, int nbins) {
  if (dim < 1 || dim > DR_VEGAS_MAXDIM || nbins < 2 || nbins > DR_VEGAS_MAXBINS) return NULL;
  dr_vegas_grid *g = malloc(sizeof *g);
  if (!g) return NULL;
  g->dim = dim;
  g->nbins = nbins;
  g->x = malloc(sizeof(double) * dim * (nbins + 1));
  if (!g->x) {
    free(g);
    return NULL;
  }
  for (int d = 0; d < dim; d++)
    for (int i = 0; i <= nbins; i++) g->x[d * (nbins + 1) + i] = (double)i / nbins;
  return g;
}

void dr_vegas_grid_free(dr_vegas_grid *g) {
  if (!g) return;
  free(g->x);
  free(g);
}

dr_vegas_grid *dr_vegas_grid_copy(const dr_vegas_grid *g) {
  dr_vegas_grid *c = dr_vegas_grid_alloc(g->dim, g->nbins);
  if (c) memcpy(c->x, g->x, sizeof(double) * g->dim * (g->nbins + 1));
  return c;
}

int dr_vegas_grid_dim(const dr_vegas_grid *g) { return g->dim; }
int dr_vegas_grid_nbins(const dr_vegas_grid *g) { return g->nbins; }

int dr_vegas_grid_write(const dr_vegas_grid *g, FILE *f, const char *name, dr_error *e) {
  fprintf(f, "# darkreach VEGAS grid: dim nbins, then the nbins+1 edges of each dimension\n%d %d\n",
          g->dim, g->nbins);
  for (int d = 0; d < g->dim; d++) {
    for (int i = 0; i <= g->nbins; i++)
      fprintf(f, "%s%.17g", i ? " " : "", g->x[d * (g->nbins + 1) + i]);
    fputc('\n', f);
  }
  return ferror(f) ? DR_FAIL(e, DR_EIO, "cannot write VEGAS grid '%s'", name) : DR_OK;
}

int dr_vegas_grid_save(const dr_vegas_grid *g, const char *path, dr_error *e) {
  FILE *f = fopen(path, "w");
  if (!f) return DR_FAIL(e, DR_EIO, "cannot write VEGAS grid '%s'", path);
  int rc = dr_vegas_grid_write(g, f, path, e);
  if (fclose(f) != 0 && rc == DR_OK) rc = DR_FAIL(e, DR_EIO, "cannot write VEGAS grid '%s'", path);
  return rc;
}

dr_vegas_grid *dr_vegas_grid_load(const char *path, dr_error *e) {
  FILE *f = fopen(path, "r");
  if (!f) {
    DR_FAIL(e, DR_EIO, "cannot read VEGAS grid '%s'", path);
    return NULL;
  }
  dr_vegas_grid *g = dr_vegas_grid_read(f, path, e);
  fclose(f);
  return g;
}

dr_vegas_grid *dr_vegas_grid_read(FILE *f, const char *name, dr_error *e) {
  int c, dim = 0, nbins = 0;
  while ((c = fgetc(f)) == '#')
    while ((c = fgetc(f)) != '\n' && c != EOF) {
    }
  if (c != EOF) ungetc(c, f);
  dr_vegas_grid *g = NULL;
  if (fscanf(f, "%d %d", &dim, &nbins) != 2 || nbins > DR_VEGAS_MAXBINS || !(g = dr_vegas_grid_alloc(dim, nbins)))
    goto bad;
  for (int d = 0; d < dim; d++) {
    double *x = g->x + d * (nbins + 1);
    for (int i = 0; i <= nbins; i++)
      if (fscanf(f, "%lf", &x[i]) != 1) goto bad;
    if (x[0] != 0 || x[nbins] != 1) goto bad;
    for (int i = 0; i < nbins; i++)
      if (!(x[i + 1] > x[i])) goto bad;
  }
  while ((c = fgetc(f)) != EOF)
    if (!isspace(c)) goto bad; /* nothing after the last edge */
  return g;
bad:
  dr_vegas_grid_free(g);
  DR_FAIL(e, DR_EPARSE,
          "'%s' is not a VEGAS grid (header 'dim nbins' with 1 <= dim <= %d, 2 <= nbins <= %d, then increasing "
          "edges from 0 to 1)",
          name, DR_VEGAS_MAXDIM, DR_VEGAS_MAXBINS);
  return NULL;
}

/* y -> u and du/dy; bin[d] receives the bin index */
static double grid_map(const dr_vegas_grid *g, const double *y, double *u, int *bin) {
  double jac = 1;
  for (int d = 0; d < g->dim; d++) {
    const double *x = g->x + d * (g->nbins + 1);
    double pos = y[d] * g->nbins;
    int i = (int)pos;
    if (i >= g->nbins) i = g->nbins - 1;
    double w = x[i + 1] - x[i];
    u[d] = x[i] + w * (pos - i);
    jac *= w * g->nbins;
    if (bin) bin[d] = i;
  }
  return jac;
}

double dr_vegas_grid_map(const dr_vegas_grid *g, const double *y, double *u) {
  return grid_map(g, y, u, NULL);
}

/* ---- one chunk: DR_VEGAS_CHUNK points of stream (seed, c) ---- */
typedef struct {
  double s1, s2; /* sum w, sum w^2 */
  long bad;      /* index of the first non-finite point + 1, 0 if none */
} chunk_sum;

static void run_chunk(const dr_vegas_grid *g, dr_vegas_fn f, void *params, uint64_t seed, uint64_t c,
                      chunk_sum *cs, double *d /* dim*nbins or NULL */, double *u_out, double *w_out) {
  uint64_t key = stream_key(seed, c);
  double y[DR_VEGAS_MAXDIM], u[DR_VEGAS_MAXDIM];
  int bin[DR_VEGAS_MAXDIM];
  cs->s1 = cs->s2 = 0;
  cs->bad = 0;
  for (int j = 0; j < DR_VEGAS_CHUNK; j++) {
    for (int k = 0; k < g->dim; k++) y[k] = key_uniform(key, (uint64_t)j * g->dim + k);
    double jac = grid_map(g, y, u, bin);
    double w = f(u, params) * jac;
    if (!isfinite(w)) {
      if (!cs->bad) cs->bad = j + 1;
      w = 0;
    }
    cs->s1 += w;
    cs->s2 += w * w;
    if (d)
      for (int k = 0; k < g->dim; k++) d[k * g->nbins + bin[k]] += w * w;
    if (u_out) memcpy(u_out + (size_t)j * g->dim, u, sizeof(double) * g->dim);
    if (w_out) w_out[j] = w;
  }
}

int dr_vegas_points(const dr_vegas_grid *g, dr_vegas_fn f, void *params, uint64_t seed,
                    uint64_t first, long n_chunks, double *u, double *w, dr_error *e) {
  long bad = -1;
#pragma omp parallel for schedule(dynamic, 1)
  for (long c = 0; c < n_chunks; c++) {
    chunk_sum cs;
    run_chunk(g, f, params, seed, first + c, &cs, NULL, u ? u + (size_t)c * DR_VEGAS_CHUNK * g->dim : NULL,
              w + (size_t)c * DR_VEGAS_CHUNK);
    if (cs.bad) {
#pragma omp critical(dr_vegas_bad)
      if (bad < 0 || c < bad) bad = c;
    }
  }
  if (bad >= 0) return DR_FAIL(e, DR_EINVAL, "non-finite integrand in chunk %ld", bad);
  return DR_OK;
}

/* one iteration of n_chunks chunks starting at stream `first`; d (dim*nbins)
 * collects the refinement sums when not NULL */
static int iterate(const dr_vegas_grid *g, dr_vegas_fn f, void *params, uint64_t seed, uint64_t first,
                   long n_chunks, double *d, double *val, double *var, dr_error *e) {
  size_t nd = (size_t)g->dim * g->nbins;
  chunk_sum *cs = malloc(sizeof *cs * n_chunks);
  double *dc = d ? calloc((size_t)n_chunks * nd, sizeof(double)) : NULL;
  if (!cs || (d && !dc)) {
    free(cs);
    free(dc);
    return DR_FAIL(e, DR_ENOMEM, "VEGAS: out of memory");
  }
#pragma omp parallel for schedule(dynamic, 1)
  for (long c = 0; c < n_chunks; c++)
    run_chunk(g, f, params, seed, first + c, &cs[c], dc ? dc + c * nd : NULL, NULL, NULL);
  /* combine in chunk order: the same sums for any thread count */
  double s1 = 0, s2 = 0;
  int status = DR_OK;
  for (long c = 0; c < n_chunks; c++) {
    s1 += cs[c].s1;
    s2 += cs[c].s2;
    if (cs[c].bad && status == DR_OK)
      status = DR_FAIL(e, DR_EINVAL, "non-finite integrand at point %ld of chunk %ld", cs[c].bad - 1,
                       (long)(first + c));
    if (d)
      for (size_t i = 0; i < nd; i++) d[i] += dc[c * nd + i];
  }
  double n = (double)n_chunks * DR_VEGAS_CHUNK;
  *val = s1 / n;
  *var = fmax(0.0, (s2 / n - *val * *val) / (n - 1));
  free(cs);
  free(dc);
  return status;
}

/* ---- adaptive stratified sampling (VEGAS+, [Lepage:2020tgj]) ----
 * y-space is cut into ns^dim hypercubes h of volume V = ns^-dim; hypercube h
 * gets n_h >= 2 points uniform in it, and
 *   I = sum_h V <f J>_h,   var I = sum_h V^2 S_h/n_h   (S_h the sample variance of f J in h).
 * After each iteration n_h is set in proportion to (V sqrt(S_h))^beta
 * ([Lepage:2020tgj] Sec. 2; beta = 0.75 damps it), at least 2, so the
 * points move to where the variance is, following correlations between
 * dimensions that the separable grid cannot. Point j of hypercube h in an
 * iteration uses draws (off_h + j) dim + k of that iteration's stream, off_h
 * the points of the hypercubes before h; hypercubes are summed in order, in
 * fixed blocks of STRAT_BLOCK: the same result for any thread count. */
#define STRAT_BLOCK 64

typedef struct {
  int ns;     /* strata per dimension */
  long nh;    /* hypercubes */
  long *n;    /* points per hypercube this iteration */
  double *sd; /* V sqrt(S_h) of the last iteration */
  double *s1, *s2;
  long *bad;  /* first non-finite point + 1 per hypercube */
} strat;

static void strat_free(strat *st) {
  free(st->n);
  free(st->sd);
  free(st->s1);
  free(st->s2);
  free(st->bad);
}

static int strat_init(strat *st, int dim, long n_eval) {
  memset(st, 0, sizeof *st);
  int ns = (int)floor(pow(fmax(1.0, n_eval / 2.0), 1.0 / dim) + 1e-9);
  if (ns < 1) ns = 1;
  long nh = 1;
  for (int k = 0; k < dim; k++) nh *= ns;
  st->ns = ns;
  st->nh = nh;
  st->n = malloc(sizeof(long) * nh);
  st->sd = calloc((size_t)nh, sizeof(double));
  st->s1 = malloc(sizeof(double) * nh);
  st->s2 = malloc(sizeof(double) * nh);
  st->bad = malloc(sizeof(long) * nh);
  if (!st->n || !st->sd || !st->s1 || !st->s2 || !st->bad) {
    strat_free(st);
    return DR_ENOMEM;
  }
  return DR_OK;
}

/* n_h for an iteration of about n points: uniform before any variance is
 * known, then in proportion to sd_h^beta */
static void strat_allocate(strat *st, long n, double beta, int known) {
  double sum = 0;
  if (known)
    for (long h = 0; h < st->nh; h++) sum += pow(st->sd[h], beta);
  long avail = n - 2 * st->nh;
  for (long h = 0; h < st->nh; h++) {
    double share = known && sum > 0 ? pow(st->sd[h], beta) / sum : 1.0 / st->nh;
    long extra = avail > 0 ? (long)floor(avail * share) : 0;
    st->n[h] = 2 + extra;
  }
}

static int iterate_strat(const dr_vegas_grid *g, dr_vegas_fn f, void *params, uint64_t seed, uint64_t stream,
                         strat *st, double *d, double *val, double *var, long *n_used, dr_error *e) {
  int dim = g->dim, ns = st->ns;
  size_t nd = (size_t)dim * g->nbins;
  long nblocks = (st->nh + STRAT_BLOCK - 1) / STRAT_BLOCK;
  long *off = malloc(sizeof(long) * (st->nh + 1));
  double *dc = d ? calloc((size_t)nblocks * nd, sizeof(double)) : NULL;
  if (!off || (d && !dc)) {
    free(off);
    free(dc);
    return DR_FAIL(e, DR_ENOMEM, "VEGAS: out of memory");
  }
  off[0] = 0;
  for (long h = 0; h < st->nh; h++) off[h + 1] = off[h] + st->n[h];
  uint64_t key = stream_key(seed, stream);
  double V = 1.0 / (double)st->nh;
#pragma omp parallel for schedule(dynamic, 1)
  for (long b = 0; b < nblocks; b++) {
    double y[DR_VEGAS_MAXDIM], u[DR_VEGAS_MAXDIM];
    int bin[DR_VEGAS_MAXDIM], cell[DR_VEGAS_MAXDIM];
    double *db = dc ? dc + (size_t)b * nd : NULL;
    long hend = (b + 1) * STRAT_BLOCK < st->nh ? (b + 1) * STRAT_BLOCK : st->nh;
    for (long h = b * STRAT_BLOCK; h < hend; h++) {
      long r = h;
      for (int k = 0; k < dim; k++) {
        cell[k] = (int)(r % ns);
        r /= ns;
      }
      double s1 = 0, s2 = 0, wd = V / (double)st->n[h];
      long bad = 0;
      for (long j = 0; j < st->n[h]; j++) {
        uint64_t i0 = (uint64_t)(off[h] + j) * (uint64_t)dim;
        for (int k = 0; k < dim; k++) y[k] = (cell[k] + key_uniform(key, i0 + k)) / ns;
        double jac = grid_map(g, y, u, bin);
        double w = f(u, params) * jac;
        if (!isfinite(w)) {
          if (!bad) bad = j + 1;
          w = 0;
        }
        s1 += w;
        s2 += w * w;
        if (db)
          for (int k = 0; k < dim; k++) db[k * g->nbins + bin[k]] += w * w * wd;
      }
      st->s1[h] = s1;
      st->s2[h] = s2;
      st->bad[h] = bad;
    }
  }
  double I = 0, v = 0;
  int status = DR_OK;
  for (long h = 0; h < st->nh; h++) {
    double n = (double)st->n[h], m = st->s1[h] / n;
    double S = fmax(0.0, (st->s2[h] / n - m * m) * n / (n - 1));
    I += V * m;
    v += V * V * S / n;
    st->sd[h] = V * sqrt(S);
    if (st->bad[h] && status == DR_OK)
      status = DR_FAIL(e, DR_EINVAL, "non-finite integrand at point %ld of hypercube %ld", st->bad[h] - 1, h);
  }
  if (d)
    for (long b = 0; b < nblocks; b++)
      for (size_t i = 0; i < nd; i++) d[i] += dc[(size_t)b * nd + i];
  *val = I;
  *var = v;
  *n_used = off[st->nh];
  free(off);
  free(dc);
  return status;
}

static void refine(dr_vegas_grid *g, const double *d, double alpha) {
  int nb = g->nbins;
  double *r = malloc(sizeof(double) * nb), *xn = malloc(sizeof(double) * (nb + 1));
  if (!r || !xn) goto out;
  for (int k = 0; k < g->dim; k++) {
    const double *dk = d + k * nb;
    double *x = g->x + k * (nb + 1);
    double sum = 0;
    for (int i = 0; i < nb; i++) {
      double lo = dk[i > 0 ? i - 1 : i], hi = dk[i < nb - 1 ? i + 1 : i];
      r[i] = (i == 0 || i == nb - 1) ? (dk[i] + (i == 0 ? hi : lo)) / 2 : (lo + dk[i] + hi) / 3;
      sum += r[i];
    }
    if (!(sum > 0)) continue;
    double rs = 0;
    for (int i = 0; i < nb; i++) {
      double di = r[i] / sum;
      r[i] = di > 0 ? (di < 1 ? pow((di - 1) / log(di), alpha) : 1) : 0;
      rs += r[i];
    }
    if (!(rs > 0)) continue;
    /* new edges: equal shares of rs, linear inside old bins */
    double share = rs / nb, acc = 0;
    int i = 0;
    xn[0] = 0;
    for (int j = 1; j < nb; j++) {
      double target = share * j;
      while (acc + r[i] < target && i < nb - 1) acc += r[i++];
      double frac = r[i] > 0 ? (target - acc) / r[i] : 0;
      xn[j] = x[i] + (x[i + 1] - x[i]) * fmin(1.0, fmax(0.0, frac));
    }
    xn[nb] = 1;
    for (int j = 1; j < nb; j++)
      if (!(xn[j] > xn[j - 1])) xn[j] = xn[j - 1] + 1e-15; /* keep edges increasing */
    memcpy(x, xn, sizeof(double) * (nb + 1));
  }
out:
  free(r);
  free(xn);
}

dr_vegas_opts dr_vegas_opts_default(void) {
  dr_vegas_opts o = {.n_eval = 8192, .n_adapt = 6, .max_iter = 40, .rel_tol = 3e-3, .abs_tol = 0,
                     .alpha = 1.5, .seed = 1, .freeze = 0, .stratify = 0, .beta = 0.75,
                     .progress = NULL, .progress_ctx = NULL, .cancel = NULL};
  return o;
}

/* the caller's cancel flag, looked at after each iteration */
static int canceled(const dr_vegas_opts *o, dr_estimate *out, dr_error *e) {
  if (!o->cancel || !atomic_load(o->cancel)) return 0;
  out->status = DR_ECANCELED;
  DR_FAIL(e, DR_ECANCELED, "VEGAS: canceled after %zu evaluations", out->neval);
  return 1;
}

static int integrate_chunks(dr_vegas_grid *g, dr_vegas_fn f, void *params, const dr_vegas_opts *o,
                            dr_estimate *out, dr_error *e);

int dr_vegas_integrate(dr_vegas_grid *g, dr_vegas_fn f, void *params, const dr_vegas_opts *o,
                       dr_estimate *out, dr_error *e) {
  if (!o->stratify) return integrate_chunks(g, f, params, o, out, e);
  out->val = out->err = out->chi2_dof = 0;
  out->neval = 0;
  out->status = DR_OK;
  long n = o->n_eval < 2 * DR_VEGAS_CHUNK ? 2 * DR_VEGAS_CHUNK : o->n_eval;
  strat st;
  if (strat_init(&st, g->dim, n) != DR_OK) return out->status = DR_FAIL(e, DR_ENOMEM, "VEGAS: out of memory");
  uint64_t stream = 0;
  int known = 0;
  size_t nd = (size_t)g->dim * g->nbins;
  if (!o->freeze && o->n_adapt > 0) {
    double *d = malloc(sizeof(double) * nd);
    if (!d) {
      strat_free(&st);
      return out->status = DR_FAIL(e, DR_ENOMEM, "VEGAS: out of memory");
    }
    for (int it = 0; it < o->n_adapt; it++) {
      double v = 0, var = 0;
      long used = 0;
      memset(d, 0, sizeof(double) * nd);
      strat_allocate(&st, n, o->beta, known);
      int rc = iterate_strat(g, f, params, o->seed, stream++, &st, d, &v, &var, &used, e);
      out->neval += used;
      if (rc != DR_OK) {
        free(d);
        strat_free(&st);
        return out->status = rc;
      }
      /* the variances of this iteration belong to the old grid: uniform again after a refinement */
      refine(g, d, o->alpha);
      if (o->progress) {
        dr_estimate est = {v, sqrt(var), 0, out->neval, DR_OK};
        o->progress(it + 1, 1, &est, o->progress_ctx);
      }
      if (canceled(o, out, e)) {
        free(d);
        strat_free(&st);
        return DR_ECANCELED;
      }
    }
    free(d);
  }
  /* frozen grid: the iterations averaged with weights n_i, their sizes, fixed
   * before they are sampled. Inverse-variance weights correlate with the
   * estimates when each hypercube holds a few points (an iteration that
   * misses a peak also reports a small variance): measured -0.4 % (3 sigma)
   * over 40 seeds at 1 % for 8 GeV e- W at 1 GeV; with n_i weights -0.0x %. */
  double sn = 0, snv = 0, sn2var = 0, vi[64], vari[64];
  int nit = 0;
  for (int it = 0; it < o->max_iter; it++) {
    double v = 0, var = 0;
    long used = 0;
    strat_allocate(&st, n, o->beta, known);
    int rc = iterate_strat(g, f, params, o->seed, stream++, &st, NULL, &v, &var, &used, e);
    out->neval += used;
    known = o->beta > 0;
    if (rc != DR_OK) {
      strat_free(&st);
      return out->status = rc;
    }
    if (var <= 0) var = fmax(1e-300, 1e-30 * v * v); /* a constant integrand: exact */
    if (nit < 64) vi[nit] = v, vari[nit] = var;
    nit++;
    double ni = (double)used;
    sn += ni;
    snv += ni * v;
    sn2var += ni * ni * var;
    out->val = snv / sn;
    out->err = sqrt(sn2var) / sn;
    double c2 = 0;
    for (int i2 = 0; i2 < nit && i2 < 64; i2++) c2 += (vi[i2] - out->val) * (vi[i2] - out->val) / vari[i2];
    out->chi2_dof = nit > 1 ? c2 / (nit - 1) : 0;
    if (o->progress) o->progress(nit, 0, out, o->progress_ctx);
    if (canceled(o, out, e)) {
      strat_free(&st);
      return DR_ECANCELED;
    }
    if (nit >= 2 && out->val == 0 && c2 == 0) {
      strat_free(&st);
      out->status = DR_EDOMAIN;
      return DR_FAIL(e, DR_EDOMAIN, "VEGAS: the integrand is zero at all %zu points sampled (no phase space found)",
                     out->neval);
    }
    if (nit >= 2 && (out->err <= o->rel_tol * fabs(out->val) || out->err <= o->abs_tol)) {
      strat_free(&st);
      return DR_OK;
    }
    if (nit == 1 && o->rel_tol > 0 && v != 0) {
      /* size the next iterations from the first: about 3 more should do */
      double need = (double)n * pow(out->err / (o->rel_tol * fabs(v)), 2) / 3;
      long nn = (long)ceil(fmin(need, 64.0 * n));
      if (nn > n) n = nn;
    }
  }
  strat_free(&st);
  out->status = DR_ENOCONV;
  return DR_FAIL(e, DR_ENOCONV, "VEGAS: relative error %.2g after %d iterations (asked %.2g)",
                 out->val != 0 ? out->err / fabs(out->val) : 0.0, nit, o->rel_tol);
}

/* classic VEGAS: importance sampling only, chunks of DR_VEGAS_CHUNK points */
static int integrate_chunks(dr_vegas_grid *g, dr_vegas_fn f, void *params, const dr_vegas_opts *o,
                            dr_estimate *out, dr_error *e) {
  out->val = out->err = out->chi2_dof = 0;
  out->neval = 0;
  out->status = DR_OK;
  long n_chunks = (o->n_eval + DR_VEGAS_CHUNK - 1) / DR_VEGAS_CHUNK;
  if (n_chunks < 2) n_chunks = 2;
  uint64_t stream = 0;
  size_t nd = (size_t)g->dim * g->nbins;
  if (!o->freeze && o->n_adapt > 0) {
    double *d = malloc(sizeof(double) * nd);
    if (!d) return out->status = DR_FAIL(e, DR_ENOMEM, "VEGAS: out of memory");
    for (int it = 0; it < o->n_adapt; it++) {
      double v = 0, var = 0;
      memset(d, 0, sizeof(double) * nd);
      int st = iterate(g, f, params, o->seed, stream, n_chunks, d, &v, &var, e);
      stream += n_chunks;
      out->neval += n_chunks * DR_VEGAS_CHUNK;
      if (st != DR_OK) {
        free(d);
        return out->status = st;
      }
      refine(g, d, o->alpha);
      if (o->progress) {
        dr_estimate est = {v, sqrt(var), 0, out->neval, DR_OK};
        o->progress(it + 1, 1, &est, o->progress_ctx);
      }
      if (canceled(o, out, e)) {
        free(d);
        return DR_ECANCELED;
      }
    }
    free(d);
  }
  /* frozen grid: inverse-variance weighted average of the iterations */
  double sw = 0, swv = 0, swv2 = 0;
  int nit = 0;
  for (int it = 0; it < o->max_iter; it++) {
    double v = 0, var = 0;
    int st = iterate(g, f, params, o->seed, stream, n_chunks, NULL, &v, &var, e);
    stream += n_chunks;
    out->neval += n_chunks * DR_VEGAS_CHUNK;
    if (st != DR_OK) return out->status = st;
    nit++;
    if (var <= 0) var = fmax(1e-300, 1e-30 * v * v); /* a constant integrand: exact */
    sw += 1 / var;
    swv += v / var;
    swv2 += v * v / var;
    out->val = swv / sw;
    out->err = sqrt(1 / sw);
    out->chi2_dof = nit > 1 ? fmax(0.0, swv2 - swv * swv / sw) / (nit - 1) : 0;
    if (o->progress) o->progress(nit, 0, out, o->progress_ctx);
    if (canceled(o, out, e)) return DR_ECANCELED;
    if (nit >= 2 && swv == 0 && swv2 == 0) {
      out->status = DR_EDOMAIN;
      return DR_FAIL(e, DR_EDOMAIN, "VEGAS: the integrand is zero at all %zu points sampled (no phase space found)",
                     out->neval);
    }
    if (nit >= 2 && (out->err <= o->rel_tol * fabs(out->val) || out->err <= o->abs_tol)) return DR_OK;
    if (nit == 1 && o->rel_tol > 0 && v != 0) {
      /* size the next iterations from the first: about 3 more should do */
      double need = (double)n_chunks * pow(out->err / (o->rel_tol * fabs(v)), 2) / 3;
      long nc = (long)ceil(fmin(need, 64.0 * n_chunks));
      if (nc > n_chunks) n_chunks = nc;
    }
  }
  out->status = DR_ENOCONV;
  return DR_FAIL(e, DR_ENOCONV, "VEGAS: relative error %.2g after %d iterations (asked %.2g)",
                 out->val != 0 ? out->err / fabs(out->val) : 0.0, nit, o->rel_tol);
}
