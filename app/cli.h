/* darkreach CLI internals: the only place that prints or exits. */
#ifndef DARKREACH_CLI_H
#define DARKREACH_CLI_H

#include "darkreach/darkreach.h"

/* exit codes */
enum { CLI_OK = 0, CLI_FAIL = 1, CLI_USAGE = 2 };

/* One clear line on stderr: "darkreach <cmd>: error: <msg>". Returns CLI_FAIL. */
int cli_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Reports the innermost message of a library error. */
int cli_lib_error(const char *cmd, const dr_error *e);

/* Strict number parsing: the whole argument must be a finite number. */
int cli_number(const char *cmd, const char *opt, const char *arg, double *out);

/* Parse the current getopt argument of option `opt` as a number into `var`, or
 * return a usage error from the calling subcommand (which names itself `cmd`). */
#define NUM(opt, var)                                                                              \
  do {                                                                                             \
    if (cli_number(cmd, opt, optarg, &(var)) != CLI_OK) return CLI_USAGE;                          \
  } while (0)

/* Directory with data/ contents: $DARKREACH_DATA, else the build-time path. */
const char *cli_data_dir(void);

int cmd_xsec(int argc, char **argv);
int cmd_flux(int argc, char **argv);
int cmd_width(int argc, char **argv);
int cmd_reach(int argc, char **argv);
int cmd_experiments(int argc, char **argv);
int cmd_models(int argc, char **argv);
int cmd_relic(int argc, char **argv);
int cmd_omega(int argc, char **argv);
int cmd_events(int argc, char **argv);
int cmd_hist(int argc, char **argv);
int cmd_compare(int argc, char **argv);

#endif
