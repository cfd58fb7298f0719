/* Dark bremsstrahlung l N -> l N X in the Weizsacker-Williams (WW) and
 * improved-WW (IWW) approximations, lepton mass kept.
 *
 * WW double differential (FORMULARY Part II §2.1 table; vector =
 * [Bjorken:2009mm] eq. (A12) and [Catena:2025xxx] eq. (4.1) for m_l -> 0;
 * S, P, A brackets re-derived in Part II and matching [Liu:2016mqv]):
 *
 *   d sigma/(dx dcos theta) = C_X alpha^3 eps^2 E0^2 x beta_X chi
 *                             [ a_X/U^2 + (1-x)^2 K_X C/U^4 ],
 *   U = E0^2 theta^2 x + m_X^2 (1-x)/x + m_l^2 x,
 *   C = m_X^2 - U x/(1-x) + m_l^2 x^2/(1-x) = -E0^2 theta^2 x^2/(1-x)  (exact identity,
 *       used to avoid the cancellation at small theta),
 *   x beta_X = sqrt(x^2 - m_X^2/E0^2),
 *   C_X = 8 (V, A), 4 (S, P);  a_X, K_X below (ww_coeffs).
 *
 * IWW (Part II §2.2): theta integrated analytically over [0, inf) with chi
 * fixed at theta = 0 (dcos theta = dU/(2 E0^2 x)):
 *   d sigma/dx = (C_X/2) alpha^3 eps^2 beta_X chi(x) [ a_X/U_min - x(1-x) K_X/(6 U_min^2) ].
 *
 * Tests: tests/test_xsec.c (dsigma/dx integrates to sigma; eps^2 scaling;
 * threshold; IWW = theta-integral of WW with frozen chi; photon limit =
 * Bethe-Heitler spectrum with the same chi; WW against Part II §9 numbers).
 */
#include "darkreach/xsec.h"

#include "darkreach/constants.h"

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

/* WW prefactor C_X, numerator a_X and K_X (Part II §2.1 table). */
static void ww_coeffs(const dr_process *p, double x, double *C, double *a, double *K) {
  double m2 = p->m_l * p->m_l, M2 = p->m_X * p->m_X;
  switch (dr_model_info_get(p->model)->rule) {
  case DR_VERTEX_VECTOR:
    *C = 8, *a = 1 - x + 0.5 * x * x, *K = M2 + 2 * m2;
    break;
  case DR_VERTEX_AXIAL:
    *C = 8, *a = 1 - x + 0.5 * x * x + m2 * x * x / M2, *K = M2 - 4 * m2;
    break;
  case DR_VERTEX_SCALAR:
    *C = 4, *a = 0.5 * x * x, *K = M2 - 4 * m2;
    break;
  default: /* pseudoscalar (dr_process_init admits no model without a vertex) */
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

/* bracket [a/U^2 + (1-x)^2 K C/U^4] with C = -(U - U_min) x/(1-x), dU = U - U_min */
static double ww_bracket(double a, double K, double x, double U, double dU) {
  double C = -dU * x / (1 - x);
  double U2 = U * U;
  return a / U2 + (1 - x) * (1 - x) * K * C / (U2 * U2);
}

int dr_ww_d2sigma(const dr_process *p, const dr_xsec_opts *o, double x, double theta,
                  dr_xsec_ws *w, double *out, dr_error *e) {
  *out = 0;
  double E = p->E0;
  if (!(x > dr_xsec_xmin(p) && x < dr_xsec_xmax(p)) || theta < 0) return DR_OK;
  double Cx, a, K;
  ww_coeffs(p, x, &Cx, &a, &K);
  double Umin = umin_of(p, x);
  double E2th2 = E * E * theta * theta * x;
  double U = E2th2 + Umin;
  int worst = DR_OK;
  double chi = chi_at(p, o, x, o->ww_chi_frozen ? Umin : U, w->qt, &worst);
  double xb = sqrt(x * x - p->m_X * p->m_X / (E * E));
  double g2 = p->coupling * p->coupling;
  *out = Cx * DR_ALPHA * DR_ALPHA * DR_ALPHA * g2 * E * E * xb * chi *
         ww_bracket(a, K, x, U, E2th2);
  if (worst != DR_OK) return DR_FAIL(e, worst, "flux integral did not converge at x=%g", x);
  return DR_OK;
}

/* ---- WW: theta integral in w = ln(U/U_min) ---- */
typedef struct {
  const dr_process *p;
  const dr_xsec_opts *o;
  dr_xsec_ws *ws;
  double x, Umin, a, K, chi0;
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
  return chi * ww_bracket(tp->a, tp->K, x, U, E2th2) * sinc * U / (2 * E * E * x);
}

static int dsigma_dx_ww(const dr_process *p, const dr_xsec_opts *o, double x, dr_xsec_ws *w,
                        dr_estimate *out) {
  double E = p->E0;
  ww_theta_params tp = {p, o, w, x, umin_of(p, x), 0, 0, 0, DR_OK};
  double Cx;
  ww_coeffs(p, x, &Cx, &tp.a, &tp.K);
  if (o->ww_chi_frozen) tp.chi0 = chi_at(p, o, x, tp.Umin, w->qt, &tp.worst);
  double th_max = o->theta_max;
  double wmax = log1p(E * E * th_max * th_max * x / tp.Umin);
  dr_estimate th;
  int rc = dr_quad_integrate(w->qth, ww_theta_integrand, &tp, 0.0, wmax, NULL, 0, 0.0,
                             fmin(o->rel_tol * 0.3, 1e-4), &th);
  double xb = sqrt(x * x - p->m_X * p->m_X / (E * E));
  double pref = Cx * DR_ALPHA * DR_ALPHA * DR_ALPHA * p->coupling * p->coupling * E * E * xb;
  out->val = pref * th.val;
  out->err = pref * th.err;
  out->neval = th.neval;
  out->chi2_dof = 0;
  out->status = rc != DR_OK ? rc : tp.worst;
  return out->status;
}

static int dsigma_dx_iww(const dr_process *p, const dr_xsec_opts *o, double x, dr_xsec_ws *w,
                         dr_estimate *out) {
  double Cx, a, K;
  ww_coeffs(p, x, &Cx, &a, &K);
  double Umin = umin_of(p, x);
  int worst = DR_OK;
  double chi = chi_at(p, o, x, Umin, w->qt, &worst);
  double bx = sqrt(1 - p->m_X * p->m_X / (x * x * p->E0 * p->E0));
  out->val = 0.5 * Cx * DR_ALPHA * DR_ALPHA * DR_ALPHA * p->coupling * p->coupling * bx * chi *
             (a / Umin - x * (1 - x) * K / (6 * Umin * Umin));
  out->err = 1e-6 * fabs(out->val); /* chi's quadrature tolerance */
  out->neval = 1;
  out->chi2_dof = 0;
  out->status = worst;
  return worst;
}

int dr_ww_dsigma_dx(const dr_process *p, const dr_xsec_opts *o, double x, dr_xsec_ws *w,
                    dr_estimate *out, dr_error *e) {
  memset(out, 0, sizeof *out);
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
