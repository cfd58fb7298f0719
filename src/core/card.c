/* INI cards: read whole with libinih, then typed getters that mark what they
 * used; an entry nobody asked for is an unknown key and an error that names
 * file, line and key (STYLE.md: misspelt keys are never silently ignored). */
#include "darkreach/core.h"

#include <errno.h>
#include <ini.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
  char *section, *key, *value;
  int line;
  int used;
} card_entry;

struct dr_card {
  char *path;
  card_entry *entries;
  size_t n, cap;
  int line;     /* line being parsed (counted by the reader) */
  int oom;      /* allocation failed inside the handler */
  int dup_line; /* first duplicated key, 0 if none */
  int long_line; /* first line longer than the reader's buffer, 0 if none */
  int cont;      /* the line being parsed starts with white space (continuation) */
  char dup_key[160];
};

typedef struct {
  FILE *f;
  dr_card *card;
} card_reader;

static char *card_reader_gets(char *buf, int n, void *stream) {
  card_reader *r = stream;
  char *s = fgets(buf, n, r->f);
  if (!s) return NULL;
  r->card->line++;
  r->card->cont = (s[0] == ' ' || s[0] == '\t');
  size_t len = strlen(s);
  if (len == (size_t)n - 1 && s[len - 1] != '\n' && !feof(r->f) && !r->card->long_line)
    r->card->long_line = r->card->line;
  return s;
}

static char *xstrdup(const char *s) {
  size_t n = strlen(s) + 1;
  char *d = malloc(n);
  if (d) memcpy(d, s, n);
  return d;
}

static card_entry *card_lookup(const dr_card *c, const char *section, const char *key) {
  for (size_t i = 0; i < c->n; i++)
    if (strcmp(c->entries[i].section, section) == 0 && strcmp(c->entries[i].key, key) == 0)
      return &c->entries[i];
  return NULL;
}

static int card_handler(void *user, const char *section, const char *name, const char *value) {
  dr_card *c = user;
  card_entry *prev = card_lookup(c, section, name);
  if (prev && c->cont && prev == &c->entries[c->n - 1]) { /* indented continuation line */
    size_t a = strlen(prev->value), b = strlen(value);
    char *v = realloc(prev->value, a + b + 2);
    if (!v) {
      c->oom = 1;
      return 0;
    }
    v[a] = ' ';
    memcpy(v + a + 1, value, b + 1);
    prev->value = v;
    return 1;
  }
  if (prev) {
    if (!c->dup_line) {
      c->dup_line = c->line;
      snprintf(c->dup_key, sizeof c->dup_key, "[%s] %s", section, name);
    }
    return 1;
  }
  if (c->n == c->cap) {
    size_t cap = c->cap ? 2 * c->cap : 32;
    card_entry *e = realloc(c->entries, cap * sizeof *e);
    if (!e) {
      c->oom = 1;
      return 0;
    }
    c->entries = e;
    c->cap = cap;
  }
  card_entry *e = &c->entries[c->n];
  e->section = xstrdup(section);
  e->key = xstrdup(name);
  e->value = xstrdup(value);
  e->line = c->line;
  e->used = 0;
  if (!e->section || !e->key || !e->value) {
    free(e->section), free(e->key), free(e->value);
    c->oom = 1;
    return 0;
  }
  c->n++;
  return 1;
}

void dr_card_free(dr_card *c) {
  if (!c) return;
  for (size_t i = 0; i < c->n; i++) {
    free(c->entries[i].section);
    free(c->entries[i].key);
    free(c->entries[i].value);
  }
  free(c->entries);
  free(c->path);
  free(c);
}

dr_card *dr_card_read(const char *path, dr_error *e) {
  FILE *f = fopen(path, "r");
  if (!f) {
    DR_FAIL(e, DR_EIO, "%s: cannot open card: %s", path, strerror(errno));
    return NULL;
  }
  dr_card *c = dr_card_read_stream(f, path, e);
  fclose(f);
  return c;
}

dr_card *dr_card_read_stream(FILE *f, const char *path, dr_error *e) {
  dr_card *c = calloc(1, sizeof *c);
  if (!c || !(c->path = xstrdup(path))) {
    free(c);
    DR_FAIL(e, DR_ENOMEM, "%s: out of memory", path);
    return NULL;
  }
  card_reader r = {f, c};
  int rc = ini_parse_stream(card_reader_gets, &r, card_handler, c);
  if (c->oom) {
    DR_FAIL(e, DR_ENOMEM, "%s: out of memory", path);
    goto fail;
  }
  if (c->long_line) {
    DR_FAIL(e, DR_EPARSE, "%s:%d: line too long (continue a long value on indented lines)", path,
            c->long_line);
    goto fail;
  }
  if (rc > 0) {
    DR_FAIL(e, DR_EPARSE, "%s:%d: malformed line (expected 'key = value' or '[section]')", path, rc);
    goto fail;
  }
  if (rc < 0) {
    DR_FAIL(e, DR_EIO, "%s: cannot read card", path);
    goto fail;
  }
  if (c->dup_line) {
    DR_FAIL(e, DR_EPARSE, "%s:%d: key %s given twice", path, c->dup_line, c->dup_key);
    goto fail;
  }
  return c;
fail:
  dr_card_free(c);
  return NULL;
}

const char *dr_card_path(const dr_card *c) { return c ? c->path : ""; }

int dr_card_get_string(dr_card *c, const char *section, const char *key, const char **out,
                       dr_error *e) {
  (void)e;
  card_entry *en = card_lookup(c, section, key);
  if (!en) return DR_EINVAL;
  en->used = 1;
  *out = en->value;
  return DR_OK;
}

int dr_card_get_double(dr_card *c, const char *section, const char *key, double *out,
                       dr_error *e) {
  card_entry *en = card_lookup(c, section, key);
  if (!en) return DR_EINVAL;
  en->used = 1;
  char *end = NULL;
  errno = 0;
  double v = strtod(en->value, &end);
  while (end && (*end == ' ' || *end == '\t')) end++;
  if (end == en->value || !end || *end != '\0' || errno == ERANGE || !isfinite(v))
    return DR_FAIL(e, DR_EPARSE, "%s:%d: key [%s] %s: malformed value '%s' (expected a number)",
                   c->path, en->line, section, key, en->value);
  *out = v;
  return DR_OK;
}

int dr_card_need_double(dr_card *c, const char *section, const char *key, double *out,
                        dr_error *e) {
  int rc = dr_card_get_double(c, section, key, out, e);
  if (rc == DR_EINVAL)
    return DR_FAIL(e, DR_EPARSE, "%s: missing key [%s] %s", c->path, section, key);
  return rc;
}

int dr_card_need_string(dr_card *c, const char *section, const char *key, const char **out,
                        dr_error *e) {
  int rc = dr_card_get_string(c, section, key, out, e);
  if (rc == DR_EINVAL)
    return DR_FAIL(e, DR_EPARSE, "%s: missing key [%s] %s", c->path, section, key);
  return rc;
}

int dr_card_check_unused(const dr_card *c, dr_error *e) {
  for (size_t i = 0; i < c->n; i++)
    if (!c->entries[i].used)
      return DR_FAIL(e, DR_EPARSE, "%s:%d: unknown key [%s] %s", c->path, c->entries[i].line,
                     c->entries[i].section, c->entries[i].key);
  return DR_OK;
}
