/* Reach results as CSV and JSON, each with the effective configuration. */
#include "darkreach/constants.h"
#include "darkreach/io.h"

#include <errno.h>
#include <math.h>
#include <string.h>

void dr_json_reach_config(dr_json *j, const dr_experiment *x, const char *card_path,
                          dr_model_kind model, const dr_reach_opts *o) {
  dr_json_key_object(j, "config");
  dr_json_str(j, "darkreach_version", DR_VERSION);
  dr_json_str(j, "card", card_path);
  dr_json_str(j, "experiment", x->name);
  dr_json_str(j, "source", x->source);
  dr_json_str(j, "approximations", x->approximations);
  dr_json_str(j, "model", dr_model_info_get(model)->name);
  dr_json_str(j, "beam", x->beam.name);
  dr_json_num(j, "energy_gev", x->energy);
  dr_json_num(j, "lot", x->lot);
  dr_json_str(j, "target", x->material->symbol);
  dr_json_str(j, "target_kind", dr_target_kind_name(x->target_kind));
  dr_json_num(j, "thickness_x0", x->thickness_x0);
  dr_json_str(j, "track_length", dr_track_name(x->track));
  if (x->track == DR_TRACK_TSAI) {
    dr_json_str(j, "track_length_model",
                "primary e- track-length spectrum, Tsai 1974 (b = 4/3), secondaries not included");
    dr_json_num(j, "track_above_xth_x0", dr_track_tsai_above(x->thickness_x0, x->x_th));
  } else {
    dr_json_num(j, "effective_thickness_x0", x->effective_thickness_x0);
  }
  dr_json_bool(j, "approximate_target", dr_experiment_is_approximate(x));
  dr_json_num(j, "x_th", x->x_th);
  dr_json_num(j, "x_max", x->x_max);
  dr_json_num(j, "efficiency", x->efficiency);
  dr_json_str(j, "signature", dr_signature_name(x->signature));
  if (x->signature == DR_SIG_VISIBLE) {
    dr_json_num(j, "shield_m", x->shield_m);
    dr_json_num(j, "decay_m", x->decay_m);
  }
  dr_json_str(j, "dm", dr_dm_name(x->dm));
  dr_json_num(j, "alpha_d", x->alpha_d);
  dr_json_num(j, "mass_ratio", x->mass_ratio);
  dr_json_num(j, "cl", x->cl);
  dr_json_num(j, "s_up", o->s_up);
  dr_json_num(j, "mass_min_gev", o->mass_min);
  dr_json_num(j, "mass_max_gev", o->mass_max);
  dr_json_int(j, "points", o->points);
  dr_json_str(j, "method", dr_method_name(o->xsec.method));
  dr_json_str(j, "chi_tmax", dr_tmax_name(o->xsec.tmax));
  dr_json_num(j, "theta_max", o->xsec.theta_max);
  dr_json_num(j, "rel_tol", o->xsec.rel_tol);
  dr_json_str(j, "form_factor", "Tsai elastic + inelastic, proton term linear");
  if (o->xsec.method == DR_METHOD_ETL)
    dr_json_str(j, "inel_recoil", "proton (quasi-elastic: the inelastic term on a free proton at rest)");
  dr_json_num(j, "alpha", DR_ALPHA);
  dr_json_str(j, "alpha_note", "Thomson limit, not alpha(m_Z)");
  dr_json_close(j);
}

int dr_reach_write_csv(const char *path, const dr_experiment *x, const char *card_path,
                       dr_model_kind model, const dr_reach_opts *o, const dr_reach_point *pts,
                       int n, dr_error *e) {
  FILE *f = fopen(path, "w");
  if (!f) return DR_FAIL(e, DR_EIO, "%s: cannot write: %s", path, strerror(errno));
  fprintf(f, "# darkreach %s reach: %s, model %s, %s %g GeV on %s (%s%s), LOT %g, x_th %g, %g%% CL (s_up %.4g)\n",
          DR_VERSION, x->name, dr_model_info_get(model)->name, x->beam.name, x->energy,
          x->material->symbol, dr_target_kind_name(x->target_kind),
          !dr_experiment_is_approximate(x) ? ""
          : x->track == DR_TRACK_TSAI      ? ", primary-electron track-length spectrum (Tsai)"
                                           : ", approximate effective thickness",
          x->lot, x->x_th,
          100 * x->cl, o->s_up);
  fprintf(f, "# card %s; method %s, chi t_max %s; alpha_D %g, m_A'/m_DM %g, dm %s; y = eps^2 alpha_D (m_DM/m_A')^4\n",
          card_path, dr_method_name(o->xsec.method), dr_tmax_name(o->xsec.tmax), x->alpha_d,
          x->mass_ratio, dr_dm_name(x->dm));
  fprintf(f, "# full configuration in the JSON file beside this one; read with pandas.read_csv(path, comment='#')\n");
  fprintf(f, "mass_gev,epsilon,y,status,epsilon_upper,y_upper,sigma_pb,sigma_err_pb,n_signal_eps1,message\n");
  for (int i = 0; i < n; i++) {
    const dr_reach_point *p = &pts[i];
    fprintf(f, "%.6e,%.6e,%.6e,%s,%.6e,%.6e,%.6e,%.3e,%.6e,\"%s\"\n", p->mass, p->eps, p->y,
            dr_reach_status_name(p->status), p->eps_upper, p->y_upper, p->sigma_pb, p->sigma_err_pb,
            p->n_eps1, p->message);
  }
  if (fclose(f) != 0) return DR_FAIL(e, DR_EIO, "%s: write failed", path);
  return DR_OK;
}

int dr_reach_write_json(const char *path, const dr_experiment *x, const char *card_path,
                        dr_model_kind model, const dr_reach_opts *o, const dr_reach_point *pts,
                        int n, dr_error *e) {
  FILE *f = fopen(path, "w");
  if (!f) return DR_FAIL(e, DR_EIO, "%s: cannot write: %s", path, strerror(errno));
  dr_json j;
  dr_json_begin(&j, f);
  dr_json_reach_config(&j, x, card_path, model, o);
  dr_json_key_array(&j, "points");
  for (int i = 0; i < n; i++) {
    const dr_reach_point *p = &pts[i];
    dr_json_object(&j);
    dr_json_num(&j, "mass_gev", p->mass);
    dr_json_num(&j, "epsilon", p->eps);
    dr_json_num(&j, "y", p->y);
    dr_json_num(&j, "epsilon_upper", p->eps_upper);
    dr_json_num(&j, "y_upper", p->y_upper);
    dr_json_num(&j, "sigma_pb", p->sigma_pb);
    dr_json_num(&j, "sigma_err_pb", p->sigma_err_pb);
    dr_json_num(&j, "n_signal_eps1", p->n_eps1);
    dr_json_str(&j, "status", dr_reach_status_name(p->status));
    dr_json_str(&j, "message", p->message);
    dr_json_close(&j);
  }
  dr_json_close(&j);
  dr_json_end(&j);
  if (fclose(f) != 0) return DR_FAIL(e, DR_EIO, "%s: write failed", path);
  return DR_OK;
}
