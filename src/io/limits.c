/* Digitised published limits (data/limits/, include/darkreach/io.h). */
#include "darkreach/io.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void dr_limit_curve_free(dr_limit_curve *c) {
  free(c->mass);
  free(c->eps);
  c->mass = c->eps = NULL;
  c->n = 0;
}

int dr_limit_curve_read(const char *path, dr_limit_curve *c, dr_error *e) {
  memset(c, 0, sizeof *c);
  FILE *f = fopen(path, "r");
  if (!f) return DR_FAIL(e, DR_EIO, "cannot read '%s'", path);
  char line[1024];
  int cap = 0, header = 0, lineno = 0, rc = DR_OK;
  while (fgets(line, sizeof line, f)) {
    lineno++;
    if (!strchr(line, '\n') && !feof(f)) { /* longer than the buffer */
      if (line[0] != '#') {
        rc = DR_FAIL(e, DR_EPARSE, "%s:%d: line longer than %zu characters", path, lineno, sizeof line - 2);
        break;
      }
      int ch; /* a long comment: the rest of it is comment too */
      while ((ch = fgetc(f)) != EOF && ch != '\n') {}
    }
    if (line[0] == '#') {
      if (!c->label[0] && strncmp(line, "# label:", 8) == 0) {
        const char *s = line + 8;
        while (*s == ' ') s++;
        snprintf(c->label, sizeof c->label, "%.127s", s); /* a label longer than 127 characters is cut */
        c->label[strcspn(c->label, "\r\n")] = 0;
      }
      continue;
    }
    if (line[strspn(line, " \t\r\n")] == 0) continue;
    if (!header) { /* mass_GeV,epsilon */
      if (strncmp(line, "mass_GeV,epsilon", 16) != 0) {
        rc = DR_FAIL(e, DR_EPARSE, "%s:%d: expected the header 'mass_GeV,epsilon'", path, lineno);
        break;
      }
      header = 1;
      continue;
    }
    char *end;
    double m = strtod(line, &end), eps = *end == ',' ? strtod(end + 1, &end) : NAN;
    if (!(m > 0) || !(eps > 0) || end[strspn(end, " \t\r\n")] != 0) {
      rc = DR_FAIL(e, DR_EPARSE, "%s:%d: not 'mass_GeV,epsilon' with positive numbers", path, lineno);
      break;
    }
    if (eps >= 10) continue; /* a closure point of the source's plot, not part of the bound */
    if (c->n == cap) {
      cap = cap ? 2 * cap : 64;
      double *pm = realloc(c->mass, sizeof(double) * (size_t)cap);
      if (pm) c->mass = pm;
      double *pe = pm ? realloc(c->eps, sizeof(double) * (size_t)cap) : NULL;
      if (pe) c->eps = pe;
      if (!pm || !pe) {
        rc = DR_FAIL(e, DR_ENOMEM, "out of memory");
        break;
      }
    }
    c->mass[c->n] = m;
    c->eps[c->n] = eps;
    c->n++;
  }
  fclose(f);
  if (rc == DR_OK && !header) rc = DR_FAIL(e, DR_EPARSE, "%s: no 'mass_GeV,epsilon' header", path);
  if (rc == DR_OK && c->n < 2) rc = DR_FAIL(e, DR_EPARSE, "%s: fewer than two points", path);
  if (rc == DR_OK && !c->label[0]) rc = DR_FAIL(e, DR_EPARSE, "%s: no '# label:' line", path);
  if (rc != DR_OK) dr_limit_curve_free(c);
  return rc;
}

/* append (m, v) to c */
static int curve_push(dr_limit_curve *c, int *cap, double m, double v, dr_error *e) {
  if (c->n == *cap) {
    int nc = *cap ? 2 * *cap : 64;
    double *pm = realloc(c->mass, sizeof(double) * (size_t)nc);
    if (pm) c->mass = pm;
    double *pv = pm ? realloc(c->eps, sizeof(double) * (size_t)nc) : NULL;
    if (pv) c->eps = pv;
    if (!pm || !pv) return DR_FAIL(e, DR_ENOMEM, "out of memory");
    *cap = nc;
  }
  c->mass[c->n] = m;
  c->eps[c->n] = v;
  c->n++;
  return DR_OK;
}

int dr_curve_csv_read(const char *path, dr_limit_curve *lower, dr_limit_curve *upper, dr_error *e) {
  memset(lower, 0, sizeof *lower);
  memset(upper, 0, sizeof *upper);
  FILE *f = fopen(path, "r");
  if (!f) return DR_FAIL(e, DR_EIO, "cannot read '%s'", path);
  char line[4096];
  int lineno = 0, rc = DR_OK, header = 0, col = 1, col_up = -1, cap_lo = 0, cap_up = 0;
  while (rc == DR_OK && fgets(line, sizeof line, f)) {
    lineno++;
    if (line[0] == '#' || line[strspn(line, " \t\r\n")] == 0) continue;
    char *end;
    strtod(line, &end);
    if (!header && end == line) { /* a header: the columns named coupling and coupling_upper, if any */
      header = 1;
      int k = 0;
      for (char *t = line; *t; k++) {
        while (*t == ' ' || *t == '\t') t++; /* names may have blanks around them */
        size_t len = strcspn(t, ",\r\n");
        while (len > 0 && (t[len - 1] == ' ' || t[len - 1] == '\t')) len--;
        if (len == 8 && !strncmp(t, "coupling", 8)) col = k;
        if (len == 14 && !strncmp(t, "coupling_upper", 14)) col_up = k;
        len = strcspn(t, ",\r\n");
        t += len;
        if (*t != ',') break;
        t++;
      }
      continue;
    }
    header = 1;
    double v[64];
    int nf = 0;
    for (char *t = line; nf < 64;) {
      v[nf++] = strtod(t, &end);
      if (end == t) v[nf - 1] = NAN; /* nan, an empty field or a word: a gap in the curve */
      t = end + strcspn(end, ",\r\n");
      if (*t != ',') break;
      t++;
    }
    if (!strchr(line, '\n') && !feof(f)) {
      rc = DR_FAIL(e, DR_EPARSE, "%s:%d: line longer than %zu characters", path, lineno, sizeof line - 2);
      break;
    }
    if (nf <= col || (col_up >= 0 && nf <= col_up) || !(v[0] > 0) || !isfinite(v[0])) {
      rc = DR_FAIL(e, DR_EPARSE, "%s:%d: expected a positive mass [GeV] and the coupling in column %d", path, lineno,
                   col + 1);
      break;
    }
    if (v[col] >= 10) continue; /* a closure point of a digitised plot (data/limits), not part of the bound */
    rc = curve_push(lower, &cap_lo, v[0], v[col] > 0 ? v[col] : NAN, e);
    if (rc == DR_OK && col_up >= 0) rc = curve_push(upper, &cap_up, v[0], v[col_up] > 0 ? v[col_up] : NAN, e);
  }
  fclose(f);
  int finite = 0;
  for (int i = 0; i < lower->n; i++) finite += isfinite(lower->eps[i]);
  if (rc == DR_OK && finite < 2) rc = DR_FAIL(e, DR_EPARSE, "%s: fewer than two points with a positive coupling", path);
  if (rc == DR_OK && upper->n) {
    finite = 0;
    for (int i = 0; i < upper->n; i++) finite += isfinite(upper->eps[i]);
    if (finite < 2) dr_limit_curve_free(upper); /* no band: the lower edge alone */
  }
  if (rc != DR_OK) dr_limit_curve_free(lower), dr_limit_curve_free(upper);
  return rc;
}
