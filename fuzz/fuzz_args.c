/* Fuzz target: the command-line parser of every subcommand (app/opt.c) on
 * arbitrary argument lists: the first byte picks the subcommand (cli_commands), the rest is
 * split at NUL bytes into arguments. Parsing, validation, the configuration
 * echo and the fingerprint run; no command is executed. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../app/cli.h"


int LLVMFuzzerInitialize(int *argc, char ***argv) {
  (void)argc, (void)argv;
  dr_library_init(); /* the parser's messages and --help: scripts/fuzz runs with -close_fd_mask=3 */
  return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size < 1 || size > 4096) return 0;
  int ncmd = 0;
  while (cli_commands[ncmd]) ncmd++;
  const cli_cmd *c = cli_commands[data[0] % ncmd];
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
    free(cli_command_line(&a));
    char digest[17];
    cli_fingerprint_digest(&a, digest);
    dr_json j;
    dr_json_begin(&j, stdout);
    cli_json_config(&j, &a);
    dr_json_end(&j);
  }
  return 0;
}
