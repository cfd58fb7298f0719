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
