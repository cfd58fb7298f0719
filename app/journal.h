/* Resumable scans of the command line (app/journal.c). */
#ifndef DARKREACH_JOURNAL_H
#define DARKREACH_JOURNAL_H

#include "cli.h"

typedef struct {
  /* set by the caller */
  const cli_args *a;
  const char *dir, *stem; /* files DIR/STEM.csv and DIR/STEM.json */
  const char *what;       /* "masses": what a point is, for messages */
  int n;                  /* points */
  int (*header)(FILE *f);
  int (*row)(FILE *f, int i, void *ctx);                 /* point i as a CSV row */
  int (*parse)(const char *line, void *ctx);             /* a row back into its point; its index, or -1 */
  void (*json_point)(dr_json *j, int i, void *ctx);      /* point i as a JSON object */
  void (*json_extra)(dr_json *j, void *ctx);             /* more keys before "points" (may be NULL) */
  void *ctx;
  /* state */
  char csv_path[4200], json_path[4200];
  unsigned char *done;
  long n_done, n_resumed; /* points finished; of those, read back from an earlier run */
  FILE *csv;
  int write_error; /* a row could not be appended (the scan was stopped) */
  cli_progress prog;
} cli_journal;

/* Removes DIR/STEM.csv and .json (an earlier run's, when a fresh run starts). */
void cli_journal_remove(const char *dir, const char *stem);
/* The JSON of the (complete) files on stdout, for --json. */
void cli_journal_json(cli_journal *J);
/* its keys (points_done, points_total, the configuration's extra keys, points) inside an object of the caller's */
void cli_journal_json_body(dr_json *j, cli_journal *J);
void cli_journal_free(cli_journal *J);
/* The whole life of a resumable scan: creates DIR, reads the earlier rows
 * (resume = 1, an error if there are none; 2: only if DIR/STEM.json exists),
 * writes the files as they stand (JSON marked incomplete), runs scan with a
 * control that skips the points done, stops on SIGINT/SIGTERM and appends a
 * row per finished point, then rewrites CSV (sorted) and JSON, marked
 * complete or not. CLI_INTERRUPTED (message printed) if it was stopped. */
int cli_journal_run(cli_journal *J, int resume, int (*scan)(const dr_scan_ctl *ctl, void *arg, dr_error *e),
                    void *arg);

/* rows read back carry their masses to 10 digits (%.9e) */
#define CLI_ROW_MASS_TOL 1e-9

/* relic-target points on a log-spaced grid of dark-matter masses */
typedef struct {
  const dr_relic_spec *spec;
  const double *m_dm; /* n masses, log-spaced */
  dr_relic_point *p;
  int n;
} cli_relic_rows;
/* sets J's callbacks and n for rows (J's dir, stem, what and a are the caller's) */
void cli_journal_relic(cli_journal *J, cli_relic_rows *rows);

#endif
