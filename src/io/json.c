/* Minimal streaming JSON writer (RFC 8259 strings; non-finite numbers as null). */
#include "darkreach/io.h"

#include <math.h>

static void sep(dr_json *j) {
  if (!j->first[j->depth]) fputc(',', j->f);
  j->first[j->depth] = 0;
}

static void put_string(FILE *f, const char *s) {
  fputc('"', f);
  for (; s && *s; s++) {
    unsigned char c = (unsigned char)*s;
    if (c == '"' || c == '\\') fprintf(f, "\\%c", c);
    else if (c == '\n') fputs("\\n", f);
    else if (c == '\t') fputs("\\t", f);
    else if (c < 0x20) fprintf(f, "\\u%04x", c);
    else fputc(c, f);
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
