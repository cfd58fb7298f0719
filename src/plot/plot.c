/* Line plots and colour maps with PLplot ([PLplot]) through its cairo drivers (PNG, PDF, SVG)
 * (include/darkreach/plot.h; a library of its own, which the core does not link). */
#include "darkreach/plot.h"

#include <math.h>
#include <plplot.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* PLplot's fatal errors call its exit handler and then exit(); the handler cannot decline, so
 * it jumps back into the plot function, which returns DR_EIO with the message. Non-fatal errors
 * (plabort: the plot is not made) are kept and reported the same way at the end. */
static jmp_buf plot_jump;
static char plot_msg[512];

static int plot_exit(PLCHAR_VECTOR msg) {
  snprintf(plot_msg, sizeof plot_msg, "%s", msg && *msg ? msg : "fatal error");
  longjmp(plot_jump, 1);
}

static void plot_abort(PLCHAR_VECTOR msg) {
  if (!plot_msg[0]) snprintf(plot_msg, sizeof plot_msg, "%s", msg && *msg ? msg : "error");
}

static unsigned formats = DR_PLOT_PNG;
static const struct {
  unsigned bit;
  const char *name, *device;
} FORMATS[3] = {{DR_PLOT_PNG, "png", "pngcairo"}, {DR_PLOT_PDF, "pdf", "pdfcairo"}, {DR_PLOT_SVG, "svg", "svgcairo"}};

int dr_plot_formats_parse(const char *list, unsigned *mask, dr_error *e) {
  unsigned m = 0;
  const char *p = list;
  while (1) {
    size_t n = strcspn(p, ",");
    int k = 0;
    while (k < 3 && !(strlen(FORMATS[k].name) == n && !strncmp(p, FORMATS[k].name, n))) k++;
    if (k == 3) return DR_FAIL(e, DR_EINVAL, "unknown plot format '%.*s' (png, pdf or svg)", (int)n, p);
    if (m & FORMATS[k].bit) return DR_FAIL(e, DR_EINVAL, "plot format %s is listed twice", FORMATS[k].name);
    m |= FORMATS[k].bit;
    if (!p[n]) break;
    p += n + 1;
  }
  *mask = m;
  return DR_OK;
}

void dr_plot_set_formats(unsigned mask) { formats = mask ? mask : DR_PLOT_PNG; }
unsigned dr_plot_formats(void) { return formats; }

/* the file and device of the format being written (plot_open) */
static char cur_path[4200];
static const char *cur_device;

static void plot_open(void) {
  plsdev(cur_device);
  plsfnam(cur_path);
  plsetopt("geometry", "900x650");
  plscolbg(255, 255, 255);
  plinit();
  plscol0(15, 0, 0, 0); /* colour 15: black, for axes and labels */
  plcol0(15);
}

/* run draw(ctx) once per format with PLplot's handlers installed; DR_EIO (naming the file) if
 * PLplot failed */
static int plot_guarded(void (*draw)(const void *), const void *ctx, const char *path, dr_error *e) {
  const char *dot = strrchr(path, '.'), *slash = strrchr(path, '/');
  size_t stem = dot && (!slash || dot > slash) ? (size_t)(dot - path) : strlen(path);
  for (int k = 0; k < 3; k++) {
    if (!(formats & FORMATS[k].bit)) continue;
    snprintf(cur_path, sizeof cur_path, "%.*s.%s", (int)stem, path, FORMATS[k].name);
    cur_device = FORMATS[k].device;
    plot_msg[0] = 0;
    plsexit(plot_exit);
    plsabort(plot_abort);
    int failed = setjmp(plot_jump);
    if (!failed) draw(ctx);
    else { /* PLplot jumped out before its own plend(): close the stream, so that the next plot starts clean */
      char msg[sizeof plot_msg];
      memcpy(msg, plot_msg, sizeof msg);
      if (setjmp(plot_jump) == 0) plend();
      memcpy(plot_msg, msg, sizeof msg);
    }
    plsexit(NULL); /* PLplot's own handling again outside these functions */
    plsabort(NULL);
    if (plot_msg[0]) return DR_FAIL(e, DR_EIO, "%s: the plot was not written (PLplot: %s)", cur_path, plot_msg);
  }
  return DR_OK;
}

static double ax(double v, int lg) { return lg ? log10(v) : v; }

/* axis labels: 10^v on log axes (the coordinate is log10 of the value) */
static void decade_label(PLINT axis, PLFLT v, char *buf, PLINT len, PLPointer data) {
  (void)axis, (void)data;
  double r = round(v);
  if (fabs(v - r) > 1e-6) snprintf(buf, (size_t)len, "%g", pow(10, v));
  else if (r == 0) snprintf(buf, (size_t)len, "1");
  else if (r == 1) snprintf(buf, (size_t)len, "10");
  else snprintf(buf, (size_t)len, "10#u%d#d", (int)r);
}

typedef struct {
  const char *path, *title, *xlabel, *ylabel;
  const dr_plot_curve *c;
  int ncurves, logx, logy;
  double xmin, xmax, ymin, ymax;
  double *lx, *ly; /* one curve's points on the axes */
  PLINT *opt, *col, *sty, *tcol;
  PLFLT *wid;
  const char **txt; /* the legend */
} xy_plot;

static void draw_xy(const void *vp) {
  const xy_plot *q = vp;
  const dr_plot_curve *c = q->c;
  int logx = q->logx, logy = q->logy;
  plot_open();
  double lx0 = logx ? floor(log10(q->xmin) * 4) / 4 : q->xmin, lx1 = logx ? ceil(log10(q->xmax) * 4) / 4 : q->xmax;
  double ly0 = logy ? floor(log10(q->ymin) * 2) / 2 : q->ymin, ly1 = logy ? ceil(log10(q->ymax) * 2) / 2 : q->ymax * 1.08;
  /* many curves: the legend goes outside, right of a narrower frame */
  int outside = q->ncurves > 3;
  pladv(0);
  plvpor(0.11, outside ? 0.64 : 0.95, 0.12, 0.9);
  plwind(lx0, lx1, ly0, ly1);
  plschr(0, 0.85);
  /* log axes over many decades: a label every few decades, not each one */
  double xt = logx ? fmax(1, ceil((lx1 - lx0) / 10)) : 0, yt = logy ? fmax(1, ceil((ly1 - ly0) / 10)) : 0;
  /* PLplot labels every decade of a log axis; over more than ten decades the
   * labels are written here (option o) every few decades, on a linear axis in log10 */
  plslabelfunc(decade_label, NULL);
  plbox(!logx ? "bcgnst" : xt > 1 ? "bcgnsto" : "bcgnstl", xt > 1 ? xt : 0, xt > 1 ? (int)xt : 0,
        !logy ? "bcgnstv" : yt > 1 ? "bcgnstov" : "bcgnstlv", yt > 1 ? yt : 0, yt > 1 ? (int)yt : 0);
  plslabelfunc(NULL, NULL);
  pllab(q->xlabel, q->ylabel, q->title);
  /* shaded regions first, under the lines: each run of finite points, closed by fill_y or the top */
  for (int k = 0; k < q->ncurves; k++) {
    if (!(c[k].flags & DR_PLOT_FILL)) continue;
    PLINT r, g, b;
    PLFLT al;
    plgcol0a(c[k].color, &r, &g, &b, &al);
    plscol0a(c[k].color, r, g, b, 0.2);
    plcol0(c[k].color);
    int i = 0;
    while (i < c[k].n) {
      int j = i, m = 0;
      while (j < c[k].n && isfinite(c[k].x[j]) && isfinite(c[k].y[j]) && c[k].x[j] > 0 && c[k].y[j] > 0 &&
             (!c[k].fill_y || (isfinite(c[k].fill_y[j]) && c[k].fill_y[j] > 0)))
        j++;
      if (j - i > 1) {
        for (int t = i; t < j; t++) q->lx[m] = ax(c[k].x[t], logx), q->ly[m++] = ax(c[k].y[t], logy);
        for (int t = j - 1; t >= i; t--)
          q->lx[m] = ax(c[k].x[t], logx), q->ly[m++] = c[k].fill_y ? ax(c[k].fill_y[t], logy) : ly1;
        plfill(m, q->lx, q->ly);
      }
      i = j > i ? j : i + 1;
    }
    plscol0a(c[k].color, r, g, b, al);
  }
  int nl = 0;
  for (int k = 0; k < q->ncurves; k++) {
    plcol0(c[k].color);
    pllsty(c[k].style > 0 ? c[k].style : 1);
    plwidth(c[k].flags & DR_PLOT_THIN ? 1.0 : 2.0);
    int m = 0;
    for (int i = 0; i <= c[k].n; i++) {
      int ok = i < c[k].n && isfinite(c[k].x[i]) && isfinite(c[k].y[i]) && (c[k].x[i] > 0 || !logx) &&
               (c[k].y[i] > 0 || !logy);
      if (ok) {
        q->lx[m] = ax(c[k].x[i], logx);
        q->ly[m] = ax(c[k].y[i], logy);
        m++;
      } else {
        if (m > 1) plline(m, q->lx, q->ly);
        m = 0;
      }
    }
    if (c[k].label) {
      q->opt[nl] = PL_LEGEND_LINE, q->col[nl] = c[k].color, q->sty[nl] = c[k].style > 0 ? c[k].style : 1;
      q->wid[nl] = c[k].flags & DR_PLOT_THIN ? 1.0 : 2.0, q->tcol[nl] = 15;
      q->txt[nl++] = c[k].label;
    }
  }
  pllsty(1);
  plwidth(1.0);
  if (nl > 0) {
    PLFLT lw, lh;
    /* background 0 (white), bounding box 15 (black) */
    pllegend(&lw, &lh, PL_LEGEND_BACKGROUND | PL_LEGEND_BOUNDING_BOX,
             outside ? PL_POSITION_OUTSIDE | PL_POSITION_RIGHT : PL_POSITION_INSIDE | PL_POSITION_LEFT | PL_POSITION_TOP,
             outside ? 0.02 : 0.01, outside ? 0.0 : 0.01, 0.08, 0, 15, 1, 0, 0, nl, q->opt, 1.0, 0.8, 2.0, 0.0, q->tcol,
             q->txt, NULL, NULL, NULL, NULL, q->col, q->sty, q->wid, NULL, NULL, NULL, NULL);
  }
  plend();
}

int dr_plot_xy(const char *path, const char *title, const char *xlabel, const char *ylabel,
               const dr_plot_curve *c, int ncurves, int logx, int logy, dr_error *e) {
  double xmin = INFINITY, xmax = -INFINITY, ymin = INFINITY, ymax = -INFINITY;
  int nmax = 0;
  int any_framing = 0;
  for (int k = 0; k < ncurves; k++)
    for (int i = 0; !(c[k].flags & DR_PLOT_CLIP) && i < c[k].n && !any_framing; i++)
      any_framing = isfinite(c[k].x[i]) && isfinite(c[k].y[i]) && (c[k].x[i] > 0 || !logx) && (c[k].y[i] > 0 || !logy);
  for (int k = 0; k < ncurves; k++) {
    if (c[k].n > nmax) nmax = c[k].n;
    if ((c[k].flags & DR_PLOT_CLIP) && any_framing) continue; /* drawn, clipped, but not framing */
    for (int i = 0; i < c[k].n; i++) {
      double x = c[k].x[i], y = c[k].y[i];
      if (!(isfinite(x) && isfinite(y) && (x > 0 || !logx) && (y > 0 || !logy))) continue;
      xmin = fmin(xmin, x), xmax = fmax(xmax, x), ymin = fmin(ymin, y), ymax = fmax(ymax, y);
    }
  }
  if (!(xmax >= xmin && ymax >= ymin))
    return DR_FAIL(e, DR_EDOMAIN, "%s: nothing to plot (no finite point on these axes)", path);
  if (xmax <= xmin) xmax = logx ? xmin * 10 : xmin + 1, xmin = logx ? xmin / 10 : xmin - 1;
  if (ymax <= ymin) ymax = logy ? ymin * 10 : ymin + 1, ymin = logy ? ymin / 10 : ymin - 1;
  if (!logy && ymin > 0) ymin = 0;
  size_t nc = (size_t)ncurves + 1;
  xy_plot q = {path, title, xlabel, ylabel, c, ncurves, logx, logy, xmin, xmax, ymin, ymax,
               malloc(sizeof(double) * (size_t)(2 * nmax + 2)), malloc(sizeof(double) * (size_t)(2 * nmax + 2)),
               malloc(sizeof(PLINT) * nc), malloc(sizeof(PLINT) * nc), malloc(sizeof(PLINT) * nc),
               malloc(sizeof(PLINT) * nc), malloc(sizeof(PLFLT) * nc), malloc(sizeof(char *) * nc)};
  int rc = q.lx && q.ly && q.opt && q.col && q.sty && q.tcol && q.wid && q.txt
               ? plot_guarded(draw_xy, &q, path, e)
               : DR_FAIL(e, DR_ENOMEM, "out of memory");
  free(q.lx), free(q.ly), free(q.opt), free(q.col), free(q.sty), free(q.tcol), free(q.wid), free(q.txt);
  return rc;
}

int dr_plot_loglog(const char *path, const char *title, const char *xlabel, const char *ylabel,
                   const dr_plot_curve *c, int ncurves, dr_error *e) {
  return dr_plot_xy(path, title, xlabel, ylabel, c, ncurves, 1, 1, e);
}

typedef struct {
  const char *path, *title, *xlabel, *ylabel, *zlabel;
  int nx, ny;
  double x0, x1, y0, y1, zmin, zmax;
  PLFLT **g;
} map_plot;

static void draw_map(const void *vp) {
  const map_plot *q = vp;
  plot_open();
  pladv(0);
  plvpor(0.11, q->zlabel ? 0.8 : 0.95, 0.12, 0.9);
  plwind(q->x0, q->x1, q->y0, q->y1);
  plschr(0, 0.85);
  pllab(q->xlabel, q->ylabel, q->title);
  plimage((PLFLT_MATRIX)q->g, q->nx + 1, q->ny + 1, q->x0, q->x1, q->y0, q->y1, q->zmin, q->zmax, q->x0, q->x1, q->y0,
          q->y1);
  plcol0(15);
  plbox("bcnst", 0, 0, "bcnstv", 0, 0);
  if (q->zlabel) {
    PLFLT w, h, vals[2] = {q->zmin, q->zmax};
    const PLFLT *vp2 = vals;
    PLINT lopt = PL_COLORBAR_LABEL_RIGHT, nv = 2, sub = 0;
    PLFLT tick = 0;
    const char *axopt = "bcvtm", *zl = q->zlabel;
    plcolorbar(&w, &h, PL_COLORBAR_IMAGE, PL_POSITION_RIGHT, 0.03, 0.0, 0.04, 0.8, 0, 15, 1, 0.0, 0.0, 0, 0.0, 1,
               &lopt, &zl, 1, &axopt, &tick, &sub, &nv, (PLFLT_MATRIX)&vp2);
  }
  plend();
}

int dr_plot_map(const char *path, const char *title, const char *xlabel, const char *ylabel, const char *zlabel,
                int nx, int ny, double x0, double x1, double y0, double y1, const double *z, dr_error *e) {
  double zmin = INFINITY, zmax = -INFINITY;
  for (int i = 0; i < nx * ny; i++)
    if (isfinite(z[i])) zmin = fmin(zmin, z[i]), zmax = fmax(zmax, z[i]);
  if (!(zmax > 0) && !zlabel) return DR_FAIL(e, DR_EDOMAIN, "%s: nothing to plot (empty histogram)", path);
  if (!(zmax >= zmin)) return DR_FAIL(e, DR_EDOMAIN, "%s: nothing to plot (no finite value)", path);
  if (!zlabel) zmin = 0; /* histograms: from zero */
  if (zmax <= zmin) zmax = zmin + 1;
  /* plimage spans [x0, x1] with the nx values at the corners of nx - 1 cells: a grid of (nx + 1) x (ny + 1)
   * values, the last row and column repeated, draws the nx x ny cells (each cell's value at its lower left) */
  map_plot q = {path, title, xlabel, ylabel, zlabel, nx, ny, x0, x1, y0, y1, zmin, zmax, NULL};
  /* the grid as PLplot's PLFLT ** (rows of one block), allocated here: plAlloc2dGrid would call plexit on failure */
  PLFLT *block = malloc(sizeof *block * (size_t)(nx + 1) * (size_t)(ny + 1));
  q.g = malloc(sizeof *q.g * (size_t)(nx + 1));
  if (!block || !q.g) {
    free(block), free(q.g);
    return DR_FAIL(e, DR_ENOMEM, "out of memory");
  }
  for (int i = 0; i <= nx; i++) q.g[i] = block + (size_t)i * (size_t)(ny + 1);
  for (int i = 0; i <= nx; i++)
    for (int j = 0; j <= ny; j++) {
      double v = z[(i < nx ? i : nx - 1) * ny + (j < ny ? j : ny - 1)];
      q.g[i][j] = isfinite(v) ? v : zmin;
    }
  int rc = plot_guarded(draw_map, &q, path, e);
  free(block), free(q.g);
  return rc;
}
