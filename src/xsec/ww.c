/* Dark bremsstrahlung l N -> l N X in the Weizsacker-Williams (WW) and
 * improved-WW (IWW) approximations, lepton mass kept.
 *
 * WW: the master formula ([Bjorken:2009mm] App. A; [Liu:2016mqv]; derivation note FORMULARY
 * Part II §2.1)
 *   d sigma/(dx dcos theta) = (alpha chi/pi) E0^2 x beta_X/(1-x) |A|^2/(8 pi s^2)
 *                           = 2 alpha^3 c^2 E0^2 x beta_X chi (1-x) A_X/U^2,
 *   s = U/(1-x), u = -U, U = E0^2 theta^2 x + m_X^2 (1-x)/x + m_l^2 x,
 *   x beta_X = sqrt(x^2 - m_X^2/E0^2), |A|^2 = e^2 g^2 A_X, g = c e,
 * with A_X the averaged |A|^2 of gamma l -> l X computed from the model's
 * vertex rule by the amplitude engine (dr_amp_compton): no model-specific
 * algebra. For the vector this is [Bjorken:2009mm] eq. (A12) and
 * [arXiv:2502.13635] eq. (4.1) with m_l kept; for the dipoles [arXiv:2502.13635]
 * eq. (4.2). chi is evaluated at t_min = U^2/(4 E0^2 (1-x)^2) for each angle.
 * Dipole production is not forward-peaked (A_X/U^2 ~ x^2/U): the theta
 * integral grows with theta_max, which must be chosen (or use ETL).
 *
 * IWW (a darkreach variant of [Bjorken:2009mm] App. A; derivation note FORMULARY Part II
 * §2.2): theta integrated analytically over [0, inf)
 * with chi fixed at theta = 0 (dcos theta = dU/(2 E0^2 x)):
 *   d sigma/dx = (C_X/2) alpha^3 c^2 beta_X chi(x) [ a_X/U_min - x(1-x) K_X/(6 U_min^2) ]
 * for V, A, S, P (a_X, K_X, C_X in ww_coeffs); charge radius and anapole as V
 * and A times m_X^4 (their on-shell identity, tests/test_amp.c); the dipoles
 * have no IWW (the integral to infinity diverges): DR_EINVAL.
 *
 * Tests: tests/test_xsec.c (dsigma/dx integrates to sigma; c^2 scaling;
 * threshold; IWW = theta-integral of WW with frozen chi; photon limit =
 * Bethe-Heitler spectrum with the same chi; WW against Part II §9 numbers; the
 * generic A_X against the closed-form brackets of Part II §2.1 and §2.5).
 */
#include "darkreach/xsec.h"

#include "darkreach/constants.h"
#include "darkreach/mcp.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

struct dr_xsec_ws {
  dr_quad *qx, *qth, *qt;
};

dr_xsec_ws *dr_xsec_ws_alloc(void) {
  dr_xsec_ws *w = calloc(1, sizeof *w);
  if (!w) return NULL;
  w->qx = dr_quad_alloc(200);
  w->qth = dr_quad_alloc(200);
  w->qt = dr_quad_alloc(200);
  if (!w->qx || !w->qth || !w->qt) {
    dr_xsec_ws_free(w);
    return NULL;
  }
  return w;
}

void dr_xsec_ws_free(dr_xsec_ws *w) {
  if (!w) return;
  dr_quad_free(w->qx);
  dr_quad_free(w->qth);
  dr_quad_free(w->qt);
  free(w);
}

static dr_vertex_rule rule_of(const dr_process *p) { return dr_model_info_get(p->model)->rule; }

static int has_iww(dr_vertex_rule r) {
  return r != DR_VERTEX_MAGNETIC_DIPOLE && r != DR_VERTEX_ELECTRIC_DIPOLE && r != DR_VERTEX_SPIN2;
}

/* IWW prefactor C_X, numerator a_X and K_X (Part II §2.2 table, with C_X of
 * the §2.1 normalisation: 8 for V, A; 4 for S, P); charge radius and anapole
 * are V and A times m_X^4 (returned in *scale, 1 otherwise) */
static void ww_coeffs(const dr_process *p, double x, double *C, double *a, double *K, double *scale) {
  double m2 = p->m_l * p->m_l, M2 = p->m_X * p->m_X;
  dr_vertex_rule r = rule_of(p);
  *scale = r == DR_VERTEX_CHARGE_RADIUS || r == DR_VERTEX_ANAPOLE ? M2 * M2 : 1;
  switch (r) {
  case DR_VERTEX_VECTOR:
  case DR_VERTEX_CHARGE_RADIUS:
    *C = 8, *a = 1 - x + 0.5 * x * x, *K = M2 + 2 * m2;
    break;
  case DR_VERTEX_AXIAL:
  case DR_VERTEX_ANAPOLE:
    *C = 8, *a = 1 - x + 0.5 * x * x + m2 * x * x / M2, *K = M2 - 4 * m2;
    break;
  case DR_VERTEX_SCALAR:
    *C = 4, *a = 0.5 * x * x, *K = M2 - 4 * m2;
    break;
  default: /* pseudoscalar (the dipoles never get here: has_iww) */
    *C = 4, *a = 0.5 * x * x, *K = M2;
    break;
  }
}

static double umin_of(const dr_process *p, double x) {
  return p->m_X * p->m_X * (1 - x) / x + p->m_l * p->m_l * x;
}

static double chi_at(const dr_process *p, const dr_xsec_opts *o, double x, double U, dr_quad *q,
                     int *worst) {
  double E = p->E0;
  double tmin = U * U / (4 * E * E * (1 - x) * (1 - x));
  dr_estimate c;
  dr_flux_chi(&p->ff, tmin, dr_xsec_tmax(p, o->tmax), q, 1e-6, &c);
  if (c.status != DR_OK) *worst = c.status;
  return c.val;
}

/* (1-x) A_X(s = U/(1-x), u = -U)/U^2: the x- and angle-dependent part of the WW formula */
static double ww_kernel(const dr_process *p, double x, double U) {
  return (1 - x) * (double)dr_amp_compton(rule_of(p), p->m_l, p->m_X, U / (1 - x), -U) / (U * U);
}

/* the same at U = U_min + dU for a rule with a photon pole (dr_amp_has_photon_pole), from
 *   d = s - m_X^2 = m_X^2 (1-x)/x + (m_l^2 x + dU)/(1-x),   v = -(p - p')^2 = (m_l^2 x^2 + x dU)/(1-x),
 * which have no cancellation: at dU = 0, v is m_l^2 x^2/(1-x), where the square peaks as 1/v^2 */
static double ww_kernel_pole(const dr_process *p, double x, double dU) {
  double m2 = p->m_l * p->m_l, M2 = p->m_X * p->m_X, U = umin_of(p, x) + dU;
  double d = M2 * (1 - x) / x + (m2 * x + dU) / (1 - x), v = (m2 * x * x + x * dU) / (1 - x);
  return (1 - x) * (double)dr_amp_compton_dv(rule_of(p), p->m_l, p->m_X, d, v) / (U * U);
}

/* alpha c^2 = g^2/(4 pi), g the mediator's coupling to the beam lepton (c = g/e: include/darkreach/model.h) */
static double alpha_c2(const dr_process *p) {
  double g = dr_model_lepton_g(p->model, p->coupling, dr_lepton_index(p->m_l), p->m_X);
  return g * g / (4 * DR_PI);
}

/* 2 alpha^3 c^2 E0^2 x beta_X */
static double ww_pref(const dr_process *p, double x) {
  double E = p->E0;
  return 2 * DR_ALPHA * DR_ALPHA * alpha_c2(p) * E * E * sqrt(x * x - p->m_X * p->m_X / (E * E));
}

int dr_ww_d2sigma(const dr_process *p, const dr_xsec_opts *o, double x, double theta,
                  dr_xsec_ws *w, double *out, dr_error *e) {
  *out = 0;
  double E = p->E0;
  if (!(x > dr_xsec_xmin(p) && x < dr_xsec_xmax(p)) || theta < 0) return DR_OK;
  double Umin = umin_of(p, x), dU = E * E * theta * theta * x;
  double U = dU + Umin;
  int worst = DR_OK;
  double chi = chi_at(p, o, x, o->ww_chi_frozen ? Umin : U, w->qt, &worst);
  /* with a photon pole, v from dU without the cancellation of s + u - m_X^2 (ww_kernel_pole) */
  double k = dr_amp_has_photon_pole(rule_of(p)) ? ww_kernel_pole(p, x, dU) : ww_kernel(p, x, U);
  *out = ww_pref(p, x) * chi * k;
  if (worst != DR_OK) return DR_FAIL(e, worst, "flux integral did not converge at x=%g", x);
  return DR_OK;
}

/* ---- WW: theta integral in w = ln(U/U_min) ---- */
typedef struct {
  const dr_process *p;
  const dr_xsec_opts *o;
  dr_xsec_ws *ws;
  double x, Umin, chi0;
  int worst;
} ww_theta_params;

static double ww_theta_integrand(double wv, void *vp) {
  ww_theta_params *tp = vp;
  const dr_process *p = tp->p;
  double E = p->E0, x = tp->x;
  double U = tp->Umin * exp(wv);
  double E2th2 = tp->Umin * expm1(wv); /* = E^2 theta^2 x */
  double th = sqrt(E2th2 / (E * E * x));
  double sinc = th > 1e-4 ? sin(th) / th : 1 - th * th / 6;
  double chi = tp->o->ww_chi_frozen ? tp->chi0 : chi_at(p, tp->o, x, U, tp->ws->qt, &tp->worst);
  /* dcos theta = sin(theta) dtheta = sinc * U dw / (2 E^2 x) */
  return chi * ww_kernel(p, x, U) * sinc * U / (2 * E * E * x);
}

/* With a photon pole the angle is integrated in r = ln(v/v0), v = -(p - p')^2 (ww_kernel_pole):
 * the square goes as 1/v from v ~ m_X^2 down to v0 = m_l^2 x^2/(1-x), 1e-15 of U_min for electrons
 * near threshold, a peak that w = ln(U/U_min) would squeeze below the quadrature's reach.
 * dU = (1-x) v0 (e^r - 1)/x = E^2 theta^2 x, and dU = (1-x) v dr/x. */
static double ww_theta_integrand_pole(double r, void *vp) {
  ww_theta_params *tp = vp;
  const dr_process *p = tp->p;
  double E = p->E0, x = tp->x, m = p->m_l;
  double v0 = m * m * x * x / (1 - x), v = v0 * exp(r), dU = (1 - x) * v0 * expm1(r) / x;
  double th = sqrt(dU / (E * E * x));
  double sinc = th > 1e-4 ? sin(th) / th : 1 - th * th / 6;
  double chi = tp->o->ww_chi_frozen ? tp->chi0 : chi_at(p, tp->o, x, tp->Umin + dU, tp->ws->qt, &tp->worst);
  return chi * ww_kernel_pole(p, x, dU) * sinc * (1 - x) * v / (2 * E * E * x * x);
}

static int dsigma_dx_ww(const dr_process *p, const dr_xsec_opts *o, double x, dr_xsec_ws *w,
                        dr_estimate *out) {
  double E = p->E0;
  ww_theta_params tp = {p, o, w, x, umin_of(p, x), 0, DR_OK};
  if (o->ww_chi_frozen) tp.chi0 = chi_at(p, o, x, tp.Umin, w->qt, &tp.worst);
  double th_max = o->theta_max, dU_max = E * E * th_max * th_max * x;
  int pole = dr_amp_has_photon_pole(rule_of(p));
  double m2 = p->m_l * p->m_l;
  double hi = pole ? log1p(dU_max / (m2 * x)) : log1p(dU_max / tp.Umin); /* x dU/((1-x) v0) = dU/(m^2 x) */
  dr_estimate th;
  int rc = dr_quad_integrate(w->qth, pole ? ww_theta_integrand_pole : ww_theta_integrand, &tp, 0.0, hi, NULL, 0,
                             0.0, fmin(o->rel_tol * 0.3, 1e-4), &th);
  double pref = ww_pref(p, x);
  out->val = pref * th.val;
  out->err = pref * th.err;
  out->neval = th.neval;
  out->chi2_dof = 0;
  out->status = rc != DR_OK ? rc : tp.worst;
  return out->status;
}

static int dsigma_dx_iww(const dr_process *p, const dr_xsec_opts *o, double x, dr_xsec_ws *w,
                         dr_estimate *out) {
  double Cx, a, K, scale;
  ww_coeffs(p, x, &Cx, &a, &K, &scale);
  double Umin = umin_of(p, x);
  int worst = DR_OK;
  double chi = chi_at(p, o, x, Umin, w->qt, &worst);
  double bx = sqrt(1 - p->m_X * p->m_X / (x * x * p->E0 * p->E0));
  out->val = 0.5 * Cx * DR_ALPHA * DR_ALPHA * alpha_c2(p) * scale * bx * chi *
             (a / Umin - x * (1 - x) * K / (6 * Umin * Umin));
  out->err = 1e-6 * fabs(out->val); /* chi's quadrature tolerance */
  out->neval = 1;
  out->chi2_dof = 0;
  out->status = worst;
  return worst;
}

int dr_method_check(dr_model_kind model, dr_method method, dr_error *e) {
  if (method != DR_METHOD_IWW || has_iww(dr_model_info_get(model)->rule)) return DR_OK;
  return DR_FAIL(e, DR_EINVAL,
                 "IWW integrates the angle to infinity, which diverges for the %s (its rate is not forward-peaked):"
                 " use WW with an angular cut (theta_max) or exact tree level",
                 dr_model_name(model));
}

static int iww_refused(const dr_process *p, const dr_xsec_opts *o, dr_error *e) {
  return dr_method_check(p->model, o->method, e);
}

int dr_ww_dsigma_dx(const dr_process *p, const dr_xsec_opts *o, double x, dr_xsec_ws *w,
                    dr_estimate *out, dr_error *e) {
  memset(out, 0, sizeof *out);
  if (dr_model_is_pair(p->model)) { /* src/xsec/mcp.c */
    dr_xsec_opts ow = *o;
    if (ow.method == DR_METHOD_ETL) ow.method = DR_METHOD_WW;
    return dr_mcp_dsigma_dx(p, &ow, x, w, out, e);
  }
  if (iww_refused(p, o, e)) return DR_EINVAL;
  if (!(x > dr_xsec_xmin(p) && x < dr_xsec_xmax(p))) return DR_OK;
  int rc = o->method == DR_METHOD_WW ? dsigma_dx_ww(p, o, x, w, out) : dsigma_dx_iww(p, o, x, w, out);
  if (rc != DR_OK) return DR_FAIL(e, rc, "d sigma/dx did not converge at x=%g", x);
  return DR_OK;
}

/* ---- total: x in [lo, 0.9] directly, [0.9, hi] in v = -ln(1-x) ---- */
typedef struct {
  const dr_process *p;
  const dr_xsec_opts *o;
  dr_xsec_ws *w;
  int worst;
} x_params;

static double x_integrand(double x, void *vp) {
  x_params *xp = vp;
  dr_estimate d;
  int rc = xp->o->method == DR_METHOD_WW ? dsigma_dx_ww(xp->p, xp->o, x, xp->w, &d)
                                         : dsigma_dx_iww(xp->p, xp->o, x, xp->w, &d);
  if (rc != DR_OK) xp->worst = rc;
  return d.val;
}

static double v_integrand(double v, void *vp) {
  double omx = exp(-v);
  return x_integrand(1 - omx, vp) * omx;
}

int dr_ww_sigma(const dr_process *p, const dr_xsec_opts *o, double x_lo, double x_hi, dr_xsec_ws *w,
                dr_estimate *out, dr_error *e) {
  memset(out, 0, sizeof *out);
  if (dr_model_is_pair(p->model)) { /* the q integral over the vector's WW rate (src/xsec/mcp.c) */
    dr_xsec_opts ow = *o;
    if (ow.method == DR_METHOD_ETL) ow.method = DR_METHOD_WW;
    return dr_mcp_sigma(p, &ow, x_lo, x_hi, w, out, e);
  }
  if (iww_refused(p, o, e)) return DR_EINVAL;
  double lo = fmax(x_lo, dr_xsec_xmin(p)), hi = fmin(x_hi, dr_xsec_xmax(p));
  if (!(hi > lo)) return DR_OK;
  x_params xp = {p, o, w, DR_OK};
  const double xs = 0.9;
  dr_estimate a = {0}, b = {0};
  int rc = DR_OK;
  /* the outer integral gets the tolerance; inner ones are tighter */
  if (lo < xs) {
    int r = dr_quad_integrate(w->qx, x_integrand, &xp, lo, fmin(hi, xs), NULL, 0, 0.0, o->rel_tol, &a);
    if (r != DR_OK) rc = r;
  }
  if (hi > xs) {
    int r = dr_quad_integrate(w->qx, v_integrand, &xp, -log1p(-fmax(lo, xs)), -log1p(-hi), NULL, 0,
                              0.0, o->rel_tol, &b);
    if (r != DR_OK) rc = r;
  }
  out->val = a.val + b.val;
  out->err = a.err + b.err;
  out->neval = a.neval + b.neval;
  out->status = rc != DR_OK ? rc : xp.worst;
  if (out->status != DR_OK)
    return DR_FAIL(e, out->status, "sigma(%g < x < %g) did not reach rel. tolerance %g", lo, hi,
                   o->rel_tol);
  return DR_OK;
}
