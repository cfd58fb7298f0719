/* Scans (skip, cancel, a callback per finished point) and the CSV rows that
 * resumed scans read back: a row written, parsed and written again is the
 * same text, with nan, inf and a message full of commas and quotes. */
#include "dr_test.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef struct {
  int calls[64];
  int finished[64];
  atomic_int stop;
  int stop_after;
  int n_finished;
} scan_probe;

static void point(int i, void *arg) { ((scan_probe *)arg)->calls[i]++; }

static void finished(int i, void *ctx) {
  scan_probe *s = ctx;
  s->finished[i]++;
  if (++s->n_finished == s->stop_after) atomic_store(&s->stop, 1);
}

/* ranks share the points: each point not done already is computed by exactly one of 3 ranks */
static void test_scan_ranks(void **state) {
  (void)state;
  scan_probe s;
  memset(&s, 0, sizeof s);
  unsigned char done[40] = {0};
  done[7] = 1;
  for (int r = 0; r < 3; r++) {
    unsigned char d[40];
    memcpy(d, done, sizeof d);
    dr_scan_ctl ctl = {d, &s.stop, finished, &s, r, 3};
    assert_int_equal(dr_scan_run(40, point, &s, &ctl), DR_OK);
    for (int i = 0; i < 40; i++) assert_int_equal(d[i], done[i] || i % 3 == r);
  }
  for (int i = 0; i < 40; i++) assert_int_equal(s.calls[i], i == 7 ? 0 : 1);
}

static void test_scan_skip_and_cancel(void **state) {
  (void)state;
  scan_probe s;
  memset(&s, 0, sizeof s);
  unsigned char done[40] = {0};
  for (int i = 0; i < 40; i += 3) done[i] = 1; /* finished by an earlier run */
  dr_scan_ctl ctl = {done, &s.stop, finished, &s, 0, 1};
  assert_int_equal(dr_scan_run(40, point, &s, &ctl), DR_OK);
  for (int i = 0; i < 40; i++) {
    assert_int_equal(s.calls[i], i % 3 ? 1 : 0);
    assert_int_equal(s.finished[i], i % 3 ? 1 : 0);
    assert_int_equal(done[i], 1);
  }
  /* canceled before the start: nothing computed */
  memset(&s, 0, sizeof s);
  memset(done, 0, sizeof done);
  atomic_store(&s.stop, 1);
  assert_int_equal(dr_scan_run(40, point, &s, &ctl), DR_ECANCELED);
  for (int i = 0; i < 40; i++) assert_int_equal(s.calls[i] + done[i], 0);
  /* canceled from the callback after 5 points: those stay done, at most one more per other thread */
  memset(&s, 0, sizeof s);
  s.stop_after = 5;
  assert_int_equal(dr_scan_run(40, point, &s, &ctl), DR_ECANCELED);
  int n = 0;
  for (int i = 0; i < 40; i++) n += done[i], assert_int_equal(done[i], s.calls[i]);
  assert_true(n >= 5 && n < 5 + 64);
  /* no control: every point once */
  memset(&s, 0, sizeof s);
  assert_int_equal(dr_scan_run(40, point, &s, NULL), DR_OK);
  for (int i = 0; i < 40; i++) assert_int_equal(s.calls[i], 1);
}

static char *row_text(int (*write)(FILE *, const void *), const void *p) {
  char *buf = NULL;
  size_t len = 0;
  FILE *f = open_memstream(&buf, &len);
  write(f, p);
  fclose(f);
  return buf;
}

static int reach_row(FILE *f, const void *p) { return dr_reach_csv_row(f, p); }
static int relic_row(FILE *f, const void *p) { return dr_relic_csv_row(f, p); }

static void test_reach_row_round_trip(void **state) {
  (void)state;
  dr_reach_point p = {.mass = 0.0123456789012, .eps = 3.14159265358979e-5, .eps_upper = NAN, .y = 1.2e-13,
                      .y_upper = INFINITY, .n_eps1 = 4.2e11, .sigma_pb = 123.456, .sigma_err_pb = 0.5,
                      .status = DR_REACH_NOT_CONVERGED, .res_share = 0.25, .res_rel_err = 0.03};
  snprintf(p.message, sizeof p.message, "a, b, \"c\"\nd");
  char *t1 = row_text(reach_row, &p);
  dr_reach_point q;
  assert_int_equal(dr_reach_csv_parse(t1, &q), DR_OK);
  char *t2 = row_text(reach_row, &q);
  assert_string_equal(t1, t2);
  assert_rel(q.mass, p.mass, 1e-9);
  assert_rel(q.eps, p.eps, 1e-9);
  assert_true(isnan(q.eps_upper) && isinf(q.y_upper) && q.status == DR_REACH_NOT_CONVERGED);
  assert_rel(q.res_share, 0.25, 1e-9);
  assert_rel(q.res_rel_err, 0.03, 1e-9);
  /* the message lost its commas, quotes and line break, so the row has 12 fields */
  char fields[14][256];
  assert_int_equal(dr_csv_split(t1, fields, 14), 12);
  assert_string_equal(q.message, "a; b; 'c' d");
  assert_int_equal(dr_reach_csv_parse("1,2,3", &q), DR_EPARSE);
  assert_int_equal(dr_reach_csv_parse("1,2,3,ok,5,6,7,8,x9,m", &q), DR_EPARSE);
  assert_int_equal(dr_reach_csv_parse("1,2,3,fine,5,6,7,8,9,m", &q), DR_EPARSE);
  free(t1), free(t2);
}

static void test_relic_row_round_trip(void **state) {
  (void)state;
  dr_relic_point p = {0.0237, 0.0711, 4.66172e-5, 1.3e-11, 0.1200002, 16.7, DR_ENOCONV, ""};
  char *t1 = row_text(relic_row, &p);
  dr_relic_point q;
  assert_int_equal(dr_relic_csv_parse(t1, &q), DR_OK);
  char *t2 = row_text(relic_row, &q);
  assert_string_equal(t1, t2);
  assert_int_equal(q.status, DR_ENOCONV);
  assert_rel(q.x_f, 16.7, 1e-12);
  free(t1), free(t2);
}

/* The event writers' formatting (src/io/fmt.c) is printf's, character for
 * character: 10^6 numbers over 1e-20 .. 1e25 with 9 to 17 significant digits,
 * dyadic rationals with exact decimal ties (8193/8192 at 13 digits), values that
 * round up into the next decade, and the special cases. */
static void check_fmt(double x, int p) {
  char a[64], b[64];
  int n = dr_fmt_e(a, x, p);
  snprintf(b, sizeof b, "%.*e", p, x);
  assert_string_equal(a, b);
  assert_int_equal(n, (int)strlen(b));
  n = dr_fmt_g(a, x, p + 1);
  snprintf(b, sizeof b, "%.*g", p + 1, x);
  assert_string_equal(a, b);
  assert_int_equal(n, (int)strlen(b));
}

static void test_fast_format(void **state) {
  (void)state;
  uint64_t s = 88172645463325252ULL;
  for (long i = 0; i < 1000000; i++) {
    s ^= s << 13, s ^= s >> 7, s ^= s << 17;
    double u = (double)(s >> 11) * 0x1.0p-53;
    s ^= s << 13, s ^= s >> 7, s ^= s << 17;
    double x = ((s >> 5) & 1 ? -1 : 1) * pow(10, -20 + 45 * u);
    if (i % 100 == 1) x = (double)(s % 1000000) / 8192.0; /* dyadic: exact ties */
    check_fmt(x, 8 + (int)(i % 9));
  }
  const double special[] = {0.0, -0.0, 1.0, 9.9999999999995, 9.99999999999949, 0.5, 1e-5, 1.0001220703125,
                            123456789012.5, 1e27, 9.99e26, 1e-16, 9e-17, INFINITY, -INFINITY, NAN};
  for (size_t i = 0; i < sizeof special / sizeof special[0]; i++)
    for (int p = 0; p <= 16; p++) check_fmt(special[i], p);
}

/* user curves for --overlay: a reach.csv (columns named, with its upper edge and a nan gap), two
 * plain columns after comments, and a malformed line that names its file and line */
static void test_curve_csv_read(void **state) {
  (void)state;
  char p1[] = "/tmp/dr_test_curve_XXXXXX";
  int fd = mkstemp(p1);
  assert_true(fd >= 0);
  FILE *f = fdopen(fd, "w");
  fputs("mass_gev,coupling,y,status,coupling_upper\n0.01,1e-7,nan,ok,1e-3\n0.1,nan,nan,no-sensitivity,nan\n"
        "1,2e-6,nan,ok,3e-4\n2,4e-6,nan,ok,1e-4\n", f);
  fclose(f);
  dr_limit_curve lo, up;
  dr_error e;
  dr_error_clear(&e);
  assert_int_equal(dr_curve_csv_read(p1, &lo, &up, &e), DR_OK);
  assert_int_equal(lo.n, 4);
  assert_int_equal(up.n, 4);
  assert_true(lo.mass[2] == 1 && lo.eps[2] == 2e-6 && up.eps[0] == 1e-3 && isnan(lo.eps[1]) && isnan(up.eps[1]));
  dr_limit_curve_free(&lo), dr_limit_curve_free(&up);
  f = fopen(p1, "w");
  fputs("# digitised by hand\n0.001,3e-5\n0.01,2e-5\n0.1,1e-5\n", f);
  fclose(f);
  assert_int_equal(dr_curve_csv_read(p1, &lo, &up, &e), DR_OK);
  assert_true(lo.n == 3 && up.n == 0 && lo.eps[2] == 1e-5);
  dr_limit_curve_free(&lo), dr_limit_curve_free(&up);
  f = fopen(p1, "w");
  fputs("0.001,3e-5\n-1,2e-5\n", f);
  fclose(f);
  dr_error_clear(&e);
  assert_int_equal(dr_curve_csv_read(p1, &lo, &up, &e), DR_EPARSE);
  assert_non_null(strstr(e.msg, ":2:"));
  unlink(p1);
}

int main(void) {
  dr_library_init();
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_curve_csv_read),
      cmocka_unit_test(test_scan_skip_and_cancel), cmocka_unit_test(test_scan_ranks),
      cmocka_unit_test(test_reach_row_round_trip),
      cmocka_unit_test(test_relic_row_round_trip),
      cmocka_unit_test(test_fast_format),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
