/* Relic-target curves as CSV and JSON, each with its configuration. */
#include "darkreach/io.h"

#include <errno.h>
#include <string.h>

static const char *relic_conventions =
    "Omega h^2 = 0.120 (Planck 2018); Gondolo-Gelmini <sigma v>; g_* from Saikawa-Shirai 2018; "
    "Y counts chi + chibar; y = eps^2 alpha_D (m_DM/m_A')^4";

int dr_relic_write_csv(const char *path, const char *model, dr_dm_kind dm, double alpha_d, double ratio,
                       const dr_relic_point *p, int n, dr_error *e) {
  FILE *f = fopen(path, "w");
  if (!f) return DR_FAIL(e, DR_EIO, "%s: cannot write: %s", path, strerror(errno));
  fprintf(f, "# darkreach %s relic target: model %s, dark matter %s, alpha_D %g, m_A'/m_DM %g\n", DR_VERSION,
          model, dr_dm_name(dm), alpha_d, ratio);
  fprintf(f, "# %s\n", relic_conventions);
  fprintf(f, "m_dm_gev,m_med_gev,epsilon,y,omega_h2,x_f,status,message\n");
  for (int i = 0; i < n; i++)
    fprintf(f, "%.6e,%.6e,%.6e,%.6e,%.6f,%.4f,%s,\"%s\"\n", p[i].m_dm, p[i].m_med, p[i].eps, p[i].y,
            p[i].omega_h2, p[i].x_f, dr_status_name(p[i].status), p[i].message);
  if (fclose(f) != 0) return DR_FAIL(e, DR_EIO, "%s: write failed", path);
  return DR_OK;
}

int dr_relic_write_json(const char *path, const char *model, dr_dm_kind dm, double alpha_d, double ratio,
                        const dr_relic_point *p, int n, dr_error *e) {
  FILE *f = fopen(path, "w");
  if (!f) return DR_FAIL(e, DR_EIO, "%s: cannot write: %s", path, strerror(errno));
  dr_json j;
  dr_json_begin(&j, f);
  dr_json_key_object(&j, "config");
  dr_json_str(&j, "darkreach_version", DR_VERSION);
  dr_json_str(&j, "model", model);
  dr_json_str(&j, "dm", dr_dm_name(dm));
  dr_json_num(&j, "alpha_d", alpha_d);
  dr_json_num(&j, "mass_ratio", ratio);
  dr_json_num(&j, "omega_h2_target", DR_OMEGA_H2_PLANCK);
  dr_json_str(&j, "conventions", relic_conventions);
  dr_json_close(&j);
  dr_json_key_array(&j, "points");
  for (int i = 0; i < n; i++) {
    dr_json_object(&j);
    dr_json_num(&j, "m_dm_gev", p[i].m_dm);
    dr_json_num(&j, "m_med_gev", p[i].m_med);
    dr_json_num(&j, "epsilon", p[i].eps);
    dr_json_num(&j, "y", p[i].y);
    dr_json_num(&j, "omega_h2", p[i].omega_h2);
    dr_json_num(&j, "x_f", p[i].x_f);
    dr_json_str(&j, "status", dr_status_name(p[i].status));
    dr_json_str(&j, "message", p[i].message);
    dr_json_close(&j);
  }
  dr_json_end(&j);
  if (fclose(f) != 0) return DR_FAIL(e, DR_EIO, "%s: write failed", path);
  return DR_OK;
}
