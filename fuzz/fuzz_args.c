/* Fuzz target: the command-line parser of every subcommand (app/opt.c) on
 * arbitrary argument lists: the first byte picks the subcommand, the rest is
 * split at NUL bytes into arguments. Parsing, validation, the configuration
 * echo and the fingerprint run; no command is executed. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "../app/cli.h"

static const cli_cmd *const commands[] = {&cmd_xsec,  &cmd_events, &cmd_hist,  &cmd_compare,     &cmd_flux,
                                          &cmd_width, &cmd_reach,  &cmd_relic, &cmd_omega,       &cmd_experiments,
                                          &cmd_models};

int LLVMFuzzerInitialize(int *argc, char ***argv) {
  (void)argc, (void)argv;
  dr_library_init(); /* the parser's messages and --help: scripts/fuzz runs with -close_fd_mask=3 */
  return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size < 1 || size > 4096) return 0;
  const cli_cmd *c = commands[data[0] % (sizeof commands / sizeof commands[0])];
  char buf[4097];
  memcpy(buf, data + 1, size - 1);
  buf[size - 1] = '\0';
  char *argv[66];
  int argc = 0;
  argv[argc++] = (char *)c->name;
  for (size_t i = 0; i < size - 1 && argc < 65;) {
    argv[argc++] = buf + i;
    i += strlen(buf + i) + 1;
  }
  argv[argc] = NULL;
  cli_args a;
  if (cli_parse(c, argc, argv, &a) == CLI_OK) {
    char line[8192];
    cli_command_line(&a, line, sizeof line);
    cli_fingerprint(&a, line, sizeof line);
    dr_json j;
    dr_json_begin(&j, stdout);
    cli_json_config(&j, &a);
    dr_json_end(&j);
  }
  return 0;
}
