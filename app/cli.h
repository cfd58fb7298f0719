/* darkreach command line: the only place that prints or exits.
 *
 * Every subcommand is one declarative table (cli_cmd) of options (cli_opt):
 * name, type, default, allowed values or range, the conditions under which
 * the option applies, help text. Parsing, --help, validation and the
 * effective-configuration block of every output are generated from it
 * (app/opt.c), so help cannot drift from the code, no option is accepted and
 * ignored, a repeated option is an error, and numbers are decimal.
 */
#ifndef DARKREACH_CLI_H
#define DARKREACH_CLI_H

#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>

#include "darkreach/darkreach.h"
#include "darkreach/plot.h"

/* exit codes: 130 = stopped by SIGINT/SIGTERM, files valid and marked incomplete */
enum { CLI_OK = 0, CLI_FAIL = 1, CLI_USAGE = 2, CLI_INTERRUPTED = 130 };

typedef enum {
  OPT_FLAG,   /* no value */
  OPT_NUM,    /* a decimal number */
  OPT_INT,    /* a decimal number with an integer value (1e6 is fine) */
  OPT_CHOICE, /* one of the words of .choices, "a|b|c" */
  OPT_NAME,   /* a name checked by .check (models, materials, species) */
  OPT_TEXT    /* free text: a path */
} opt_type;

/* range flags */
enum { R_MIN = 1, R_MAX = 2, R_GT = 4 /* min excluded */, R_LT = 8 /* max excluded */ };
/* other flags */
enum {
  F_REQUIRED = 1,
  F_NO_ECHO = 2,      /* not part of the configuration (--json, --quiet) */
  F_NO_FINGERPRINT = 4 /* does not change the numbers a scan writes (--threads, --out, ...): resume ignores it */
};

typedef struct {
  const char *name; /* "energy" for --energy */
  opt_type type;
  const char *arg;  /* value placeholder in the help: "GEV", "N", "FILE" */
  const char *def;  /* default as text; NULL: none (the command derives it, or it is off) */
  double min, max;
  unsigned range;   /* R_* */
  unsigned flags;   /* F_* */
  const char *choices;                      /* OPT_CHOICE */
  /* OPT_NAME: the library's parser; sets *canonical (the registry's name for an alias) */
  int (*check)(const char *v, const char **canonical, dr_error *e);
  const char *(*names)(char *buf, size_t n); /* OPT_NAME: the names the help lists (a registry's) */
  /* where the option applies: terms separated by ';', all must hold; a term
   * is "method=etl", "method=ww|iww" (value in effect), "grid-in" (given),
   * "!tmin" (not given), or alternatives "!tmin,!tmax" (any holds). A term on
   * an option the command does not have holds. Given where it does not
   * apply, the option is an error. */
  const char *only_if;
  const char *alias_of; /* another spelling of that option (only_if restricts the spelling) */
  const char *help;
} cli_opt;

#define CLI_END {0}
#define CLI_MAXOPT 48

typedef struct cli_args cli_args;

typedef struct {
  const char *name;
  const char *summary;     /* one line for darkreach --help */
  const char *usage;       /* the usage line(s) after "usage: " */
  const char *description; /* shown by --help before the options */
  const char *positional;  /* placeholder of the one positional argument (required), or NULL */
  const cli_opt *const *groups;   /* NULL-terminated list of CLI_END-terminated option arrays */
  const char *const *defaults;    /* per-command default overrides "name=value", NULL-terminated */
  const char *notes;       /* shown by --help after the options, may be NULL */
  int (*run)(cli_args *a);
} cli_cmd;

struct cli_args {
  const cli_cmd *cmd;
  int argc;
  char **argv;
  int n;
  const cli_opt *opt[CLI_MAXOPT];
  const char *def[CLI_MAXOPT];     /* default after the command's overrides */
  const char *val[CLI_MAXOPT];     /* given value */
  const char *spelled[CLI_MAXOPT]; /* the name used (an alias or the name) */
  int given[CLI_MAXOPT];
  double num[CLI_MAXOPT];          /* numbers: the value in effect */
  char eff[CLI_MAXOPT][96];        /* value in effect derived by the command (cli_set) */
  const char *positional;
  int json, quiet;
  unsigned char dropped[CLI_MAXOPT]; /* does not apply to this run (cli_drop): echoed as null */
  char fp_extra[160];                /* more for the fingerprint (cli_fingerprint_add) */
};

/* ---- the parser (app/opt.c) ---- */
/* Parses argv[1..] (argv[0] is the subcommand). Returns CLI_OK, CLI_USAGE
 * (message printed), or -1 after printing --help. */
int cli_parse(const cli_cmd *c, int argc, char **argv, cli_args *a);
/* darkreach ARGS...: the command named by argv[1] (app/dispatch.c); the exit code */
int cli_main(int argc, char **argv);
void cli_help(FILE *f, const cli_cmd *c);
/* the same as a man page (roff): darkreach-CMD(1), and darkreach(1) listing the commands */
void cli_man(FILE *f, const cli_cmd *c);
void cli_man_top(FILE *f, const cli_cmd *const *cmds);
/* The option tables as JSON (darkreach help --json). */
void cli_json_tables(dr_json *j, const cli_cmd *const *cmds);

/* values in effect: given, else the command's (cli_set), else the default */
int cli_given(const cli_args *a, const char *name); /* also: is a flag set */
double cli_num(const cli_args *a, const char *name);   /* NaN if none */
const char *cli_str(const cli_args *a, const char *name); /* NULL if none */
/* does the option apply (its only_if holds)? */
int cli_applies(const cli_args *a, const char *name);
/* records the value the command derived for an option that was not given
 * (echoed in the configuration, read by cli_num); no effect if it was given */
void cli_set_num(cli_args *a, const char *name, double v);
/* The option does not apply to this run for a reason only the command knows
 * (the card has no dark matter, ...): a usage error "option --NAME: why" if it
 * was given, else echoed as null. Returns CLI_OK or CLI_USAGE. */
int cli_drop(cli_args *a, const char *name, const char *why);
/* adds "word" to the fingerprint (what else the numbers depend on: a card's digest) */
void cli_fingerprint_add(cli_args *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* The configuration block of every output: version, date, command, argv,
 * the command line that reproduces the run, and every option with its value
 * in effect (null where it does not apply). */
void cli_json_config(dr_json *j, const cli_args *a);
/* The reproducing command line, e.g. "darkreach xsec --model vector ..." (malloc'd) */
char *cli_command_line(const cli_args *a);
/* What a scan's numbers depend on: the version, the options that change them
 * ("--name value", numbers exact) and cli_fingerprint_add's words (malloc'd);
 * and its FNV-1a 64 digest in hex, which resume compares. */
char *cli_fingerprint(const cli_args *a);
void cli_fingerprint_digest(const cli_args *a, char out[17]);

/* ---- errors and messages (app/out.c) ---- */
/* One line on stderr "darkreach <cmd>: error: ..."; with --json also one
 * {"error": {"code", "message"}} object on stdout. Returns `exit_code`. */
int cli_fail(const cli_args *a, int exit_code, const char *code, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
int cli_lib_fail(const cli_args *a, const dr_error *e); /* CLI_FAIL, code = status name */
void cli_warn(const cli_args *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* error before a command is known (unknown command); json if argv has --json */
int cli_fail_top(int argc, char **argv, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* ---- output files (app/out.c) ---- */
/* Creates the directory (and its parents) and checks that it is writable. */
int cli_prepare_dir(const cli_args *a, const char *dir);
/* Checks that a file can be written (its directory is created) without creating it. */
int cli_prepare_file(const cli_args *a, const char *path);
/* Opens a file for writing now (its directory created), before the work that
 * fills it; NULL after printing the error. */
FILE *cli_open_out(const cli_args *a, const char *path);
/* path of the JSON written beside a CSV: x.csv -> x.json, other names + ".json" */
void cli_sidecar(const char *csv, char *buf, size_t n);
/* Writes via path.tmp and rename, so a file is never left half-written.
 * begin returns NULL after printing the error. */
FILE *cli_replace_begin(const cli_args *a, const char *path);
int cli_replace_end(const cli_args *a, FILE *f, const char *path);
/* A JSON object on stdout opened with its configuration block (--json); the
 * caller adds the results and closes it with dr_json_end. */
void cli_json_stdout(dr_json *j, const cli_args *a);
/* The same object as cli_json_file's, on stdout (--json). */
void cli_json_print(const cli_args *a, int complete, void (*body)(dr_json *j, void *ctx), void *ctx);
/* A JSON file, written via path.tmp: the configuration, "complete", then body. */
int cli_json_file(const cli_args *a, const char *path, int complete, void (*body)(dr_json *j, void *ctx),
                  void *ctx);

/* Directory with data/ contents: $DARKREACH_DATA, else the build-time path. */
const char *cli_data_dir(void);

/* ---- progress and signals (app/out.c) ---- */
/* On stderr when it is a terminal, after the first second, unless --quiet. */
typedef struct {
  const cli_args *a;
  const char *what;
  long total;
  double t0, last;
  int shown, tty;
} cli_progress;
/* a monotonic clock [s] */
double cli_now(void);
void cli_progress_begin(cli_progress *p, const cli_args *a, const char *what, long total);
void cli_progress_step(cli_progress *p, long done);
void cli_progress_note(cli_progress *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void cli_progress_end(cli_progress *p);

/* SIGINT/SIGTERM set cli_stop (a second signal ends the process at once). */
extern atomic_int cli_stop;
void cli_catch_signals(void);

/* ---- shared option groups and their setup (app/common.c) ---- */
extern const cli_opt cli_process_opts[]; /* model beam energy target mass coupling eps xmin xmax */
extern const cli_opt cli_beam_target_opts[]; /* beam energy target xmin xmax */
extern const cli_opt cli_ff_opt[];       /* form-factor */
extern const cli_opt cli_recoil_opt[];   /* inel-recoil (exact tree level) */
/* the largest dark coupling accepted: perturbative unitarity, g_D <= 4 pi, alpha_D = g_D^2/4pi <= 4 pi */
#define ALPHA_D_MAX 12.566370614359172

/* --threads and --quiet, for commands that run long, where cond holds */
#define CLI_RUN_OPTS(cond)                                                                                        \
  {.name = "threads", .type = OPT_INT, .arg = "N", .min = 1, .max = 1024, .range = R_MIN | R_MAX,                 \
   .flags = F_NO_FINGERPRINT, .only_if = cond,                                                                    \
   .help = "OpenMP threads (default: OMP_NUM_THREADS or all cores); results do not depend on it"},              \
  {.name = "quiet", .type = OPT_FLAG, .flags = F_NO_ECHO, .only_if = cond,                                       \
   .help = "no progress line (shown on a terminal for work longer than a second)"}
/* --seed, where cond holds */
#define CLI_SEED_OPT(cond)                                                                                        \
  {.name = "seed", .type = OPT_INT, .arg = "N", .def = "1", .min = 0, .max = 1e15,                  \
   .range = R_MIN | R_MAX, .only_if = cond,                                                                       \
   .help = "random seed: the same seed gives the same numbers for any thread count"}

/* the registries' names, for OPT_NAME help */
const char *cli_names_materials(char *buf, size_t n);
const char *cli_names_models(char *buf, size_t n);
const char *cli_names_models_produced(char *buf, size_t n);
const char *cli_names_models_dark(char *buf, size_t n);
const char *cli_names_dm(char *buf, size_t n);         /* with none */
const char *cli_names_dm_species(char *buf, size_t n); /* without none */
/* usage error unless the model couples to dark matter; what names what needs it */
int cli_need_dark(const cli_args *a, dr_model_kind model, const char *what);

int cli_check_model(const char *v, const char **canonical, dr_error *e);
/* a comma-separated list of dark-photon-family models, or all (canonical: the registry names) */
int cli_check_models(const char *v, const char **canonical, dr_error *e);
/* the same with any producible model (all: still the dark-photon family) */
int cli_check_models_any(const char *v, const char **canonical, dr_error *e);
/* a comma-separated increasing list of masses [GeV], at most 20 */
int cli_check_masses(const char *v, const char **canonical, dr_error *e);
/* the shortest decimal text of v that reads back as v */
void cli_num_text(char *buf, size_t n, double v);
/* two couplings "GA,GB" > 0 */
int cli_check_couplings(const char *v, const char **canonical, dr_error *e);
/* the canonical lists back into models and numbers; their count */
int cli_parse_list_models(const char *canonical, dr_model_kind *ms, int max);
int cli_parse_list_nums(const char *canonical, double *xs, int max);
int cli_check_material(const char *v, const char **canonical, dr_error *e);
int cli_check_dm(const char *v, const char **canonical, dr_error *e);
extern const cli_opt cli_json_opt[];   /* --json */
/* --eps, the kinetic mixing of the vector: another spelling of --coupling */
#define CLI_EPS_ALIAS                                                                                             \
  {.name = "eps", .type = OPT_NUM, .arg = "EPS", .alias_of = "coupling", .only_if = "model=vector",              \
   .help = "kinetic mixing of the vector"}
/* --out, --no-plot, --resume of a resumable scan, where cond holds */
#define CLI_SCAN_OUT_OPTS(cond)                                                                                   \
  {.name = "out", .type = OPT_TEXT, .arg = "DIR", .def = "out", .flags = F_NO_FINGERPRINT, .only_if = cond,      \
   .help = "output directory (created, and checked before the scan starts)"},                                     \
  {.name = "no-plot", .type = OPT_FLAG, .flags = F_NO_FINGERPRINT, .only_if = cond, .help = "write no plot"},   \
  {.name = "resume", .type = OPT_FLAG, .flags = F_NO_ECHO | F_NO_FINGERPRINT, .only_if = cond,                  \
   .help = "continue an interrupted scan in DIR (the options that change the numbers must be the same)"}
/* --format of the plots, where cond holds */
#define CLI_FORMAT_OPT(cond)                                                                                      \
  {.name = "format", .type = OPT_NAME, .arg = "LIST", .def = "png", .check = cli_check_formats,                  \
   .flags = F_NO_FINGERPRINT, .only_if = cond,                                                                    \
   .help = "plot formats, comma-separated: png, pdf, svg (the PDF and SVG are vector graphics)"}
int cli_check_formats(const char *v, const char **canonical, dr_error *e);
extern const cli_opt cli_plot_opts[]; /* --format */
/* 1 if the command has option name */
int cli_has(const cli_args *a, const char *name);
extern const cli_opt cli_run_opts[];   /* --threads --quiet: commands that run long */
/* the process of the process options (coupling, form factor, recoil set) */
int cli_process_setup(cli_args *a, dr_process *p, dr_beam *beam, const dr_material **mat);
/* a warning where the method computes something other than the model's published treatment
 * (spin2 by ETL) */
void cli_note_method(const cli_args *a, dr_model_kind model, dr_method method);
/* applies --threads (if the command has it) */
void cli_apply_threads(cli_args *a);

/* ---- the commands (app/commands.c: all of them, NULL-terminated) ---- */
/* ---- MPI (app/mpi.c): one rank without DR_HAVE_MPI ---- */
void cli_mpi_init(int *argc, char ***argv);
void cli_mpi_finalize(void);
int cli_mpi_rank(void);
int cli_mpi_size(void);
void cli_mpi_bcast(void *buf, long n); /* from rank 0 to every rank */
int cli_mpi_max(int v);                /* the largest v over the ranks */
void cli_mpi_send_text(const char *s, long n); /* to rank 0 */
char *cli_mpi_recv_text(int from);     /* on rank 0; malloc'd */

extern const cli_cmd *const cli_commands[];
extern const cli_cmd cmd_xsec, cmd_flux, cmd_shower, cmd_width, cmd_amu, cmd_reach, cmd_relic, cmd_omega, cmd_events, cmd_hist,
    cmd_compare, cmd_shapes, cmd_discriminate, cmd_experiments, cmd_models;

#endif
