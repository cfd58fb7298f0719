/* Log-log line plots with PLplot ([PLplot]) through its cairo PNG driver. */
#include "darkreach/io.h"

#include <math.h>
#include <plplot.h>
#include <stdlib.h>

static double ax(double v, int lg) { return lg ? log10(v) : v; }

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
  /* axis code: 2 = linear with grid, +10 log x, +20 log y */
  plenv(lx0, lx1, ly0, ly1, 0, 2 + (logx ? 10 : 0) + (logy ? 20 : 0));
  pllab(xlabel, ylabel, title);
  double legend_y = ly1 - 0.06 * (ly1 - ly0);
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
    if (c[k].label) { /* legend: a short line and the label, top left */
      double xs[2] = {lx0 + 0.03 * (lx1 - lx0), lx0 + 0.09 * (lx1 - lx0)};
      double ys[2] = {legend_y, legend_y};
      plline(2, xs, ys);
      plcol0(15);
      plptex(xs[1] + 0.01 * (lx1 - lx0), legend_y, 1, 0, 0, c[k].label);
      legend_y -= 0.06 * (ly1 - ly0);
    }
  }
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

int dr_plot_map(const char *path, const char *title, const char *xlabel, const char *ylabel, int nx,
                int ny, double x0, double x1, double y0, double y1, const double *z, dr_error *e) {
  double zmax = 0;
  for (int i = 0; i < nx * ny; i++) zmax = fmax(zmax, z[i]);
  if (!(zmax > 0)) return DR_FAIL(e, DR_EDOMAIN, "%s: nothing to plot (empty histogram)", path);
  PLFLT **g;
  plAlloc2dGrid(&g, nx, ny);
  for (int i = 0; i < nx; i++)
    for (int j = 0; j < ny; j++) g[i][j] = z[i * ny + j];
  plsdev("pngcairo");
  plsfnam(path);
  plsetopt("geometry", "900x650");
  plscolbg(255, 255, 255);
  plinit();
  plscol0(15, 0, 0, 0);
  plcol0(15);
  plenv(x0, x1, y0, y1, 0, 0);
  pllab(xlabel, ylabel, title);
  plimage((PLFLT_MATRIX)g, nx, ny, x0, x1, y0, y1, 0, zmax, x0, x1, y0, y1);
  plcol0(15);
  plbox("bcnst", 0, 0, "bcnst", 0, 0);
  plend();
  plFree2dGrid(g, nx, ny);
  return DR_OK;
}
