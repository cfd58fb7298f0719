/* The plotting library (include/darkreach/plot.h): a plot is written, and PLplot's failures come
 * back as errors instead of ending the process. */
#define _GNU_SOURCE /* mkstemps */
#include "dr_test.h"

#include "darkreach/plot.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const double xs[4] = {1e-3, 1e-2, 1e-1, 1}, ys[4] = {1e-5, 2e-5, 1e-4, 1e-2};

static void test_png_written(void **state) {
  (void)state;
  char path[] = "/tmp/dr_test_plot_XXXXXX.png";
  int fd = mkstemps(path, 4);
  assert_true(fd >= 0);
  close(fd);
  dr_plot_curve c = {xs, ys, 4, "curve", 1, 1, 0, NULL};
  dr_error e;
  dr_error_clear(&e);
  assert_int_equal(dr_plot_loglog(path, "t", "x", "y", &c, 1, &e), DR_OK);
  FILE *f = fopen(path, "rb");
  assert_non_null(f);
  unsigned char magic[8] = {0};
  assert_int_equal(fread(magic, 1, 8, f), 8);
  fclose(f);
  assert_memory_equal(magic, "\x89PNG\r\n\x1a\n", 8); /* the PNG signature */
  unlink(path);
}

/* a file that cannot be opened: PLplot's fatal error would exit(); here it is DR_EIO naming the path,
 * and the process goes on to plot again */
static void test_plplot_error_returns(void **state) {
  (void)state;
  dr_plot_curve c = {xs, ys, 4, "curve", 1, 1, 0, NULL};
  dr_error e;
  dr_error_clear(&e);
  const char *bad = "/nonexistent-darkreach-dir/plot.png";
  assert_int_equal(dr_plot_loglog(bad, "t", "x", "y", &c, 1, &e), DR_EIO);
  assert_non_null(strstr(e.msg, bad));
  double z[4] = {1, 2, 3, 4};
  dr_error_clear(&e);
  assert_int_equal(dr_plot_map(bad, "t", "x", "y", "z", 2, 2, 0, 1, 0, 1, z, &e), DR_EIO);
  test_png_written(state);
}

/* every format set is written, each by its own driver (the signatures), and the setting is reset */
static void test_formats(void **state) {
  (void)state;
  unsigned m;
  dr_error e;
  dr_error_clear(&e);
  assert_int_equal(dr_plot_formats_parse("svg,pdf,png", &m, &e), DR_OK);
  assert_int_equal(m, DR_PLOT_PNG | DR_PLOT_PDF | DR_PLOT_SVG);
  assert_int_equal(dr_plot_formats_parse("png,jpg", &m, &e), DR_EINVAL);
  assert_int_equal(dr_plot_formats_parse("pdf,pdf", &m, &e), DR_EINVAL);
  assert_int_equal(dr_plot_formats_parse("", &m, &e), DR_EINVAL);
  char dir[] = "/tmp/dr_test_fmt_XXXXXX";
  assert_non_null(mkdtemp(dir));
  char path[128], f[128];
  snprintf(path, sizeof path, "%s/p.png", dir);
  dr_plot_set_formats(DR_PLOT_PDF | DR_PLOT_SVG);
  dr_plot_curve c = {xs, ys, 4, "curve", 1, 1, 0, NULL};
  dr_error_clear(&e);
  assert_int_equal(dr_plot_loglog(path, "t", "x", "y", &c, 1, &e), DR_OK);
  dr_plot_set_formats(0);
  assert_int_equal(dr_plot_formats(), DR_PLOT_PNG);
  const char *ext[3] = {"png", "pdf", "svg"}, *sig[3] = {NULL, "%PDF-", "<?xml"};
  for (int k = 0; k < 3; k++) {
    snprintf(f, sizeof f, "%s/p.%s", dir, ext[k]);
    FILE *fp = fopen(f, "rb");
    if (!sig[k]) {
      assert_null(fp); /* not asked for */
      continue;
    }
    assert_non_null(fp);
    char head[8] = {0};
    assert_true(fread(head, 1, 5, fp) == 5);
    fclose(fp);
    assert_memory_equal(head, sig[k], 5);
    unlink(f);
  }
  rmdir(dir);
}

static void test_nothing_to_plot(void **state) {
  (void)state;
  const double bad[2] = {-1, 0};
  dr_plot_curve c = {bad, bad, 2, "curve", 1, 1, 0, NULL};
  dr_error e;
  dr_error_clear(&e);
  assert_int_equal(dr_plot_loglog("/tmp/never.png", "t", "x", "y", &c, 1, &e), DR_EDOMAIN);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_png_written),
      cmocka_unit_test(test_plplot_error_returns),
      cmocka_unit_test(test_formats),
      cmocka_unit_test(test_nothing_to_plot),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
