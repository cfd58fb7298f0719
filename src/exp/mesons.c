/* Vector-meson photoproduction and invisible decays (formulas and sources in
 * include/darkreach/mesons.h). */
#include "darkreach/mesons.h"

#include <gsl/gsl_integration.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "darkreach/constants.h"
#include "darkreach/num.h"

static const double HBARC = 0.1973269804;  /* GeV fm */
static const double MUB = 2.56819e-3;      /* 1 mub in GeV^-2 (1 mb = 2.56819 GeV^-2) */
static const double GEV2_CM2 = 0.389379e-27; /* 1 GeV^-2 in cm^2 */

/* PDG 2022 [Workman:2022ynf]: m, Gamma, Br(e+ e-); f_V^2/4pi and b as in [Klein:2016yzr] */
static const dr_meson_info mesons[DR_MESON_COUNT] = {
    {"rho", 0.77526, 0.1491, 4.72e-5, 2.02, 11},
    {"omega", 0.78266, 0.00868, 7.38e-5, 23.13, 10},
    {"phi", 1.019461, 0.004249, 2.979e-4, 13.71, 7},
    {"jpsi", 3.096900, 9.26e-5, 5.971e-2, 10.45, 4},
};

const dr_meson_info *dr_meson_get(dr_meson m) { return (int)m >= 0 && m < DR_MESON_COUNT ? &mesons[m] : NULL; }

static double pair_factor(double r, int scalar) {
  if (!(4 * r < 1)) return 0;
  double b = sqrt(1 - 4 * r);
  return scalar ? 0.25 * b * b * b : (1 + 2 * r) * b;
}

double dr_meson_br_pair(dr_meson m, double m_chi, double eps, int scalar) {
  const dr_meson_info *v = dr_meson_get(m);
  if (!v) return 0;
  double mv2 = v->mass * v->mass;
  return v->br_ee * eps * eps * pair_factor(m_chi * m_chi / mv2, scalar) / pair_factor(DR_M_E * DR_M_E / mv2, 0);
}

/* photon energy [GeV] at the threshold W = m_p + m_V of gamma p -> V p */
static double k_threshold(dr_meson m) {
  double s = DR_M_P + mesons[m].mass;
  return (s * s - DR_M_P * DR_M_P) / (2 * DR_M_P);
}

double dr_meson_sigma_gp(dr_meson m, double k) {
  double W2 = DR_M_P * DR_M_P + 2 * DR_M_P * k, W = sqrt(W2);
  /* the light-meson fits are high-energy forms: nothing below threshold */
  if ((int)m < 0 || m >= DR_MESON_COUNT || !(k > k_threshold(m))) return 0;
  switch (m) {
  case DR_MESON_RHO: return (5.0 * pow(W, 0.22) + 26.0 * pow(W, -1.23)) * MUB;
  case DR_MESON_OMEGA: return (0.55 * pow(W, 0.22) + 18.0 * pow(W, -1.92)) * MUB;
  case DR_MESON_PHI: return 0.34 * pow(W, 0.22) * MUB;
  case DR_MESON_JPSI: {
    double th = (mesons[m].mass + DR_M_P) * (mesons[m].mass + DR_M_P) / W2;
    return th < 1 ? 4.06e-3 * pow(W, 0.65) * (1 - th) * (1 - th) * MUB : 0;
  }
  default: return 0;
  }
}

/* ---- the nucleus: Woods-Saxon thickness and the Glauber sigma_VA ---- */
enum { NB = 400, NZ = 64 };

typedef struct {
  double R, a, bmax; /* fm */
  double T[NB];      /* T_A(b_i) [fm^-2], b_i = (i + 1/2) bmax/NB, normalised to A */
} nucleus;

static double ws(const nucleus *n, double r) { return 1 / (1 + exp((r - n->R) / n->a)); }

static void nucleus_init(nucleus *n, const dr_material *mat) {
  n->R = mat->Z == 82 ? 6.624 : 1.2 * cbrt(mat->A);
  n->a = 0.53;
  n->bmax = n->R + 12 * n->a;
  gsl_integration_glfixed_table *t = gsl_integration_glfixed_table_alloc(NZ);
  double zmax = n->R + 12 * n->a, norm = 0, db = n->bmax / NB;
  for (int i = 0; i < NB; i++) {
    double b = (i + 0.5) * db, s = 0;
    for (int j = 0; j < NZ; j++) {
      double z, w;
      gsl_integration_glfixed_point(0, zmax, (size_t)j, &z, &w, t);
      s += 2 * w * ws(n, sqrt(b * b + z * z));
    }
    n->T[i] = s;
    norm += 2 * DR_PI * b * db * s;
  }
  gsl_integration_glfixed_table_free(t);
  for (int i = 0; i < NB; i++) n->T[i] *= mat->A / norm;
}

/* int d^2b [1 - exp(-sigma T_A(b))], sigma and the result in fm^2 */
static double sigma_va_fm2(const nucleus *n, double sigma) {
  double db = n->bmax / NB, s = 0;
  for (int i = 0; i < NB; i++) s += 2 * DR_PI * (i + 0.5) * db * db * -expm1(-sigma * n->T[i]);
  return s;
}

/* [Klein:1999qj] eq. 14: hard sphere (R) folded with a Yukawa (0.7 fm) */
static double form_factor(double q, double R) {
  double x = q * R, a0 = 0.70 / HBARC;
  double sph = x > 1e-3 ? 3 * (sin(x) - x * cos(x)) / (x * x * x) : 1 - x * x / 10;
  return sph / (1 + a0 * a0 * q * q);
}

typedef struct {
  double R; /* GeV^-1 */
} ff_params;

/* |F(t)|^2 dt = |F(q)|^2 2 q dq */
static double ff2_dq(double q, void *vp) {
  const ff_params *p = vp;
  double f = form_factor(q, p->R);
  return 2 * q * f * f;
}

static int sigma_ga(dr_meson m, double k, const nucleus *n, double *coh, double *inc, dr_quad *qd, dr_error *e) {
  const dr_meson_info *v = &mesons[m];
  *coh = *inc = 0;
  double sgp = dr_meson_sigma_gp(m, k);
  if (!(sgp > 0)) return DR_OK;
  double svn = sqrt(16 * DR_PI * v->fv2_4pi * v->slope_b * sgp / DR_ALPHA); /* GeV^-2 */
  double svn_fm2 = svn * HBARC * HBARC;
  double sva = sigma_va_fm2(n, svn_fm2) / (HBARC * HBARC); /* GeV^-2 */
  *inc = sva / svn * sgp;
  /* coherent: t from t_min, q up to where the Yukawa has taken |F|^2 below 1e-12 */
  double tmin = pow(v->mass * v->mass / (2 * k), 2);
  ff_params fp = {n->R / HBARC};
  double qmin = sqrt(tmin), qmax = qmin + 60 / fp.R;
  dr_estimate I;
  int rc = dr_quad_integrate(qd, ff2_dq, &fp, qmin, qmax, NULL, 0, 0, 1e-6, &I);
  if (rc != DR_OK) return DR_FAIL(e, rc, "coherent %s photoproduction: the t integral did not converge", v->name);
  *coh = DR_ALPHA * sva * sva / (16 * DR_PI * v->fv2_4pi) * I.val;
  return DR_OK;
}

int dr_meson_sigma_ga(dr_meson m, double k, const dr_material *mat, double *coherent, double *incoherent,
                      dr_error *e) {
  *coherent = *incoherent = 0;
  if (!dr_meson_get(m)) return DR_FAIL(e, DR_EINVAL, "invalid meson");
  nucleus *n = malloc(sizeof *n);
  dr_quad *qd = dr_quad_alloc(1000);
  int rc = n && qd ? DR_OK : DR_FAIL(e, DR_ENOMEM, "out of memory");
  if (rc == DR_OK) {
    nucleus_init(n, mat);
    rc = sigma_ga(m, k, n, coherent, incoherent, qd, e);
  }
  free(n);
  dr_quad_free(qd);
  return rc;
}

/* ---- yields ---- */
enum { NK = 48, TRACK_INTERVALS = 48 };

/* bremsstrahlung photons per X0 of lepton path and per GeV at k from a lepton of energy E */
static double brem(double k, double E) {
  if (!(k < E)) return 0;
  double y = k / E;
  return (4.0 / 3 - 4.0 / 3 * y + y * y) / k;
}

int dr_meson_yields_computed(const dr_experiment *x, double y[DR_MESON_COUNT], dr_error *e) {
  for (int m = 0; m < DR_MESON_COUNT; m++) y[m] = 0;
  if (x->beam.flavour != 0) return DR_OK; /* muons: no mesons (mesons.h) */
  /* photons from x_th E0 (and the lightest threshold) to x_max E0: E_V ~ k */
  double E0 = x->energy, klo = fmax(x->x_th * E0, k_threshold(DR_MESON_RHO)), khi = fmin(x->x_max, 1) * E0;
  if (!(klo < khi)) return DR_OK;
  int thin = x->target_kind == DR_TARGET_THIN;
  double ybar[TRACK_INTERVALS], w[TRACK_INTERVALS];
  if (!thin && dr_track_tsai(x->thickness_x0, log(E0 / klo), TRACK_INTERVALS, ybar, w, e) != DR_OK)
    return e && e->status ? e->status : DR_EDOMAIN;
  nucleus *n = malloc(sizeof *n);
  dr_quad *qd = dr_quad_alloc(1000);
  gsl_integration_glfixed_table *t = gsl_integration_glfixed_table_alloc(NK);
  int rc = n && qd && t ? DR_OK : DR_FAIL(e, DR_ENOMEM, "out of memory");
  if (rc == DR_OK) nucleus_init(n, x->material);
  /* atoms per cm^3 x X0 [cm] x cm^2 per GeV^-2 */
  double lum = dr_material_atoms_per_cm3(x->material) * x->material->x0_cm * GEV2_CM2;
  double T = x->thickness_x0;
  /* k in ln k from klo to khi */
  for (int i = 0; rc == DR_OK && i < NK; i++) {
    double u, wt;
    gsl_integration_glfixed_point(log(klo), log(khi), (size_t)i, &u, &wt, t);
    double k = exp(u);
    /* photon track length [X0] per GeV at k, per lepton on target */
    double track;
    if (thin) {
      track = 0.5 * T * T * brem(k, E0);
    } else {
      double s = 0;
      for (int j = 0; j < TRACK_INTERVALS; j++) s += w[j] * brem(k, E0 * exp(-ybar[j]));
      track = 9.0 / 7 * s;
    }
    for (int m = 0; rc == DR_OK && m < DR_MESON_COUNT; m++) {
      double coh, inc;
      rc = sigma_ga((dr_meson)m, k, n, &coh, &inc, qd, e);
      y[m] += wt * k * track * lum * (coh + inc);
    }
  }
  free(n);
  dr_quad_free(qd);
  if (t) gsl_integration_glfixed_table_free(t);
  for (int m = 0; rc == DR_OK && m < DR_MESON_COUNT; m++)
    if (!isfinite(y[m])) rc = DR_FAIL(e, DR_EDOMAIN, "meson yields: %s came out %g", mesons[m].name, y[m]);
  return rc;
}
