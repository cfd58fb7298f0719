/* Reach results: the physics configuration as JSON, points as CSV rows and
 * JSON objects, and the CSV row parser that resumed scans read back. */
#include "darkreach/constants.h"
#include "darkreach/io.h"

#include <math.h>
#include <string.h>

void dr_json_reach_config(dr_json *j, const dr_experiment *x, const char *card_path, dr_model_kind model,
                          const dr_reach_opts *o) {
  const dr_model_info *mi = dr_model_info_get(model);
  dr_json_key_object(j, "physics");
  dr_json_str(j, "card", card_path);
  dr_json_str(j, "experiment", x->name);
  dr_json_str(j, "source", x->source);
  dr_json_str(j, "approximations", x->approximations);
  dr_json_str(j, "model", mi->name);
  if (mi->pair) {
    dr_json_str(j, "mass_axis", "m_chi: the mass of the millicharged particle (not of a mediator)");
    dr_json_str(j, "channels", "brem: l N -> l N gamma*(-> chi chibar); rho, omega, phi, jpsi: photoproduced V -> "
                               "chi chibar (include/darkreach/mesons.h)");
    dr_json_key_object(j, "meson_yields_per_lot");
    static const char *const mn[DR_N_MESONS] = {"rho", "omega", "phi", "jpsi"};
    for (int m = 0; m < DR_N_MESONS; m++) dr_json_num(j, mn[m], x->meson_per_lot[m]);
    dr_json_close(j);
    dr_json_str(j, "meson_yields_source",
                x->meson_yields == DR_MESONS_CARD ? x->meson_source
                : x->beam.flavour != 0          ? "none: muon beams make no mesons here (mesons.h)"
                                                : "computed: bremsstrahlung photons x sigma(gamma A -> V) (mesons.h)");
  }
  dr_json_str(j, "coupling_definition", mi->coupling);
  dr_json_str(j, "coupling_unit", mi->coupling_unit);
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
  } else if (x->track == DR_TRACK_SHOWER) {
    dr_json_str(j, "track_length_model",
                "e+ and e- track lengths of the whole shower, one-dimensional cascade Monte Carlo (shower.h), "
                "e+- and photons followed above x_th E0");
    dr_json_int(j, "showers", x->shower_n);
    dr_json_num(j, "shower_seed", (double)x->shower_seed);
    if (x->shower_ready) {
      double c = 0, p = 0;
      for (int k = 0; k < DR_SHOWER_BINS; k++) c += x->shower_charged[k], p += x->shower_positron[k];
      dr_json_num(j, "track_above_xth_x0", c);
      dr_json_num(j, "positron_track_above_xth_x0", p);
    }
  } else {
    dr_json_num(j, "effective_thickness_x0", x->effective_thickness_x0);
  }
  dr_json_bool(j, "approximate_target", dr_experiment_is_approximate(x));
  dr_json_num(j, "x_th", x->x_th);
  dr_json_num(j, "x_max", x->x_max);
  if (x->n_eff > 0) {
    dr_json_str(j, "efficiency_table", x->efficiency_table);
    dr_json_key_array(j, "efficiency_points");
    for (int i = 0; i < x->n_eff; i++) {
      dr_json_object(j);
      dr_json_num(j, "mass_gev", x->eff_m[i]);
      dr_json_num(j, "efficiency", x->eff_v[i]);
      dr_json_close(j);
    }
    dr_json_close(j);
  } else {
    dr_json_num(j, "efficiency", x->efficiency);
  }
  dr_json_str(j, "efficiency_source", dr_experiment_efficiency_assumed(x)
                                          ? "none given: assumed, so the curve is a bound at this efficiency"
                                          : x->efficiency_source);
  if (x->track == DR_TRACK_SHOWER) dr_json_bool(j, "resonant_annihilation", x->resonance);
  dr_json_str(j, "limit_method", dr_limit_method_name(x->limit_method));
  dr_json_num(j, "background", x->background);
  dr_json_int(j, "observed", x->observed);
  dr_json_num(j, "signal_events_excluded", o ? o->s_up : x->s_up);
  dr_json_str(j, "signature", dr_signature_name(x->signature));
  if (x->signature == DR_SIG_VISIBLE) {
    dr_json_num(j, "shield_m", x->shield_m);
    dr_json_num(j, "decay_m", x->decay_m);
    dr_json_num(j, "detector_halfwidth_m", x->detector_halfwidth_m);
    dr_json_str(j, "acceptance", x->detector_halfwidth_m > 0
                                     ? "rough pointing model: Gaussian emission, parent scattering and decay opening "
                                       "angles into a square detector (exp.h, dr_experiment_acceptance)"
                                     : "1 (no detector size in the card)");
  }
  dr_json_str(j, "dm", dr_dm_name(x->dm));
  dr_json_num(j, "alpha_d", x->alpha_d);
  dr_json_num(j, "mass_ratio", x->mass_ratio);
  if (x->dm == DR_DM_PSEUDO_DIRAC) dr_json_num(j, "delta", x->delta);
  dr_json_num(j, "cl", x->cl);
  dr_json_num(j, "s_up", o->s_up);
  dr_json_num(j, "mass_min_gev", o->mass_min);
  dr_json_num(j, "mass_max_gev", o->mass_max);
  dr_json_int(j, "points", o->points);
  dr_json_str(j, "method", dr_method_name(o->xsec.method));
  if (o->xsec.method == DR_METHOD_ETL) {
    dr_json_num(j, "precision", o->xsec.etl_rel_tol);
    dr_json_int(j, "seed", (long)o->xsec.seed);
    dr_json_str(j, "inel_recoil", "proton (quasi-elastic: the inelastic term on a free proton at rest)");
  } else {
    dr_json_num(j, "rel_tol", o->xsec.rel_tol);
    dr_json_str(j, "chi_tmax", dr_tmax_name(o->xsec.tmax));
    if (o->xsec.method == DR_METHOD_WW) dr_json_num(j, "theta_max", o->xsec.theta_max);
  }
  dr_json_str(j, "form_factor", "Tsai elastic + inelastic, proton term linear");
  dr_json_str(j, "y", "y = g^2 alpha_D (m_DM/m_A')^4 Lambda^(2n), Lambda = 1 TeV, n the coupling's dimension");
  dr_json_num(j, "alpha", DR_ALPHA);
  dr_json_str(j, "alpha_note", "Thomson limit, not alpha(m_Z)");
  dr_json_close(j);
}

int dr_reach_csv_header(FILE *f) {
  fputs("mass_gev,coupling,y,status,coupling_upper,y_upper,sigma_pb,sigma_err_pb,n_signal_coupling1,"
        "resonance_share,resonance_mc_rel_err,message\n",
        f);
  return ferror(f) ? DR_EIO : DR_OK;
}

/* millicharged pairs: the mass is m_chi, and each channel's reach before the message */
int dr_reach_csv_header_pair(FILE *f) {
  fputs("m_chi_gev,coupling,y,status,coupling_upper,y_upper,sigma_pb,sigma_err_pb,n_signal_coupling1,"
        "coupling_brem,coupling_rho,coupling_omega,coupling_phi,coupling_jpsi,message\n",
        f);
  return ferror(f) ? DR_EIO : DR_OK;
}

int dr_reach_csv_row(FILE *f, const dr_reach_point *p) {
  dr_csv_num(f, p->mass, 0);
  dr_csv_num(f, p->eps, 1);
  dr_csv_num(f, p->y, 1);
  fprintf(f, ",%s", dr_reach_status_name(p->status));
  dr_csv_num(f, p->eps_upper, 1);
  dr_csv_num(f, p->y_upper, 1);
  dr_csv_num(f, p->sigma_pb, 1);
  dr_csv_num(f, p->sigma_err_pb, 1);
  dr_csv_num(f, p->n_eps1, 1);
  for (int c = 0; c < p->n_channels; c++) dr_csv_num(f, p->eps_channel[c], 1);
  if (p->n_channels == 0) { /* mediators: resonant annihilation's share at the lower edge and its MC error */
    dr_csv_num(f, p->res_share, 1);
    dr_csv_num(f, p->res_rel_err, 1);
  }
  fputc(',', f);
  dr_csv_text(f, p->message);
  fputc('\n', f);
  return ferror(f) ? DR_EIO : DR_OK;
}

int dr_reach_csv_parse(const char *line, dr_reach_point *p) {
  memset(p, 0, sizeof *p);
  enum { NF = 10 + 1 + DR_N_MESONS };
  char f[NF][256];
  int nf = dr_csv_split(line, f, NF);
  if (nf != 10 && nf != 12 && nf != NF) return DR_EPARSE; /* 10: files written before the resonance columns */
  p->res_rel_err = NAN;
  if (nf == 12) { /* a mediator's row: the resonance's share and error, then the message */
    if (dr_csv_parse_num(f[9], &p->res_share) != DR_OK || dr_csv_parse_num(f[10], &p->res_rel_err) != DR_OK)
      return DR_EPARSE;
    snprintf(f[9], sizeof f[9], "%s", f[11]);
  }
  if (nf == NF) { /* a pair's row: the channels, then the message last */
    p->n_channels = 1 + DR_N_MESONS;
    for (int c = 0; c < p->n_channels; c++)
      if (dr_csv_parse_num(f[9 + c], &p->eps_channel[c]) != DR_OK) return DR_EPARSE;
    snprintf(f[9], sizeof f[9], "%s", f[NF - 1]);
  }
  double *num[] = {&p->mass, &p->eps, &p->y, NULL, &p->eps_upper, &p->y_upper, &p->sigma_pb, &p->sigma_err_pb,
                   &p->n_eps1};
  for (int k = 0; k < 9; k++)
    if (num[k] && dr_csv_parse_num(f[k], num[k]) != DR_OK) return DR_EPARSE;
  if (dr_reach_status_parse(f[3], &p->status) != DR_OK) return DR_EPARSE;
  snprintf(p->message, sizeof p->message, "%s", f[9]);
  return DR_OK;
}

void dr_json_reach_point(dr_json *j, const dr_reach_point *p) {
  dr_json_object(j);
  dr_json_num(j, "mass_gev", p->mass);
  dr_json_num(j, "coupling", p->eps);
  dr_json_num(j, "y", p->y);
  dr_json_num(j, "coupling_upper", p->eps_upper);
  dr_json_num(j, "y_upper", p->y_upper);
  dr_json_num(j, "sigma_pb", p->sigma_pb);
  dr_json_num(j, "sigma_err_pb", p->sigma_err_pb);
  dr_json_num(j, "n_signal_coupling1", p->n_eps1);
  if (p->n_channels > 0) {
    static const char *const ch[1 + DR_N_MESONS] = {"brem", "rho", "omega", "phi", "jpsi"};
    dr_json_key_object(j, "coupling_channel");
    for (int c = 0; c < p->n_channels; c++) dr_json_num(j, ch[c], p->eps_channel[c]);
    dr_json_close(j);
  }
  if (p->res_share > 0) {
    dr_json_num(j, "resonance_share", p->res_share);
    dr_json_num(j, "resonance_track_rel_err", p->res_rel_err);
  }
  dr_json_str(j, "status", dr_reach_status_name(p->status));
  char msg[sizeof p->message];
  dr_csv_clean(msg, p->message, sizeof msg); /* the text the CSV has, so a resumed file says the same */
  dr_json_str(j, "message", msg);
  dr_json_close(j);
}
