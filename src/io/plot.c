/* Log-log line plots with PLplot ([PLplot]) through its cairo PNG driver. */
#include "darkreach/io.h"

#include <math.h>
#include <plplot.h>
#include <stdlib.h>

int dr_plot_loglog(const char *path, const char *title, const char *xlabel, const char *ylabel,
                   const dr_plot_curve *c, int ncurves, dr_error *e) {
  double xmin = INFINITY, xmax = -INFINITY, ymin = INFINITY, ymax = -INFINITY;
  int nmax = 0;
  for (int k = 0; k < ncurves; k++) {
    if (c[k].n > nmax) nmax = c[k].n;
    for (int i = 0; i < c[k].n; i++) {
      double x = c[k].x[i], y = c[k].y[i];
      if (!(isfinite(x) && isfinite(y) && x > 0 && y > 0)) continue;
      xmin = fmin(xmin, x), xmax = fmax(xmax, x), ymin = fmin(ymin, y), ymax = fmax(ymax, y);
    }
  }
  if (!(xmax > 0 && ymax > 0))
    return DR_FAIL(e, DR_EDOMAIN, "%s: nothing to plot (no finite positive point)", path);
  if (xmax <= xmin) xmax = xmin * 10, xmin /= 10;
  if (ymax <= ymin) ymax = ymin * 10, ymin /= 10;
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
  double lx0 = floor(log10(xmin) * 4) / 4, lx1 = ceil(log10(xmax) * 4) / 4;
  double ly0 = floor(log10(ymin) * 2) / 2, ly1 = ceil(log10(ymax) * 2) / 2;
  plenv(lx0, lx1, ly0, ly1, 0, 30); /* 30: log x and log y with grid */
  pllab(xlabel, ylabel, title);
  double legend_y = ly1 - 0.06 * (ly1 - ly0);
  for (int k = 0; k < ncurves; k++) {
    plcol0(c[k].color);
    pllsty(c[k].style > 0 ? c[k].style : 1);
    plwidth(2.0);
    int m = 0;
    for (int i = 0; i <= c[k].n; i++) {
      int ok = i < c[k].n && isfinite(c[k].x[i]) && isfinite(c[k].y[i]) && c[k].x[i] > 0 &&
               c[k].y[i] > 0;
      if (ok) {
        lx[m] = log10(c[k].x[i]);
        ly[m] = log10(c[k].y[i]);
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
