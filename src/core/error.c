/* Status codes and the caller-owned error trail (STYLE.md "Errors"). */
#include "darkreach/core.h"

#include <gsl/gsl_errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void dr_error_clear(dr_error *e) {
  if (!e) return;
  e->status = DR_OK;
  e->msg[0] = '\0';
}

int dr_error_push(dr_error *e, int status, const char *func, int line,
                  const char *fmt, ...) {
  if (!e) return status;
  if (e->status == DR_OK) e->status = status;
  size_t used = strlen(e->msg);
  if (used + 8 >= sizeof e->msg) return status;
  if (used > 0) {
    snprintf(e->msg + used, sizeof e->msg - used, " <- ");
    used = strlen(e->msg);
  }
  int n = snprintf(e->msg + used, sizeof e->msg - used, "%s:%d: ", func, line);
  if (n < 0) return status;
  used = strlen(e->msg);
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(e->msg + used, sizeof e->msg - used, fmt, ap);
  va_end(ap);
  return status;
}

const char *dr_status_name(int status) {
  switch (status) {
  case DR_OK: return "ok";
  case DR_EINVAL: return "invalid";
  case DR_ENOMEM: return "no-memory";
  case DR_EIO: return "io";
  case DR_EPARSE: return "parse";
  case DR_EDOMAIN: return "domain";
  case DR_ENOCONV: return "not-converged";
  case DR_ECANCELED: return "canceled";
  default: return "unknown";
  }
}

int dr_status_parse(const char *name, int *status) {
  for (int s = DR_OK; s <= DR_ECANCELED; s++)
    if (strcmp(dr_status_name(s), name) == 0) {
      *status = s;
      return DR_OK;
    }
  return DR_EINVAL;
}

const char *dr_error_user_message(const dr_error *e, char *buf, size_t n) {
  if (!buf || n == 0) return "";
  buf[0] = '\0';
  if (!e) return buf;
  const char *m = e->msg;
  const char *end = strstr(m, " <- ");
  size_t len = end ? (size_t)(end - m) : strlen(m);
  /* skip "func:line: " */
  const char *c1 = memchr(m, ':', len);
  if (c1) {
    const char *c2 = memchr(c1 + 1, ':', len - (size_t)(c1 + 1 - m));
    if (c2 && c2[1] == ' ') {
      len -= (size_t)(c2 + 2 - m);
      m = c2 + 2;
    }
  }
  if (len >= n) len = n - 1;
  memcpy(buf, m, len);
  buf[len] = '\0';
  return buf;
}

void dr_library_init(void) { gsl_set_error_handler_off(); }

unsigned long long dr_fnv1a64(const void *data, size_t n, unsigned long long h) {
  const unsigned char *p = data;
  for (size_t i = 0; i < n; i++) h = (h ^ p[i]) * 0x100000001b3ULL;
  return h;
}
