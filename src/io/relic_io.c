/* Relic-target curves: the configuration as JSON, points as CSV rows and JSON
 * objects, and the CSV row parser that resumed curves read back. */
#include "darkreach/io.h"

#include <math.h>
#include <string.h>

void dr_json_relic_config(dr_json *j, const dr_relic_spec *s) {
  const dr_model_info *mi = dr_model_info_get(s->model);
  dr_json_key_object(j, "physics");
  dr_json_str(j, "model", mi ? mi->name : "unknown");
  dr_json_str(j, "coupling_definition", mi ? mi->coupling : "");
  dr_json_str(j, "coupling_unit", mi ? mi->coupling_unit : "");
  dr_json_str(j, "dm", dr_dm_name(s->dm));
  dr_json_num(j, "alpha_d", s->alpha_d);
  dr_json_num(j, "mass_ratio", s->ratio);
  if (s->dm == DR_DM_PSEUDO_DIRAC) dr_json_num(j, "delta", s->delta);
  dr_json_num(j, "omega_h2_target", s->omega_h2);
  dr_json_str(j, "conventions",
              "Gondolo-Gelmini <sigma v>; g_* from Saikawa-Shirai 2018; Y counts chi + chibar; "
              "y = g^2 alpha_D (m_DM/m_A')^4 Lambda^(2n), Lambda = 1 TeV");
  dr_json_close(j);
}

int dr_relic_csv_header(FILE *f) {
  fputs("m_dm_gev,m_med_gev,coupling,y,omega_h2,x_f,status,message\n", f);
  return ferror(f) ? DR_EIO : DR_OK;
}

int dr_relic_csv_row(FILE *f, const dr_relic_point *p) {
  dr_csv_num(f, p->m_dm, 0);
  dr_csv_num(f, p->m_med, 1);
  dr_csv_num(f, p->eps, 1);
  dr_csv_num(f, p->y, 1);
  dr_csv_num(f, p->omega_h2, 1);
  dr_csv_num(f, p->x_f, 1);
  fprintf(f, ",%s,", dr_status_name(p->status));
  dr_csv_text(f, p->message);
  fputc('\n', f);
  return ferror(f) ? DR_EIO : DR_OK;
}

int dr_relic_csv_parse(const char *line, dr_relic_point *p) {
  memset(p, 0, sizeof *p);
  char f[8][256];
  if (dr_csv_split(line, f, 8) != 8) return DR_EPARSE;
  double *num[] = {&p->m_dm, &p->m_med, &p->eps, &p->y, &p->omega_h2, &p->x_f};
  for (int k = 0; k < 6; k++)
    if (dr_csv_parse_num(f[k], num[k]) != DR_OK) return DR_EPARSE;
  if (dr_status_parse(f[6], &p->status) != DR_OK) return DR_EPARSE;
  snprintf(p->message, sizeof p->message, "%s", f[7]);
  return DR_OK;
}

void dr_json_relic_point(dr_json *j, const dr_relic_point *p) {
  dr_json_object(j);
  dr_json_num(j, "m_dm_gev", p->m_dm);
  dr_json_num(j, "m_med_gev", p->m_med);
  dr_json_num(j, "coupling", p->eps);
  dr_json_num(j, "y", p->y);
  dr_json_num(j, "omega_h2", p->omega_h2);
  dr_json_num(j, "x_f", p->x_f);
  dr_json_str(j, "status", dr_status_name(p->status));
  char msg[sizeof p->message];
  dr_csv_clean(msg, p->message, sizeof msg); /* the text the CSV has, so a resumed file says the same */
  dr_json_str(j, "message", msg);
  dr_json_close(j);
}
