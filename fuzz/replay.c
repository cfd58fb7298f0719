/* Runs every file given on the command line (or in the directories given)
 * through a fuzz target once: the committed seed corpus as a regression test
 * in the normal build (no clang, no libFuzzer needed). */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv) __attribute__((weak));

static int one(const char *path) {
  FILE *f = fopen(path, "rb");
  if (!f) return fprintf(stderr, "replay: cannot read %s\n", path), 1;
  static uint8_t buf[1 << 20];
  size_t n = fread(buf, 1, sizeof buf, f);
  fclose(f);
  LLVMFuzzerTestOneInput(buf, n);
  return 0;
}

int main(int argc, char **argv) {
  if (LLVMFuzzerInitialize) LLVMFuzzerInitialize(&argc, &argv);
  if (!freopen("/dev/null", "w", stdout)) return 1; /* what the targets print is not the test */
  int bad = 0, n = 0;
  for (int i = 1; i < argc; i++) {
    struct stat st;
    if (stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode)) {
      DIR *d = opendir(argv[i]);
      struct dirent *de;
      while (d && (de = readdir(d))) {
        if (de->d_name[0] == '.') continue;
        char p[4096];
        snprintf(p, sizeof p, "%s/%s", argv[i], de->d_name);
        bad |= one(p), n++;
      }
      if (d) closedir(d);
    } else {
      bad |= one(argv[i]), n++;
    }
  }
  if (n == 0) bad = 1;
  fprintf(stderr, "replay: %d inputs%s\n", n, bad ? ", some unreadable" : "");
  return bad;
}
