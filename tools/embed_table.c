/* Build tool: turns a whitespace-separated numeric data file (comment lines
 * start with '#') into a C source holding the columns as const arrays:
 *   const double dr_table_<name>_c0[rows], ..._c<ncol-1>[rows]; const size_t dr_table_<name>_rows;
 * Usage: dr_embed_table FILE NAME NCOL OUT.c */
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
  if (argc != 5) {
    fprintf(stderr, "usage: %s FILE NAME NCOL OUT.c\n", argv[0]);
    return 2;
  }
  int ncol = atoi(argv[3]);
  FILE *in = fopen(argv[1], "r");
  if (!in || ncol < 1) {
    fprintf(stderr, "dr_embed_table: cannot open %s\n", argv[1]);
    return 1;
  }
  size_t rows = 0, cap = 1024, lineno = 0;
  double *v = malloc(cap * ncol * sizeof *v);
  char line[4096];
  while (v && fgets(line, sizeof line, in)) {
    lineno++;
    char *s = line;
    while (*s == ' ' || *s == '\t') s++;
    if (*s == '#' || *s == '\n' || *s == '\r' || *s == '\0') continue;
    if (rows == cap) {
      cap *= 2;
      double *nv = realloc(v, cap * ncol * sizeof *v);
      if (!nv) {
        free(v);
        v = NULL;
        break;
      }
      v = nv;
    }
    for (int c = 0; c < ncol; c++) {
      char *end;
      v[rows * ncol + c] = strtod(s, &end);
      if (end == s) {
        fprintf(stderr, "%s:%zu: expected %d numbers\n", argv[1], lineno, ncol);
        return 1;
      }
      s = end;
    }
    rows++;
  }
  fclose(in);
  if (!v) {
    fprintf(stderr, "dr_embed_table: out of memory\n");
    return 1;
  }
  FILE *out = fopen(argv[4], "w");
  if (!out) return 1;
  fprintf(out, "/* generated from %s by tools/embed_table.c; do not edit */\n#include <stddef.h>\n",
          argv[1]);
  fprintf(out, "const size_t dr_table_%s_rows = %zu;\n", argv[2], rows);
  for (int c = 0; c < ncol; c++) {
    fprintf(out, "const double dr_table_%s_c%d[%zu] = {\n  ", argv[2], c, rows);
    for (size_t r = 0; r < rows; r++)
      fprintf(out, "%.10g%s", v[r * ncol + c], (r + 1) % 8 ? ", " : ",\n  ");
    fprintf(out, "};\n");
  }
  free(v);
  return fclose(out) == 0 ? 0 : 1;
}
