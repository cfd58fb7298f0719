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
  cli_progress prog;
} cli_journal;

/* Reads the earlier rows (resume = 1; 2: only if DIR/STEM.json exists),
 * writes the files as they stand (JSON marked incomplete) and opens the CSV
 * for the rows to come. */
int cli_journal_open(cli_journal *J, int resume);
/* Removes DIR/STEM.csv and .json (an earlier run's, when a fresh run starts). */
void cli_journal_remove(const char *dir, const char *stem);
/* The scan control: done flags, cli_stop, a row appended per finished point. */
dr_scan_ctl cli_journal_ctl(cli_journal *J);
/* Rewrites CSV (sorted) and JSON, marked complete or not. */
int cli_journal_close(cli_journal *J, int complete);
/* The JSON of the (complete) files on stdout, for --json. */
void cli_journal_json(cli_journal *J);
void cli_journal_free(cli_journal *J);
/* The message for an interrupted scan; returns CLI_INTERRUPTED. */
int cli_interrupted(const cli_args *a, const cli_journal *J);

#endif
