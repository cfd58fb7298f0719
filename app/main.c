/* darkreach command-line tool: dispatch to subcommands. */
#include "cli.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef DR_DATADIR
#define DR_DATADIR "data"
#endif

int cli_error(const char *cmd, const char *fmt, ...) {
  va_list ap;
  fprintf(stderr, "darkreach%s%s: error: ", cmd ? " " : "", cmd ? cmd : "");
  va_start(ap, fmt);
  vfprintf(stderr, fmt, ap);
  va_end(ap);
  fputc('\n', stderr);
  return CLI_FAIL;
}

int cli_lib_error(const char *cmd, const dr_error *e) {
  char buf[1024];
  return cli_error(cmd, "%s", dr_error_user_message(e, buf, sizeof buf));
}

int cli_number(const char *cmd, const char *opt, const char *arg, double *out) {
  char *end = NULL;
  errno = 0;
  double v = strtod(arg, &end);
  if (end == arg || *end != '\0' || errno == ERANGE || !isfinite(v)) {
    cli_error(cmd, "option %s: '%s' is not a number", opt, arg);
    return CLI_USAGE;
  }
  *out = v;
  return CLI_OK;
}

const char *cli_data_dir(void) {
  const char *d = getenv("DARKREACH_DATA");
  return d && *d ? d : DR_DATADIR;
}

static void usage(FILE *f) {
  fprintf(f,
          "darkreach " DR_VERSION " - light dark sectors at lepton fixed-target experiments\n"
          "\n"
          "usage: darkreach <command> [options]      (darkreach <command> --help for details)\n"
          "\n"
          "commands:\n"
          "  xsec         dark-bremsstrahlung cross section l N -> l N X (WW / IWW)\n"
          "  flux         effective photon flux chi of a target\n"
          "  width        mediator widths, branching ratios and c*tau\n"
          "  reach        reach curve of an experiment card (CSV, JSON, PNG), with the relic target\n"
          "  relic        thermal-relic target eps, y (one mass or a curve)\n"
          "  omega        Omega h^2 at a given coupling\n"
          "  experiments  list the built-in experiment cards\n"
          "  models       list the mediator models\n"
          "\n"
          "Units: GeV for masses and energies; cross sections in pb per target atom.\n"
          "alpha = 1/137.035999084 (Thomson limit). Couplings: eps, with g = eps e.\n"
          "Data directory: $DARKREACH_DATA or %s\n",
          DR_DATADIR);
}

int main(int argc, char **argv) {
  dr_library_init();
  if (argc < 2) {
    usage(stderr);
    return CLI_USAGE;
  }
  const char *c = argv[1];
  if (!strcmp(c, "--help") || !strcmp(c, "-h") || !strcmp(c, "help")) {
    usage(stdout);
    return CLI_OK;
  }
  if (!strcmp(c, "--version")) {
    printf("darkreach %s\n", DR_VERSION);
    return CLI_OK;
  }
  if (!strcmp(c, "xsec")) return cmd_xsec(argc - 1, argv + 1);
  if (!strcmp(c, "flux")) return cmd_flux(argc - 1, argv + 1);
  if (!strcmp(c, "width")) return cmd_width(argc - 1, argv + 1);
  if (!strcmp(c, "reach")) return cmd_reach(argc - 1, argv + 1);
  if (!strcmp(c, "experiments")) return cmd_experiments(argc - 1, argv + 1);
  if (!strcmp(c, "models")) return cmd_models(argc - 1, argv + 1);
  if (!strcmp(c, "relic")) return cmd_relic(argc - 1, argv + 1);
  if (!strcmp(c, "omega")) return cmd_omega(argc - 1, argv + 1);
  if (!strcmp(c, "events")) return cmd_events(argc - 1, argv + 1);
  if (!strcmp(c, "hist")) return cmd_hist(argc - 1, argv + 1);
  if (!strcmp(c, "compare")) return cmd_compare(argc - 1, argv + 1);
  cli_error(NULL, "unknown command '%s' (try darkreach --help)", c);
  return CLI_USAGE;
}
