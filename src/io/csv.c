/* CSV fields as the usual readers take them (numpy.genfromtxt with
 * delimiter=',' and names=True, pandas.read_csv, Python's csv module): one
 * header line, then rows; no quoting, so text fields carry no commas, quotes
 * or line breaks; numbers with 10 significant digits, non-finite as nan/inf. */
#include "darkreach/io.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

void dr_csv_num(FILE *f, double v, int comma) {
  if (comma) fputc(',', f);
  if (isnan(v)) fputs("nan", f);
  else if (isinf(v)) fputs(v > 0 ? "inf" : "-inf", f);
  else fprintf(f, "%.9e", v);
}

static char clean(char c) { return c == ',' ? ';' : c == '"' ? '\'' : (c == '\n' || c == '\r') ? ' ' : c; }

void dr_csv_text(FILE *f, const char *s) {
  for (; s && *s; s++) fputc(clean(*s), f);
}

void dr_csv_clean(char *dst, const char *src, size_t n) {
  size_t k = 0;
  for (; src && *src && k + 1 < n; src++) dst[k++] = clean(*src);
  if (n) dst[k] = '\0';
}

int dr_csv_split(const char *line, char fields[][256], int n) {
  int k = 0;
  size_t len = 0;
  for (const char *s = line;; s++) {
    if (*s == ',' || *s == '\0' || *s == '\n' || *s == '\r') {
      if (k < n) fields[k][len < 255 ? len : 255] = '\0';
      k++;
      len = 0;
      if (*s != ',') break;
      continue;
    }
    if (k < n && len < 255) fields[k][len] = *s;
    len++;
  }
  return k;
}

int dr_csv_parse_num(const char *s, double *v) {
  if (strcmp(s, "nan") == 0) return *v = NAN, DR_OK;
  if (strcmp(s, "inf") == 0) return *v = INFINITY, DR_OK;
  if (strcmp(s, "-inf") == 0) return *v = -INFINITY, DR_OK;
  char *end = NULL;
  errno = 0;
  *v = strtod(s, &end);
  /* ERANGE on underflow (a denormal) is fine; overflow was written as inf */
  return (end != s && *end == '\0' && !(errno == ERANGE && isinf(*v))) ? DR_OK : DR_EPARSE;
}
