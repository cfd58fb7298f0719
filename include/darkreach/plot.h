/* Plots through PLplot's cairo driver, in their own library (darkreach_plot, src/plot/plot.c) so
 * that the core library does not link PLplot and cairo. PLplot's fatal errors, which would call
 * exit(), come back as DR_EIO with its message. PLplot is not reentrant: one plot at a time. */
#ifndef DARKREACH_PLOT_H
#define DARKREACH_PLOT_H

#include "darkreach/core.h"

/* Output formats: each plot is written in every format set (default PNG). The path a plot
 * function gets names the PNG ("x.png", or no extension); the PDF and SVG replace the extension. */
enum { DR_PLOT_PNG = 1, DR_PLOT_PDF = 2, DR_PLOT_SVG = 4 };
/* "png,pdf,svg" (any non-empty subset, comma-separated, each once) -> mask; DR_EINVAL otherwise */
int dr_plot_formats_parse(const char *list, unsigned *mask, dr_error *e);
void dr_plot_set_formats(unsigned mask); /* 0 means PNG */
unsigned dr_plot_formats(void);

/* Log-log plot of curves into a PNG file. Points with non-finite or
 * non-positive coordinates are skipped (a curve is broken there). */
typedef struct {
  const double *x, *y;
  int n;
  const char *label;
  int color;  /* PLplot cmap0 index */
  int style;  /* PLplot line style 1 = solid, 2.. = dashed */
  int flags;  /* DR_PLOT_FILL, DR_PLOT_CLIP (or 0) */
  const double *fill_y;
} dr_plot_curve;
/* DR_PLOT_FILL: shade (the curve's colour, translucent) between y and fill_y, or up to the frame's top
 * where fill_y is NULL: an excluded region. DR_PLOT_CLIP: the curve does not set the frame (the
 * other curves do); it is drawn clipped to it (a relic target, a published limit, a user's curve). */
enum { DR_PLOT_FILL = 1, DR_PLOT_CLIP = 2, DR_PLOT_THIN = 4 /* half the line width */ };

int dr_plot_loglog(const char *path, const char *title, const char *xlabel, const char *ylabel,
                   const dr_plot_curve *c, int ncurves, dr_error *e);
/* The same with a choice of linear or logarithmic axes. */
int dr_plot_xy(const char *path, const char *title, const char *xlabel, const char *ylabel,
               const dr_plot_curve *c, int ncurves, int logx, int logy, dr_error *e);
/* 2D histogram as a colour map: z[i*ny + j] for bin (i, j) of an nx x ny grid
 * over [x0, x1] x [y0, y1]; with a zlabel, a colour bar and the scale from
 * the smallest value (else from 0); non-finite cells at the bottom. */
int dr_plot_map(const char *path, const char *title, const char *xlabel, const char *ylabel, const char *zlabel,
                int nx, int ny, double x0, double x1, double y0, double y1, const double *z, dr_error *e);

#endif
