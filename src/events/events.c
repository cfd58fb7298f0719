/* Unweighted events, LHE/CSV output and weighted distributions
 * (include/darkreach/events.h). */
#include "darkreach/events.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#ifdef _OPENMP
#include <omp.h>
#endif

#include "darkreach/constants.h"
#include "darkreach/mcp.h"

enum { GRID_BINS = 64, BATCH_CHUNKS = 64 };
/* stream offsets of the independent random sequences of one seed */
static const uint64_t STREAM_SCAN = 1ULL << 40, STREAM_GEN = 2ULL << 40, STREAM_ACCEPT = 3ULL << 40,
                      STREAM_AZIMUTH = 4ULL << 40, STREAM_DECAY = 5ULL << 40, STREAM_VISIT_DECAY = 6ULL << 40;

dr_events_opts dr_events_opts_default(void) {
  dr_events_opts o = {.seed = 1, .grid_precision = 1e-2, .n_scan = 200000};
  return o;
}

/* rotate about z by a and reflect y if flip */
static void rotate(double v[4], double a, int flip) {
  double c = cos(a), s = sin(a), x = v[1], y = flip ? -v[2] : v[2];
  v[1] = c * x - s * y;
  v[2] = s * x + c * y;
}

static void kin_to_event(const dr_amp_kin *k, int channel, dr_event *ev) {
  memset(ev, 0, sizeof *ev);
  ev->proton = channel == DR_ETL_PROTON;
  for (int i = 0; i < 4; i++) {
    ev->l[i] = (double)k->pp.v[i];
    ev->N[i] = (double)k->Pp.v[i];
    ev->X[i] = (double)k->k.v[i];
  }
}

/* What VEGAS samples: the ETL map of a mediator (4 dimensions), or of a
 * millicharged pair (5: q first, src/xsec/mcp.c). */
typedef struct {
  int pair, dim, split;
  dr_etl_ctx c;
  dr_mcp_ctx mc;
} sampler;

static int sampler_init(sampler *sm, const dr_process *p, double x_lo, double x_hi) {
  memset(sm, 0, sizeof *sm);
  sm->pair = dr_model_is_pair(p->model);
  sm->dim = sm->pair ? 5 : 4;
  /* the channel split is the one of the massive vector's map (etl.c) */
  dr_process pv = *p;
  if (sm->pair) pv.model = DR_MODEL_VECTOR;
  dr_etl_ctx tmp;
  int rc = sm->pair ? dr_mcp_ctx_init(&sm->mc, p, x_lo, x_hi, 0) : dr_etl_ctx_init(&sm->c, p, x_lo, x_hi, 0);
  dr_etl_ctx_init(&tmp, &pv, 0, 1, 0);
  sm->split = tmp.split;
  return rc;
}

static dr_vegas_fn sampler_fn(const sampler *sm) { return sm->pair ? dr_mcp_integrand() : dr_etl_integrand(); }
static void *sampler_ctx(sampler *sm) { return sm->pair ? (void *)&sm->mc : (void *)&sm->c; }
static int sampler_channel(const sampler *sm, const double *u) {
  return sm->split && u[(sm->pair ? 1 : 0) + 2] >= 0.5 ? DR_ETL_PROTON : DR_ETL_COHERENT;
}

/* the event at u (a pair decayed with (seed, stream, idx)); wt: a pair's weight, 0 for a mediator (the
 * callers take the weight from the integrand, which they evaluated already) */
static int sampler_event(const sampler *sm, const double *u, uint64_t seed, uint64_t stream, uint64_t idx,
                         double *wt, dr_event *ev) {
  dr_amp_kin k;
  int ch;
  if (!sm->pair) { /* the four-vectors only: the caller has the weight from the integrand */
    *wt = 0;
    if (dr_etl_point(&sm->c, u, NULL, &k, &ch) != DR_OK) return DR_EDOMAIN;
    kin_to_event(&k, ch, ev);
    return DR_OK;
  }
  double q;
  if (dr_mcp_point(&sm->mc, u, wt, &k, &ch, &q) != DR_OK) return DR_EDOMAIN;
  kin_to_event(&k, ch, ev);
  ev->pair = 1;
  dr_mcp_decay(&k, sm->mc.p->m_X, sm->mc.scalar, seed, stream, idx, ev->c1, ev->c2);
  return DR_OK;
}

enum { BATCH_POINTS = BATCH_CHUNKS * DR_VEGAS_CHUNK, MAX_CELLS = 1024 };

struct dr_event_gen {
  dr_process p; /* a copy: the integrand context points at it */
  sampler sm;
  dr_vegas_grid *grid;
  dr_events_opts o;
  dr_events_info info;
  double *u, *w; /* the current batch of points */
  int *cell;     /* their cells */
  long pos;      /* next point of the batch; BATCH_POINTS: none left */
  uint64_t next_attempt; /* index of the first attempt of the next batch */
  uint64_t batch0;       /* index of the current batch's first attempt */
  long copies_left;      /* overweight: copies of the current point still to hand out */
  /* the frozen grid's y-space cut into K^dim cells: each cell's largest weight and the cumulative share of
   * max x volume that picks a cell (BASES/SPRING-style unweighting) */
  int K, ncells;
  double cmax[MAX_CELLS], ccum[MAX_CELLS];
};

void dr_event_gen_free(dr_event_gen *g) {
  if (!g) return;
  dr_vegas_grid_free(g->grid);
  free(g->u);
  free(g->w);
  free(g->cell);
  free(g);
}

const dr_events_info *dr_event_gen_info(const dr_event_gen *g) { return &g->info; }

/* the weight at y of cell c's attempt: y uniform in the cell; w = f(u) du/dy */
static double cell_point(const dr_event_gen *g, int c, uint64_t stream, uint64_t idx, double *u) {
  int dim = g->sm.dim;
  double y[DR_VEGAS_MAXDIM];
  for (int d = 0, r = c; d < dim; d++, r /= g->K)
    y[d] = (r % g->K + dr_vegas_uniform(g->o.seed, stream, idx * (uint64_t)dim + (uint64_t)d)) / g->K;
  double jac = dr_vegas_grid_map(g->grid, y, u);
  double f = sampler_fn(&g->sm)(u, sampler_ctx((sampler *)&g->sm));
  return isfinite(f) && f > 0 ? f * jac : 0;
}

/* each cell's largest weight, the cells' shares and the channel shares from a scan of n_scan points spread
 * evenly over the cells (cell c, point j: index c m + j of the scan stream) */
static int scan_cells(dr_event_gen *g, dr_error *e) {
  int dim = g->sm.dim;
  g->K = dim <= 4 ? 4 : 3;
  g->ncells = 1;
  for (int d = 0; d < dim; d++) g->ncells *= g->K;
  long m = g->o.n_scan / g->ncells;
  if (m < 16) m = 16;
  double vol = 1.0 / g->ncells, S1[MAX_CELLS][2], S2[MAX_CELLS][2];
  int bad = 0;
#pragma omp parallel for schedule(dynamic, 1) reduction(| : bad)
  for (int c = 0; c < g->ncells; c++) {
    double u[DR_VEGAS_MAXDIM], mx = 0;
    S1[c][0] = S1[c][1] = S2[c][0] = S2[c][1] = 0;
    for (long j = 0; j < m; j++) {
      double w = cell_point(g, c, STREAM_SCAN, (uint64_t)c * (uint64_t)m + (uint64_t)j, u);
      if (!(w >= 0)) bad = 1;
      int ch = sampler_channel(&g->sm, u);
      S1[c][ch] += w * vol, S2[c][ch] += w * w * vol * vol;
      mx = fmax(mx, w);
    }
    g->cmax[c] = mx;
  }
  if (bad) return DR_FAIL(e, DR_EINVAL, "non-finite weight in the event scan");
  double W = 0, T[2] = {0, 0}, V[2] = {0, 0};
  for (int c = 0; c < g->ncells; c++) { /* cell order: the same sums for any thread count */
    W += g->cmax[c] * vol;
    g->ccum[c] = W;
    for (int k = 0; k < 2; k++) {
      double mean = S1[c][k] / m;
      T[k] += mean;
      V[k] += fmax(S2[c][k] / m - mean * mean, 0) / (m - 1);
    }
  }
  if (!(W > 0)) return DR_FAIL(e, DR_EDOMAIN, "no phase space for events");
  for (int c = 0; c < g->ncells; c++) g->ccum[c] /= W;
  dr_events_info *in = &g->info;
  in->w_max = W; /* the mean of the cells' largest weights: sigma/w_max is the acceptance */
  in->n_channels = g->sm.split ? 2 : 1;
  double tot = T[0] + T[1];
  for (int k = 0; k < 2; k++) {
    double share = T[k] / tot, rel = T[k] > 0 ? sqrt(V[k]) / T[k] : 0;
    in->sigma_channel[k] = in->sigma * share;
    in->sigma_channel_err[k] = in->sigma_channel[k] * hypot(rel, in->sigma_err / in->sigma);
  }
  in->efficiency = in->sigma / W;
  return DR_OK;
}

dr_event_gen *dr_event_gen_alloc(const dr_process *p, double x_lo, double x_hi, const dr_events_opts *o,
                                 dr_error *e) {
  dr_event_gen *g = calloc(1, sizeof *g);
  if (!g) goto nomem;
  g->p = *p;
  g->o = *o;
  g->pos = BATCH_POINTS;
  g->next_attempt = 0;
  if (sampler_init(&g->sm, &g->p, x_lo, x_hi) != DR_OK) {
    DR_FAIL(e, DR_EDOMAIN, "empty x range [%g, %g] for events", x_lo, x_hi);
    dr_event_gen_free(g);
    return NULL;
  }
  g->grid = dr_vegas_grid_alloc(g->sm.dim, GRID_BINS);
  g->u = malloc(sizeof(double) * (size_t)g->sm.dim * BATCH_POINTS);
  g->w = malloc(sizeof(double) * BATCH_POINTS);
  g->cell = malloc(sizeof(int) * BATCH_POINTS);
  if (!g->grid || !g->u || !g->w || !g->cell) goto nomem;
  dr_xsec_opts xo = dr_xsec_opts_default();
  xo.etl_rel_tol = o->grid_precision;
  xo.etl_neval = 2048; /* the full adaptation (etl.c): a better grid, more events kept */
  xo.seed = o->seed;
  xo.grid = g->grid;
  dr_estimate s;
  int rc = dr_etl_sigma(&g->p, &xo, x_lo, x_hi, &s, e);
  if (rc != DR_OK && rc != DR_ENOCONV) goto fail;
  g->info.sigma = s.val;
  g->info.sigma_err = s.err;
  if (scan_cells(g, e) != DR_OK) goto fail;
  return g;
nomem:
  DR_FAIL(e, DR_ENOMEM, "out of memory");
fail:
  dr_event_gen_free(g);
  return NULL;
}

/* generation: attempt i picks a cell with probability (its largest weight x volume)/w_max, a point uniform in
 * it, and keeps it with probability w/(the cell's largest weight); a point above that largest weight (an
 * overweight) counts w/max times: floor of it in copies and the rest by chance, so the events stay unbiased.
 * Everything about attempt i comes from (seed, i); batches are evaluated in parallel, decided in order. */
int dr_event_gen_next(dr_event_gen *g, long n, dr_event *out, dr_error *e) {
  long got = 0;
  uint64_t seed = g->o.seed;
  int dim = g->sm.dim;
  while (got < n) {
    if (g->copies_left > 0) { /* the rest of an overweight point's copies */
      out[got] = out[got - 1 >= 0 ? got - 1 : 0];
      if (got == 0) { /* the copy source is the previous call's last event: rebuild it */
        long i = g->pos - 1;
        double wt;
        uint64_t idx = g->batch0 + (uint64_t)i;
        sampler_event(&g->sm, g->u + dim * i, seed, STREAM_DECAY, idx, &wt, &out[0]);
        double a = 2 * DR_PI * dr_vegas_uniform(seed, STREAM_AZIMUTH, 2 * idx);
        int flip = dr_vegas_uniform(seed, STREAM_AZIMUTH, 2 * idx + 1) < 0.5;
        rotate(out[0].l, a, flip), rotate(out[0].N, a, flip), rotate(out[0].X, a, flip);
        if (out[0].pair) rotate(out[0].c1, a, flip), rotate(out[0].c2, a, flip);
      }
      got++;
      g->copies_left--;
      continue;
    }
    if (g->pos == BATCH_POINTS) {
      uint64_t first = g->next_attempt;
      g->batch0 = first;
      g->next_attempt += BATCH_POINTS;
      int bad = 0;
#pragma omp parallel for schedule(static) reduction(| : bad)
      for (long i = 0; i < BATCH_POINTS; i++) {
        uint64_t idx = first + (uint64_t)i;
        double r = dr_vegas_uniform(seed, STREAM_GEN, idx);
        int lo = 0, hi = g->ncells - 1; /* the first cell whose cumulative share exceeds r */
        while (lo < hi) {
          int mid = (lo + hi) / 2;
          if (g->ccum[mid] > r) hi = mid;
          else lo = mid + 1;
        }
        g->cell[i] = lo;
        g->w[i] = cell_point(g, lo, STREAM_SCAN + 1, idx, g->u + dim * i);
        if (!(g->w[i] >= 0)) bad = 1;
      }
      if (bad) return DR_FAIL(e, DR_EINVAL, "non-finite weight in event generation");
      g->pos = 0;
    }
    long i = g->pos++;
    double w = g->w[i], mx = g->cmax[g->cell[i]];
    uint64_t idx = g->batch0 + (uint64_t)i;
    g->info.n_tried++;
    double ratio = mx > 0 ? w / mx : 0, r = dr_vegas_uniform(seed, STREAM_ACCEPT, idx);
    long copies = ratio > 1 ? (long)floor(ratio) + (r < ratio - floor(ratio)) : r < ratio;
    if (copies <= 0) continue;
    double wt;
    dr_event *ev = &out[got];
    if (sampler_event(&g->sm, g->u + dim * i, seed, STREAM_DECAY, idx, &wt, ev) != DR_OK) continue;
    if (ratio > 1) g->info.n_over++, g->info.n_over_copies += copies - 1;
    got++;
    double a = 2 * DR_PI * dr_vegas_uniform(seed, STREAM_AZIMUTH, 2 * idx);
    int flip = dr_vegas_uniform(seed, STREAM_AZIMUTH, 2 * idx + 1) < 0.5;
    rotate(ev->l, a, flip);
    rotate(ev->N, a, flip);
    rotate(ev->X, a, flip);
    if (ev->pair) rotate(ev->c1, a, flip), rotate(ev->c2, a, flip);
    g->copies_left = copies - 1;
  }
  return DR_OK;
}

int dr_events_generate(const dr_process *p, double x_lo, double x_hi, const dr_events_opts *o, long n,
                       dr_event *out, dr_events_info *info, dr_error *e) {
  memset(info, 0, sizeof *info);
  dr_event_gen *g = dr_event_gen_alloc(p, x_lo, x_hi, o, e);
  if (!g) return e && e->status ? e->status : DR_ENOMEM;
  int rc = dr_event_gen_next(g, n, out, e);
  *info = g->info;
  dr_event_gen_free(g);
  return rc;
}

/* ---- distributions ---- */
static const char *var_names[DR_VAR_COUNT] = {"recoil_e", "recoil_pt", "recoil_theta",
                                              "x_e",      "x_theta",   "nucleus_pt"};
static const char *var_labels[DR_VAR_COUNT] = {
    "recoil lepton energy [GeV]", "recoil lepton p#dT#u [GeV]", "recoil lepton polar angle [rad]",
    "X energy [GeV]",             "X polar angle [rad]",        "target recoil p#dT#u [GeV] (nucleus or struck proton)"};

const char *dr_var_name(dr_var v) { return v < DR_VAR_COUNT ? var_names[v] : "?"; }
const char *dr_var_label(dr_var v) { return v < DR_VAR_COUNT ? var_labels[v] : "?"; }

static double pt(const double v[4]) { return hypot(v[1], v[2]); }
static double polar(const double v[4]) { return atan2(pt(v), v[3]); }

double dr_var_value(dr_var v, const dr_event *ev) {
  switch (v) {
  case DR_VAR_RECOIL_E: return ev->l[0];
  case DR_VAR_RECOIL_PT: return pt(ev->l);
  case DR_VAR_RECOIL_THETA: return polar(ev->l);
  case DR_VAR_X_E: return ev->X[0];
  case DR_VAR_X_THETA: return polar(ev->X);
  default: return pt(ev->N);
  }
}

void dr_var_default_range(dr_var v, const dr_process *p, double *lo, double *hi) {
  *lo = 0;
  switch (v) {
  case DR_VAR_RECOIL_E:
  case DR_VAR_X_E: *hi = p->E0; break;
  case DR_VAR_RECOIL_PT:
  case DR_VAR_NUCLEUS_PT: *hi = fmin(p->E0, 4 * p->m_X + 0.2); break;
  default: *hi = fmin(DR_PI, 20 * (p->m_X + p->m_l) / p->E0 + 0.05); break;
  }
}

int dr_hist1_alloc(dr_hist1 *h, dr_var v, int nbins, double lo, double hi) {
  memset(h, 0, sizeof *h);
  if (nbins < 1 || !(hi > lo)) return DR_EINVAL;
  h->var = v, h->nbins = nbins, h->lo = lo, h->hi = hi;
  h->sum = calloc(nbins, sizeof(double));
  h->sum2 = calloc(nbins, sizeof(double));
  return h->sum && h->sum2 ? DR_OK : DR_ENOMEM;
}
int dr_hist1_alloc_log(dr_hist1 *h, dr_var v, int nbins, double lo, double hi) {
  if (!(lo > 0)) {
    memset(h, 0, sizeof *h);
    return DR_EINVAL;
  }
  int rc = dr_hist1_alloc(h, v, nbins, lo, hi);
  h->logx = 1;
  return rc;
}

double dr_hist1_edge(const dr_hist1 *h, int b) {
  if (b >= h->nbins) return h->hi;
  double f = (double)b / h->nbins;
  return h->logx ? h->lo * pow(h->hi / h->lo, f) : h->lo + f * (h->hi - h->lo);
}

void dr_hist1_free(dr_hist1 *h) {
  free(h->sum);
  free(h->sum2);
  h->sum = h->sum2 = NULL;
}
int dr_hist2_alloc(dr_hist2 *h, dr_var vx, int nx, double x0, double x1, dr_var vy, int ny, double y0,
                   double y1) {
  memset(h, 0, sizeof *h);
  if (nx < 1 || ny < 1 || !(x1 > x0) || !(y1 > y0)) return DR_EINVAL;
  *h = (dr_hist2){vx, vy, nx, ny, x0, x1, y0, y1, calloc((size_t)nx * ny, sizeof(double)), 0};
  return h->sum ? DR_OK : DR_ENOMEM;
}
void dr_hist2_free(dr_hist2 *h) {
  free(h->sum);
  h->sum = NULL;
}

static int bin_of(double v, double lo, double hi, int n) {
  if (!(v >= lo && v < hi)) return -1;
  int b = (int)((v - lo) / (hi - lo) * n);
  return b < n ? b : n - 1;
}

/* WW / IWW: (x, theta) map as in ETL; events with a fixed nucleus */
typedef struct {
  const dr_process *p;
  const dr_xsec_opts *o;
  dr_psmap map;    /* theta up to o->theta_max */
  dr_xsec_ws **ws; /* one per thread */
} ww_ctx;

static int ww_point(const ww_ctx *c, const double *u, double *weight, dr_event *ev) {
  const dr_process *p = c->p;
  double E = p->E0, ml = p->m_l, mX = p->m_X, x, th;
  double jac = dr_psmap_x(&c->map, u[0], &x);
  jac *= dr_psmap_theta(&c->map, x, u[1], &th);
  int t = 0;
#ifdef _OPENMP
  t = omp_get_thread_num();
#endif
  double d2;
  dr_error e;
  dr_error_clear(&e);
  if (dr_ww_d2sigma(p, c->o, x, th, c->ws[t], &d2, &e) != DR_OK) return DR_EDOMAIN;
  *weight = d2 * jac;
  if (ev) {
    double EX = x * E, kk = sqrt(fmax(0.0, EX * EX - mX * mX));
    double El = E - EX, ptl = kk * sin(th), pzl2 = El * El - ml * ml - ptl * ptl;
    ev->X[0] = EX, ev->X[1] = kk * sin(th), ev->X[2] = 0, ev->X[3] = kk * cos(th);
    ev->l[0] = El, ev->l[1] = -ptl, ev->l[2] = 0, ev->l[3] = pzl2 > 0 ? sqrt(pzl2) : 0;
    ev->N[0] = p->M_N, ev->N[1] = ev->N[2] = ev->N[3] = 0;
    ev->proton = 0;
  }
  return DR_OK;
}

static double ww_integrand(const double *u, void *vp) {
  double w;
  return ww_point(vp, u, &w, NULL) == DR_OK ? w : 0.0;
}

int dr_points_visit(const dr_process *p, const dr_xsec_opts *o, double x_lo, double x_hi, long n_points,
                    dr_point_fn fn, void *ctx, long *n_visited, dr_estimate *sigma, const dr_fill_ctl *ctl,
                    dr_error *e) {
  *n_visited = 0;
  int etl = o->method == DR_METHOD_ETL, nthr = 1;
#ifdef _OPENMP
  nthr = omp_get_max_threads();
#endif
  if (!etl && dr_model_is_pair(p->model))
    return DR_FAIL(e, DR_EINVAL, "distributions of %s pairs: exact tree level only (their WW rate is in xsec)",
                   dr_model_name(p->model));
  sampler sm;
  ww_ctx wc = {p, o, {0}, NULL};
  double lo = fmax(x_lo, dr_xsec_xmin(p)), hi = fmin(x_hi, dr_xsec_xmax(p));
  if (!(hi > lo)) return DR_FAIL(e, DR_EDOMAIN, "empty x range [%g, %g]", x_lo, x_hi);
  /* the range is not empty (checked above); for a pair the q range at worst is, and VEGAS says so */
  if (etl && sampler_init(&sm, p, lo, hi) != DR_OK) return DR_FAIL(e, DR_EDOMAIN, "empty x range [%g, %g]", x_lo, x_hi);
  int dim = etl ? sm.dim : 2;
  void *params = etl ? sampler_ctx(&sm) : (void *)&wc;
  dr_vegas_fn f = etl ? sampler_fn(&sm) : ww_integrand;
  dr_psmap_init(&wc.map, p, lo, hi, o->theta_max);
  dr_xsec_opts wo = *o;
  if (o->method == DR_METHOD_IWW) {
    wo.method = DR_METHOD_WW; /* IWW = WW with chi frozen at theta = 0 (xsec.h) */
    wo.ww_chi_frozen = 1;
    wc.o = &wo;
  }
  /* WW: one quadrature workspace per thread of the (non-nested) parallel loops of dr_vegas_* */
  int ws_ok = etl;
  if (!etl && (wc.ws = calloc(nthr, sizeof *wc.ws))) {
    ws_ok = 1;
    for (int i = 0; i < nthr; i++) ws_ok &= (wc.ws[i] = dr_xsec_ws_alloc()) != NULL;
  }
  dr_vegas_grid *g = dr_vegas_grid_alloc(dim, GRID_BINS);
  long nb = BATCH_CHUNKS * DR_VEGAS_CHUNK;
  double *u = malloc(sizeof(double) * dim * nb), *w = malloc(sizeof(double) * nb);
  int rc = DR_OK;
  if (!g || !u || !w || !ws_ok) {
    rc = DR_FAIL(e, DR_ENOMEM, "out of memory");
    goto done;
  }
  dr_vegas_opts vo = dr_vegas_opts_default();
  vo.rel_tol = 1e-2;
  vo.seed = o->seed;
  vo.cancel = ctl ? ctl->cancel : NULL; /* the adaptation can be long (spin2 by ETL): cancellable too */
  rc = dr_vegas_integrate(g, f, params, &vo, sigma, e);
  if (rc != DR_OK && rc != DR_ENOCONV) goto done;
  rc = DR_OK;
  long nchunks = (n_points + DR_VEGAS_CHUNK - 1) / DR_VEGAS_CHUNK;
  long filled = 0;
  for (long c0 = 0; c0 < nchunks && rc == DR_OK; c0 += BATCH_CHUNKS) {
    if (ctl && ctl->cancel && atomic_load(ctl->cancel)) {
      rc = DR_ECANCELED;
      break;
    }
    if (ctl && ctl->progress) ctl->progress(filled, nchunks * DR_VEGAS_CHUNK, ctl->ctx);
    long nc = nchunks - c0 < BATCH_CHUNKS ? nchunks - c0 : BATCH_CHUNKS;
    rc = dr_vegas_points(g, f, params, o->seed, STREAM_SCAN + c0, nc, u, w, e);
    for (long i = 0; i < nc * DR_VEGAS_CHUNK && rc == DR_OK; i++) {
      filled++;
      if (!(w[i] > 0)) continue;
      dr_event ev;
      double wt;
      if (etl) {
        uint64_t idx = (uint64_t)(c0 * DR_VEGAS_CHUNK + i);
        if (sampler_event(&sm, u + dim * i, o->seed, STREAM_VISIT_DECAY, idx, &wt, &ev) != DR_OK) continue;
      } else if (ww_point(&wc, u + dim * i, &wt, &ev) != DR_OK) {
        continue;
      }
      fn(&ev, w[i], ctx);
    }
  }
  *n_visited = filled;
done:
  if (wc.ws)
    for (int i = 0; i < nthr; i++) dr_xsec_ws_free(wc.ws[i]);
  free(wc.ws);
  free(u);
  free(w);
  dr_vegas_grid_free(g);
  return rc;
}

/* ---- histograms: a visitor of the points ---- */
typedef struct {
  dr_hist1 *h;
  int nh;
  dr_hist2 *h2;
} hist_ctx;

static void hist_point(const dr_event *ev, double w, void *vp) {
  hist_ctx *c = vp;
  dr_hist1 *h = c->h;
  for (int k = 0; k < c->nh; k++) {
    double v = dr_var_value(h[k].var, ev);
    int b = h[k].logx ? (v > 0 ? bin_of(log(v), log(h[k].lo), log(h[k].hi), h[k].nbins) : -1)
                      : bin_of(v, h[k].lo, h[k].hi, h[k].nbins);
    if (b >= 0) h[k].sum[b] += w, h[k].sum2[b] += w * w;
    else if (v < h[k].lo) h[k].under += w;
    else h[k].over += w;
  }
  dr_hist2 *h2 = c->h2;
  if (h2) {
    int bx = bin_of(dr_var_value(h2->vx, ev), h2->x0, h2->x1, h2->nx);
    int by = bin_of(dr_var_value(h2->vy, ev), h2->y0, h2->y1, h2->ny);
    if (bx >= 0 && by >= 0) h2->sum[bx * h2->ny + by] += w;
  }
}

int dr_hist_fill(const dr_process *p, const dr_xsec_opts *o, double x_lo, double x_hi, long n_points,
                 dr_hist1 *h, int nh, dr_hist2 *h2, dr_estimate *sigma, const dr_fill_ctl *ctl, dr_error *e) {
  hist_ctx c = {h, nh, h2};
  long n = 0;
  int rc = dr_points_visit(p, o, x_lo, x_hi, n_points, hist_point, &c, &n, sigma, ctl, e);
  for (int k = 0; k < nh; k++) h[k].n_points = n;
  if (h2) h2->n_points = n;
  return rc;
}

/* ---- ranges from the points: weighted quantiles ---- */
typedef struct {
  const dr_var *vars;
  int nv;
  long n, cap;
  double *val; /* n x nv values */
  double *w;
} range_ctx;

static void range_point(const dr_event *ev, double w, void *vp) {
  range_ctx *c = vp;
  if (c->n >= c->cap) return;
  for (int k = 0; k < c->nv; k++) c->val[c->n * c->nv + k] = dr_var_value(c->vars[k], ev);
  c->w[c->n++] = w;
}

typedef struct {
  double v, w;
} vw;

static int cmp_vw(const void *a, const void *b) {
  double x = ((const vw *)a)->v, y = ((const vw *)b)->v;
  return (x > y) - (x < y);
}

int dr_hist_ranges(const dr_process *p, const dr_xsec_opts *o, double x_lo, double x_hi, long n_points,
                   const dr_var *vars, int nv, double q, double *lo, double *hi, const dr_fill_ctl *ctl,
                   dr_error *e) {
  range_ctx c = {vars, nv, 0, n_points, malloc(sizeof(double) * (size_t)(n_points * nv)),
                 malloc(sizeof(double) * (size_t)n_points)};
  vw *s = malloc(sizeof *s * (size_t)n_points);
  int rc = c.val && c.w && s ? DR_OK : DR_FAIL(e, DR_ENOMEM, "out of memory");
  long visited = 0;
  dr_estimate sig;
  dr_fill_ctl quiet = {ctl ? ctl->cancel : NULL, NULL, NULL}; /* cancellable, without the caller's progress */
  if (rc == DR_OK) rc = dr_points_visit(p, o, x_lo, x_hi, n_points, range_point, &c, &visited, &sig, &quiet, e);
  for (int k = 0; rc == DR_OK && k < nv; k++) {
    /* outer limits: what the kinematics allows (energies and p_T up to E0, angles up to pi) */
    double dlo = 0, dhi = vars[k] == DR_VAR_RECOIL_THETA || vars[k] == DR_VAR_X_THETA ? DR_PI : p->E0, tot = 0;
    long m = 0;
    for (long i = 0; i < c.n; i++) {
      double v = c.val[i * nv + k];
      if (isfinite(v) && c.w[i] > 0) s[m++] = (vw){v, c.w[i]}, tot += c.w[i];
    }
    if (!(tot > 0)) {
      rc = DR_FAIL(e, DR_EDOMAIN, "no weight in %s to set its range from", dr_var_name(vars[k]));
      break;
    }
    qsort(s, (size_t)m, sizeof *s, cmp_vw);
    double cum = 0, a = s[0].v, b = s[m - 1].v;
    int got_a = 0;
    for (long i = 0; i < m; i++) {
      cum += s[i].w;
      if (!got_a && cum >= q * tot) a = s[i].v, got_a = 1;
      if (cum >= (1 - q) * tot) {
        b = s[i].v;
        break;
      }
    }
    /* the edges a hair outside the quantile points, so that no edge sits on a sample point (whose value another
     * model's grid may reproduce only to rounding) */
    lo[k] = fmax(dlo, a - 1e-6 * fabs(a));
    hi[k] = fmin(dhi, b > a ? b + 1e-6 * fabs(b) : a * 1.01 + 1e-12);
  }
  free(c.val), free(c.w), free(s);
  return rc;
}
