/* Boltzmann equation for Y = n/s against x = m/T (conventions in
 * include/darkreach/relic.h; FORMULARY Part I §10, Part II §6.3), integrated
 * with GSL's stiff multistep BDF (odeiv2 msbdf) at a relative tolerance. */
#include "darkreach/constants.h"
#include "darkreach/relic.h"

#include <gsl/gsl_errno.h>
#include <gsl/gsl_odeiv2.h>
#include <gsl/gsl_sf_bessel.h>
#include <gsl/gsl_spline.h>
#include <math.h>
#include <string.h>

/* Present entropy density and critical density ([Workman:2022ynf]
 * astrophysical constants, T_0 = 2.7255 K): s_0 = 2891.2 cm^-3,
 * rho_c/h^2 = 1.05371e-5 GeV cm^-3. Omega h^2 = m Y s_0/(rho_c/h^2). */
double dr_relic_omega_per_mY(void) { return 2891.2 / 1.05371e-5; }

/* Maxwell-Boltzmann Y_eq = 45 g x^2 K2(x)/(4 pi^4 h_eff) (Part II §6.3) */
double dr_relic_yeq(double x, int g, double h_eff) {
  return 45.0 * g * x * x * gsl_sf_bessel_Kn(2, x) / (4 * pow(DR_PI, 4) * h_eff);
}

dr_boltzmann_opts dr_boltzmann_opts_default(void) {
  dr_boltzmann_opts o = {5.0, 1000.0, 1e-8};
  return o;
}

typedef struct {
  double m;
  int g, self_conj;
  dr_sigmav_fn f;
  void *fp;
  const dr_gstar *gs;
  int status;
  dr_error *e;
} bz_params;

static int bz_lambda(double x, bz_params *p, double *lam, double *yeq) {
  double T = p->m / x, geff, heff, gh, sv;
  int rc = dr_gstar_eval(p->gs, T, &geff, &heff, &gh, p->e);
  if (rc == DR_OK) rc = p->f(x, p->fp, &sv);
  if (rc != DR_OK) {
    p->status = rc;
    return GSL_EBADFUNC;
  }
  if (!p->self_conj) sv *= 0.5; /* Y counts chi + chibar */
  *lam = sqrt(DR_PI / 45) * DR_M_PLANCK * p->m * gh / (x * x) * sv;
  *yeq = dr_relic_yeq(x, p->g, heff);
  return GSL_SUCCESS;
}

static int bz_rhs(double x, const double y[], double dydx[], void *vp) {
  double lam, yeq;
  int rc = bz_lambda(x, vp, &lam, &yeq);
  if (rc != GSL_SUCCESS) return rc;
  dydx[0] = -lam * (y[0] * y[0] - yeq * yeq);
  return GSL_SUCCESS;
}

static int bz_jac(double x, const double y[], double *dfdy, double dfdt[], void *vp) {
  double lam, yeq, h = 1e-6 * x, lam2, yeq2;
  int rc = bz_lambda(x, vp, &lam, &yeq);
  if (rc == GSL_SUCCESS) rc = bz_lambda(x + h, vp, &lam2, &yeq2);
  if (rc != GSL_SUCCESS) return rc;
  dfdy[0] = -2 * lam * y[0];
  dfdt[0] = (-lam2 * (y[0] * y[0] - yeq2 * yeq2) + lam * (y[0] * y[0] - yeq * yeq)) / h;
  return GSL_SUCCESS;
}

int dr_boltzmann_solve(double m, int g, int self_conjugate, dr_sigmav_fn f, void *params,
                       const dr_gstar *gs, const dr_boltzmann_opts *o, dr_relic_result *r,
                       dr_error *e) {
  memset(r, 0, sizeof *r);
  if (!(m > 0)) return DR_FAIL(e, DR_EINVAL, "dark-matter mass must be positive (got %g GeV)", m);
  double x0 = o->x_start, x1 = fmin(o->x_end, m / dr_gstar_tmin(gs));
  if (m / x0 > dr_gstar_tmax(gs))
    return DR_FAIL(e, DR_EDOMAIN, "T = m/x_start = %g GeV is above the g_* table", m / x0);
  if (!(x1 > 20 * x0))
    return DR_FAIL(e, DR_EDOMAIN, "m = %g GeV: the g_* table (T >= %g GeV) ends before freeze-out", m,
                   dr_gstar_tmin(gs));
  bz_params p = {m, g, self_conjugate, f, params, gs, DR_OK, e};
  gsl_odeiv2_system sys = {bz_rhs, bz_jac, 1, &p};
  gsl_odeiv2_driver *d = gsl_odeiv2_driver_alloc_y_new(&sys, gsl_odeiv2_step_msbdf, 1e-6 * x0, 0.0, o->rel_tol);
  if (!d) return DR_FAIL(e, DR_ENOMEM, "out of memory");
  double geff, heff;
  int rc = dr_gstar_eval(gs, m / x0, &geff, &heff, NULL, e);
  if (rc != DR_OK) {
    gsl_odeiv2_driver_free(d);
    return rc;
  }
  double y[1] = {dr_relic_yeq(x0, g, heff)}, x = x0;
  const int N = 400;
  r->x_f = NAN;
  for (int i = 1; i <= N && rc == DR_OK; i++) {
    double xi = x0 * pow(x1 / x0, (double)i / N);
    int s = gsl_odeiv2_driver_apply(d, &x, xi, y);
    if (s != GSL_SUCCESS) {
      rc = p.status != DR_OK ? p.status : DR_ENOCONV;
      DR_FAIL(e, rc, "Boltzmann integration stopped at x = %g", x);
      break;
    }
    if (isnan(r->x_f)) { /* freeze-out: Y = 2 Y_eq (Y - Y_eq = Y_eq) */
      dr_gstar_eval(gs, m / xi, NULL, &heff, NULL, e);
      if (y[0] >= 2 * dr_relic_yeq(xi, g, heff)) r->x_f = xi;
    }
  }
  gsl_odeiv2_driver_free(d);
  r->y_inf = y[0];
  r->x_end = x;
  r->omega_h2 = m * y[0] * dr_relic_omega_per_mY();
  r->status = rc;
  return rc;
}

/* ---- model: tabulate <sigma v>(x) once, spline it for the ODE ---- */
enum { SV_NODES = 64 };

typedef struct {
  gsl_spline *sp;
  double lx0, lx1;
} sv_table;

static int sv_table_eval(double x, void *vp, double *sv) {
  sv_table *t = vp;
  double l = fmin(fmax(log(x), t->lx0), t->lx1); /* nodes span [x_start, x_end] exactly */
  *sv = exp(gsl_spline_eval(t->sp, l, NULL));
  return DR_OK;
}

int dr_relic_omega(const dr_relic_model *m, const dr_gstar *gs, dr_relic_result *r, dr_error *e) {
  memset(r, 0, sizeof *r);
  int g, sc;
  int rc = dr_relic_dm_dof(m->dm, &g, &sc, e);
  if (rc != DR_OK) return rc;
  if (!(m->m_dm > 0 && m->m_med > 0 && m->alpha_d > 0 && m->eps > 0))
    return DR_FAIL(e, DR_EINVAL, "relic model needs positive masses and couplings");
  dr_boltzmann_opts o = dr_boltzmann_opts_default();
  double x0 = o.x_start, x1 = fmin(o.x_end, m->m_dm / dr_gstar_tmin(gs));
  double lx[SV_NODES], lsv[SV_NODES];
  dr_quad *q = dr_quad_alloc(1000);
  if (!q) return DR_FAIL(e, DR_ENOMEM, "out of memory");
  for (int i = 0; i < SV_NODES && rc == DR_OK; i++) {
    lx[i] = log(x0) + (log(x1) - log(x0)) * i / (SV_NODES - 1);
    dr_estimate sv;
    rc = dr_relic_sigmav(m, exp(lx[i]), q, &sv, e);
    if (rc == DR_OK && !(sv.val > 0)) rc = DR_FAIL(e, DR_EDOMAIN, "<sigma v> vanishes at x = %g", exp(lx[i]));
    lsv[i] = rc == DR_OK ? log(sv.val) : 0;
  }
  dr_quad_free(q);
  if (rc != DR_OK) return rc;
  sv_table t = {gsl_spline_alloc(gsl_interp_steffen, SV_NODES), lx[0], lx[SV_NODES - 1]};
  if (!t.sp) return DR_FAIL(e, DR_ENOMEM, "out of memory");
  gsl_spline_init(t.sp, lx, lsv, SV_NODES);
  o.x_end = x1;
  rc = dr_boltzmann_solve(m->m_dm, g, sc, sv_table_eval, &t, gs, &o, r, e);
  gsl_spline_free(t.sp);
  return rc;
}

typedef struct {
  dr_relic_model *m;
  const dr_gstar *gs;
  double target;
  int status;
  dr_error *e;
} target_params;

static double target_fn(double leps, void *vp) {
  target_params *p = vp;
  p->m->eps = exp(leps);
  dr_relic_result r;
  int rc = dr_relic_omega(p->m, p->gs, &r, p->e);
  if (rc != DR_OK) p->status = rc;
  return log(r.omega_h2 > 0 ? r.omega_h2 : 1e-300) - log(p->target);
}

int dr_relic_target(dr_relic_model *m, const dr_gstar *gs, double target, double *eps, double *y,
                    dr_relic_result *r, dr_error *e) {
  target_params p = {m, gs, target, DR_OK, e};
  /* Omega ~ 1/eps^2: start from eps = 1e-4 and bracket geometrically */
  double lo = log(1e-4), flo = target_fn(lo, &p);
  if (p.status != DR_OK) return p.status;
  double hi = lo, fhi = flo;
  for (int i = 0; i < 40 && flo * fhi > 0; i++) {
    double step = flo > 0 ? 1.5 : -1.5; /* too much DM -> larger eps */
    lo = hi, flo = fhi;
    hi = lo + step;
    fhi = target_fn(hi, &p);
    if (p.status != DR_OK) return p.status;
  }
  if (flo * fhi > 0) return DR_FAIL(e, DR_ENOCONV, "no coupling gives Omega h^2 = %g", target);
  double a = fmin(lo, hi), b = fmax(lo, hi), root;
  int rc = dr_root_brent(target_fn, &p, a, b, 1e-7, 1e-7, &root, e);
  if (p.status != DR_OK) return p.status;
  if (rc != DR_OK) return rc;
  m->eps = exp(root);
  rc = dr_relic_omega(m, gs, r, e);
  *eps = m->eps;
  *y = m->eps * m->eps * m->alpha_d * pow(m->m_dm / m->m_med, 4);
  return rc;
}
