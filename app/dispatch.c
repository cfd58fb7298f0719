/* darkreach's commands by name: the dispatch that main() (app/main.c) and the Python module
 * (python/_darkreach.c) share. */
#include "cli.h"

#include <errno.h>
#include <string.h>

static void usage(FILE *f) {
  fprintf(f, "darkreach " DR_VERSION " - light dark sectors at lepton fixed-target experiments\n\n"
             "usage: darkreach <command> [options]      (darkreach <command> --help for details)\n\ncommands:\n");
  for (const cli_cmd *const *c = cli_commands; *c; c++) fprintf(f, "  %-12s %s\n", (*c)->name, (*c)->summary);
  fprintf(f, "  %-12s %s\n", "help", "help of a command (help CMD), every option table (help --json), the man pages (help --man DIR)");
  fprintf(f, "\nUnits: GeV for masses and energies; cross sections in pb per target atom.\n"
             "alpha = 1/137.035999084 (Thomson limit). Couplings: --coupling in each model's unit\n"
             "(darkreach models); --eps is the kinetic mixing of the vector.\n"
             "Data directory: $DARKREACH_DATA or %s\n",
          cli_data_dir());
}

static const cli_cmd *lookup(const char *name) {
  for (const cli_cmd *const *c = cli_commands; *c; c++)
    if (!strcmp((*c)->name, name)) return *c;
  return NULL;
}

static int help(int argc, char **argv) {
  if (argc == 2 && !strcmp(argv[1], "--json")) {
    dr_json j;
    dr_json_begin(&j, stdout);
    dr_json_str(&j, "darkreach_version", DR_VERSION);
    cli_json_tables(&j, cli_commands);
    dr_json_end(&j);
    return CLI_OK;
  }
  if (argc == 2 && lookup(argv[1])) {
    cli_help(stdout, lookup(argv[1]));
    return CLI_OK;
  }
  if (argc == 3 && !strcmp(argv[1], "--man")) { /* the man pages into a directory (built with the CLI) */
    char path[4200];
    for (int k = -1; k < 0 || cli_commands[k]; k++) {
      snprintf(path, sizeof path, "%s/darkreach%s%s.1", argv[2], k < 0 ? "" : "-", k < 0 ? "" : cli_commands[k]->name);
      FILE *f = fopen(path, "w");
      if (!f) return cli_fail_top(argc, argv, "cannot write %s: %s", path, strerror(errno));
      if (k < 0) cli_man_top(f, cli_commands);
      else cli_man(f, cli_commands[k]);
      if (fclose(f) != 0) return cli_fail_top(argc, argv, "cannot write %s: %s", path, strerror(errno));
    }
    return CLI_OK;
  }
  if (argc == 1) {
    usage(stdout);
    return CLI_OK;
  }
  return cli_fail_top(argc, argv, "help takes one command name, --json, or --man DIR (see darkreach --help)");
}

int cli_main(int argc, char **argv) {
  dr_library_init();
  if (argc < 2) {
    usage(stderr);
    return CLI_USAGE;
  }
  const char *c = argv[1];
  if (!strcmp(c, "--help") || !strcmp(c, "-h")) {
    usage(stdout);
    return CLI_OK;
  }
  if (!strcmp(c, "--version")) {
    printf("darkreach %s\n", DR_VERSION);
    return CLI_OK;
  }
  if (!strcmp(c, "help")) return help(argc - 1, argv + 1);
  const cli_cmd *cmd = lookup(c);
  if (!cmd) return cli_fail_top(argc, argv, "unknown command '%s' (try darkreach --help)", c);
  cli_args a;
  int rc = cli_parse(cmd, argc - 1, argv + 1, &a);
  if (rc < 0) return CLI_OK; /* --help */
  if (rc != CLI_OK) return rc;
  /* the plot formats of this run (reset for each: the Python module runs many in one process) */
  unsigned formats = DR_PLOT_PNG;
  dr_error fe;
  dr_error_clear(&fe);
  if (cli_has(&a, "format") && cli_str(&a, "format")) dr_plot_formats_parse(cli_str(&a, "format"), &formats, &fe);
  dr_plot_set_formats(formats);
  return cmd->run(&a);
}
