/* Mediators as data: name, spin/parity, lepton-mediator vertex and the
 * coupling convention. Couplings are in units of e: g = eps * e for every
 * model here (the DMG4 and [Liu:2016mqv] convention; for the vector, eps is
 * the kinetic mixing).
 *
 *   vector        -i g gamma^mu          (kinetic mixing)
 *   axial         -i g gamma^mu gamma^5
 *   scalar        -i g
 *   pseudoscalar  -i g gamma^5 (times i; |M|^2 unaffected)
 * FORMULARY Part I §4, Part II §2.
 */
#ifndef DARKREACH_MODEL_H
#define DARKREACH_MODEL_H

#include "darkreach/core.h"

typedef enum {
  DR_MODEL_VECTOR = 0,
  DR_MODEL_SCALAR,
  DR_MODEL_PSEUDOSCALAR,
  DR_MODEL_AXIAL,
  DR_MODEL_COUNT
} dr_model_kind;

typedef struct {
  dr_model_kind kind;
  const char *name;     /* CLI name */
  int spin;             /* 0 or 1 */
  int parity;           /* +1 or -1 (J^P) */
  const char *coupling; /* what the coupling parameter means */
  const char *vertex;   /* Feynman rule of the lepton-mediator vertex */
} dr_model_info;

int dr_model_parse(const char *name, dr_model_kind *out, dr_error *e);
const dr_model_info *dr_model_info_get(dr_model_kind kind);

/* Dark-matter species the mediator may decay to (invisible channel). */
typedef enum { DR_DM_NONE = 0, DR_DM_COMPLEX_SCALAR, DR_DM_DIRAC, DR_DM_MAJORANA, DR_DM_PSEUDO_DIRAC } dr_dm_kind;
/* none | complex-scalar | dirac | majorana | pseudo-dirac */
int dr_dm_parse(const char *name, dr_dm_kind *out, dr_error *e);
const char *dr_dm_name(dr_dm_kind k);

#endif
