/* Minimal streaming JSON writer (RFC 8259 strings; non-finite numbers as null). */
#include "darkreach/io.h"

#include <math.h>
#include <stdlib.h>

static void sep(dr_json *j) {
  if (!j->first[j->depth]) fputc(',', j->f);
  j->first[j->depth] = 0;
}

/* length of the well-formed UTF-8 sequence at s (RFC 3629), 0 if there is none */
static int utf8_len(const unsigned char *s) {
  int n = (s[0] >= 0xc2 && s[0] <= 0xdf) ? 2 : (s[0] >= 0xe0 && s[0] <= 0xef) ? 3 : (s[0] >= 0xf0 && s[0] <= 0xf4) ? 4 : 0;
  for (int k = 1; k < n; k++)
    if ((s[k] & 0xc0) != 0x80) return 0;
  if (n == 3 && ((s[0] == 0xe0 && s[1] < 0xa0) || (s[0] == 0xed && s[1] >= 0xa0))) return 0; /* overlong, surrogate */
  if (n == 4 && ((s[0] == 0xf0 && s[1] < 0x90) || (s[0] == 0xf4 && s[1] >= 0x90))) return 0;
  return n;
}

/* a JSON string; bytes that are not UTF-8 become U+FFFD, so the output is always valid JSON */
static void put_string(FILE *f, const char *s) {
  fputc('"', f);
  for (const unsigned char *u = (const unsigned char *)s; u && *u; u++) {
    unsigned char c = *u;
    if (c == '"' || c == '\\') fprintf(f, "\\%c", c);
    else if (c == '\n') fputs("\\n", f);
    else if (c == '\t') fputs("\\t", f);
    else if (c < 0x20 || c == 0x7f) fprintf(f, "\\u%04x", c);
    else if (c < 0x80) fputc(c, f);
    else {
      int n = utf8_len(u);
      if (n == 0) fputs("\\ufffd", f);
      else fwrite(u, 1, (size_t)n, f), u += n - 1;
    }
  }
  fputc('"', f);
}

static void key(dr_json *j, const char *k) {
  sep(j);
  if (k) {
    put_string(j->f, k);
    fputc(':', j->f);
  }
}

static void open(dr_json *j, char c) {
  fputc(c, j->f);
  if (j->depth < 31) j->depth++;
  j->first[j->depth] = 1;
  j->closer[j->depth] = c == '{' ? '}' : ']';
}

void dr_json_begin(dr_json *j, FILE *f) {
  j->f = f;
  j->depth = 0;
  j->first[0] = 1;
  open(j, '{');
}

void dr_json_close(dr_json *j) {
  if (j->depth <= 1) return; /* the top-level object is closed by dr_json_end */
  fputc(j->closer[j->depth], j->f);
  j->depth--;
}

void dr_json_end(dr_json *j) {
  while (j->depth > 1) dr_json_close(j);
  fputs("}\n", j->f);
  j->depth = 0;
}

void dr_json_key_object(dr_json *j, const char *k) {
  key(j, k);
  open(j, '{');
}

void dr_json_key_array(dr_json *j, const char *k) {
  key(j, k);
  open(j, '[');
}

void dr_json_object(dr_json *j) {
  key(j, NULL);
  open(j, '{');
}

void dr_json_num(dr_json *j, const char *k, double v) {
  key(j, k);
  if (isfinite(v)) fprintf(j->f, "%.10g", v);
  else fputs("null", j->f);
}

void dr_json_num_exact(dr_json *j, const char *k, double v) {
  key(j, k);
  if (!isfinite(v)) {
    fputs("null", j->f);
    return;
  }
  char buf[32];
  dr_format_exact(buf, sizeof buf, v);
  fputs(buf, j->f);
}

void dr_format_exact(char *buf, size_t n, double v) {
  for (int p = 15; p <= 17; p++) {
    snprintf(buf, n, "%.*g", p, v);
    if (strtod(buf, NULL) == v) return;
  }
}

void dr_json_int(dr_json *j, const char *k, long v) {
  key(j, k);
  fprintf(j->f, "%ld", v);
}

void dr_json_str(dr_json *j, const char *k, const char *s) {
  key(j, k);
  put_string(j->f, s);
}

void dr_json_null(dr_json *j, const char *k) {
  key(j, k);
  fputs("null", j->f);
}

void dr_json_bool(dr_json *j, const char *k, int v) {
  key(j, k);
  fputs(v ? "true" : "false", j->f);
}

void dr_json_array_num(dr_json *j, double v) { dr_json_num(j, NULL, v); }
