/* darkreach output: a small streaming JSON writer, CSV/JSON writers for
 * reach results, and log-log plots (PLplot, cairo PNG driver).
 * Every output file carries the effective configuration and the version. */
#ifndef DARKREACH_IO_H
#define DARKREACH_IO_H

#include <stdio.h>

#include "darkreach/reach.h"
#include "darkreach/relic.h"

/* Streaming JSON: the writer tracks commas; keys are given with values. */
typedef struct {
  FILE *f;
  int depth;
  int first[32];
  char closer[32];
} dr_json;

void dr_json_begin(dr_json *j, FILE *f); /* opens the top-level object */
void dr_json_end(dr_json *j);            /* closes it and writes a newline */
void dr_json_key_object(dr_json *j, const char *key);
void dr_json_key_array(dr_json *j, const char *key);
void dr_json_object(dr_json *j); /* an object inside an array */
void dr_json_close(dr_json *j);  /* closes the innermost object or array */
void dr_json_num(dr_json *j, const char *key, double v); /* 10 digits; NaN/inf -> null */
/* the shortest text that reads back as exactly v (15 to 17 digits) */
void dr_json_num_exact(dr_json *j, const char *key, double v);
void dr_format_exact(char *buf, size_t n, double v);
/* printf's "%.{p}e" (p <= 16) and "%.{sig}g" into buf (at least 40 bytes),
 * the same text about 4 times faster (src/io/fmt.c); return the length. */
int dr_fmt_e(char *buf, double x, int p);
int dr_fmt_g(char *buf, double x, int sig);
void dr_json_int(dr_json *j, const char *key, long v);
void dr_json_str(dr_json *j, const char *key, const char *s);
void dr_json_bool(dr_json *j, const char *key, int v);
void dr_json_null(dr_json *j, const char *key);
void dr_json_array_num(dr_json *j, double v); /* element of an array */

/* ---- CSV (src/io/csv.c) ----
 * Files the usual readers take (numpy.genfromtxt(delimiter=',', names=True),
 * pandas.read_csv, Python's csv module): one header line, then rows; no
 * comment lines (the configuration goes into a JSON file beside the CSV), no
 * quoting (text fields carry no commas, quotes or line breaks). Numbers have
 * 10 significant digits (%.9e), non-finite ones are nan, inf, -inf. */
void dr_csv_num(FILE *f, double v, int leading_comma);
/* text with ',' -> ';', a double quote -> a single one, line breaks -> ' ' */
void dr_csv_text(FILE *f, const char *s);
/* the same text into dst (n bytes), for JSON that must say what the CSV says */
void dr_csv_clean(char *dst, const char *src, size_t n);
/* Splits a row into at most n fields of up to 255 characters; returns the
 * number of fields in the row (more than n if it has more). */
int dr_csv_split(const char *line, char fields[][256], int n);
int dr_csv_parse_num(const char *s, double *v); /* DR_OK or DR_EPARSE */

/* ---- reach results (src/io/reach_io.c) ----
 * The physics configuration of a reach run (card, model, method and
 * precision actually used, CL, ...) as a "physics" object; one point as a CSV
 * row (columns mass_gev, coupling, y, status, coupling_upper, y_upper,
 * sigma_pb, sigma_err_pb, n_signal_coupling1, message) or a JSON object. The
 * parser reads a row back (resumed scans), DR_EPARSE if it is not one. */
void dr_json_reach_config(dr_json *j, const dr_experiment *x, const char *card_path,
                          dr_model_kind model, const dr_reach_opts *o);
int dr_reach_csv_header(FILE *f);
int dr_reach_csv_header_pair(FILE *f); /* millicharged pairs: m_chi and the channels */
int dr_reach_csv_row(FILE *f, const dr_reach_point *p);
int dr_reach_csv_parse(const char *line, dr_reach_point *p);
void dr_json_reach_point(dr_json *j, const dr_reach_point *p);

/* ---- relic-target curves (src/io/relic_io.c) ----
 * Columns m_dm_gev, m_med_gev, coupling, y, omega_h2, x_f, status, message. */
void dr_json_relic_config(dr_json *j, const dr_relic_spec *s);
int dr_relic_csv_header(FILE *f);
int dr_relic_csv_row(FILE *f, const dr_relic_point *p);
int dr_relic_csv_parse(const char *line, dr_relic_point *p);
void dr_json_relic_point(dr_json *j, const dr_relic_point *p);

/* A digitised published limit (a file of data/limits/KIND/): "# label: ..." names it,
 * further '#' lines give its provenance, then a "mass_GeV,epsilon" header and
 * the points; epsilon >= 10 rows (plot closure points of the sources) are
 * skipped. DR_EPARSE naming the file and line for anything else. */
typedef struct {
  char label[128];
  int n;
  double *mass, *eps; /* mass [GeV] and epsilon; free with dr_limit_curve_free */
} dr_limit_curve;
int dr_limit_curve_read(const char *path, dr_limit_curve *c, dr_error *e);
void dr_limit_curve_free(dr_limit_curve *c);
/* A user's curve for an overlay: a CSV of mass [GeV] and coupling. '#' lines are comments; a first
 * line that is not numbers is a header, whose columns "coupling" and "coupling_upper" are used if
 * present (a darkreach reach.csv), else the second column. Non-numeric or non-positive couplings
 * (nan, an empty field) are gaps; couplings >= 10 (the closure points of data/limits files) are
 * skipped. upper gets the upper edge where the file has one (else n = 0).
 * DR_EPARSE naming the file and line; fewer than two points is an error too. */
int dr_curve_csv_read(const char *path, dr_limit_curve *lower, dr_limit_curve *upper, dr_error *e);

#endif
