/* Log-log line plots with PLplot ([PLplot]) through its cairo PNG driver. */
#include "darkreach/io.h"

#include <math.h>
#include <plplot.h>
#include <stdio.h>
#include <stdlib.h>

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

int dr_plot_xy(const char *path, const char *title, const char *xlabel, const char *ylabel,
               const dr_plot_curve *c, int ncurves, int logx, int logy, dr_error *e) {
  double xmin = INFINITY, xmax = -INFINITY, ymin = INFINITY, ymax = -INFINITY;
  int nmax = 0;
  for (int k = 0; k < ncurves; k++) {
    if (c[k].n > nmax) nmax = c[k].n;
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
  double *lx = malloc(sizeof *lx * (size_t)nmax), *ly = malloc(sizeof *ly * (size_t)nmax);
  if (!lx || !ly) {
    free(lx), free(ly);
    return DR_FAIL(e, DR_ENOMEM, "out of memory");
  }
  plsdev("pngcairo");
  plsfnam(path);
  plsetopt("geometry", "900x650");
  plscolbg(255, 255, 255);
  plinit();
  plscol0(15, 0, 0, 0); /* colour 15: black, for axes and labels */
  plcol0(15);
  double lx0 = logx ? floor(log10(xmin) * 4) / 4 : xmin, lx1 = logx ? ceil(log10(xmax) * 4) / 4 : xmax;
  double ly0 = logy ? floor(log10(ymin) * 2) / 2 : ymin, ly1 = logy ? ceil(log10(ymax) * 2) / 2 : ymax * 1.08;
  /* many curves: the legend goes outside, right of a narrower frame */
  int outside = ncurves > 3;
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
  pllab(xlabel, ylabel, title);
  PLINT *opt = malloc(sizeof *opt * (size_t)ncurves), *col = malloc(sizeof *col * (size_t)ncurves);
  PLINT *sty = malloc(sizeof *sty * (size_t)ncurves);
  PLFLT *wid = malloc(sizeof *wid * (size_t)ncurves);
  const char **txt = malloc(sizeof *txt * (size_t)ncurves);
  int nl = 0;
  for (int k = 0; k < ncurves; k++) {
    plcol0(c[k].color);
    pllsty(c[k].style > 0 ? c[k].style : 1);
    plwidth(2.0);
    int m = 0;
    for (int i = 0; i <= c[k].n; i++) {
      int ok = i < c[k].n && isfinite(c[k].x[i]) && isfinite(c[k].y[i]) && (c[k].x[i] > 0 || !logx) &&
               (c[k].y[i] > 0 || !logy);
      if (ok) {
        lx[m] = ax(c[k].x[i], logx);
        ly[m] = ax(c[k].y[i], logy);
        m++;
      } else {
        if (m > 1) plline(m, lx, ly);
        m = 0;
      }
    }
    if (c[k].label && opt && col && sty && wid && txt) {
      opt[nl] = PL_LEGEND_LINE, col[nl] = c[k].color, sty[nl] = c[k].style > 0 ? c[k].style : 1, wid[nl] = 2.0;
      txt[nl++] = c[k].label;
    }
  }
  pllsty(1);
  plwidth(1.0);
  if (nl > 0) {
    PLFLT lw, lh;
    PLINT *tcol = malloc(sizeof *tcol * (size_t)nl);
    if (tcol) {
      for (int k = 0; k < nl; k++) tcol[k] = 15;
      /* background 0 (white), bounding box 15 (black) */
      pllegend(&lw, &lh, PL_LEGEND_BACKGROUND | PL_LEGEND_BOUNDING_BOX,
               outside ? PL_POSITION_OUTSIDE | PL_POSITION_RIGHT : PL_POSITION_INSIDE |
                                                                                        PL_POSITION_LEFT |
                                                                                        PL_POSITION_TOP,
               outside ? 0.02 : 0.01, outside ? 0.0 : 0.01, 0.08, 0, 15, 1, 0, 0, nl, opt, 1.0, 0.8, 2.0, 0.0, tcol,
               txt, NULL, NULL, NULL, NULL, col, sty, wid, NULL, NULL, NULL, NULL);
      free(tcol);
    }
  }
  free(opt), free(col), free(sty), free(wid), free(txt);
  pllsty(1);
  plend();
  free(lx);
  free(ly);
  return DR_OK;
}

int dr_plot_loglog(const char *path, const char *title, const char *xlabel, const char *ylabel,
                   const dr_plot_curve *c, int ncurves, dr_error *e) {
  return dr_plot_xy(path, title, xlabel, ylabel, c, ncurves, 1, 1, e);
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
  PLFLT **g;
  plAlloc2dGrid(&g, nx + 1, ny + 1);
  for (int i = 0; i <= nx; i++)
    for (int j = 0; j <= ny; j++) {
      double v = z[(i < nx ? i : nx - 1) * ny + (j < ny ? j : ny - 1)];
      g[i][j] = isfinite(v) ? v : zmin;
    }
  plsdev("pngcairo");
  plsfnam(path);
  plsetopt("geometry", "900x650");
  plscolbg(255, 255, 255);
  plinit();
  plscol0(15, 0, 0, 0);
  plcol0(15);
  pladv(0);
  plvpor(0.11, zlabel ? 0.8 : 0.95, 0.12, 0.9);
  plwind(x0, x1, y0, y1);
  plschr(0, 0.85);
  pllab(xlabel, ylabel, title);
  plimage((PLFLT_MATRIX)g, nx + 1, ny + 1, x0, x1, y0, y1, zmin, zmax, x0, x1, y0, y1);
  plcol0(15);
  plbox("bcnst", 0, 0, "bcnstv", 0, 0);
  if (zlabel) {
    PLFLT w, h, vals[2] = {zmin, zmax};
    const PLFLT *vp = vals;
    PLINT lopt = PL_COLORBAR_LABEL_RIGHT, nv = 2, sub = 0;
    PLFLT tick = 0;
    const char *axopt = "bcvtm";
    plcolorbar(&w, &h, PL_COLORBAR_IMAGE, PL_POSITION_RIGHT, 0.03, 0.0, 0.04, 0.8, 0, 15, 1, 0.0, 0.0, 0, 0.0, 1,
               &lopt, &zlabel, 1, &axopt, &tick, &sub, &nv, (PLFLT_MATRIX)&vp);
  }
  plend();
  plFree2dGrid(g, nx + 1, ny + 1);
  return DR_OK;
}
