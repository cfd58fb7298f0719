/* MPI for distributed scans (cli.h): with DR_HAVE_MPI (cmake -DDARKREACH_MPI=ON)
 * the ranks share a scan's points and rank 0 writes every file; without it,
 * one rank. */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

#ifdef DR_HAVE_MPI
#include <mpi.h>

static int mpi_on, mpi_rank, mpi_size = 1;

void cli_mpi_init(int *argc, char ***argv) {
  int inited = 0;
  MPI_Initialized(&inited);
  if (!inited && MPI_Init(argc, argv) != MPI_SUCCESS) return;
  mpi_on = 1;
  MPI_Comm_rank(MPI_COMM_WORLD, &mpi_rank);
  MPI_Comm_size(MPI_COMM_WORLD, &mpi_size);
}

void cli_mpi_finalize(void) {
  if (mpi_on) MPI_Finalize();
  mpi_on = 0;
}

int cli_mpi_rank(void) { return mpi_rank; }
int cli_mpi_size(void) { return mpi_size; }

void cli_mpi_bcast(void *buf, long n) {
  if (mpi_size > 1 && n > 0) MPI_Bcast(buf, (int)n, MPI_BYTE, 0, MPI_COMM_WORLD);
}

int cli_mpi_max(int v) {
  int r = v;
  if (mpi_size > 1) MPI_Allreduce(&v, &r, 1, MPI_INT, MPI_MAX, MPI_COMM_WORLD);
  return r;
}

void cli_mpi_send_text(const char *s, long n) {
  long len = n;
  MPI_Send(&len, 1, MPI_LONG, 0, 1, MPI_COMM_WORLD);
  if (len > 0) MPI_Send(s, (int)len, MPI_CHAR, 0, 2, MPI_COMM_WORLD);
}

char *cli_mpi_recv_text(int from) {
  long len = 0;
  MPI_Recv(&len, 1, MPI_LONG, from, 1, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
  char *s = malloc((size_t)len + 1);
  if (!s) MPI_Abort(MPI_COMM_WORLD, 1);
  if (len > 0) MPI_Recv(s, (int)len, MPI_CHAR, from, 2, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
  s[len] = 0;
  return s;
}
#else
void cli_mpi_init(int *argc, char ***argv) { (void)argc, (void)argv; }
void cli_mpi_finalize(void) {}
int cli_mpi_rank(void) { return 0; }
int cli_mpi_size(void) { return 1; }
void cli_mpi_bcast(void *buf, long n) { (void)buf, (void)n; }
int cli_mpi_max(int v) { return v; }
void cli_mpi_send_text(const char *s, long n) { (void)s, (void)n; }
char *cli_mpi_recv_text(int from) {
  (void)from;
  return NULL;
}
#endif
