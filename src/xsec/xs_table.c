/* sigma(E, x > x_th) for one mediator mass, tabulated on beam-lepton energies
 * and thresholds and interpolated (include/darkreach/xsec.h).
 *
 * Rows: energies E_i with ln(E_i - E_thr) evenly spaced, E_thr = m_X + m_l the
 * production threshold (near it sigma ~ (E - E_thr)^n; far above, this is
 * log spacing in E). Columns: thresholds
 * x_j = j/n_x, j = 0..n_x; C[i][j] = sigma(E_i, x > x_j), C[i][n_x] = 0.
 *  ETL     one VEGAS grid per energy, adapted on the total cross section, then
 *          a frozen pass whose weights are binned in x: bin sums give every
 *          column at once, with the Monte Carlo error of each column.
 *  WW/IWW  sigma over each x bin by dr_sigma, summed from the top.
 * Interpolation: in E, an Akima spline (Steffen's monotone one below 5 nodes)
 * of ln C against v = ln(E - E_thr) per column where the column is positive
 * (Akima's end conditions keep the last intervals accurate: 5e-4 against
 * 5e-3 for Steffen and natural cubic splines with 10 nodes over a factor 10),
 * log-linear or linear in C between nodes where it is not (below the
 * production threshold); in x, linear in C
 * between columns (C is the integral of d sigma/dx, so this is d sigma/dx
 * constant over each 1/n_x bin). */
#include "darkreach/xsec.h"
#include "darkreach/mcp.h"

#include <gsl/gsl_errno.h>
#include <gsl/gsl_interp.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

struct dr_xs_table {
  int nE, nx;
  double E_thr;
  double *lnE;  /* nE: v_i = ln(E_i - E_thr) */
  double *C;    /* nE x (nx + 1), row-major [i][j] */
  double *Cerr;
  double *lnC;  /* column-major [j][i]: ln C where positive */
  int *col_pos; /* column j positive at every energy: spline */
  gsl_interp **spl;
  int status;
};

enum { GRID_BINS = 64, BATCH_CHUNKS = 8, NEIGHBOUR_ADAPT = 2 };
static const uint64_t STREAM_TABLE = 5ULL << 40;

/* one energy by ETL: adapt, then bin the frozen-grid weights in x. With
 * *grid from the energy below (rows go up in energy, one after the other:
 * the same result for any thread count), NEIGHBOUR_ADAPT adaptation
 * iterations start from it instead of 6 from a uniform grid; the row leaves
 * its own grid in *grid for the next. */
static int row_etl(const dr_process *p, const dr_xsec_opts *o, int nx, double *C, double *Cerr,
                   int *status, dr_vegas_grid **grid, dr_error *e) {
  /* a mediator (4 dimensions) or a millicharged pair (5: the pair mass first, src/xsec/mcp.c) */
  int pair = dr_model_is_pair(p->model), dim = pair ? 5 : 4;
  dr_etl_ctx c;
  dr_mcp_ctx mc;
  if ((pair ? dr_mcp_ctx_init(&mc, p, 0, 1, 0) : dr_etl_ctx_init(&c, p, 0, 1, 0)) != DR_OK)
    return DR_OK; /* no phase space: zeros */
  dr_vegas_fn fn = pair ? dr_mcp_integrand() : dr_etl_integrand();
  void *ctx = pair ? (void *)&mc : (void *)&c;
  dr_vegas_grid *g = *grid && dr_vegas_grid_dim(*grid) == dim ? dr_vegas_grid_copy(*grid) : dr_vegas_grid_alloc(dim, GRID_BINS);
  int warm = *grid && g && dr_vegas_grid_dim(*grid) == dim;
  double *S1 = calloc((size_t)nx, sizeof(double)), *S2 = calloc((size_t)nx, sizeof(double));
  long nb = (long)BATCH_CHUNKS * DR_VEGAS_CHUNK;
  double *u = malloc(sizeof(double) * (size_t)dim * (size_t)nb), *w = malloc(sizeof(double) * (size_t)nb);
  int rc = DR_OK;
  if (!g || !S1 || !S2 || !u || !w) {
    rc = DR_FAIL(e, DR_ENOMEM, "out of memory");
    goto done;
  }
  /* adaptation: the default schedule, stopped after the two frozen
   * iterations that dr_vegas_integrate needs (the pass below does the rest) */
  dr_vegas_opts vo = dr_vegas_opts_default();
  vo.n_eval = o->etl_rel_tol >= 1e-2 ? 2048 : o->etl_neval;
  vo.rel_tol = 1.0;
  vo.max_iter = 2;
  vo.seed = o->seed;
  if (warm) vo.n_adapt = NEIGHBOUR_ADAPT;
  dr_estimate pilot;
  rc = dr_vegas_integrate(g, fn, ctx, &vo, &pilot, e);
  if (rc != DR_OK && rc != DR_ENOCONV) goto done;
  rc = DR_OK;
  /* frozen pass in batches of 2048 until the total reaches the tolerance
   * (8192 before: the tolerance was often met inside the first two) */
  long n = 0;
  const long n_max = 256L * nb;
  double tot1 = 0, tot2 = 0;
  for (uint64_t chunk = 0; n < n_max; chunk += BATCH_CHUNKS) {
    rc = dr_vegas_points(g, fn, ctx, o->seed, STREAM_TABLE + chunk, BATCH_CHUNKS, u, w, e);
    if (rc != DR_OK) goto done;
    for (long k = 0; k < nb; k++) {
      if (!(w[k] > 0)) continue;
      double x;
      if (pair) { /* the pair's energy fraction: from the point itself */
        double wt, q;
        dr_amp_kin kin;
        if (dr_mcp_point(&mc, u + 5 * k, &wt, &kin, NULL, &q) != DR_OK) continue;
        x = (double)kin.k.v[0] / p->E0;
      } else {
        dr_psmap_x(&c.map, u[4 * k], &x);
      }
      int j = (int)(x * nx);
      if (j < 0) j = 0;
      if (j >= nx) j = nx - 1;
      S1[j] += w[k];
      S2[j] += w[k] * w[k];
      tot1 += w[k];
      tot2 += w[k] * w[k];
    }
    n += nb;
    double mean = tot1 / n, var = (tot2 / n - mean * mean) / (n - 1);
    if (n >= 2 * nb && sqrt(fmax(var, 0)) <= o->etl_rel_tol * mean) break;
  }
  double s1 = 0, s2 = 0;
  for (int j = nx - 1; j >= 0; j--) {
    s1 += S1[j];
    s2 += S2[j];
    double mean = s1 / n;
    C[j] = mean;
    Cerr[j] = sqrt(fmax(s2 / n - mean * mean, 0) / (n - 1));
  }
  if (Cerr[0] > o->etl_rel_tol * C[0]) *status = DR_ENOCONV;
done:
  if (rc == DR_OK && g) {
    dr_vegas_grid_free(*grid);
    *grid = g;
    g = NULL;
  }
  dr_vegas_grid_free(g);
  free(S1), free(S2), free(u), free(w);
  return rc;
}

/* one energy by WW/IWW: bins from the top */
static int row_ww(const dr_process *p, const dr_xsec_opts *o, int nx, double *C, double *Cerr,
                  int *status, dr_error *e) {
  dr_xsec_ws *ws = dr_xsec_ws_alloc();
  if (!ws) return DR_FAIL(e, DR_ENOMEM, "out of memory");
  double s = 0, se = 0;
  int rc = DR_OK;
  for (int j = nx - 1; j >= 0; j--) {
    dr_estimate b;
    int r = dr_sigma(p, o, (double)j / nx, (double)(j + 1) / nx, ws, &b, e);
    if (r == DR_ENOCONV) *status = DR_ENOCONV;
    else if (r != DR_OK) {
      rc = r;
      break;
    }
    s += b.val;
    se += b.err;
    C[j] = s;
    Cerr[j] = se;
  }
  dr_xsec_ws_free(ws);
  return rc;
}

void dr_xs_table_free(dr_xs_table *t) {
  if (!t) return;
  if (t->spl)
    for (int j = 0; j <= t->nx; j++) gsl_interp_free(t->spl[j]);
  free(t->spl), free(t->col_pos), free(t->lnC), free(t->C), free(t->Cerr), free(t->lnE);
  free(t);
}

dr_xs_table *dr_xs_table_build(const dr_xs_table_spec *s, const dr_xsec_opts *o, dr_error *e) {
  double E_thr = s->m_X + s->beam->mass;
  if (!(s->E_lo > E_thr && s->E_hi >= s->E_lo) || s->n_E < 1 || (s->n_E == 1 && s->E_hi != s->E_lo) ||
      s->n_x < 1) {
    DR_FAIL(e, DR_EINVAL,
            "cross-section table: need m_X + m_l (%g GeV) < E_lo <= E_hi, n_E >= 1 (1 only if E_lo = E_hi), "
            "n_x >= 1",
            E_thr);
    return NULL;
  }
  dr_xs_table *t = calloc(1, sizeof *t);
  if (!t) goto nomem;
  t->nE = s->n_E;
  t->nx = s->n_x;
  t->E_thr = E_thr;
  int nc = t->nx + 1;
  t->lnE = malloc(sizeof(double) * (size_t)t->nE);
  t->C = calloc((size_t)t->nE * (size_t)nc, sizeof(double));
  t->Cerr = calloc((size_t)t->nE * (size_t)nc, sizeof(double));
  t->lnC = calloc((size_t)t->nE * (size_t)nc, sizeof(double));
  t->col_pos = calloc((size_t)nc, sizeof(int));
  t->spl = calloc((size_t)nc, sizeof(gsl_interp *));
  if (!t->lnE || !t->C || !t->Cerr || !t->lnC || !t->col_pos || !t->spl) goto nomem;
  dr_vegas_grid *prev = NULL; /* the grid of the energy below */
  for (int i = 0; i < t->nE; i++) {
    double v0 = log(s->E_lo - E_thr), v1 = log(s->E_hi - E_thr);
    t->lnE[i] = t->nE == 1 ? v0 : v0 + (v1 - v0) * i / (t->nE - 1);
    double E = t->nE == 1 ? s->E_lo : E_thr + exp(t->lnE[i]);
    if (i == t->nE - 1) E = s->E_hi;
    dr_process p;
    dr_error pe;
    if (dr_process_init(&p, s->model, s->beam, E, s->m_X, s->material, s->inel, &pe) != DR_OK)
      continue; /* below the production threshold: zeros */
    double *Ci = t->C + (size_t)i * nc, *Ei = t->Cerr + (size_t)i * nc;
    int rc = o->method == DR_METHOD_ETL ? row_etl(&p, o, t->nx, Ci, Ei, &t->status, &prev, e)
                                        : row_ww(&p, o, t->nx, Ci, Ei, &t->status, e);
    if (rc != DR_OK) {
      dr_vegas_grid_free(prev);
      dr_xs_table_free(t);
      return NULL;
    }
  }
  dr_vegas_grid_free(prev);
  /* splines along ln E for positive columns */
  for (int j = 0; j < nc && t->nE >= 3; j++) {
    int pos = 1;
    for (int i = 0; i < t->nE; i++) {
      double c = t->C[(size_t)i * nc + j];
      if (!(c > 0)) pos = 0;
      t->lnC[(size_t)j * t->nE + i] = c > 0 ? log(c) : 0;
    }
    if (!pos) continue;
    t->spl[j] = gsl_interp_alloc(t->nE >= 5 ? gsl_interp_akima : gsl_interp_steffen, (size_t)t->nE);
    if (!t->spl[j]) goto nomem;
    gsl_interp_init(t->spl[j], t->lnE, t->lnC + (size_t)j * t->nE, (size_t)t->nE);
    t->col_pos[j] = 1;
  }
  return t;
nomem:
  dr_xs_table_free(t);
  DR_FAIL(e, DR_ENOMEM, "out of memory");
  return NULL;
}

int dr_xs_table_status(const dr_xs_table *t) { return t->status; }

/* column j at v = ln(E - E_thr) (inside the table) */
static void column_at(const dr_xs_table *t, int j, double lnE, int i, double f, double *c, double *ce) {
  int nc = t->nx + 1;
  const double *C = t->C, *Ce = t->Cerr;
  double e0 = Ce[(size_t)i * nc + j], e1 = t->nE > 1 ? Ce[(size_t)(i + 1) * nc + j] : e0;
  *ce = e0 + f * (e1 - e0);
  if (t->nE == 1) {
    *c = C[j];
    return;
  }
  if (t->col_pos[j]) {
    *c = exp(gsl_interp_eval(t->spl[j], t->lnE, t->lnC + (size_t)j * t->nE, lnE, NULL));
    return;
  }
  double c0 = C[(size_t)i * nc + j], c1 = C[(size_t)(i + 1) * nc + j];
  *c = c0 > 0 && c1 > 0 ? exp(log(c0) + f * (log(c1) - log(c0))) : c0 + f * (c1 - c0);
}

int dr_xs_table_sigma(const dr_xs_table *t, double E, double x_th, double *val, double *err) {
  *val = 0;
  if (err) *err = 0;
  if (E <= t->E_thr) return DR_OK; /* below the production threshold */
  double lnE = log(E - t->E_thr);
  double tol = 1e-12 * (1 + fabs(t->lnE[t->nE - 1]));
  if (!(lnE >= t->lnE[0] - tol && lnE <= t->lnE[t->nE - 1] + tol)) return DR_EDOMAIN;
  if (x_th >= 1) return DR_OK;
  if (x_th < 0) x_th = 0;
  /* energy interval */
  int i = 0;
  double f = 0;
  if (t->nE > 1) {
    i = (int)gsl_interp_bsearch(t->lnE, lnE, 0, (size_t)t->nE - 1);
    if (i > t->nE - 2) i = t->nE - 2;
    f = (lnE - t->lnE[i]) / (t->lnE[i + 1] - t->lnE[i]);
    if (f < 0) f = 0;
    if (f > 1) f = 1;
    lnE = t->lnE[i] + f * (t->lnE[i + 1] - t->lnE[i]);
  }
  double xs = x_th * t->nx;
  int j = (int)xs;
  if (j >= t->nx) j = t->nx - 1;
  double g = xs - j, c0, c1, e0, e1;
  column_at(t, j, lnE, i, f, &c0, &e0);
  column_at(t, j + 1, lnE, i, f, &c1, &e1);
  *val = c0 + g * (c1 - c0);
  if (err) *err = e0 + g * (e1 - e0);
  return DR_OK;
}

int dr_xs_table_n_x(const dr_xs_table *t) { return t->nx; }
