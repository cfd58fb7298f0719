/* Resumable scans: every finished point is appended to DIR/STEM.csv as it
 * completes; DIR/STEM.json carries the configuration and says whether the
 * scan is complete. An interrupted scan leaves both valid (the CSV sorted,
 * the JSON marked incomplete); --resume reads the rows back, checks that the
 * options that change the numbers are the same, and computes only the rest.
 * The final files are written sorted by point, so they do not depend on the
 * thread count or on interruptions. */
#include "journal.h"

#include <errno.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void paths(cli_journal *J) {
  snprintf(J->csv_path, sizeof J->csv_path, "%s/%s.csv", J->dir, J->stem);
  snprintf(J->json_path, sizeof J->json_path, "%s/%s.json", J->dir, J->stem);
}

/* the string value of "key":"..." in a JSON file we wrote, for messages: \" and
 * \\ undone, other escapes kept as they are; cut at n */
static void json_string_value(const char *text, const char *key, char *out, size_t n) {
  char pat[64];
  snprintf(pat, sizeof pat, "\"%s\":\"", key);
  const char *s = strstr(text, pat);
  size_t k = 0;
  for (s = s ? s + strlen(pat) : ""; *s && *s != '"' && k + 1 < n; s++) {
    if (*s == '\\' && (s[1] == '"' || s[1] == '\\')) s++;
    out[k++] = *s;
  }
  out[k] = '\0';
}

static char *read_file(const char *path) {
  FILE *f = fopen(path, "r");
  if (!f) return NULL;
  size_t cap = 1 << 16, len = 0;
  char *buf = malloc(cap);
  while (buf) {
    len += fread(buf + len, 1, cap - len - 1, f);
    if (len < cap - 1) break;
    char *b = realloc(buf, cap *= 2);
    if (!b) free(buf);
    buf = b;
  }
  fclose(f);
  if (buf) buf[len] = '\0';
  return buf;
}

/* the first differing " --option value" segment of two fingerprints, for the message */
static void first_difference(const char *was, const char *now, char *out, size_t n) {
  const char *a = was, *b = now;
  for (;;) {
    const char *ea = strstr(a, " --"), *eb = strstr(b, " --");
    int la = ea ? (int)(ea - a) : (int)strlen(a), lb = eb ? (int)(eb - b) : (int)strlen(b);
    if (la != lb || strncmp(a, b, (size_t)la) != 0 || !ea || !eb) {
      snprintf(out, n, "'%.*s' before, '%.*s' now", la > 200 ? 200 : la, a, lb > 200 ? 200 : lb, b);
      return;
    }
    a = ea + 1, b = eb + 1;
  }
}

static int load(cli_journal *J) {
  const cli_args *a = J->a;
  char *text = read_file(J->json_path);
  if (!text)
    return cli_fail(a, CLI_FAIL, "io", "cannot resume: %s: %s (nothing to resume; run without --resume)",
                    J->json_path, strerror(errno));
  /* the digests of the fingerprints decide; the texts only make the message */
  char digest[17], key[64], was[4096];
  cli_fingerprint_digest(a, digest);
  snprintf(key, sizeof key, "\"fingerprint_digest\":\"%s\"", digest);
  int has = strstr(text, "\"fingerprint_digest\":\"") != NULL, same = strstr(text, key) != NULL;
  json_string_value(text, "fingerprint", was, sizeof was);
  free(text);
  if (!has) return cli_fail(a, CLI_FAIL, "parse", "cannot resume: %s has no darkreach fingerprint", J->json_path);
  if (!same) {
    char *now = cli_fingerprint(a);
    char d[512];
    first_difference(was, now, d, sizeof d);
    free(now);
    return cli_fail(a, CLI_FAIL, "invalid",
                    "cannot resume: %s was written with other options (%s); use the same options, or run "
                    "without --resume",
                    J->json_path, d);
  }
  FILE *f = fopen(J->csv_path, "r");
  if (!f) return cli_fail(a, CLI_FAIL, "io", "cannot resume: %s: %s", J->csv_path, strerror(errno));
  char *head = NULL, *line = NULL;
  size_t hl = 0, cap = 0;
  FILE *h = open_memstream(&head, &hl);
  if (!h) abort();
  J->header(h);
  fclose(h);
  int lineno = 0, seen_header = 0, rc = CLI_OK;
  ssize_t l;
  while ((l = getline(&line, &cap, f)) > 0) {
    lineno++;
    if (line[l - 1] != '\n') break; /* a row cut short when the process was killed */
    if (l >= 2 && line[l - 2] == '\r') line[l - 2] = '\n', line[l - 1] = '\0'; /* CRLF, from an editor */
    if (line[0] == '\n') continue;                                          /* a blank line */
    if (!seen_header) {
      seen_header = 1;
      if (strcmp(line, head) != 0) {
        rc = cli_fail(a, CLI_FAIL, "parse", "cannot resume: %s does not start with the header of a %s file",
                      J->csv_path, J->stem);
        break;
      }
      continue;
    }
    int i = J->parse(line, J->ctx);
    if (i < 0 || i >= J->n) {
      rc = cli_fail(a, CLI_FAIL, "parse", "cannot resume: %s line %d is not a point of this scan", J->csv_path,
                    lineno);
      break;
    }
    if (!J->done[i]) J->n_done++;
    J->done[i] = 1;
  }
  fclose(f);
  free(line);
  free(head);
  return rc;
}

static void json_body(dr_json *j, void *ctx) {
  cli_journal *J = ctx;
  dr_json_int(j, "points_done", J->n_done);
  dr_json_int(j, "points_total", J->n);
  if (J->json_extra) J->json_extra(j, J->ctx);
  dr_json_key_array(j, "points");
  for (int i = 0; i < J->n; i++)
    if (J->done[i]) J->json_point(j, i, J->ctx);
  dr_json_close(j);
}

static int write_sorted(cli_journal *J, int complete) {
  FILE *f = cli_replace_begin(J->a, J->csv_path);
  if (!f) return CLI_FAIL;
  J->header(f);
  for (int i = 0; i < J->n; i++)
    if (J->done[i]) J->row(f, i, J->ctx);
  int rc = cli_replace_end(J->a, f, J->csv_path);
  if (rc != CLI_OK) return rc;
  return cli_json_file(J->a, J->json_path, complete, json_body, J);
}

void cli_journal_remove(const char *dir, const char *stem) {
  if (cli_mpi_rank() > 0) return; /* rank 0 keeps the files */
  char p[4200];
  snprintf(p, sizeof p, "%s/%s.csv", dir, stem);
  remove(p);
  snprintf(p, sizeof p, "%s/%s.json", dir, stem);
  remove(p);
}

static int cli_journal_open(cli_journal *J, int resume) {
  paths(J);
  J->n_done = 0;
  J->write_error = 0;
  J->csv = NULL;
  J->done = calloc((size_t)J->n, 1);
  if (!J->done) return cli_fail(J->a, CLI_FAIL, "no-memory", "out of memory");
  int exists = access(J->json_path, F_OK) == 0;
  if (resume == 1 && !exists) /* before anything is created */
    return cli_fail(J->a, CLI_FAIL, "io", "cannot resume: %s: no such file (nothing to resume; run without --resume)",
                    J->json_path);
  int rc = cli_prepare_dir(J->a, J->dir);
  if (rc == CLI_OK && (resume == 1 || (resume == 2 && exists))) rc = load(J);
  if (rc == CLI_OK) rc = write_sorted(J, 0);
  if (rc == CLI_OK && !(J->csv = fopen(J->csv_path, "a")))
    rc = cli_fail(J->a, CLI_FAIL, "io", "cannot write '%s': %s", J->csv_path, strerror(errno));
  J->n_resumed = J->n_done;
  if (rc == CLI_OK) cli_progress_begin(&J->prog, J->a, J->what, J->n - J->n_resumed);
  return rc;
}

static void cli_journal_finished(int i, void *ctx) {
  cli_journal *J = ctx;
  if (J->row(J->csv, i, J->ctx) != DR_OK || fflush(J->csv) != 0) {
    J->write_error = 1; /* a row that cannot be kept: stop, and say so when the files are closed */
    atomic_store(&cli_stop, 1);
  }
  J->n_done++;
  cli_progress_step(&J->prog, J->n_done - J->n_resumed); /* rate and ETA of this run's points */
}

static dr_scan_ctl cli_journal_ctl(cli_journal *J) {
  dr_scan_ctl c = {J->done, &cli_stop, cli_journal_finished, J, 0, 1};
  return c;
}

static int cli_journal_close(cli_journal *J, int complete) {
  cli_progress_end(&J->prog);
  int rc = CLI_OK;
  if (J->csv && (fclose(J->csv) != 0 || J->write_error))
    rc = cli_fail(J->a, CLI_FAIL, "io", "error writing '%s'", J->csv_path);
  J->csv = NULL;
  if (rc == CLI_OK) rc = write_sorted(J, complete);
  return rc;
}

void cli_journal_json(cli_journal *J) { cli_json_print(J->a, 1, json_body, J); }

void cli_journal_json_body(dr_json *j, cli_journal *J) { json_body(j, J); }

void cli_journal_free(cli_journal *J) {
  if (J->csv) fclose(J->csv);
  J->csv = NULL;
  free(J->done);
  J->done = NULL;
}

static int cli_interrupted(const cli_args *a, const cli_journal *J) {
  return cli_fail(a, CLI_INTERRUPTED, "canceled",
                  "interrupted: %ld of %d %s written to %s (marked incomplete in %s); continue with the same "
                  "command and --resume",
                  J->n_done, J->n, J->what, J->csv_path, J->json_path);
}

/* Under MPI: rank 0 opens the files (and reads an earlier run's rows) and tells every rank which points are done;
 * each rank computes its share (i % ranks == rank); the others send their rows as CSV text, which rank 0 reads
 * back as a resumed run does and appends; rank 0 alone writes. The rows carry every number the files hold, so
 * the files equal a serial run's. */
static int journal_run_mpi(cli_journal *J, int resume, int (*scan)(const dr_scan_ctl *ctl, void *arg, dr_error *e),
                           void *arg) {
  int rank = cli_mpi_rank(), size = cli_mpi_size(), root = rank == 0, rc = CLI_OK;
  if (root) {
    rc = cli_journal_open(J, resume);
  } else {
    paths(J);
    J->csv = NULL;
    J->n_done = J->n_resumed = 0;
    J->done = calloc((size_t)J->n, 1);
    if (!J->done) rc = CLI_FAIL;
  }
  if (cli_mpi_max(rc != CLI_OK)) return rc != CLI_OK ? rc : CLI_FAIL;
  cli_mpi_bcast(J->done, J->n);
  unsigned char *before = malloc((size_t)J->n);
  if (before) memcpy(before, J->done, (size_t)J->n);
  dr_error e;
  dr_error_clear(&e);
  dr_scan_ctl ctl = cli_journal_ctl(J);
  ctl.rank = rank;
  ctl.nranks = size;
  if (!root) ctl.finished = NULL;
  int st = scan(&ctl, arg, &e);
  int code = st == DR_OK ? 0 : st == DR_ECANCELED ? 1 : 2;
  if (!root) { /* this rank's new rows to rank 0 */
    char *text = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&text, &len);
    for (int i = 0; m && i < J->n; i++)
      if (J->done[i] && !(before && before[i])) J->row(m, i, J->ctx);
    if (m) fclose(m);
    cli_mpi_send_text(text ? text : "", text ? (long)len : 0);
    free(text);
  } else {
    for (int r = 1; r < size; r++) {
      char *text = cli_mpi_recv_text(r);
      for (char *line = text, *next; line && *line; line = next) {
        next = strchr(line, '\n');
        if (next) *next++ = 0;
        else next = line + strlen(line);
        int i = J->parse(line, J->ctx);
        if (i >= 0 && i < J->n && !J->done[i]) {
          J->done[i] = 1;
          cli_journal_finished(i, J);
        }
      }
      free(text);
    }
  }
  free(before);
  int worst = cli_mpi_max(code);
  if (!root) return CLI_OK; /* its messages went nowhere; rank 0 reports */
  if (st != DR_OK && st != DR_ECANCELED) rc = cli_lib_fail(J->a, &e);
  else if (worst == 2) rc = cli_fail(J->a, CLI_FAIL, "error", "the scan failed on another MPI rank");
  int rc2 = cli_journal_close(J, worst == 0);
  if (rc == CLI_OK) rc = rc2;
  if (rc == CLI_OK && worst == 1) rc = cli_interrupted(J->a, J);
  return rc;
}

int cli_journal_run(cli_journal *J, int resume, int (*scan)(const dr_scan_ctl *ctl, void *arg, dr_error *e),
                    void *arg) {
  if (cli_mpi_size() > 1) return journal_run_mpi(J, resume, scan, arg);
  int rc = cli_journal_open(J, resume);
  if (rc != CLI_OK) return rc;
  dr_error e;
  dr_error_clear(&e);
  dr_scan_ctl ctl = cli_journal_ctl(J);
  int st = scan(&ctl, arg, &e);
  if (st != DR_OK && st != DR_ECANCELED) rc = cli_lib_fail(J->a, &e);
  int rc2 = cli_journal_close(J, st == DR_OK);
  if (rc == CLI_OK) rc = rc2;
  if (rc == CLI_OK && st == DR_ECANCELED) rc = cli_interrupted(J->a, J);
  return rc;
}


/* ---- relic-target points, shared by relic curves and reach's overlay ---- */
static int relic_row(FILE *f, int i, void *ctx) { return dr_relic_csv_row(f, &((cli_relic_rows *)ctx)->p[i]); }
static void relic_point(dr_json *j, int i, void *ctx) { dr_json_relic_point(j, &((cli_relic_rows *)ctx)->p[i]); }
static void relic_extra(dr_json *j, void *ctx) { dr_json_relic_config(j, ((cli_relic_rows *)ctx)->spec); }
static int relic_parse(const char *line, void *ctx) {
  cli_relic_rows *r = ctx;
  dr_relic_point p;
  if (dr_relic_csv_parse(line, &p) != DR_OK) return -1;
  int i = dr_scan_log_index(r->m_dm[0], r->m_dm[r->n - 1], r->n, p.m_dm, CLI_ROW_MASS_TOL);
  if (i >= 0) r->p[i] = p;
  return i;
}

void cli_journal_relic(cli_journal *J, cli_relic_rows *rows) {
  J->n = rows->n;
  J->header = dr_relic_csv_header;
  J->row = relic_row;
  J->parse = relic_parse;
  J->json_point = relic_point;
  J->json_extra = relic_extra;
  J->ctx = rows;
}
