/* darkreach command-line tool: main(), with MPI around the dispatch of app/dispatch.c. */
#include "cli.h"

#include <string.h>

/* Under mpirun (a build with -DDARKREACH_MPI=ON), reach and relic share their
 * points over the ranks and rank 0 writes everything; the other commands run
 * on rank 0 alone. */
int main(int argc, char **argv) {
  cli_mpi_init(&argc, &argv);
  int distributed = argc > 1 && (!strcmp(argv[1], "reach") || !strcmp(argv[1], "relic"));
  if (cli_mpi_rank() > 0) {
    if (!distributed) {
      cli_mpi_finalize();
      return CLI_OK;
    }
    /* the workers' output would repeat rank 0's */
    if (!freopen("/dev/null", "w", stdout) || !freopen("/dev/null", "w", stderr)) return CLI_FAIL;
  }
  int rc = cli_main(argc, argv);
  cli_mpi_finalize();
  return rc;
}

