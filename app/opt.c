/* The declarative option tables (app/cli.h): parsing, validation, --help and
 * the configuration echo, all generated from one table per subcommand. */
#include "cli.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* a name the command does not have is a bug in the command, not user input */
static int slot(const cli_args *a, const char *name) {
  for (int i = 0; i < a->n; i++)
    if (strcmp(a->opt[i]->name, name) == 0) return i;
  fprintf(stderr, "darkreach %s: internal error: no option --%s\n", a->cmd->name, name);
  abort();
}

static int find(const cli_args *a, const char *name, size_t len) {
  for (int i = 0; i < a->n; i++)
    if (strlen(a->opt[i]->name) == len && strncmp(a->opt[i]->name, name, len) == 0) return i;
  return -1;
}

/* the option an alias stands for */
static int canon(const cli_args *a, int i) { return a->opt[i]->alias_of ? slot(a, a->opt[i]->alias_of) : i; }

static int is_numeric(const cli_opt *o) { return o->type == OPT_NUM || o->type == OPT_INT; }

/* ---- values in effect ---- */
static const char *str_at(const cli_args *a, int i) {
  if (a->given[i]) return a->val[i];
  if (a->eff[i][0]) return a->eff[i];
  return a->def[i];
}

int cli_given(const cli_args *a, const char *name) { return a->given[slot(a, name)]; }

double cli_num(const cli_args *a, const char *name) {
  int i = slot(a, name);
  return str_at(a, i) ? a->num[i] : NAN;
}

const char *cli_str(const cli_args *a, const char *name) { return str_at(a, slot(a, name)); }
int cli_has(const cli_args *a, const char *name) { return find(a, name, strlen(name)) >= 0; }

int cli_drop(cli_args *a, const char *name, const char *why) {
  int i = slot(a, name);
  if (a->given[i]) return cli_fail(a, CLI_USAGE, "usage", "option --%s: %s (see darkreach %s --help)", name, why,
                                   a->cmd->name);
  a->dropped[i] = 1;
  return CLI_OK;
}

void cli_fingerprint_add(cli_args *a, const char *fmt, ...) {
  size_t l = strlen(a->fp_extra);
  if (l + 1 >= sizeof a->fp_extra) return;
  a->fp_extra[l++] = ' ';
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(a->fp_extra + l, sizeof a->fp_extra - l, fmt, ap);
  va_end(ap);
}

void cli_set_num(cli_args *a, const char *name, double v) {
  int i = slot(a, name);
  if (a->given[i]) return; /* what the user gave stays in effect */
  dr_format_exact(a->eff[i], sizeof a->eff[i], v);
  a->num[i] = v;
}

/* ---- conditions: "a=x|y;b;!c" ---- */
static int term_holds(const cli_args *a, const char *t, size_t len) {
  int neg = t[0] == '!';
  if (neg) t++, len--;
  const char *eq = memchr(t, '=', len);
  int i = find(a, t, eq ? (size_t)(eq - t) : len);
  if (i < 0) return 1; /* the command has no such option: the condition concerns other commands */
  int ok;
  if (!eq) {
    ok = a->given[i];
  } else {
    const char *v = str_at(a, i), *set = eq + 1, *end = t + len;
    ok = 0;
    while (v && set < end) {
      const char *bar = memchr(set, '|', (size_t)(end - set));
      size_t l = (size_t)((bar ? bar : end) - set);
      if (strlen(v) == l && strncmp(v, set, l) == 0) ok = 1;
      set += l + 1;
    }
  }
  return neg ? !ok : ok;
}

/* a term "a=x|y", "b", "!c", or alternatives of those joined by ',' (any holds) */
static int alt_holds(const cli_args *a, const char *t, size_t len) {
  for (const char *end = t + len; t < end;) {
    const char *comma = memchr(t, ',', (size_t)(end - t));
    size_t l = (size_t)((comma ? comma : end) - t);
    if (term_holds(a, t, l)) return 1;
    t += l + 1;
  }
  return 0;
}

/* 1 if every ';'-separated term holds; else 0 and *bad the first failing term */
static int cond_holds(const cli_args *a, const char *cond, const char **bad, size_t *bad_len) {
  for (const char *t = cond; t && *t;) {
    const char *semi = strchr(t, ';');
    size_t len = semi ? (size_t)(semi - t) : strlen(t);
    if (!alt_holds(a, t, len)) {
      if (bad) *bad = t, *bad_len = len;
      return 0;
    }
    t += len + (semi ? 1 : 0);
  }
  return 1;
}

int cli_applies(const cli_args *a, const char *name) {
  int i = slot(a, name);
  return !a->dropped[i] && cond_holds(a, a->opt[i]->only_if, NULL, NULL);
}

/* "with --method etl", "with --method ww or iww", "with --grid-in", "without --tmin" */
static void describe_term(const char *t, size_t len, char *buf, size_t n) {
  int neg = t[0] == '!';
  if (neg) t++, len--;
  const char *eq = memchr(t, '=', len);
  if (!eq) {
    snprintf(buf, n, "%s --%.*s", neg ? "without" : "with", (int)len, t);
    return;
  }
  size_t used = (size_t)snprintf(buf, n, "with --%.*s %s", (int)(eq - t), t, neg ? "other than " : "");
  for (const char *s = eq + 1; s < t + len && used + 4 < n; s++) {
    if (*s == '|') used += (size_t)snprintf(buf + used, n - used, " or ");
    else buf[used++] = *s, buf[used] = '\0';
  }
}

static void describe_alts(const char *t, size_t len, char *buf, size_t n) {
  buf[0] = '\0';
  size_t used = 0;
  for (const char *end = t + len; t < end && used < n;) {
    const char *comma = memchr(t, ',', (size_t)(end - t));
    size_t l = (size_t)((comma ? comma : end) - t);
    if (used) used += (size_t)snprintf(buf + used, n - used, " or ");
    if (used < n) describe_term(t, l, buf + used, n - used);
    used = strlen(buf);
    t += l + 1;
  }
}

/* the terms of cond that concern options of this command, in words */
static void describe_cond(const cli_args *a, const char *cond, char *buf, size_t n) {
  buf[0] = '\0';
  size_t used = 0;
  for (const char *t = cond; t && *t && used < n;) {
    const char *semi = strchr(t, ';');
    size_t len = semi ? (size_t)(semi - t) : strlen(t);
    const char *name = t[0] == '!' ? t + 1 : t;
    size_t nl = strcspn(name, "=,;");
    if (find(a, name, nl) >= 0) {
      if (used) used += (size_t)snprintf(buf + used, n - used, " and ");
      if (used < n) describe_alts(t, len, buf + used, n - used);
      used = strlen(buf);
    }
    t += len + (semi ? 1 : 0);
  }
}

/* ---- numbers: decimal only ([+-] digits [. digits] [e [+-] digits]) ---- */
static int is_decimal(const char *s) {
  if (*s == '+' || *s == '-') s++;
  int digits = 0;
  while (*s >= '0' && *s <= '9') s++, digits++;
  if (*s == '.') {
    s++;
    while (*s >= '0' && *s <= '9') s++, digits++;
  }
  if (!digits) return 0;
  if (*s == 'e' || *s == 'E') {
    s++;
    if (*s == '+' || *s == '-') s++;
    if (!(*s >= '0' && *s <= '9')) return 0;
    while (*s >= '0' && *s <= '9') s++;
  }
  return *s == '\0';
}

static void range_text(const cli_opt *o, char *buf, size_t n) {
  char lo[32], hi[32];
  dr_format_exact(lo, sizeof lo, o->min);
  dr_format_exact(hi, sizeof hi, o->max);
  buf[0] = '\0';
  if ((o->range & R_MIN) && (o->range & R_MAX))
    snprintf(buf, n, "%s %s and %s %s", o->range & R_GT ? ">" : ">=", lo, o->range & R_LT ? "<" : "<=", hi);
  else if (o->range & R_MIN)
    snprintf(buf, n, "%s %s", o->range & R_GT ? ">" : ">=", lo);
  else if (o->range & R_MAX)
    snprintf(buf, n, "%s %s", o->range & R_LT ? "<" : "<=", hi);
}

static int in_choices(const char *choices, const char *v) {
  size_t l = strlen(v);
  for (const char *s = choices; *s;) {
    const char *bar = strchr(s, '|');
    size_t k = bar ? (size_t)(bar - s) : strlen(s);
    if (k == l && strncmp(s, v, l) == 0) return 1;
    s += k + (bar ? 1 : 0);
  }
  return 0;
}

/* checks a value of option o; fills num (numbers) and *canon (names). 0 ok, else message in msg */
static int check_value(const cli_opt *o, const char *v, double *num, const char **canon, char *msg, size_t n) {
  switch (o->type) {
  case OPT_FLAG: return 0;
  case OPT_NUM:
  case OPT_INT: {
    if (!is_decimal(v)) {
      snprintf(msg, n, "'%s' is not a decimal number", v);
      return 1;
    }
    errno = 0;
    double x = strtod(v, NULL);
    if (!isfinite(x)) {
      snprintf(msg, n, "'%s' is out of the range of a double", v);
      return 1;
    }
    if (errno == ERANGE && x == 0 && strpbrk(v, "123456789")) {
      snprintf(msg, n, "'%s' is too small for a double (it would be 0)", v);
      return 1;
    }
    if (o->type == OPT_INT && (x != floor(x) || fabs(x) > 9.007199254740992e15)) {
      snprintf(msg, n, "'%s' is not an integer", v);
      return 1;
    }
    int bad = ((o->range & R_MIN) && (o->range & R_GT ? !(x > o->min) : !(x >= o->min))) ||
              ((o->range & R_MAX) && (o->range & R_LT ? !(x < o->max) : !(x <= o->max)));
    if (bad) {
      char r[96];
      range_text(o, r, sizeof r);
      snprintf(msg, n, "%s must be %s", v, r);
      return 1;
    }
    *num = x;
    return 0;
  }
  case OPT_CHOICE:
    if (!in_choices(o->choices, v)) {
      snprintf(msg, n, "'%s' is not one of %s", v, o->choices);
      return 1;
    }
    return 0;
  case OPT_NAME: {
    dr_error e;
    dr_error_clear(&e);
    if (o->check(v, canon, &e) != DR_OK) {
      dr_error_user_message(&e, msg, n);
      return 1;
    }
    return 0;
  }
  case OPT_TEXT:
    if (!*v) {
      snprintf(msg, n, "empty value");
      return 1;
    }
    return 0;
  }
  return 0;
}

/* edit distance for "did you mean" */
static int distance(const char *s, size_t ls, const char *t) {
  size_t lt = strlen(t);
  if (ls > 40 || lt > 40) return 99;
  int d[41][41];
  for (size_t i = 0; i <= ls; i++) d[i][0] = (int)i;
  for (size_t j = 0; j <= lt; j++) d[0][j] = (int)j;
  for (size_t i = 1; i <= ls; i++)
    for (size_t j = 1; j <= lt; j++) {
      int c = d[i - 1][j - 1] + (s[i - 1] != t[j - 1]);
      if (d[i - 1][j] + 1 < c) c = d[i - 1][j] + 1;
      if (d[i][j - 1] + 1 < c) c = d[i][j - 1] + 1;
      d[i][j] = c;
    }
  return d[ls][lt];
}

static int usage_error(const cli_args *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int usage_error(const cli_args *a, const char *fmt, ...) {
  char msg[1024];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  return cli_fail(a, CLI_USAGE, "usage", "%s (see darkreach %s --help)", msg, a->cmd->name);
}

static void add_opts(cli_args *a, const cli_opt *g) {
  for (; g->name; g++) {
    if (a->n >= CLI_MAXOPT || find(a, g->name, strlen(g->name)) >= 0) {
      fprintf(stderr, "darkreach %s: internal error: option table (--%s)\n", a->cmd->name, g->name);
      abort();
    }
    a->opt[a->n] = g;
    a->def[a->n] = g->def;
    a->n++;
  }
}

/* the command's options in order, with its default overrides */
static void load_table(cli_args *a, const cli_cmd *c) {
  memset(a, 0, sizeof *a);
  a->cmd = c;
  for (const cli_opt *const *g = c->groups; g && *g; g++) add_opts(a, *g);
  for (const char *const *d = c->defaults; d && *d; d++) {
    const char *eq = strchr(*d, '=');
    int i = eq ? find(a, *d, (size_t)(eq - *d)) : -1;
    if (i < 0) {
      fprintf(stderr, "darkreach %s: internal error: default override '%s'\n", c->name, *d);
      abort();
    }
    a->def[i] = eq + 1;
  }
}

int cli_parse(const cli_cmd *c, int argc, char **argv, cli_args *a) {
  load_table(a, c);
  a->argc = argc;
  a->argv = argv;
  /* --help and --json first: help wins over every error, and errors know the format */
  for (int k = 1; k < argc && strcmp(argv[k], "--") != 0; k++) {
    if (!strcmp(argv[k], "--help") || !strcmp(argv[k], "-h")) {
      cli_help(stdout, c);
      return -1;
    }
    if (!strcmp(argv[k], "--json") && find(a, "json", 4) >= 0) a->json = 1;
  }
  int only_positional = 0;
  for (int k = 1; k < argc; k++) {
    const char *s = argv[k];
    if (!only_positional && !strcmp(s, "--")) {
      only_positional = 1;
      continue;
    }
    if (!only_positional && s[0] == '-' && s[1] != '\0' && !is_decimal(s)) {
      const char *name = s[1] == '-' ? s + 2 : s + 1, *eq = strchr(name, '=');
      size_t len = eq ? (size_t)(eq - name) : strlen(name);
      int i = s[1] == '-' ? find(a, name, len) : -1;
      if (i < 0) {
        const char *best = NULL;
        int bd = 3;
        for (int j = 0; j < a->n; j++) {
          int d = distance(name, len, a->opt[j]->name);
          if (d < bd) bd = d, best = a->opt[j]->name;
        }
        if (best) return usage_error(a, "unknown option '%.*s' (did you mean --%s?)", (int)(len + (name - s)), s, best);
        return usage_error(a, "unknown option '%.*s'", (int)(len + (name - s)), s);
      }
      const cli_opt *o = a->opt[i];
      int ci = canon(a, i);
      if (a->given[ci]) {
        if (strcmp(a->spelled[ci], o->name) == 0) return usage_error(a, "option --%s given twice", o->name);
        return usage_error(a, "option --%s given twice (--%s and --%s are the same option)", a->opt[ci]->name,
                           a->spelled[ci], o->name);
      }
      const char *v = NULL;
      if (o->type == OPT_FLAG) {
        if (eq) return usage_error(a, "option --%s takes no value", o->name);
      } else if (eq) {
        v = eq + 1;
      } else {
        if (k + 1 >= argc) return usage_error(a, "option --%s needs a value (%s)", o->name, o->arg);
        v = argv[++k];
        if (v[0] == '-' && v[1] == '-')
          return usage_error(a, "option --%s needs a value (%s), not the option '%s'", o->name, o->arg, v);
      }
      a->given[ci] = 1;
      a->spelled[ci] = o->name;
      a->val[ci] = v;
      continue;
    }
    if (c->positional && !a->positional) {
      a->positional = s;
      continue;
    }
    return usage_error(a, "unexpected argument '%s'", s);
  }
  /* values and defaults */
  for (int i = 0; i < a->n; i++) {
    const cli_opt *o = a->opt[i];
    if (o->alias_of) continue;
    char msg[512];
    if (a->given[i] && check_value(o, a->val[i] ? a->val[i] : "", &a->num[i], &a->val[i], msg, sizeof msg))
      return usage_error(a, "option --%s: %s", a->spelled[i], msg);
    if (!a->given[i] && a->def[i] && check_value(o, a->def[i], &a->num[i], &a->def[i], msg, sizeof msg)) {
      fprintf(stderr, "darkreach %s: internal error: default of --%s: %s\n", c->name, o->name, msg);
      abort();
    }
  }
  /* where each option (and the spelling used) applies */
  for (int i = 0; i < a->n; i++) {
    if (a->opt[i]->alias_of || !a->given[i]) continue;
    const cli_opt *used = a->opt[find(a, a->spelled[i], strlen(a->spelled[i]))];
    const char *conds[2] = {a->opt[i]->only_if, used != a->opt[i] ? used->only_if : NULL};
    for (int k = 0; k < 2; k++) {
      const char *bad;
      size_t bl;
      if (conds[k] && !cond_holds(a, conds[k], &bad, &bl)) {
        char d[256];
        describe_alts(bad, bl, d, sizeof d);
        const char *eq = memchr(bad, '=', bl);
        if (eq && bad[0] != '!' && !memchr(bad, ',', bl)) {
          int j = find(a, bad, (size_t)(eq - bad));
          return usage_error(a, "option --%s applies only %s (here --%s %s)", used->name, d, a->opt[j]->name,
                             str_at(a, j) ? str_at(a, j) : "is not set");
        }
        return usage_error(a, "option --%s applies only %s", used->name, d);
      }
    }
  }
  /* required */
  char missing[512] = "";
  int nmiss = 0;
  for (int i = 0; i < a->n; i++)
    if ((a->opt[i]->flags & F_REQUIRED) && !a->given[i] && !a->def[i]) {
      size_t l = strlen(missing);
      snprintf(missing + l, sizeof missing - l, "%s--%s", nmiss ? ", " : "", a->opt[i]->name);
      nmiss++;
    }
  if (nmiss) return usage_error(a, "%s %s required", missing, nmiss > 1 ? "are" : "is");
  if (c->positional && !a->positional) return usage_error(a, "%s is required", c->positional);
  a->quiet = find(a, "quiet", 5) >= 0 && a->given[slot(a, "quiet")];
  return CLI_OK;
}

/* ---- help ---- */
static void wrap(FILE *f, const char *text, int indent, int col, int width) {
  while (*text) {
    int room = width - col;
    const char *nl = strchr(text, '\n');
    int len = nl ? (int)(nl - text) : (int)strlen(text);
    int cut = len;
    if (len > room) {
      cut = room;
      while (cut > 0 && text[cut] != ' ') cut--;
      if (cut == 0) cut = len;
    }
    fprintf(f, "%.*s\n", cut, text);
    text += cut;
    while (*text == ' ') text++;
    if (*text == '\n') text++;
    if (*text) fprintf(f, "%*s", indent, "");
    col = indent;
  }
}

/* an option's help text with its default, choices, range and condition in brackets */
static void option_text(const cli_args *tab, const cli_opt *o, const char *def, char *text, size_t n) {
  char extra[768] = "", r[96];
  size_t u = 0;
#define ADD(...) u += (size_t)snprintf(extra + u, u < sizeof extra ? sizeof extra - u : 0, __VA_ARGS__)
  if (o->alias_of) ADD("; the same as --%s", o->alias_of);
  if ((o->flags & F_REQUIRED) && !def) ADD("; required");
  if (def) ADD("; default %s", def);
  if (o->type == OPT_CHOICE) ADD("; one of %s", o->choices);
  char names[512];
  if (o->type == OPT_NAME && o->names) ADD("; one of %s", o->names(names, sizeof names));
  range_text(o, r, sizeof r);
  if (r[0]) ADD("; %s", r);
  if (o->type == OPT_INT) ADD("; an integer");
  if (o->only_if) {
    char d[256];
    describe_cond(tab, o->only_if, d, sizeof d);
    if (d[0]) ADD("; only %s", d);
  }
#undef ADD
  snprintf(text, n, "%s%s%s%s", o->help, extra[0] ? " [" : "", extra[0] ? extra + 2 : "", extra[0] ? "]" : "");
}

static void option_help(FILE *f, const cli_args *tab, const cli_opt *o, const char *def) {
  char head[64], text[1536];
  snprintf(head, sizeof head, "  --%s%s%s", o->name, o->type == OPT_FLAG ? "" : " ", o->type == OPT_FLAG ? "" : o->arg);
  option_text(tab, o, def, text, sizeof text);
  int col = fprintf(f, "%s", head);
  if (col >= 24) {
    fputc('\n', f);
    col = 0;
  }
  fprintf(f, "%*s", 24 - col, "");
  wrap(f, text, 24, 24, 100);
}

void cli_help(FILE *f, const cli_cmd *c) {
  fprintf(f, "usage: %s\n\n", c->usage);
  wrap(f, c->description, 0, 0, 100);
  fprintf(f, "\noptions:\n");
  cli_args tmp;
  load_table(&tmp, c);
  for (int i = 0; i < tmp.n; i++) option_help(f, &tmp, tmp.opt[i], tmp.def[i]);
  fprintf(f, "  --help                print this help\n");
  if (c->notes) {
    fputc('\n', f);
    wrap(f, c->notes, 0, 0, 100);
  }
}

/* ---- man pages (roff), from the same tables ---- */
static void roff_text(FILE *f, const char *t) {
  int bol = 1;
  for (; *t; t++) {
    if (bol && (*t == '.' || *t == '\'')) fputs("\\&", f);
    if (*t == '\\') fputs("\\e", f);
    else if (*t == '-') fputs("\\-", f);
    else fputc(*t, f);
    bol = *t == '\n';
  }
  if (!bol) fputc('\n', f);
}

static void man_head(FILE *f, const char *name, const char *summary) {
  char up[64];
  size_t i = 0;
  for (; name[i] && i < sizeof up - 1; i++) up[i] = (char)toupper((unsigned char)name[i]);
  up[i] = 0;
  fprintf(f, ".TH %s 1 \"\" \"darkreach %s\" \"darkreach manual\"\n.SH NAME\n", up, DR_VERSION);
  char line[512];
  snprintf(line, sizeof line, "%s - %s", name, summary); /* one line, for whatis */
  roff_text(f, line);
}

void cli_man(FILE *f, const cli_cmd *c) {
  char name[64];
  snprintf(name, sizeof name, "darkreach-%s", c->name);
  man_head(f, name, c->summary);
  fputs(".SH SYNOPSIS\n.nf\n", f);
  roff_text(f, c->usage);
  fputs(".fi\n.SH DESCRIPTION\n", f);
  roff_text(f, c->description);
  fputs(".SH OPTIONS\n", f);
  cli_args tmp;
  load_table(&tmp, c);
  for (int i = 0; i < tmp.n; i++) {
    const cli_opt *o = tmp.opt[i];
    char text[1536];
    option_text(&tmp, o, tmp.def[i], text, sizeof text);
    fputs(".TP\n\\fB\\-\\-", f);
    for (const char *p = o->name; *p; p++) *p == '-' ? fputs("\\-", f) : fputc(*p, f);
    fputs("\\fR", f);
    if (o->type != OPT_FLAG) fprintf(f, " \\fI%s\\fR", o->arg);
    fputc('\n', f);
    roff_text(f, text);
  }
  fputs(".TP\n\\fB\\-\\-help\\fR\nprint the help\n", f);
  if (c->notes) {
    fputs(".SH NOTES\n", f);
    roff_text(f, c->notes);
  }
  fputs(".SH SEE ALSO\n\\fBdarkreach\\fR(1)\n", f);
}

void cli_man_top(FILE *f, const cli_cmd *const *cmds) {
  man_head(f, "darkreach", "light dark sectors at lepton fixed-target experiments");
  fputs(".SH SYNOPSIS\n\\fBdarkreach\\fR \\fIcommand\\fR [\\fIoptions\\fR]\n.SH COMMANDS\n", f);
  for (const cli_cmd *const *c = cmds; *c; c++) {
    fprintf(f, ".TP\n\\fB%s\\fR\n", (*c)->name);
    roff_text(f, (*c)->summary);
  }
  fputs(".SH UNITS\nGeV for masses and energies; cross sections in pb per target atom. Each command's options,\n"
        "defaults and ranges are in its own page, \\fBdarkreach\\-\\fIcommand\\fR(1), and in "
        "\\fBdarkreach help \\-\\-json\\fR.\n.SH ENVIRONMENT\n.TP\n\\fBDARKREACH_DATA\\fR\n"
        "the data directory (cards, published limits); default ../share/darkreach beside the executable\n"
        ".SH SEE ALSO\n", f);
  for (const cli_cmd *const *c = cmds; *c; c++) fprintf(f, "\\fBdarkreach\\-%s\\fR(1)%s\n", (*c)->name, c[1] ? "," : "");
}

static const char *type_name(opt_type t) {
  switch (t) {
  case OPT_FLAG: return "flag";
  case OPT_NUM: return "number";
  case OPT_INT: return "integer";
  case OPT_CHOICE: return "choice";
  case OPT_NAME: return "name";
  default: return "text";
  }
}

void cli_json_tables(dr_json *j, const cli_cmd *const *cmds) {
  dr_json_key_array(j, "commands");
  for (; *cmds; cmds++) {
    const cli_cmd *c = *cmds;
    cli_args tmp;
    load_table(&tmp, c);
    dr_json_object(j);
    dr_json_str(j, "name", c->name);
    dr_json_str(j, "summary", c->summary);
    dr_json_str(j, "usage", c->usage);
    if (c->positional) dr_json_str(j, "positional", c->positional);
    dr_json_key_array(j, "options");
    for (int i = 0; i < tmp.n; i++) {
      const cli_opt *o = tmp.opt[i];
      dr_json_object(j);
      dr_json_str(j, "name", o->name);
      dr_json_str(j, "type", type_name(o->type));
      if (o->arg) dr_json_str(j, "arg", o->arg);
      if (tmp.def[i]) dr_json_str(j, "default", tmp.def[i]);
      if (o->range & R_MIN) dr_json_num(j, o->range & R_GT ? "greater_than" : "min", o->min);
      if (o->range & R_MAX) dr_json_num(j, o->range & R_LT ? "less_than" : "max", o->max);
      if (o->choices) dr_json_str(j, "choices", o->choices);
      if (o->only_if) dr_json_str(j, "only_if", o->only_if);
      if (o->alias_of) dr_json_str(j, "alias_of", o->alias_of);
      dr_json_bool(j, "required", (o->flags & F_REQUIRED) != 0);
      dr_json_bool(j, "echoed", !(o->flags & F_NO_ECHO));
      dr_json_bool(j, "changes_results", !(o->flags & (F_NO_ECHO | F_NO_FINGERPRINT)));
      dr_json_str(j, "help", o->help);
      dr_json_close(j);
    }
    dr_json_close(j);
    dr_json_close(j);
  }
  dr_json_close(j);
}

/* ---- the configuration echo ---- */
static int shell_safe(const char *s) {
  if (!*s) return 0;
  for (; *s; s++)
    if (!(isalnum((unsigned char)*s) || strchr("+-_./:=,@%", *s))) return 0;
  return 1;
}

static void put_word(FILE *f, const char *w) {
  if (shell_safe(w)) {
    fprintf(f, " %s", w);
    return;
  }
  fputs(" '", f);
  for (; *w; w++) {
    if (*w == '\'') fputs("'\\''", f);
    else fputc(*w, f);
  }
  fputc('\'', f);
}

/* the options in effect as "--name value" words; fingerprint: only those that change the numbers */
static void option_words(const cli_args *a, FILE *f, int fingerprint) {
  if (a->positional) put_word(f, a->positional);
  for (int i = 0; i < a->n; i++) {
    const cli_opt *o = a->opt[i];
    if (o->alias_of || (o->flags & F_NO_ECHO) || (fingerprint && (o->flags & F_NO_FINGERPRINT))) continue;
    if (a->dropped[i] || !cond_holds(a, o->only_if, NULL, NULL)) continue;
    const char *v = str_at(a, i);
    if (o->type == OPT_FLAG) {
      if (a->given[i]) fprintf(f, " --%s", o->name);
      continue;
    }
    if (!v) continue;
    char word[32];
    if (is_numeric(o) && (fingerprint || !a->given[i])) dr_format_exact(word, sizeof word, a->num[i]), v = word;
    fprintf(f, " --%s", o->name);
    put_word(f, v);
  }
}

/* a string grown as needed (open_memstream); aborts on ENOMEM, which the CLI cannot recover from here */
static char *words(const cli_args *a, int fingerprint) {
  char *buf = NULL;
  size_t len = 0;
  FILE *f = open_memstream(&buf, &len);
  if (!f) abort();
  if (fingerprint) fprintf(f, "darkreach %s %s", DR_VERSION, a->cmd->name);
  else fprintf(f, "darkreach %s", a->cmd->name);
  option_words(a, f, fingerprint);
  if (fingerprint) fputs(a->fp_extra, f);
  if (fclose(f) != 0 || !buf) abort();
  return buf;
}

char *cli_command_line(const cli_args *a) { return words(a, 0); }
char *cli_fingerprint(const cli_args *a) { return words(a, 1); }

void cli_fingerprint_digest(const cli_args *a, char out[17]) {
  char *fp = cli_fingerprint(a);
  snprintf(out, 17, "%016llx", (unsigned long long)dr_fnv1a64(fp, strlen(fp), DR_FNV1A64_INIT));
  free(fp);
}

void cli_json_config(dr_json *j, const cli_args *a) {
  char when[32];
  time_t t = time(NULL);
  struct tm tm;
  gmtime_r(&t, &tm);
  strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
  dr_json_key_object(j, "config");
  dr_json_str(j, "darkreach_version", DR_VERSION);
  dr_json_str(j, "date", when);
  dr_json_str(j, "command", a->cmd->name);
  dr_json_int(j, "ranks", cli_mpi_size()); /* MPI ranks that shared the work (1: one process) */
  dr_json_key_array(j, "argv");
  for (int k = 1; k < a->argc; k++) dr_json_str(j, NULL, a->argv[k]);
  dr_json_close(j);
  char *line = cli_command_line(a), digest[17];
  dr_json_str(j, "command_line", line);
  free(line);
  line = cli_fingerprint(a);
  dr_json_str(j, "fingerprint", line);
  free(line);
  cli_fingerprint_digest(a, digest);
  dr_json_str(j, "fingerprint_digest", digest);
  dr_json_key_object(j, "options");
  if (a->cmd->positional) {
    char key[32];
    snprintf(key, sizeof key, "%s", a->cmd->positional);
    for (char *s = key; *s; s++) *s = (char)tolower((unsigned char)*s);
    dr_json_str(j, key, a->positional);
  }
  for (int i = 0; i < a->n; i++) {
    const cli_opt *o = a->opt[i];
    if (o->alias_of || (o->flags & F_NO_ECHO)) continue;
    const char *v = str_at(a, i);
    if (a->dropped[i] || !cond_holds(a, o->only_if, NULL, NULL)) dr_json_null(j, o->name);
    else if (o->type == OPT_FLAG) dr_json_bool(j, o->name, a->given[i]);
    else if (!v) dr_json_null(j, o->name);
    else if (is_numeric(o)) dr_json_num_exact(j, o->name, a->num[i]);
    else dr_json_str(j, o->name, v);
  }
  dr_json_close(j);
  dr_json_close(j);
}
