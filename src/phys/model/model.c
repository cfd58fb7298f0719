/* The model registry (include/darkreach/model.h states the conventions, the
 * formulas and their sources). */
#include "darkreach/model.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include <gsl/gsl_integration.h>

#include "darkreach/constants.h"

/* ---- widths to a fermion pair (include/darkreach/model.h) ---- */
static int pair_open(double M, double m_f, double *r, double *beta) {
  *r = m_f * m_f / (M * M);
  if (!(M > 0) || 4 * *r >= 1) return 0;
  *beta = sqrt(1 - 4 * *r);
  return 1;
}

static double width_vector(double g, double M, double m_f) {
  double r, b;
  return pair_open(M, m_f, &r, &b) ? DR_ALPHA * g * g * M / 3 * (1 + 2 * r) * b : 0.0;
}
static double width_axial(double g, double M, double m_f) {
  double r, b;
  return pair_open(M, m_f, &r, &b) ? DR_ALPHA * g * g * M / 3 * b * b * b : 0.0;
}
static double width_scalar(double g, double M, double m_f) {
  double r, b;
  return pair_open(M, m_f, &r, &b) ? DR_ALPHA * g * g * M / 2 * b * b * b : 0.0;
}
static double width_pseudoscalar(double g, double M, double m_f) {
  double r, b;
  return pair_open(M, m_f, &r, &b) ? DR_ALPHA * g * g * M / 2 * b : 0.0;
}
/* moments: (g e)^2 = 4 pi alpha g^2 */
static double width_mdm(double g, double M, double m_f) {
  double r, b;
  return pair_open(M, m_f, &r, &b) ? 4 * DR_PI * DR_ALPHA * g * g * M * M * M * b * (1 + 8 * r) / (24 * DR_PI) : 0.0;
}
static double width_edm(double g, double M, double m_f) {
  double r, b;
  return pair_open(M, m_f, &r, &b) ? 4 * DR_PI * DR_ALPHA * g * g * M * M * M * b * b * b / (24 * DR_PI) : 0.0;
}
static double width_cr(double g, double M, double m_f) {
  double r, b, M2 = M * M;
  return pair_open(M, m_f, &r, &b) ? 4 * DR_PI * DR_ALPHA * g * g * M * M2 * M2 * b * (1 + 2 * r) / (12 * DR_PI) : 0.0;
}
static double width_am(double g, double M, double m_f) {
  double r, b, M2 = M * M;
  return pair_open(M, m_f, &r, &b) ? 4 * DR_PI * DR_ALPHA * g * g * M * M2 * M2 * b * b * b / (12 * DR_PI) : 0.0;
}

/* L_mu - L_tau: the vector's width with the physical coupling g' (not in units of e) */
static double width_lmultau(double g, double M, double m_f) {
  double r, b;
  return pair_open(M, m_f, &r, &b) ? g * g * M / (12 * DR_PI) * (1 + 2 * r) * b : 0.0;
}

/* lepton-mass-proportional scalar: the scalar's width with the physical g_l */
static double width_scalar_phys(double g, double M, double m_f) {
  double r, b;
  return pair_open(M, m_f, &r, &b) ? g * g * M / (8 * DR_PI) * b * b * b : 0.0;
}

/* spin-2: c^2 M^3 beta^3 (1 + 8r/3)/(160 pi) [arXiv:1306.4107] */
static double width_spin2(double g, double M, double m_f) {
  double r, b;
  return pair_open(M, m_f, &r, &b) ? g * g * M * M * M / (160 * DR_PI) * b * b * b * (1 + 8 * r / 3) : 0.0;
}

static const dr_model_info models[DR_MODEL_COUNT] = {
    {DR_MODEL_VECTOR, "vector", {"dark-photon", "kinetic-mixing", NULL},
     "dark photon with kinetic mixing", 1, -1, "-i e eps gamma^mu", DR_VERTEX_VECTOR,
     "kinetic mixing eps (couples as e eps Q_f)", "1", 0, 1, 1, width_vector,
     "alpha eps^2 M (1 + 2r) beta/3 [Ilten:2018crw] eq. (2.13); hadrons alpha eps^2 M R(M)/3 (2.15)", 55, 0, DR_FLAVOUR_UNIVERSAL},
    {DR_MODEL_SCALAR, "scalar", {NULL}, "leptophilic scalar", 0, +1, "-i g", DR_VERTEX_SCALAR,
     "g/e (g the same for e, mu, tau)", "1", 0, 0, 0, width_scalar, "alpha c^2 M beta^3/2 (c = g/e)", 54, 0, DR_FLAVOUR_UNIVERSAL},
    {DR_MODEL_PSEUDOSCALAR, "pseudoscalar", {NULL}, "leptophilic pseudoscalar", 0, -1, "g gamma^5",
     DR_VERTEX_PSEUDOSCALAR, "g/e (g the same for e, mu, tau)", "1", 0, 0, 0, width_pseudoscalar,
     "alpha c^2 M beta/2 (c = g/e)", 54, 0, DR_FLAVOUR_UNIVERSAL},
    {DR_MODEL_AXIAL, "axial", {"axial-vector", NULL}, "leptophilic axial vector", 1, +1,
     "-i g gamma^mu gamma^5", DR_VERTEX_AXIAL, "g/e (g the same for e, mu, tau)", "1", 0, 0, 0, width_axial,
     "alpha c^2 M beta^3/3 (c = g/e)", 55, 0, DR_FLAVOUR_UNIVERSAL},
    {DR_MODEL_MAGNETIC_DIPOLE, "magnetic-dipole", {"mdm", NULL},
     "dark photon with a magnetic-dipole coupling [arXiv:2502.13635] eq. (2.1)", 1, -1,
     "mu_f sigma^{mu nu} k_nu (k the A' momentum)", DR_VERTEX_MAGNETIC_DIPOLE, "g_f = mu_f/e", "GeV^-1", 1, 0, 1, width_mdm,
     "(g_f e)^2 M^3 beta (1 + 8r)/(24 pi) [arXiv:2502.13635] eq. (A.10)", 55, 0, DR_FLAVOUR_UNIVERSAL},
    {DR_MODEL_ELECTRIC_DIPOLE, "electric-dipole", {"edm", NULL},
     "dark photon with an electric-dipole coupling [arXiv:2502.13635] eq. (2.1)", 1, 0,
     "i d_f sigma^{mu nu} gamma^5 k_nu", DR_VERTEX_ELECTRIC_DIPOLE, "g_f = d_f/e", "GeV^-1", 1, 0, 1, width_edm,
     "(g_f e)^2 M^3 beta^3/(24 pi) (twice the printed eq. (A.11) of [arXiv:2502.13635])", 55, 0, DR_FLAVOUR_UNIVERSAL},
    {DR_MODEL_CHARGE_RADIUS, "charge-radius", {"cr", NULL},
     "dark photon with a charge-radius coupling [arXiv:2502.13635] eq. (2.1)", 1, -1,
     "b_f (k^2 gamma^mu - k^mu kslash)", DR_VERTEX_CHARGE_RADIUS, "g_f = b_f/e", "GeV^-2", 2, 0, 1, width_cr,
     "(g_f e)^2 M^5 beta (1 + 2r)/(12 pi) [arXiv:2502.13635] eq. (A.12)", 55, 0, DR_FLAVOUR_UNIVERSAL},
    {DR_MODEL_ANAPOLE, "anapole", {"am", NULL},
     "dark photon with an anapole coupling [arXiv:2502.13635] eq. (2.1)", 1, +1,
     "a_f (k^2 gamma^mu - k^mu kslash) gamma^5", DR_VERTEX_ANAPOLE, "g_f = a_f/e", "GeV^-2", 2, 0, 1, width_am,
     "(g_f e)^2 M^5 beta^3/(12 pi) [arXiv:2502.13635] eq. (A.13)", 55, 0, DR_FLAVOUR_UNIVERSAL},
    {DR_MODEL_MILLICHARGED, "millicharged", {"mcp", "millicharge", NULL},
     "millicharged Dirac fermion chi (charge eps e), made in pairs through a virtual photon [arXiv:2505.04295] "
     "eq. (1)", 1, -1, "-i e eps gamma^mu (chi); the pair through gamma*", DR_VERTEX_NONE,
     "eps: the charge of chi in units of e", "1", 0, 0, 0, NULL, "stable (no width)", 9000011, 1, DR_FLAVOUR_UNIVERSAL},
    {DR_MODEL_MILLICHARGED_SCALAR, "millicharged-scalar", {"mcp-scalar", NULL},
     "millicharged complex scalar chi (charge eps e), made in pairs through a virtual photon", 1, -1,
     "-i e eps (p - p')^mu (chi); the pair through gamma*", DR_VERTEX_NONE, "eps: the charge of chi in units of e",
     "1", 0, 0, 0, NULL, "stable (no width)", 9000011, 1, DR_FLAVOUR_UNIVERSAL},
    {DR_MODEL_LMU_LTAU, "lmu-ltau", {"zprime-mutau", "l_mu-l_tau", NULL},
     "Z' of the gauged L_mu - L_tau: mu and tau (charges +1, -1) and their neutrinos; electrons at one loop", 1, -1,
     "-i g' Q_f gamma^mu (Q = +1 mu, nu_mu; -1 tau, nu_tau)", DR_VERTEX_VECTOR,
     "g', the L_mu - L_tau gauge coupling (not in units of e)", "1", 0, 0, 0, width_lmultau,
     "g'^2 M (1 + 2r) beta/(12 pi) per charged lepton; nu nubar g'^2 M/(24 pi) per flavour; e e at one loop "
     "(eps(M) of [Amaral:2020tga] eq. (7))",
     55, 0, DR_FLAVOUR_LMU_LTAU},
    {DR_MODEL_SCALAR_MASS, "scalar-mass", {"mass-proportional-scalar", NULL},
     "scalar coupled to leptons in proportion to their masses (g_l = g_mu m_l/m_mu)", 0, +1, "-i g_mu (m_l/m_mu)",
     DR_VERTEX_SCALAR, "g_mu, the muon's coupling (not in units of e); g_l = g_mu m_l/m_mu", "1", 0, 0, 0,
     width_scalar_phys, "g_l^2 M beta^3/(8 pi), g_l = g_mu m_l/m_mu", 54, 0, DR_FLAVOUR_MASS},
    {DR_MODEL_SPIN2, "spin2", {"spin-2", "graviton", NULL},
     "massive spin-2 G coupled to the energy-momentum tensors of the charged leptons and the photon "
     "(c_ll = c_gammagamma)", 2, +1, "-i (c/2) eps_{mu nu} gamma^mu (k1 + k2)^nu; G l l gamma and G gamma gamma vertices",
     DR_VERTEX_SPIN2, "c = c_ll = c_gammagamma, the coupling to T^{mu nu} (not in units of e)", "GeV^-1", 1, 0, 0,
     width_spin2, "c^2 M^3 beta^3 (1 + 8r/3)/(160 pi) [arXiv:1306.4107]; gamma gamma c^2 M^3/(80 pi)", 5000039, 0,
     DR_FLAVOUR_PHYSICAL},
};

const dr_model_info *dr_model_info_get(dr_model_kind kind) {
  return ((int)kind >= 0 && kind < DR_MODEL_COUNT) ? &models[kind] : NULL;
}

const char *dr_model_name(dr_model_kind kind) {
  const dr_model_info *m = dr_model_info_get(kind);
  return m ? m->name : "unknown";
}

/* appends ", name" (or the first name) to buf */
static size_t list_add(char *buf, size_t n, size_t used, const char *name) {
  if (used >= n) return used;
  int w = snprintf(buf + used, n - used, "%s%s", used ? ", " : "", name);
  return w < 0 ? used : used + (size_t)w;
}

const char *dr_model_list(char *buf, size_t n, unsigned which) {
  size_t used = 0;
  if (n) buf[0] = '\0';
  for (int i = 0; i < DR_MODEL_COUNT; i++)
    if (!((which & DR_MODELS_PRODUCED) && models[i].rule == DR_VERTEX_NONE && !models[i].pair) &&
        !((which & DR_MODELS_DARK) && !models[i].dark_portal))
      used = list_add(buf, n, used, models[i].name);
  return buf;
}

int dr_model_parse(const char *name, dr_model_kind *out, dr_error *e) {
  for (int i = 0; name && i < DR_MODEL_COUNT; i++) {
    int hit = strcmp(models[i].name, name) == 0;
    for (int a = 0; !hit && a < DR_MODEL_MAX_ALIASES && models[i].aliases[a]; a++)
      hit = strcmp(models[i].aliases[a], name) == 0;
    if (hit) {
      *out = models[i].kind;
      return DR_OK;
    }
  }
  char list[256];
  return DR_FAIL(e, DR_EINVAL, "unknown model '%s' (known: %s)", name ? name : "(null)",
                 dr_model_list(list, sizeof list, DR_MODELS_ALL));
}

int dr_model_can_produce(dr_model_kind kind) {
  const dr_model_info *m = dr_model_info_get(kind);
  return m && (m->rule != DR_VERTEX_NONE || m->pair);
}

int dr_model_is_pair(dr_model_kind kind) {
  const dr_model_info *m = dr_model_info_get(kind);
  return m && m->pair;
}

double dr_model_width_ff(dr_model_kind kind, double g, double M, double m_f) {
  const dr_model_info *m = dr_model_info_get(kind);
  return m && m->width_ff ? m->width_ff(g, M, m_f) : 0.0;
}

/* ---- flavour couplings (include/darkreach/model.h) ---- */
typedef struct {
  double M2;
} loop_params;

/* x (1 - x) ln|(m_tau^2 - y M^2)/(m_mu^2 - y M^2)| and its imaginary part, y = x (1 - x): the log of a
 * negative argument carries -i pi (q^2 = M^2 + i0) */
static double loop_re(double x, void *vp) {
  const loop_params *p = vp;
  double y = x * (1 - x), a = DR_M_TAU * DR_M_TAU - y * p->M2, b = DR_M_MU * DR_M_MU - y * p->M2;
  return y * (log(fabs(a)) - log(fabs(b)));
}
static double loop_im(double x, void *vp) {
  const loop_params *p = vp;
  double y = x * (1 - x), a = DR_M_TAU * DR_M_TAU - y * p->M2, b = DR_M_MU * DR_M_MU - y * p->M2;
  return y * DR_PI * ((a < 0) - (b < 0));
}

double dr_lmu_ltau_eps_over_g(double M) {
  /* the last mass's value, per thread: the WW integrands ask for it at every point of one process */
  static _Thread_local double last_M = -1, last_v = 0;
  if (M == last_M) return last_v;
  loop_params p = {M * M};
  gsl_integration_workspace *w = gsl_integration_workspace_alloc(200);
  double re = 0, im = 0, err;
  if (w) {
    gsl_function F = {loop_re, &p}, G = {loop_im, &p};
    /* the integrable log singularities at the thresholds y M^2 = m^2: qags */
    gsl_integration_qags(&F, 0, 1, 0, 1e-8, 200, w, &re, &err);
    if (M > 2 * DR_M_MU) gsl_integration_qags(&G, 0, 1, 0, 1e-8, 200, w, &im, &err);
  }
  gsl_integration_workspace_free(w);
  double e = sqrt(4 * DR_PI * DR_ALPHA);
  last_M = M;
  return last_v = e / (2 * DR_PI * DR_PI) * hypot(re, im);
}

int dr_lepton_index(double m_l) {
  if (fabs(m_l - DR_M_E) < 1e-9) return 0;
  if (fabs(m_l - DR_M_MU) < 1e-9) return 1;
  if (fabs(m_l - DR_M_TAU) < 1e-9) return 2;
  return -1;
}

double dr_model_lepton_g(dr_model_kind kind, double coupling, int lepton, double M) {
  const dr_model_info *m = dr_model_info_get(kind);
  if (!m || lepton < 0 || lepton > 2) return 0;
  double e = sqrt(4 * DR_PI * DR_ALPHA);
  if (m->flavour == DR_FLAVOUR_MASS) {
    const double ml[3] = {DR_M_E, DR_M_MU, DR_M_TAU};
    return coupling * ml[lepton] / DR_M_MU;
  }
  if (m->flavour == DR_FLAVOUR_PHYSICAL) return coupling;
  if (m->flavour != DR_FLAVOUR_LMU_LTAU) return coupling * e;
  if (lepton == 1) return coupling;
  if (lepton == 2) return -coupling;
  return e * coupling * dr_lmu_ltau_eps_over_g(M); /* g_e = e eps */
}

double dr_model_width_nunu(dr_model_kind kind, double coupling, double M) {
  const dr_model_info *m = dr_model_info_get(kind);
  if (!m || m->flavour != DR_FLAVOUR_LMU_LTAU || !(M > 0)) return 0;
  return 2 * coupling * coupling * M / (24 * DR_PI); /* nu_mu and nu_tau, left-handed */
}

int dr_model_decays_to_dm(dr_model_kind kind, dr_dm_kind dm) {
  const dr_model_info *m = dr_model_info_get(kind);
  if (!m || dm == DR_DM_NONE) return 0;
  return m->dark_portal || (kind == DR_MODEL_SCALAR_MASS && (dm == DR_DM_DIRAC || dm == DR_DM_PSEUDO_DIRAC));
}

double dr_model_width_gg(dr_model_kind kind, double coupling, double M) {
  if (kind != DR_MODEL_SPIN2 || !(M > 0)) return 0;
  return coupling * coupling * M * M * M / (80 * DR_PI); /* [arXiv:1306.4107] */
}

double dr_model_y(dr_model_kind kind, double g, double alpha_d, double mass_ratio) {
  const dr_model_info *m = dr_model_info_get(kind);
  if (!m) return NAN;
  double r2 = mass_ratio * mass_ratio;
  return g * g * alpha_d / (r2 * r2) * pow(DR_Y_LAMBDA_GEV, 2 * m->coupling_dim);
}

/* ---- dark-matter species ---- */
static const dr_dm_info dms[DR_DM_COUNT] = {
    {DR_DM_NONE, "none", "no invisible channel", 0, 0},
    {DR_DM_COMPLEX_SCALAR, "complex-scalar", "complex scalar, L = i g_D A'^mu [chi* d_mu chi - c.c.]", 2, 0},
    {DR_DM_DIRAC, "dirac", "Dirac fermion, L = g_D chibar gamma^mu chi A'_mu", 4, 0},
    {DR_DM_MAJORANA, "majorana", "Majorana fermion, L = (g_D/2) chibar gamma^mu gamma^5 chi A'_mu", 2, 1},
    {DR_DM_PSEUDO_DIRAC, "pseudo-dirac",
     "two Majorana states split by delta, off-diagonal coupling (co-annihilation)", 4, 1},
};

const char *dr_dm_list(char *buf, size_t n, int with_none) {
  size_t used = 0;
  if (n) buf[0] = '\0';
  for (int i = with_none ? 0 : 1; i < DR_DM_COUNT; i++) used = list_add(buf, n, used, dms[i].name);
  return buf;
}

const dr_dm_info *dr_dm_info_get(dr_dm_kind k) { return ((int)k >= 0 && k < DR_DM_COUNT) ? &dms[k] : NULL; }

const char *dr_dm_name(dr_dm_kind k) {
  const dr_dm_info *d = dr_dm_info_get(k);
  return d ? d->name : "unknown";
}

int dr_dm_parse(const char *name, dr_dm_kind *out, dr_error *e) {
  for (int i = 0; name && i < DR_DM_COUNT; i++)
    if (strcmp(dms[i].name, name) == 0) {
      *out = dms[i].kind;
      return DR_OK;
    }
  char list[128];
  return DR_FAIL(e, DR_EINVAL, "unknown dark-matter species '%s' (known: %s)", name ? name : "(null)",
                 dr_dm_list(list, sizeof list, 1));
}
