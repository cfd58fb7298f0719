/* Templates of the recoil lepton and the events needed to tell two hypotheses
 * apart (method and conventions in include/darkreach/discrim.h). */
#include "darkreach/discrim.h"

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include "darkreach/vegas.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>
#ifdef _OPENMP
#include <omp.h>
#endif

const char *dr_observable_name(dr_observable o) {
  switch (o) {
  case DR_OBS_E: return "e";
  case DR_OBS_PT: return "pt";
  case DR_OBS_E_PT: return "e_pt";
  default: return "?";
  }
}

/* ---- templates ---- */
enum { MAXB = 10000 };

typedef struct {
  dr_template *t;
  const dr_resolution *r;
  double W, W2;                  /* sum of weights, of their squares */
  double *S[DR_OBS_COUNT];       /* per bin: sum w f */
  double *Q1[DR_OBS_COUNT];      /* sum w^2 f */
  double *Q2[DR_OBS_COUNT];      /* sum w^2 f^2 */
  double *fe, *fp;               /* fractions of one point over the E and pT bins */
} fill_ctx;

/* the bin of a position u (in bin widths), 0 .. n-1, clamped before the conversion to int */
static int bin_clamped(double u, int n) {
  double f = floor(u);
  return !(f >= 0) ? 0 : f >= n - 1 ? n - 1 : (int)f;
}

/* the share of a Gaussian (mean v, width s) in each of n bins of width w from
 * 0, the first open below and the last open above; the bins it reaches, in
 * [*i0, *i1] (f is zero elsewhere) */
static void spread(double v, double s, int n, double w, double *f, int *i0, int *i1) {
  if (!(s > 0)) {
    int b = bin_clamped(v / w, n);
    f[b] = 1;
    *i0 = *i1 = b;
    return;
  }
  int lo = bin_clamped((v - 8 * s) / w, n), hi = bin_clamped((v + 8 * s) / w, n);
  double prev = lo == 0 ? 0.0 : gsl_cdf_ugaussian_P((lo * w - v) / s);
  for (int b = lo; b <= hi; b++) {
    double up = b == n - 1 ? 1.0 : gsl_cdf_ugaussian_P(((b + 1) * w - v) / s);
    f[b] = up - prev;
    prev = up;
  }
  *i0 = lo, *i1 = hi;
}

static void add(fill_ctx *c, int k, int b, double w, double f) {
  double wf = w * f;
  c->S[k][b] += wf;
  c->Q1[k][b] += w * wf;
  c->Q2[k][b] += wf * wf;
}

static void template_point(const dr_event *ev, double w, void *vp) {
  fill_ctx *c = vp;
  const dr_binning *b = &c->t->b;
  const dr_resolution *r = c->r;
  double E = ev->l[0], pt = hypot(ev->l[1], ev->l[2]);
  double se = hypot(r->e_rel * E, r->e_abs), sp = hypot(r->pt_rel * pt, r->pt_abs);
  int e0, e1, p0, p1;
  spread(E, se, b->ne, b->e_hi / b->ne, c->fe, &e0, &e1);
  spread(pt, sp, b->npt, b->pt_hi / b->npt, c->fp, &p0, &p1);
  c->W += w, c->W2 += w * w;
  for (int i = e0; i <= e1; i++) {
    add(c, DR_OBS_E, i, w, c->fe[i]);
    for (int j = p0; j <= p1; j++) add(c, DR_OBS_E_PT, i * b->npt + j, w, c->fe[i] * c->fp[j]);
  }
  for (int j = p0; j <= p1; j++) add(c, DR_OBS_PT, j, w, c->fp[j]);
  for (int i = e0; i <= e1; i++) c->fe[i] = 0;
  for (int j = p0; j <= p1; j++) c->fp[j] = 0;
}

void dr_template_free(dr_template *t) {
  for (int k = 0; k < DR_OBS_COUNT; k++) {
    free(t->p[k]), free(t->var[k]);
    t->p[k] = t->var[k] = NULL;
  }
}

int dr_template_fill(dr_template *t, const dr_binning *b, const dr_process *p, const dr_xsec_opts *o, double x_lo,
                     double x_hi, long n_points, const dr_resolution *res, const dr_fill_ctl *ctl, dr_error *e) {
  memset(t, 0, sizeof *t);
  if (b->ne < 1 || b->npt < 1 || b->ne > MAXB || b->npt > MAXB || !(b->e_hi > 0) || !(b->pt_hi > 0))
    return DR_FAIL(e, DR_EINVAL, "template binning needs 1..%d bins and positive ranges", MAXB);
  if (!(res->e_rel >= 0 && res->e_abs >= 0 && res->pt_rel >= 0 && res->pt_abs >= 0))
    return DR_FAIL(e, DR_EINVAL, "resolutions must be >= 0");
  t->b = *b;
  t->n[DR_OBS_E] = b->ne, t->n[DR_OBS_PT] = b->npt, t->n[DR_OBS_E_PT] = b->ne * b->npt;
  fill_ctx c = {t, res, 0, 0, {0}, {0}, {0}, NULL, NULL};
  int ok = 1;
  for (int k = 0; k < DR_OBS_COUNT; k++) {
    size_t n = (size_t)t->n[k];
    t->p[k] = calloc(n, sizeof(double)), t->var[k] = calloc(n, sizeof(double));
    c.S[k] = calloc(n, sizeof(double)), c.Q1[k] = calloc(n, sizeof(double)), c.Q2[k] = calloc(n, sizeof(double));
    ok &= t->p[k] && t->var[k] && c.S[k] && c.Q1[k] && c.Q2[k];
  }
  c.fe = calloc((size_t)b->ne, sizeof(double)), c.fp = calloc((size_t)b->npt, sizeof(double));
  ok &= c.fe && c.fp;
  int rc = ok ? dr_points_visit(p, o, x_lo, x_hi, n_points, template_point, &c, &t->n_points, &t->sigma, ctl, e)
              : DR_FAIL(e, DR_ENOMEM, "out of memory");
  if (rc == DR_OK && !(c.W > 0)) rc = DR_FAIL(e, DR_EDOMAIN, "no signal in the x range (all weights zero)");
  for (int k = 0; rc == DR_OK && k < DR_OBS_COUNT; k++)
    for (int i = 0; i < t->n[k]; i++) {
      double pk = c.S[k][i] / c.W;
      t->p[k][i] = pk;
      t->var[k][i] = fmax(0.0, (c.Q2[k][i] - 2 * pk * c.Q1[k][i] + pk * pk * c.W2) / (c.W * c.W));
    }
  for (int k = 0; k < DR_OBS_COUNT; k++) free(c.S[k]), free(c.Q1[k]), free(c.Q2[k]);
  free(c.fe), free(c.fp);
  if (rc != DR_OK) dr_template_free(t);
  return rc;
}

/* ---- the statistic ---- */
static const double FLOOR = 1e-300; /* a fraction that is exactly 0 in one hypothesis (log of it) */
static const double KNOWN = 0.3;    /* a bin is used as it is when both templates know it to 30 % */

static int known(double p, double v) { return p > 0 && v <= KNOWN * KNOWN * p * p; }

/* The bins the test uses: those both templates know to 30 % (Monte Carlo),
 * and one bin with all the rest (contents and variances summed), so that a
 * bin that is empty or nearly empty by chance does not enter with a huge log
 * ratio. Writes at most n + 1 bins to ra, rva, rb, rvb; returns their number. */
static int reduce(const double *a, const double *va, const double *b, const double *vb, int n, double *ra, double *rva,
                  double *rb, double *rvb) {
  int m = 0;
  double sa = 0, sva = 0, sb = 0, svb = 0;
  for (int i = 0; i < n; i++) {
    if (known(a[i], va[i]) && known(b[i], vb[i])) {
      ra[m] = a[i], rva[m] = va[i], rb[m] = b[i], rvb[m] = vb[i];
      m++;
    } else {
      sa += a[i], sva += va[i], sb += b[i], svb += vb[i];
    }
  }
  if (sa > 0 || sb > 0) ra[m] = sa, rva[m] = sva, rb[m] = sb, rvb[m] = svb, m++;
  return m;
}

/* the per-bin log ratio ln(a/(r b)) */
static double llr(double a, double b, double r) { return log(fmax(a, FLOOR)) - log(r) - log(fmax(b, FLOOR)); }

static void moments(const double *a, const double *va, const double *b, const double *vb, int m, double r, int rate,
                    dr_disc *out) {
  double ma = 0, qa = 0, mb = 0, qb = 0, x2 = 0, noise = 0;
  for (int i = 0; i < m; i++) {
    double l = llr(a[i], b[i], r), v = va[i] + vb[i], d = a[i] - b[i];
    ma += a[i] * l, qa += a[i] * l * l;
    mb += b[i] * l, qb += b[i] * l * l;
    if (fabs(d) <= 1e-12 * (a[i] + b[i])) d = 0; /* rounding, not a difference */
    if (d != 0) x2 += v > 0 ? d * d / v : INFINITY;
    /* the templates' noise raises the separation (a - rb) ln(a/(rb)) on average by its second-order
     * (delta-method) term, 1/2 [var a (a + rb)/a^2 + var b (a + rb)/b^2] */
    double br = r * b[i];
    if (a[i] > 0 && b[i] > 0) noise += 0.5 * (va[i] * (a[i] + br) / (a[i] * a[i]) + vb[i] * (a[i] + br) / (b[i] * b[i]));
  }
  if (rate) {
    /* Poisson counts: means N a_i (A), N r b_i (B); the variance per event is the second moment */
    out->m_a = ma, out->s_a = sqrt(qa);
    out->m_b = r * mb, out->s_b = sqrt(r * qb);
  } else {
    /* N fixed: multinomial */
    out->m_a = ma, out->s_a = sqrt(fmax(0.0, qa - ma * ma));
    out->m_b = mb, out->s_b = sqrt(fmax(0.0, qb - mb * mb));
  }
  out->x2 = x2, out->dof = m - 1, out->noise = noise;
}

int dr_discriminate(const double *a, const double *va, const double *b, const double *vb, int n, double cl,
                    double rate_ratio, double rate_ratio_err, dr_disc *out, dr_error *e) {
  memset(out, 0, sizeof *out);
  out->n = INFINITY;
  if (!(cl > 0 && cl < 1)) return DR_FAIL(e, DR_EINVAL, "confidence level must be in (0, 1), got %g", cl);
  if (rate_ratio > 0 && !(rate_ratio >= 1e-30 && rate_ratio <= 1e30))
    return DR_FAIL(e, DR_EINVAL, "rate ratio %g outside [1e-30, 1e30]", rate_ratio);
  int rate = rate_ratio > 0;
  double r = rate ? rate_ratio : 1;
  double *w = malloc(sizeof(double) * 4 * (size_t)(n + 1));
  if (!w) return DR_FAIL(e, DR_ENOMEM, "out of memory");
  double *ra = w, *rva = w + n + 1, *rb = w + 2 * (n + 1), *rvb = w + 3 * (n + 1);
  int m = reduce(a, va, b, vb, n, ra, rva, rb, rvb);
  moments(ra, rva, rb, rvb, m, r, rate, out);
  free(w);
  if (rate) {
    /* the rate as one more term of X^2: (r - 1)/err, in relative terms (no overflow) */
    double rel = rate_ratio_err / r, d = 1 - 1 / r;
    if (fabs(d) > 1e-12) out->x2 += rel > 0 ? d * d / (rel * rel) : INFINITY;
    out->dof++;
  }
  out->separable = out->dof >= 1 && out->x2 > out->dof + 3 * sqrt(2.0 * out->dof);
  out->n = dr_disc_events(out, cl);
  if (!isfinite(out->n)) out->separable = 0;
  return DR_OK;
}

double dr_disc_events(const dr_disc *d, double cl) {
  double sep = d->m_a - d->m_b - d->noise;
  if (!d->separable || !(sep > 0) || !(cl > 0 && cl < 1)) return INFINITY;
  double w = gsl_cdf_ugaussian_Pinv(cl) * (d->s_a + d->s_b) / sep;
  return w * w;
}

/* one toy: T = sum_i n_i l_i (the constant of the rate case left out on both
 * sides of the comparison) */
static double toy_t(const gsl_rng *g, const double *p, const double *l, int n, int rate, double mean, unsigned *cnt) {
  if (rate) {
    for (int i = 0; i < n; i++) cnt[i] = p[i] > 0 ? gsl_ran_poisson(g, mean * p[i]) : 0;
  } else {
    gsl_ran_multinomial(g, (size_t)n, (unsigned)lround(mean), p, cnt);
  }
  double t = 0;
  for (int i = 0; i < n; i++) t += cnt[i] * l[i];
  return t;
}

int dr_disc_toys(const double *a, const double *va, const double *b, const double *vb, int n, double cl,
                 double rate_ratio, double n_events, long n_toys, uint64_t seed, double *reject_a, double *reject_b,
                 dr_error *e) {
  *reject_a = *reject_b = NAN;
  if (n_toys < 1) return DR_FAIL(e, DR_EINVAL, "need at least one toy");
  if (!(n_events >= 0.5 && n_events <= 1e9))
    return DR_FAIL(e, DR_EINVAL, "toys need between 1 and 1e9 events, got %g", n_events);
  if (!(cl > 0 && cl < 1)) return DR_FAIL(e, DR_EINVAL, "confidence level must be in (0, 1), got %g", cl);
  int rate = rate_ratio > 0;
  double r = rate ? rate_ratio : 1;
  /* the bins of dr_discriminate, as probabilities, and their log ratios */
  double *w = malloc(sizeof(double) * 5 * (size_t)(n + 1));
  if (!w) return DR_FAIL(e, DR_ENOMEM, "out of memory");
  double *pa = w, *rva = w + n + 1, *pb = w + 2 * (n + 1), *rvb = w + 3 * (n + 1), *l = w + 4 * (n + 1);
  int m = reduce(a, va, b, vb, n, pa, rva, pb, rvb);
  dr_disc d;
  memset(&d, 0, sizeof d);
  moments(pa, rva, pb, rvb, m, r, rate, &d);
  double sa = 0, sb = 0;
  for (int i = 0; i < m; i++) l[i] = llr(pa[i], pb[i], r), sa += pa[i], sb += pb[i];
  for (int i = 0; i < m; i++) pa[i] /= sa, pb[i] /= sb;
  double N = rate ? n_events : (double)lround(n_events);
  double z = gsl_cdf_ugaussian_Pinv(cl);
  /* threshold on sum n_i l_i: B's mean plus z standard deviations */
  double thr = N * d.m_b + z * sqrt(N) * d.s_b;
  long ra = 0, rb = 0;
  int fail = 0;
#pragma omp parallel reduction(+ : ra, rb, fail)
  {
    gsl_rng *g = gsl_rng_alloc(gsl_rng_mt19937);
    unsigned *cnt = malloc(sizeof(unsigned) * (size_t)(m > 0 ? m : 1));
    int ok = g && cnt;
    if (!ok) fail++;
    /* every thread meets the loop's barrier, whether its allocations worked or not */
#pragma omp for schedule(static)
    for (long k = 0; k < n_toys; k++) {
      if (!ok) continue;
      /* toy k's stream depends only on (seed, k): the same for any thread count */
      gsl_rng_set(g, (unsigned long)(dr_vegas_uniform(seed, 0x7045u, (uint64_t)k) * 9007199254740992.0) + 1);
      ra += toy_t(g, pa, l, m, rate, N, cnt) > thr;
      rb += toy_t(g, pb, l, m, rate, rate ? N * r : N, cnt) > thr;
    }
    free(cnt);
    if (g) gsl_rng_free(g);
  }
  free(w);
  if (fail) return DR_FAIL(e, DR_ENOMEM, "out of memory");
  *reject_a = (double)ra / (double)n_toys;
  *reject_b = (double)rb / (double)n_toys;
  return DR_OK;
}
