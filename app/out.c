/* Errors, output files, progress and signals of the command line. */
#include "cli.h"

#include <errno.h>
#include <libgen.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#ifndef DR_DATADIR
#define DR_DATADIR "data"
#endif

/* The data directory (cards, published limits): $DARKREACH_DATA; else DR_DATADIR_REL relative to
 * the directory of the running executable (an installed tree: bin/../share/darkreach), if it holds
 * experiments/, so that the tree can be moved; else the source tree's data/ (a build-tree binary). */
const char *cli_data_dir(void) {
  const char *d = getenv("DARKREACH_DATA");
  if (d && *d) return d;
#ifdef DR_DATADIR_REL
  static char rel[4096];
  static int looked;
  if (!looked) {
    looked = 1;
    char exe[4096];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
      exe[n] = 0;
      char probe[4200];
      snprintf(rel, sizeof rel, "%s/%s", dirname(exe), DR_DATADIR_REL);
      snprintf(probe, sizeof probe, "%s/experiments", rel);
      struct stat st;
      if (stat(probe, &st) != 0 || !S_ISDIR(st.st_mode)) rel[0] = 0;
    }
  }
  if (rel[0]) return rel;
#endif
  return DR_DATADIR;
}

/* ---- errors ---- */
static void json_error(const char *code, const char *msg) {
  dr_json j;
  dr_json_begin(&j, stdout);
  dr_json_key_object(&j, "error");
  dr_json_str(&j, "code", code);
  dr_json_str(&j, "message", msg);
  dr_json_close(&j);
  dr_json_end(&j);
  fflush(stdout);
}

static int report(const char *cmd, int json, int exit_code, const char *code, const char *fmt, va_list ap) {
  char msg[2048];
  vsnprintf(msg, sizeof msg, fmt, ap);
  for (char *c = msg; *c; c++) /* one line, whatever the arguments held */
    if (*c == '\n' || *c == '\r') *c = ' ';
  fprintf(stderr, "darkreach%s%s: error: %s\n", cmd ? " " : "", cmd ? cmd : "", msg);
  if (json) json_error(code, msg);
  return exit_code;
}

int cli_fail(const cli_args *a, int exit_code, const char *code, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int rc = report(a->cmd->name, a->json, exit_code, code, fmt, ap);
  va_end(ap);
  return rc;
}

int cli_lib_fail(const cli_args *a, const dr_error *e) {
  char buf[1024];
  return cli_fail(a, CLI_FAIL, dr_status_name(e->status ? e->status : DR_EINVAL), "%s",
                  dr_error_user_message(e, buf, sizeof buf));
}

int cli_fail_top(int argc, char **argv, const char *fmt, ...) {
  int json = 0;
  for (int k = 1; k < argc; k++) json |= strcmp(argv[k], "--json") == 0;
  va_list ap;
  va_start(ap, fmt);
  int rc = report(NULL, json, CLI_USAGE, "usage", fmt, ap);
  va_end(ap);
  return rc;
}

void cli_warn(const cli_args *a, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  fprintf(stderr, "darkreach %s: warning: ", a->cmd->name);
  vfprintf(stderr, fmt, ap);
  fputc('\n', stderr);
  va_end(ap);
}

/* ---- files ---- */
static int mkdir_p(const char *path) {
  char tmp[4096];
  if (!*path) return EINVAL;
  if (snprintf(tmp, sizeof tmp, "%s", path) >= (int)sizeof tmp) return ENAMETOOLONG;
  for (char *p = tmp + 1; *p; p++)
    if (*p == '/') {
      *p = '\0';
      if (mkdir(tmp, 0777) != 0 && errno != EEXIST) return errno;
      *p = '/';
    }
  if (mkdir(tmp, 0777) != 0 && errno != EEXIST) return errno;
  struct stat st;
  if (stat(tmp, &st) != 0) return errno;
  return S_ISDIR(st.st_mode) ? 0 : ENOTDIR;
}

int cli_prepare_dir(const cli_args *a, const char *dir) {
  int err = mkdir_p(dir);
  if (err) return cli_fail(a, CLI_FAIL, "io", "cannot create output directory '%s': %s", dir, strerror(err));
  if (access(dir, W_OK | X_OK) != 0)
    return cli_fail(a, CLI_FAIL, "io", "cannot write into output directory '%s': %s", dir, strerror(errno));
  return CLI_OK;
}

int cli_prepare_file(const cli_args *a, const char *path) {
  size_t l = strlen(path);
  if (l == 0 || path[l - 1] == '/')
    return cli_fail(a, CLI_FAIL, "io", "cannot write '%s': it names a directory, not a file", path);
  char d[4096];
  snprintf(d, sizeof d, "%s", path);
  int rc = cli_prepare_dir(a, dirname(d));
  if (rc != CLI_OK) return rc;
  struct stat st;
  if (stat(path, &st) == 0) {
    if (S_ISDIR(st.st_mode)) return cli_fail(a, CLI_FAIL, "io", "cannot write '%s': it is a directory", path);
    if (access(path, W_OK) != 0) return cli_fail(a, CLI_FAIL, "io", "cannot write '%s': %s", path, strerror(errno));
  }
  return CLI_OK;
}

FILE *cli_open_out(const cli_args *a, const char *path) {
  if (cli_prepare_file(a, path) != CLI_OK) return NULL;
  FILE *f = fopen(path, "w");
  if (!f) cli_fail(a, CLI_FAIL, "io", "cannot write '%s': %s", path, strerror(errno));
  return f;
}

void cli_sidecar(const char *csv, char *buf, size_t n) {
  size_t l = strlen(csv);
  if (l > 4 && strcmp(csv + l - 4, ".csv") == 0) snprintf(buf, n, "%.*s.json", (int)(l - 4), csv);
  else snprintf(buf, n, "%s.json", csv);
}

FILE *cli_replace_begin(const cli_args *a, const char *path) {
  char tmp[4200];
  snprintf(tmp, sizeof tmp, "%s.tmp", path);
  FILE *f = fopen(tmp, "w");
  if (!f) cli_fail(a, CLI_FAIL, "io", "cannot write '%s': %s", tmp, strerror(errno));
  return f;
}

int cli_replace_end(const cli_args *a, FILE *f, const char *path) {
  char tmp[4200];
  snprintf(tmp, sizeof tmp, "%s.tmp", path);
  int bad = ferror(f);
  if (fclose(f) != 0 || bad) {
    remove(tmp);
    return cli_fail(a, CLI_FAIL, "io", "error writing '%s'", path);
  }
  if (rename(tmp, path) != 0) {
    int err = errno;
    remove(tmp);
    return cli_fail(a, CLI_FAIL, "io", "cannot write '%s': %s", path, strerror(err));
  }
  return CLI_OK;
}

void cli_json_stdout(dr_json *j, const cli_args *a) {
  dr_json_begin(j, stdout);
  cli_json_config(j, a);
}

void cli_json_print(const cli_args *a, int complete, void (*body)(dr_json *j, void *ctx), void *ctx) {
  dr_json j;
  cli_json_stdout(&j, a);
  dr_json_bool(&j, "complete", complete);
  body(&j, ctx);
  dr_json_end(&j);
}

int cli_json_file(const cli_args *a, const char *path, int complete, void (*body)(dr_json *j, void *ctx),
                  void *ctx) {
  FILE *f = cli_replace_begin(a, path);
  if (!f) return CLI_FAIL;
  dr_json j;
  dr_json_begin(&j, f);
  cli_json_config(&j, a);
  dr_json_bool(&j, "complete", complete);
  body(&j, ctx);
  dr_json_end(&j);
  return cli_replace_end(a, f, path);
}

/* ---- progress ---- */
double cli_now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + 1e-9 * t.tv_nsec;
}

void cli_progress_begin(cli_progress *p, const cli_args *a, const char *what, long total) {
  p->a = a;
  p->what = what;
  p->total = total;
  p->t0 = p->last = cli_now();
  p->shown = 0;
  p->tty = !a->quiet && isatty(STDERR_FILENO);
}

static int due(cli_progress *p) {
  if (!p->tty) return 0;
  double t = cli_now();
  if (t - p->t0 < 1.0 || t - p->last < 0.1) return 0;
  p->last = t;
  return 1;
}

void cli_progress_step(cli_progress *p, long done) {
  if (!due(p)) return;
  double dt = p->last - p->t0, rate = done / dt;
  fprintf(stderr, "\r\033[K%s %s: %ld/%ld %s, %.3g/s", "darkreach", p->a->cmd->name, done, p->total, p->what,
          rate);
  if (done > 0 && done < p->total) fprintf(stderr, ", ETA %.0f s", (p->total - done) / rate);
  fflush(stderr);
  p->shown = 1;
}

void cli_progress_note(cli_progress *p, const char *fmt, ...) {
  if (!due(p)) return;
  va_list ap;
  va_start(ap, fmt);
  fprintf(stderr, "\r\033[Kdarkreach %s: ", p->a->cmd->name);
  vfprintf(stderr, fmt, ap);
  va_end(ap);
  fflush(stderr);
  p->shown = 1;
}

void cli_progress_end(cli_progress *p) {
  if (p->shown) fputs("\r\033[K", stderr);
  p->shown = 0;
}

/* ---- signals ---- */
atomic_int cli_stop = 0; /* lock-free (checked below), so a signal handler may store to it */

static void on_signal(int sig) {
  (void)sig;
  atomic_store(&cli_stop, 1);
}

void cli_catch_signals(void) {
  _Static_assert(ATOMIC_INT_LOCK_FREE == 2, "cli_stop must be lock-free to be set from a signal handler");
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_signal;
  sa.sa_flags = SA_RESETHAND | SA_RESTART; /* a second signal ends the process; writes are not cut by EINTR */
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, NULL);
  sigaction(SIGTERM, &sa, NULL);
}
