/* Signal yield for an experiment card (formulas in include/darkreach/exp.h;
 * [arXiv:2505.04295] eq. (4), [Tsai:1973py], [Bjorken:2009mm]; derivation notes
 * FORMULARY Part I §8, Part II §4.1 and §4.4). */
#include "darkreach/constants.h"
#include "darkreach/exp.h"
#include "darkreach/mesons.h"
#include "darkreach/shower.h"

#include <gsl/gsl_integration.h>
#include <math.h>
#include <string.h>
#include <time.h>

enum { NODES_PER_PIECE = 48 };

/* Tabulate weight x d sigma/dx on Gauss-Legendre nodes: x directly below 0.9,
 * v = -ln(1-x) above (the same split as dr_sigma). */
static int tabulate_dsdx(const dr_process *p, const dr_xsec_opts *o, double lo, double hi,
                         dr_xsec_ws *w, dr_signal *s, dr_error *e) {
  gsl_integration_glfixed_table *t = gsl_integration_glfixed_table_alloc(NODES_PER_PIECE);
  if (!t) return DR_FAIL(e, DR_ENOMEM, "out of memory");
  int rc = DR_OK;
  s->nx = 0;
  for (int piece = 0; piece < 2 && rc == DR_OK; piece++) {
    double a, b;
    if (piece == 0) a = lo, b = fmin(hi, 0.9);
    else a = -log1p(-fmax(lo, 0.9)), b = -log1p(-hi);
    if (!(b > a)) continue;
    for (int i = 0; i < NODES_PER_PIECE; i++) {
      double u, wt;
      gsl_integration_glfixed_point(a, b, (size_t)i, &u, &wt, t);
      double x = piece == 0 ? u : 1 - exp(-u);
      double jac = piece == 0 ? 1 : exp(-u);
      dr_estimate d;
      rc = dr_dsigma_dx(p, o, x, w, &d, e);
      if (rc != DR_OK) break;
      s->xs[s->nx] = x;
      s->wdsdx[s->nx] = wt * jac * d.val;
      s->nx++;
    }
  }
  gsl_integration_glfixed_table_free(t);
  return rc;
}

enum { TRACK_INTERVALS = 48, TABLE_NE = 10, TABLE_NX = 100, VIS_BINS = 128 };

/* Visible: the X-energy spectrum weighted by track length, in VIS_BINS bins of
 * z = E_X/E0 over [x_th, x_max]; each (track interval k, table x bin) adds
 * w_k [sigma(E_k, x > a) - sigma(E_k, x > b)] at its mean z. xs[] holds the
 * weight-mean z of each bin. */
static void visible_from_table(const dr_experiment *x, const dr_xs_table *t, int nk,
                               const double *ybar, const double *wk, dr_signal *s) {
  double sw[VIS_BINS] = {0}, swz[VIS_BINS] = {0};
  double E0 = x->energy, zlo = x->x_th, zhi = x->x_max, dz = (zhi - zlo) / VIS_BINS;
  int nx = dr_xs_table_n_x(t);
  for (int k = 0; k < nk; k++) {
    double E = E0 * exp(-ybar[k]), lo = zlo * E0 / E, hi = fmin(1.0, zhi * E0 / E);
    double ca;
    if (dr_xs_table_sigma(t, E, lo, &ca, NULL) != DR_OK) continue;
    for (int j = (int)(lo * nx); j < nx && (double)j / nx < hi; j++) {
      /* bin [a, b]: sigma(x > b) is the next bin's sigma(x > a) */
      double a = fmax(lo, (double)j / nx), b = fmin(hi, (double)(j + 1) / nx), cb;
      if (!(b > a) || dr_xs_table_sigma(t, E, b, &cb, NULL) != DR_OK) continue;
      double d = wk[k] * (ca - cb), z = 0.5 * (a + b) * E / E0;
      ca = cb;
      int i = (int)((z - zlo) / dz);
      if (i < 0) i = 0;
      if (i >= VIS_BINS) i = VIS_BINS - 1;
      sw[i] += d;
      swz[i] += d * z;
    }
  }
  s->nx = 0;
  for (int i = 0; i < VIS_BINS; i++) {
    if (!(sw[i] > 0)) continue;
    s->xs[s->nx] = swz[i] / sw[i];
    s->wdsdx[s->nx] = sw[i];
    s->nx++;
  }
}

int dr_experiment_shower(dr_experiment *x, dr_error *e) {
  if (x->track != DR_TRACK_SHOWER || x->shower_ready) return DR_OK;
  struct timespec t0, t1;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  dr_shower_spec sp = dr_shower_spec_default(x->material, x->energy);
  sp.primary = x->beam.charge > 0 ? DR_SHOWER_POSITRON : DR_SHOWER_ELECTRON;
  sp.thickness_x0 = x->thickness_x0;
  sp.n_bins = DR_SHOWER_BINS;
  sp.y_max = -log(x->x_th);
  sp.e_cut = sp.k_cut = fmax(x->x_th * x->energy, 1.001 * DR_M_E);
  sp.n_showers = x->shower_n;
  sp.seed = x->shower_seed;
  dr_shower_tracks t;
  int rc = dr_shower_run(&sp, &t, e);
  if (rc != DR_OK) return rc;
  for (int j = 0; j < DR_SHOWER_BINS; j++) {
    double c = t.track[DR_SHOWER_ELECTRON][j] + t.track[DR_SHOWER_POSITRON][j];
    double yc = t.ytrack[DR_SHOWER_ELECTRON][j] + t.ytrack[DR_SHOWER_POSITRON][j];
    x->shower_charged[j] = c;
    x->shower_ybar[j] = c > 0 ? yc / c : (j + 0.5) * sp.y_max / DR_SHOWER_BINS;
    x->shower_positron[j] = t.track[DR_SHOWER_POSITRON][j];
    x->shower_positron_err[j] = t.err[DR_SHOWER_POSITRON][j];
  }
  dr_shower_tracks_free(&t);
  clock_gettime(CLOCK_MONOTONIC, &t1);
  x->shower_seconds = (double)(t1.tv_sec - t0.tv_sec) + 1e-9 * (double)(t1.tv_nsec - t0.tv_nsec);
  x->shower_ready = 1;
  return DR_OK;
}

/* Track-length yield (exp.h): table over [x_th E0, E0], track intervals in
 * y = ln(E0/E) up to ln(1/x_th): Tsai's primary-electron spectrum, or the
 * whole shower's e+- (track = shower). */
static int prepare_tsai(const dr_experiment *x, const dr_process *p0, const dr_xsec_opts *o,
                        dr_signal *s, dr_error *e) {
  double E0 = x->energy, ybar[DR_SHOWER_BINS], wk[DR_SHOWER_BINS];
  int nk = TRACK_INTERVALS, rc;
  if (x->track == DR_TRACK_SHOWER) {
    dr_experiment xs = *x; /* ready already when the scan prepared it */
    rc = dr_experiment_shower(&xs, e);
    if (rc != DR_OK) return rc;
    nk = DR_SHOWER_BINS;
    memcpy(ybar, xs.shower_ybar, sizeof ybar);
    memcpy(wk, xs.shower_charged, sizeof wk);
  } else {
    rc = dr_track_tsai(x->thickness_x0, -log(x->x_th), TRACK_INTERVALS, ybar, wk, e);
    if (rc != DR_OK) return rc;
  }
  double E_thr = (dr_model_is_pair(p0->model) ? 2 : 1) * s->mass + x->beam.mass; /* a pair needs 2 m_chi */
  double E_lo = fmax(x->x_th * E0, E_thr + 1e-3 * (E0 - E_thr));
  dr_xs_table_spec ts = {p0->model, &x->beam, x->material, p0->ff.inel, s->mass,
                         E_lo, E0, TABLE_NE, TABLE_NX};
  dr_xs_table *t = dr_xs_table_build(&ts, o, e);
  if (!t) return e && e->status ? e->status : DR_ENOMEM;
  /* sigma at the beam energy, for the record */
  double c0, c1, e0, e1;
  dr_xs_table_sigma(t, E0, x->x_th, &c0, &e0);
  dr_xs_table_sigma(t, E0, x->x_max, &c1, &e1);
  s->sigma = c0 - c1;
  s->sigma_err = e0 + e1;
  if (x->signature == DR_SIG_VISIBLE || s->idm) { /* the x spectrum: decays downstream */
    visible_from_table(x, t, nk, ybar, wk, s);
    for (int i = 0; i < s->nx; i++) s->sigma_yield += s->wdsdx[i];
  } else {
    for (int k = 0; k < nk; k++) {
      if (!(wk[k] > 0)) continue;
      double E = E0 * exp(-ybar[k]), a, b;
      if (E < E_lo) continue; /* within 0.1 % of the production threshold */
      dr_xs_table_sigma(t, E, x->x_th * E0 / E, &a, NULL);
      dr_xs_table_sigma(t, E, fmin(1.0, x->x_max * E0 / E), &b, NULL);
      s->sigma_yield += wk[k] * (a - b);
    }
  }
  rc = dr_xs_table_status(t);
  dr_xs_table_free(t);
  return rc;
}

int dr_experiment_meson_yields(dr_experiment *x, dr_error *e) {
  if (x->meson_yields != DR_MESONS_UNSET) return DR_OK;
  int rc = dr_meson_yields_computed(x, x->meson_per_lot, e);
  if (rc == DR_OK) x->meson_yields = DR_MESONS_COMPUTED;
  return rc;
}

/* millicharged pairs: the bremsstrahlung-like rate (thin or effective
 * thickness at E0, or Tsai's track lengths) and the invisible meson decays */
static int prepare_pair(const dr_experiment *x, const dr_process *p, const dr_xsec_opts *o, dr_xsec_ws *w,
                        dr_signal *s, dr_error *e) {
  if (x->signature != DR_SIG_INVISIBLE)
    return DR_FAIL(e, DR_EINVAL, "millicharged pairs leave the detector: invisible signature only");
  int rc;
  s->n_channels = 1 + DR_N_MESONS; /* the rows keep their shape even when a channel fails */
  for (int c = 0; c < s->n_channels; c++) s->n_channel_eps1[c] = NAN;
  if (x->track != DR_TRACK_EFFECTIVE) {
    rc = prepare_tsai(x, p, o, s, e);
  } else {
    dr_estimate sig;
    rc = dr_sigma(p, o, x->x_th, x->x_max, w, &sig, e);
    s->sigma = sig.val;
    s->sigma_err = sig.err;
    s->sigma_yield = x->effective_thickness_x0 * sig.val;
  }
  if (rc != DR_OK && rc != DR_ENOCONV) return rc;
  dr_experiment xm = *x; /* computed yields when the card has none (mesons.h) */
  int mrc = dr_experiment_meson_yields(&xm, e);
  if (mrc != DR_OK) return mrc;
  double eff = dr_experiment_efficiency(x, p->m_X);
  double lum = dr_experiment_luminosity_cm2(x) * eff, cm2 = DR_GEV2_TO_PB * DR_PB_TO_CM2;
  s->n_channel_eps1[0] = lum * s->sigma_yield * cm2;
  int scalar = p->model == DR_MODEL_MILLICHARGED_SCALAR;
  for (int m = 0; m < DR_N_MESONS; m++)
    s->n_channel_eps1[1 + m] =
        x->lot * eff * xm.meson_per_lot[m] * dr_meson_br_pair((dr_meson)m, p->m_X, 1.0, scalar);
  return rc;
}

/* Resonant e+ e- -> X on atomic electrons by the shower's positrons (exp.h):
 * s->res_eps1, the events at eps = 1 before Br (visible) or with the
 * invisible width in the Breit-Wigner (invisible with dark matter) */
enum { RES_NODES = 400 };

/* positron track length [X0] per GeV at total energy E, per lepton on target (0 outside the histogram) */
static double positron_density(const dr_experiment *x, double E, double *rel_err) {
  double y = log(x->energy / E), ymax = -log(x->x_th), dy = ymax / DR_SHOWER_BINS;
  int j = (int)(y / dy);
  if (rel_err) *rel_err = NAN;
  if (y < 0 || j >= DR_SHOWER_BINS) return 0;
  double w = x->energy * (exp(-j * dy) - exp(-(j + 1) * dy));
  if (rel_err) *rel_err = x->shower_positron[j] > 0 ? x->shower_positron_err[j] / x->shower_positron[j] : NAN;
  return x->shower_positron[j] / w;
}

static int prepare_resonance(const dr_experiment *x, dr_model_kind model, double M, dr_signal *s, dr_error *e) {
  if (x->track != DR_TRACK_SHOWER || !x->shower_ready || !x->resonance) return DR_OK;
  const dr_model_info *mi = dr_model_info_get(model);
  double J2 = 2.0 * mi->spin + 1;
  /* A' energy E_+ + m_e in [x_th E0, x_max E0] */
  double E_lo = x->x_th * x->energy - DR_M_E, E_hi = x->x_max * x->energy - DR_M_E;
  double s_of = 2 * DR_M_E * DR_M_E, ER = (M * M - s_of) / (2 * DR_M_E);
  s->res_energy = ER + DR_M_E;
  double lum = x->lot * dr_experiment_efficiency(x, M) * x->material->Z * dr_material_atoms_per_cm3(x->material) *
               x->material->x0_cm * DR_GEV2_TO_PB * DR_PB_TO_CM2;
  dr_decay_params dp = {model, M, 1.0, DR_DM_NONE, 0, 0};
  dr_widths wd;
  int rc = dr_widths_compute(&dp, &wd, e);
  if (rc != DR_OK) return rc;
  int broad = x->signature == DR_SIG_INVISIBLE && s->gamma_dm > 1e-4 * M;
  if (!broad) { /* narrow: int sigma dE_+ = (2J+1) 2 pi^2 Gamma_ee/(M m_e) x Br, at E_R */
    if (!(ER > E_lo && ER < E_hi)) return DR_OK;
    double rel = NAN;
    s->res_eps1 = lum * J2 * 2 * DR_PI * DR_PI * wd.ee / (M * DR_M_E) * positron_density(x, ER, &rel);
    s->res_rel_err = rel;
    return DR_OK;
  }
  /* broad (the invisible width): sigma(s) = (2J+1) 4 pi Gamma_ee(sqrt s) Gamma_DM(sqrt s)/((s - M^2)^2 + M^2 Gamma^2)
   * with Gamma = Gamma_DM(M), integrated over u = atan((s - M^2)/(M Gamma)): ds = (M Gamma/cos^2 u) du */
  double G = s->gamma_dm, s_lo = s_of + 2 * DR_M_E * E_lo, s_hi = s_of + 2 * DR_M_E * E_hi;
  double u_lo = atan((s_lo - M * M) / (M * G)), u_hi = atan((s_hi - M * M) / (M * G)), du = (u_hi - u_lo) / RES_NODES;
  double sum = 0;
  for (int i = 0; i < RES_NODES && rc == DR_OK; i++) {
    double u = u_lo + (i + 0.5) * du, ss = M * M + M * G * tan(u), Ep = (ss - s_of) / (2 * DR_M_E);
    double dens = positron_density(x, Ep, NULL);
    if (!(dens > 0)) continue;
    dr_decay_params q = {model, sqrt(ss), 1.0, x->dm, M / x->mass_ratio, x->alpha_d};
    dr_widths wq;
    rc = dr_widths_compute(&q, &wq, e);
    /* sigma ds/(2 m_e) = (2J+1) 4 pi Gee Gdm/(M Gamma) du/(2 m_e) */
    sum += J2 * 4 * DR_PI * wq.ee * wq.dm / (M * G) * du / (2 * DR_M_E) * dens;
  }
  s->res_eps1 = lum * sum;
  positron_density(x, ER, &s->res_rel_err);
  return rc;
}

int dr_signal_prepare(const dr_experiment *x, dr_model_kind model, const dr_xsec_opts *o,
                      double mass, dr_xsec_ws *w, dr_signal *s, dr_error *e) {
  memset(s, 0, sizeof *s);
  s->mass = mass;
  dr_process p;
  int rc = dr_process_init(&p, model, &x->beam, x->energy, mass, x->material, DR_INEL_LINEAR, e);
  if (rc != DR_OK) return s->status = rc;
  if (dr_model_is_pair(model)) return s->status = prepare_pair(x, &p, o, w, s, e);

  dr_decay_params dp = {model, mass, 1.0, DR_DM_NONE, 0, 0};
  dr_widths wd;
  int wrc = dr_widths_compute(&dp, &wd, e);
  if (wrc != DR_OK) return s->status = wrc;
  s->gamma_sm_eps1 = wd.total;
  /* visible: e+ e-, and the photon pairs of spin2 (an electromagnetic shower either way) */
  s->br_vis = wd.total > 0 ? (wd.ee + wd.gg) / wd.total : 0;
  s->br_nu = dr_model_info_get(model)->flavour == DR_FLAVOUR_LMU_LTAU ? (wd.total > 0 ? wd.nunu / wd.total : 0) : -1;
  /* inelastic dark matter: the chi_2 decay, for the missing-momentum veto (chi2_escape_m) or the displaced
   * vertex (a visible card with dm = pseudo-dirac) */
  if (x->dm == DR_DM_PSEUDO_DIRAC && (x->chi2_escape_m > 0 || x->signature == DR_SIG_VISIBLE)) {
    wrc = dr_chi2_width_model(model, mass / x->mass_ratio, x->delta, mass, 1.0, x->alpha_d, &s->gamma_chi2_eps1, e);
    if (wrc != DR_OK) return s->status = wrc;
    s->idm = x->signature == DR_SIG_VISIBLE ? 2 : 1;
  }
  if (dr_model_decays_to_dm(model, x->dm)) {
    dp.dm = x->dm;
    dp.alpha_d = x->alpha_d;
    dp.m_dm = mass / x->mass_ratio;
    wrc = dr_widths_compute(&dp, &wd, e);
    if (wrc != DR_OK) return s->status = wrc;
    s->gamma_dm = wd.dm;
  }

  if (x->track != DR_TRACK_EFFECTIVE) {
    rc = prepare_tsai(x, &p, o, s, e);
    if (rc == DR_OK || rc == DR_ENOCONV) {
      int rrc = prepare_resonance(x, model, mass, s, e);
      if (rrc != DR_OK) rc = rrc;
    }
    return s->status = rc;
  }
  /* thin target or effective thickness: everything at the beam energy */
  double L = x->effective_thickness_x0;
  dr_estimate sig;
  rc = dr_sigma(&p, o, x->x_th, x->x_max, w, &sig, e);
  s->sigma = sig.val;
  s->sigma_err = sig.err;
  s->sigma_yield = L * sig.val;
  s->status = rc;
  if (rc != DR_OK && rc != DR_ENOCONV) return rc;
  if (x->signature == DR_SIG_VISIBLE || s->idm) { /* the x spectrum: decays downstream */
    double lo = fmax(x->x_th, dr_xsec_xmin(&p)), hi = fmin(x->x_max, dr_xsec_xmax(&p));
    if (!(hi > lo)) return s->status;
    int trc;
    if (o->method == DR_METHOD_ETL) {
      /* one-energy table: the x spectrum from the same VEGAS points */
      dr_xs_table_spec ts = {model, &x->beam, x->material, DR_INEL_LINEAR, mass,
                             x->energy, x->energy, 1, TABLE_NX};
      dr_xs_table *t = dr_xs_table_build(&ts, o, e);
      if (!t) return s->status = e && e->status ? e->status : DR_ENOMEM;
      double y0 = 0;
      visible_from_table(x, t, 1, &y0, &L, s);
      trc = dr_xs_table_status(t);
      dr_xs_table_free(t);
    } else {
      trc = tabulate_dsdx(&p, o, lo, hi, w, s, e);
      for (int i = 0; i < s->nx; i++) s->wdsdx[i] *= L;
    }
    if (trc != DR_OK && trc != DR_ENOCONV) return s->status = trc;
    if (trc != DR_OK) s->status = trc;
  }
  return s->status;
}

/* Inelastic dark matter: for the chi_2 of an A' of energy E (mass s->mass, decaying promptly to
 * chi_1 chi_2), the probability that chi_2 -> chi_1 l+ l- happens beyond x->chi2_escape_m (decay = 0:
 * the missing-momentum signal) or inside the decay volume [shield_m, shield_m + decay_m] (decay = 1:
 * the displaced vertex): exp(-L/l), or exp(-L_sh/l)(1 - exp(-L_dec/l)), l = (p_2/m_2) hbar c/Gamma_2,
 * averaged over an isotropic A' decay (its lab energy E_2 = gamma (E_2* + beta p* cos theta*),
 * uniform in cos theta*: 8-point Gauss-Legendre) */
static double chi2_prob(const dr_experiment *x, const dr_signal *s, double E, double eps2, int decay) {
  static const double gx[4] = {0.1834346424956498, 0.5255324099163290, 0.7966664774136267, 0.9602898564975363};
  static const double gw[4] = {0.3626837833783620, 0.3137066510549797, 0.2223810344533745, 0.1012285362903763};
  double M = s->mass, m1 = M / x->mass_ratio, m2 = m1 * (1 + x->delta);
  double lam = (M * M - (m1 + m2) * (m1 + m2)) * (M * M - (m1 - m2) * (m1 - m2));
  if (!(lam > 0) || !(E > M)) return 0;
  double ps = sqrt(lam) / (2 * M), E2s = (M * M + m2 * m2 - m1 * m1) / (2 * M);
  double g = E / M, bg = sqrt(g * g - 1), ctau = DR_HBARC_GEV_M / (eps2 * s->gamma_chi2_eps1), sum = 0;
  for (int k = 0; k < 8; k++) {
    double c = k < 4 ? gx[k] : -gx[k - 4], w = gw[k % 4] / 2; /* weights sum to 1 over [-1, 1] */
    double E2 = g * E2s + bg * ps * c, p2 = sqrt(fmax(E2 * E2 - m2 * m2, 0));
    double l = p2 / m2 * ctau;
    if (!(l > 0)) continue;
    sum += w * (decay ? exp(-x->shield_m / l) * -expm1(-x->decay_m / l) : exp(-x->chi2_escape_m / l));
  }
  return sum;
}

int dr_signal_events(const dr_experiment *x, dr_model_kind model, const dr_signal *s, double eps,
                     double *n, dr_error *e) {
  *n = 0;
  if (!(eps >= 0)) return DR_FAIL(e, DR_EINVAL, "coupling must be non-negative (got %g)", eps);
  double eps2 = eps * eps;
  if (s->n_channels > 0) { /* millicharged pairs: every channel goes as eps^2 */
    for (int c = 0; c < s->n_channels; c++) *n += eps2 * s->n_channel_eps1[c];
    return DR_OK;
  }
  double lum = dr_experiment_luminosity_cm2(x) * dr_experiment_efficiency(x, s->mass);
  double cm2 = DR_GEV2_TO_PB * DR_PB_TO_CM2;
  if (x->signature == DR_SIG_INVISIBLE) {
    /* the mediator leaves nothing in the detector: through dark matter (dark portal), through neutrinos
     * (L_mu - L_tau: Br(nu nubar), its lepton pairs being visible), else by assumption (br = 1) */
    double br = 1.0;
    if (dr_model_decays_to_dm(model, x->dm))
      br = s->gamma_dm > 0 ? s->gamma_dm / (s->gamma_dm + eps2 * s->gamma_sm_eps1) : 0.0;
    else if (s->br_nu >= 0)
      br = s->br_nu;
    if (s->idm && s->gamma_chi2_eps1 > 0) { /* inelastic: the chi_2 must leave before it decays (if it can) */
      double sum = 0;
      for (int i = 0; i < s->nx; i++) sum += s->wdsdx[i] * chi2_prob(x, s, s->xs[i] * x->energy, eps2, 0);
      *n = lum * sum * cm2 * eps2 * br;
      if (s->res_eps1 > 0)
        *n += eps2 * s->res_eps1 * (s->gamma_dm > 1e-4 * s->mass ? 1 : br) * chi2_prob(x, s, s->res_energy, eps2, 0);
      return DR_OK;
    }
    *n = lum * s->sigma_yield * cm2 * eps2 * br + eps2 * s->res_eps1 * (s->gamma_dm > 1e-4 * s->mass ? 1 : br);
    return DR_OK;
  }
  /* visible: decay between L_sh and L_sh + L_dec */
  if (s->idm) { /* inelastic dark matter: A' -> chi_1 chi_2 promptly, chi_2 -> chi_1 l l displaced (none if it cannot) */
    if (!(s->gamma_chi2_eps1 > 0)) return DR_OK;
    double br = s->gamma_dm > 0 ? s->gamma_dm / (s->gamma_dm + eps2 * s->gamma_sm_eps1) : 0.0, sum = 0;
    for (int i = 0; i < s->nx; i++) {
      double E = s->xs[i] * x->energy;
      sum += s->wdsdx[i] * chi2_prob(x, s, E, eps2, 1) * dr_experiment_acceptance(x, s->mass, E);
    }
    *n = lum * sum * cm2 * eps2 * br;
    if (s->res_eps1 > 0)
      *n += eps2 * s->res_eps1 * br * chi2_prob(x, s, s->res_energy, eps2, 1) *
            dr_experiment_acceptance(x, s->mass, s->res_energy);
    return DR_OK;
  }
  double gamma = eps2 * s->gamma_sm_eps1;
  if (!(gamma > 0)) return DR_OK;
  double ctau = DR_HBARC_GEV_M / gamma, m = s->mass, sum = 0;
  for (int i = 0; i < s->nx; i++) {
    double E = s->xs[i] * x->energy;
    double pm = sqrt(fmax(E * E - m * m, 0)) / m;
    double l = pm * ctau;
    if (!(l > 0)) continue;
    double pdec = exp(-x->shield_m / l) * -expm1(-x->decay_m / l);
    sum += s->wdsdx[i] * pdec * dr_experiment_acceptance(x, m, E);
  }
  *n = lum * sum * cm2 * eps2 * s->br_vis;
  if (s->res_eps1 > 0) { /* resonant: an X of energy E_R + m_e */
    double pm = sqrt(fmax(s->res_energy * s->res_energy - m * m, 0)) / m, l = pm * ctau;
    if (l > 0)
      *n += eps2 * s->res_eps1 * s->br_vis * exp(-x->shield_m / l) * -expm1(-x->decay_m / l) *
            dr_experiment_acceptance(x, m, s->res_energy);
  }
  return DR_OK;
}
