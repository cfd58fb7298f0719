/* Mediator table (FORMULARY Part I §4; Part II §2 coupling conventions). */
#include "darkreach/model.h"

#include <string.h>

static const dr_model_info models[DR_MODEL_COUNT] = {
    {DR_MODEL_VECTOR, "vector", 1, -1, "kinetic mixing eps (g = eps e)", "-i g gamma^mu"},
    {DR_MODEL_SCALAR, "scalar", 0, +1, "g = eps e", "-i g"},
    {DR_MODEL_PSEUDOSCALAR, "pseudoscalar", 0, -1, "g = eps e", "g gamma^5"},
    {DR_MODEL_AXIAL, "axial", 1, +1, "g = eps e", "-i g gamma^mu gamma^5"},
};

int dr_model_parse(const char *name, dr_model_kind *out, dr_error *e) {
  for (int i = 0; name && i < DR_MODEL_COUNT; i++)
    if (strcmp(models[i].name, name) == 0) {
      *out = models[i].kind;
      return DR_OK;
    }
  return DR_FAIL(e, DR_EINVAL, "unknown model '%s' (known: vector, scalar, pseudoscalar, axial)",
                 name ? name : "(null)");
}

const dr_model_info *dr_model_info_get(dr_model_kind kind) {
  return (kind >= 0 && kind < DR_MODEL_COUNT) ? &models[kind] : NULL;
}

int dr_dm_parse(const char *name, dr_dm_kind *out, dr_error *e) {
  if (name && strcmp(name, "none") == 0) *out = DR_DM_NONE;
  else if (name && strcmp(name, "complex-scalar") == 0) *out = DR_DM_COMPLEX_SCALAR;
  else if (name && strcmp(name, "dirac") == 0) *out = DR_DM_DIRAC;
  else if (name && strcmp(name, "majorana") == 0) *out = DR_DM_MAJORANA;
  else if (name && strcmp(name, "pseudo-dirac") == 0) *out = DR_DM_PSEUDO_DIRAC;
  else
    return DR_FAIL(e, DR_EINVAL, "unknown dark-matter species '%s' (known: none, complex-scalar, dirac, majorana, pseudo-dirac)",
                   name ? name : "(null)");
  return DR_OK;
}

const char *dr_dm_name(dr_dm_kind k) {
  switch (k) {
  case DR_DM_COMPLEX_SCALAR: return "complex-scalar";
  case DR_DM_DIRAC: return "dirac";
  case DR_DM_MAJORANA: return "majorana";
  case DR_DM_PSEUDO_DIRAC: return "pseudo-dirac";
  default: return "none";
  }
}
