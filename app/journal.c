/* Resumable scans: every finished point is appended to DIR/STEM.csv as it
 * completes; DIR/STEM.json carries the configuration and says whether the
 * scan is complete. An interrupted scan leaves both valid (the CSV sorted,
 * the JSON marked incomplete); --resume reads the rows back, checks that the
 * options that change the numbers are the same, and computes only the rest.
 * The final files are written sorted by point, so they do not depend on the
 * thread count or on interruptions. */
#include "journal.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static void paths(cli_journal *J) {
  snprintf(J->csv_path, sizeof J->csv_path, "%s/%s.csv", J->dir, J->stem);
  snprintf(J->json_path, sizeof J->json_path, "%s/%s.json", J->dir, J->stem);
}

/* the string value of "key":"..." in a JSON file we wrote, its escapes undone
 * (dr_json writes \", \\, \n, \t and \u00XX for the other control bytes and
 * \ufffd for bytes that are not UTF-8) */
static int json_string_value(const char *text, const char *key, char *out, size_t n) {
  char pat[64];
  snprintf(pat, sizeof pat, "\"%s\":\"", key);
  const char *s = strstr(text, pat);
  if (!s) return -1;
  s += strlen(pat);
  size_t k = 0;
  for (; *s && *s != '"' && k + 4 < n; s++) {
    if (*s != '\\') {
      out[k++] = *s;
      continue;
    }
    s++;
    if (*s == 'n') out[k++] = '\n';
    else if (*s == 't') out[k++] = '\t';
    else if (*s == 'u' && strlen(s) >= 5) {
      unsigned v = (unsigned)strtoul((char[5]){s[1], s[2], s[3], s[4], 0}, NULL, 16);
      if (v < 0x80) out[k++] = (char)v;
      else out[k++] = (char)0xef, out[k++] = (char)0xbf, out[k++] = (char)0xbd; /* U+FFFD */
      s += 4;
    } else if (*s) out[k++] = *s;
    else break;
  }
  out[k] = '\0';
  return *s == '"' ? 0 : -1;
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
  char was[8192], now[8192], enc[8400];
  int ok = json_string_value(text, "fingerprint", was, sizeof was) == 0;
  /* compared as the JSON text the file holds, so escapes cannot make equal runs differ */
  cli_fingerprint(a, now, sizeof now);
  FILE *m = fmemopen(enc, sizeof enc, "w");
  dr_json j;
  dr_json_begin(&j, m);
  dr_json_str(&j, "fingerprint", now);
  dr_json_end(&j);
  fclose(m);
  enc[strlen(enc) - 2] = '\0'; /* without the closing "}\n" */
  int same = strstr(text, enc + 1) != NULL;
  free(text);
  if (!ok) return cli_fail(a, CLI_FAIL, "parse", "cannot resume: %s has no darkreach fingerprint", J->json_path);
  if (!same) {
    char d[512];
    first_difference(was, now, d, sizeof d);
    return cli_fail(a, CLI_FAIL, "invalid",
                    "cannot resume: %s was written with other options (%s); use the same options, or run "
                    "without --resume",
                    J->json_path, d);
  }
  FILE *f = fopen(J->csv_path, "r");
  if (!f) return cli_fail(a, CLI_FAIL, "io", "cannot resume: %s: %s", J->csv_path, strerror(errno));
  char line[4096], head[1024] = "";
  FILE *h = fmemopen(head, sizeof head, "w");
  J->header(h);
  fclose(h);
  int lineno = 0, rc = CLI_OK;
  while (fgets(line, sizeof line, f)) {
    lineno++;
    size_t l = strlen(line);
    if (l == 0 || line[l - 1] != '\n') break; /* a row cut short when the process was killed */
    if (l >= 2 && line[l - 2] == '\r') line[l - 2] = '\n', line[l - 1] = '\0'; /* CRLF, from an editor */
    if (line[0] == '\n') continue;                                          /* a blank line */
    if (lineno == 1) {
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
  char p[4200];
  snprintf(p, sizeof p, "%s/%s.csv", dir, stem);
  remove(p);
  snprintf(p, sizeof p, "%s/%s.json", dir, stem);
  remove(p);
}

int cli_journal_open(cli_journal *J, int resume) {
  paths(J);
  J->n_done = 0;
  J->csv = NULL;
  J->done = calloc((size_t)J->n, 1);
  if (!J->done) return cli_fail(J->a, CLI_FAIL, "no-memory", "out of memory");
  FILE *probe = resume == 2 ? fopen(J->json_path, "r") : NULL;
  if (probe) fclose(probe);
  int rc = resume == 1 || probe ? load(J) : CLI_OK;
  if (rc == CLI_OK) rc = write_sorted(J, 0);
  if (rc == CLI_OK && !(J->csv = fopen(J->csv_path, "a")))
    rc = cli_fail(J->a, CLI_FAIL, "io", "cannot write '%s': %s", J->csv_path, strerror(errno));
  J->n_resumed = J->n_done;
  if (rc == CLI_OK) cli_progress_begin(&J->prog, J->a, J->what, J->n - J->n_resumed);
  return rc;
}

void cli_journal_finished(int i, void *ctx) {
  cli_journal *J = ctx;
  J->row(J->csv, i, J->ctx);
  fflush(J->csv);
  J->n_done++;
  cli_progress_step(&J->prog, J->n_done - J->n_resumed); /* rate and ETA of this run's points */
}

dr_scan_ctl cli_journal_ctl(cli_journal *J) {
  dr_scan_ctl c = {J->done, &cli_stop, cli_journal_finished, J};
  return c;
}

int cli_journal_close(cli_journal *J, int complete) {
  cli_progress_end(&J->prog);
  int rc = CLI_OK;
  if (J->csv && fclose(J->csv) != 0) rc = cli_fail(J->a, CLI_FAIL, "io", "error writing '%s'", J->csv_path);
  J->csv = NULL;
  if (rc == CLI_OK) rc = write_sorted(J, complete);
  return rc;
}

void cli_journal_json(cli_journal *J) { cli_json_print(J->a, 1, json_body, J); }

void cli_journal_free(cli_journal *J) {
  if (J->csv) fclose(J->csv);
  J->csv = NULL;
  free(J->done);
  J->done = NULL;
}

int cli_interrupted(const cli_args *a, const cli_journal *J) {
  return cli_fail(a, CLI_INTERRUPTED, "canceled",
                  "interrupted: %ld of %d %s written to %s (marked incomplete in %s); continue with the same "
                  "command and --resume",
                  J->n_done, J->n, J->what, J->csv_path, J->json_path);
}
