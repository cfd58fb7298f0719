/* darkreach core: status codes, the error trail, estimates, materials,
 * beams, and the INI card reader.
 *
 * Conventions (stated once): energies and masses in GeV; lengths in cm unless
 * a name says otherwise (thickness_x0 in radiation lengths, ctau_m in metres);
 * densities in g/cm^3; cross sections in GeV^-2 inside the library and in pb
 * where a name says _pb.
 *
 * Ownership: the caller owns every struct passed by pointer. Functions that
 * can fail return a dr_status and append to a caller-owned dr_error; the
 * library never prints, exits or aborts.
 */
#ifndef DARKREACH_CORE_H
#define DARKREACH_CORE_H

#include <stddef.h>
#include <stdio.h>

#define DR_VERSION "0.1.0"

typedef enum {
  DR_OK = 0,
  DR_EINVAL,  /* invalid argument or unknown name */
  DR_ENOMEM,  /* allocation failed */
  DR_EIO,     /* file could not be read or written */
  DR_EPARSE,  /* malformed input (card, table) */
  DR_EDOMAIN, /* physics says no: below threshold, above kinematic limit */
  DR_ENOCONV, /* the algorithm could not reach its tolerance; best estimate kept */
  DR_ECANCELED /* stopped on request (dr_scan_ctl.cancel); what was finished is kept */
} dr_status;

/* Caller-owned error: the first status and a "function:line: message" trail,
 * innermost first, separated by " <- ". */
typedef struct {
  int status;
  char msg[2048];
} dr_error;

void dr_error_clear(dr_error *e);
/* Appends to the trail; keeps the first non-OK status; returns `status`. */
int dr_error_push(dr_error *e, int status, const char *func, int line,
                  const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
#define DR_FAIL(e, st, ...) dr_error_push((e), (st), __func__, __LINE__, __VA_ARGS__)
const char *dr_status_name(int status);
int dr_status_parse(const char *name, int *status); /* the inverse; DR_EINVAL if unknown */
/* The message a user should read: the innermost (first) entry of the trail,
 * without the function:line prefix. */
const char *dr_error_user_message(const dr_error *e, char *buf, size_t n);

/* Value with its uncertainty and a status: every integration returns one. */
typedef struct {
  double val, err, chi2_dof;
  size_t neval;
  int status;
} dr_estimate;

/* FNV-1a, 64 bit (Fowler, Noll, Vo): a digest of bytes, for telling inputs
 * apart (not for security). Chain calls with the previous value as h. */
#define DR_FNV1A64_INIT 0xcbf29ce484222325ULL
unsigned long long dr_fnv1a64(const void *data, size_t n, unsigned long long h);

/* Call once before using the library (switches off GSL's aborting error
 * handler; the library reports through status codes instead). Idempotent. */
void dr_library_init(void);

/* ---- materials (elements; PDG atomic & nuclear properties) ---- */
typedef struct {
  const char *symbol; /* "W" */
  const char *name;   /* "tungsten" */
  int Z;
  double A;            /* g/mol */
  double density_gcm3; /* g/cm^3 */
  double x0_gcm2;      /* radiation length, g/cm^2 */
  double x0_cm;        /* radiation length, cm */
} dr_material;

const dr_material *dr_material_find(const char *symbol); /* NULL if unknown */
/* the symbols, space-separated, into buf (for messages and help); returns buf */
const char *dr_material_list(char *buf, size_t n);
size_t dr_material_count(void);
const dr_material *dr_material_at(size_t i);
double dr_material_nucleus_mass(const dr_material *m); /* A * u [GeV] */
/* Number density of atoms [1/cm^3]: rho N_A / A. */
double dr_material_atoms_per_cm3(const dr_material *m);

/* ---- beams ---- */
typedef struct {
  const char *name; /* "e-", "e+", "mu-", "mu+" */
  double mass;      /* GeV */
  int charge;       /* -1 or +1 */
  int flavour;      /* 0 electron, 1 muon */
  int pdg;          /* PDG code: 11, -11, 13, -13 */
} dr_beam;

int dr_beam_parse(const char *name, dr_beam *out, dr_error *e);

/* ---- INI cards ----
 * A card is read whole (libinih) into entries (section, key, value, line).
 * Typed getters mark entries as used; dr_card_check_unused then reports the
 * first key nobody asked for, so a misspelt key is an error, never ignored.
 * Errors name the file, the line and the key. */
typedef struct dr_card dr_card;

dr_card *dr_card_read(const char *path, dr_error *e); /* NULL on error */
/* The same from an open stream; path names it in messages. */
dr_card *dr_card_read_stream(FILE *f, const char *path, dr_error *e);
void dr_card_free(dr_card *c);                        /* NULL is a no-op */
const char *dr_card_path(const dr_card *c);
/* Returns DR_OK and sets *out, DR_EINVAL if the key is absent (nothing
 * pushed to e: the caller decides whether it is required), DR_EPARSE if the
 * value is malformed (pushed). */
int dr_card_get_double(dr_card *c, const char *section, const char *key,
                       double *out, dr_error *e);
int dr_card_get_string(dr_card *c, const char *section, const char *key,
                       const char **out, dr_error *e);
/* Required variants push "file: missing key [section] key" when absent. */
int dr_card_need_double(dr_card *c, const char *section, const char *key,
                        double *out, dr_error *e);
int dr_card_need_string(dr_card *c, const char *section, const char *key,
                        const char **out, dr_error *e);
int dr_card_check_unused(const dr_card *c, dr_error *e);

#endif
