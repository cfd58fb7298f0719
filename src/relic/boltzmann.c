/* Boltzmann equation for Y = n/s against x = m/T (conventions in
 * include/darkreach/relic.h; [Gondolo:1990dk]; derivation note FORMULARY Part I §10, Part II §6.3), integrated
 * with GSL's stiff multistep BDF (odeiv2 msbdf) at a relative tolerance. */
#include "darkreach/constants.h"
#include "darkreach/num.h"
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
  return 45.0 * g * x * x * dr_bessel_k2_scaled(x) * exp(-x) / (4 * pow(DR_PI, 4) * h_eff);
}

/* Y_eq of one state (delta = 0) or of two states of g/2 each split by delta */
static double yeq_states(double x, int g, double delta, double h_eff) {
  if (!(delta > 0)) return dr_relic_yeq(x, g, h_eff);
  double x2 = x * (1 + delta);
  return 45.0 * (g / 2) * (x * x * dr_bessel_k2_scaled(x) * exp(-x) + x2 * x2 * dr_bessel_k2_scaled(x2) * exp(-x2)) /
         (4 * pow(DR_PI, 4) * h_eff);
}

dr_boltzmann_opts dr_boltzmann_opts_default(void) {
  dr_boltzmann_opts o = {5.0, 1000.0, 1e-7, 0.0};
  return o;
}

/* largest x that stays strictly inside the g_* table (T = m/x >= T_min) */
static double x_end_in_table(const dr_gstar *gs, double m, double x_end) {
  return fmin(x_end, m / dr_gstar_tmin(gs) * (1 - 1e-9));
}

typedef struct {
  double m, delta;
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
  *yeq = yeq_states(x, p->g, p->delta, heff);
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
  /* backward difference in x: x + h could leave the g_* table at x_end */
  double lam, yeq, h = 1e-6 * x, lam2, yeq2;
  int rc = bz_lambda(x, vp, &lam, &yeq);
  if (rc == GSL_SUCCESS) rc = bz_lambda(x - h, vp, &lam2, &yeq2);
  if (rc != GSL_SUCCESS) return rc;
  dfdy[0] = -2 * lam * y[0];
  dfdt[0] = (-lam * (y[0] * y[0] - yeq * yeq) + lam2 * (y[0] * y[0] - yeq2 * yeq2)) / h;
  return GSL_SUCCESS;
}

int dr_boltzmann_solve(double m, int g, int self_conjugate, dr_sigmav_fn f, void *params,
                       const dr_gstar *gs, const dr_boltzmann_opts *o, dr_relic_result *r,
                       dr_error *e) {
  memset(r, 0, sizeof *r);
  if (!(m > 0)) return DR_FAIL(e, DR_EINVAL, "dark-matter mass must be positive (got %g GeV)", m);
  double x0 = o->x_start, x1 = x_end_in_table(gs, m, o->x_end);
  if (m / x0 > dr_gstar_tmax(gs))
    return DR_FAIL(e, DR_EDOMAIN, "T = m/x_start = %g GeV is above the g_* table", m / x0);
  if (!(x1 > 20 * x0))
    return DR_FAIL(e, DR_EDOMAIN, "m = %g GeV: the g_* table (T >= %g GeV) ends before freeze-out", m,
                   dr_gstar_tmin(gs));
  bz_params p = {m, o->delta, g, self_conjugate, f, params, gs, DR_OK, e};
  gsl_odeiv2_system sys = {bz_rhs, bz_jac, 1, &p};
  gsl_odeiv2_driver *d = gsl_odeiv2_driver_alloc_y_new(&sys, gsl_odeiv2_step_msbdf, 1e-6 * x0, 0.0, o->rel_tol);
  if (!d) return DR_FAIL(e, DR_ENOMEM, "out of memory");
  double geff, heff;
  int rc = dr_gstar_eval(gs, m / x0, &geff, &heff, NULL, e);
  if (rc != DR_OK) {
    gsl_odeiv2_driver_free(d);
    return rc;
  }
  double y[1] = {yeq_states(x0, g, o->delta, heff)}, x = x0;
  const int N = 100;
  r->x_f = NAN;
  double prev_x = x0, prev_ratio = 1.0; /* Y/Y_eq at the previous grid point */
  for (int i = 1; i <= N && rc == DR_OK; i++) {
    double xi = x0 * pow(x1 / x0, (double)i / N);
    int s = gsl_odeiv2_driver_apply(d, &x, xi, y);
    if (s != GSL_SUCCESS) {
      rc = p.status != DR_OK ? p.status : DR_ENOCONV;
      DR_FAIL(e, rc, "Boltzmann integration stopped at x = %g", x);
      break;
    }
    if (isnan(r->x_f)) { /* freeze-out: Y = 2 Y_eq, located by interpolation in ln x */
      dr_gstar_eval(gs, m / xi, NULL, &heff, NULL, e);
      double ratio = y[0] / yeq_states(xi, g, o->delta, heff);
      if (ratio >= 2) {
        double f = (2 - prev_ratio) / (ratio - prev_ratio);
        r->x_f = prev_x * pow(xi / prev_x, f);
      }
      prev_x = xi, prev_ratio = ratio;
    }
  }
  gsl_odeiv2_driver_free(d);
  r->y_inf = y[0];
  r->x_end = x;
  r->omega_h2 = m * y[0] * dr_relic_omega_per_mY();
  r->status = rc;
  return rc;
}

/* ---- model: tabulate <sigma v>(x) once, spline it for the ODE ----
 * <sigma v> is proportional to eps^2 except through the eps^2 Gamma_SM part of
 * the dark-photon width in the propagator. The relic-target solve therefore
 * rescales one table by (eps/eps_table)^2 while it searches; where the width
 * at the solution differs from the table's by less than 1e-7 the rescaled
 * table is the solution's, else it rebuilds the table at the solution and
 * solves again until eps moves by less than 1e-5. */
enum { SV_NODES = 40 };

typedef struct {
  gsl_spline *sp;
  double lx0, lx1, scale;
  int coann;    /* pseudo-Dirac: apply the co-annihilation weight */
  double delta; /* its splitting */
} sv_table;

static int sv_table_eval(double x, void *vp, double *sv) {
  sv_table *t = vp;
  double l = fmin(fmax(log(x), t->lx0), t->lx1); /* nodes span [x_start, x_end] exactly */
  *sv = t->scale * exp(gsl_spline_eval(t->sp, l, NULL));
  if (t->coann) { /* [Griest:1990kh]: 2 g1 g2 w/(g1 + g2 w)^2, w = (1+delta)^{3/2} e^{-x delta} */
    double w = pow(1 + t->delta, 1.5) * exp(-x * t->delta);
    *sv *= 2 * 4 * w / ((2 + 2 * w) * (2 + 2 * w));
  }
  return DR_OK;
}

static int sv_table_build(const dr_relic_model *m, const dr_gstar *gs, sv_table *t, dr_error *e) {
  double x0 = dr_boltzmann_opts_default().x_start, x1 = x_end_in_table(gs, m->m_dm, dr_boltzmann_opts_default().x_end);
  double lx[SV_NODES], lsv[SV_NODES];
  int rc = DR_OK;
  dr_quad *q = dr_quad_alloc(1000);
  if (!q) return DR_FAIL(e, DR_ENOMEM, "out of memory");
  for (int i = 0; i < SV_NODES && rc == DR_OK; i++) {
    lx[i] = log(x0) + (log(x1) - log(x0)) * i / (SV_NODES - 1);
    dr_estimate sv;
    rc = dr_relic_sigmav(m, exp(lx[i]), q, &sv, e);
    if (rc == DR_OK && !(sv.val > 0))
      rc = DR_FAIL(e, DR_EDOMAIN, "no annihilation channel is open: <sigma v> = 0 at m_DM = %g GeV, x = %g",
                   m->m_dm, exp(lx[i]));
    lsv[i] = rc == DR_OK ? log(sv.val) : 0;
  }
  dr_quad_free(q);
  if (rc != DR_OK) return rc;
  t->sp = gsl_spline_alloc(gsl_interp_steffen, SV_NODES);
  if (!t->sp) return DR_FAIL(e, DR_ENOMEM, "out of memory");
  gsl_spline_init(t->sp, lx, lsv, SV_NODES);
  t->lx0 = lx[0];
  t->lx1 = lx[SV_NODES - 1];
  t->scale = 1;
  t->coann = m->dm == DR_DM_PSEUDO_DIRAC;
  t->delta = t->coann ? m->delta : 0;
  return DR_OK;
}

static int omega_from_table(const dr_relic_model *m, const dr_gstar *gs, sv_table *t, dr_relic_result *r,
                            dr_error *e) {
  int g, sc;
  int rc = dr_relic_dm_dof(m->dm, &g, &sc, e);
  if (rc != DR_OK) return rc;
  dr_boltzmann_opts o = dr_boltzmann_opts_default();
  o.x_end = x_end_in_table(gs, m->m_dm, dr_boltzmann_opts_default().x_end);
  o.delta = m->dm == DR_DM_PSEUDO_DIRAC ? m->delta : 0;
  return dr_boltzmann_solve(m->m_dm, g, sc, sv_table_eval, t, gs, &o, r, e);
}

/* the s-channel propagator is a Breit-Wigner: meaningful for a narrow dark photon only */
static int narrow(const dr_relic_model *m, dr_error *e) {
  double gam;
  int rc = dr_relic_width(m, &gam, e);
  if (rc != DR_OK) return rc;
  if (!(gam < m->m_med))
    return DR_FAIL(e, DR_EDOMAIN,
                   "the dark photon is broader than its mass at coupling %g (width %g GeV, mass %g GeV): the "
                   "relic calculation's Breit-Wigner propagator needs a narrow resonance",
                   m->g, gam, m->m_med);
  return DR_OK;
}

static int check_model(const dr_relic_model *m, dr_error *e) {
  int g, sc;
  int rc = dr_relic_dm_dof(m->dm, &g, &sc, e);
  if (rc != DR_OK) return rc;
  if (!(m->m_dm > 0 && m->m_med > 0 && m->alpha_d > 0 && m->g > 0))
    return DR_FAIL(e, DR_EINVAL, "relic model needs positive masses and couplings");
  const dr_model_info *mi = dr_model_info_get(m->model);
  if (!mi || !mi->dark_portal) {
    char list[256];
    return DR_FAIL(e, DR_EINVAL, "relic targets need a model with a dark-matter coupling (%s); got %s",
                   dr_model_list(list, sizeof list, DR_MODELS_DARK), mi ? mi->name : "an invalid model");
  }
  if (m->dm == DR_DM_PSEUDO_DIRAC && !(m->delta >= 0 && m->delta < 1))
    return DR_FAIL(e, DR_EINVAL, "pseudo-Dirac splitting delta must be in [0, 1) (got %g)", m->delta);
  return narrow(m, e);
}

int dr_relic_omega(const dr_relic_model *m, const dr_gstar *gs, dr_relic_result *r, dr_error *e) {
  memset(r, 0, sizeof *r);
  int rc = check_model(m, e);
  if (rc != DR_OK) return rc;
  sv_table t = {0};
  rc = sv_table_build(m, gs, &t, e);
  if (rc == DR_OK) rc = omega_from_table(m, gs, &t, r, e);
  gsl_spline_free(t.sp);
  return rc;
}

typedef struct {
  dr_relic_model *m;
  const dr_gstar *gs;
  sv_table *t;
  double eps_table, target;
  int status;
  dr_error *e;
} target_params;

static double target_fn(double leps, void *vp) {
  target_params *p = vp;
  double eps = exp(leps);
  p->t->scale = (eps / p->eps_table) * (eps / p->eps_table);
  dr_relic_result r;
  int rc = omega_from_table(p->m, p->gs, p->t, &r, p->e);
  if (rc != DR_OK) p->status = rc;
  return log(r.omega_h2 > 0 ? r.omega_h2 : 1e-300) - log(p->target);
}

/* eps with Omega(eps) = target (to 1e-5 in ln Omega, 5e-6 in eps) for the table built at p->eps_table: secant
 * iteration in ln eps, started with the slope d ln Omega/d ln eps = -2 of
 * Omega ~ 1/<sigma v> ~ eps^-2; bisection-safe Brent if it does not settle. */
static int solve_with_table(target_params *p, double guess, double *leps, dr_error *e) {
  double l0 = log(guess), f0 = target_fn(l0, p);
  if (p->status != DR_OK) return p->status;
  double l1 = l0 + 0.5 * f0, f1 = target_fn(l1, p);
  if (p->status != DR_OK) return p->status;
  for (int it = 0; it < 12; it++) {
    /* 1e-5 in ln Omega: the Boltzmann solution (rel. tol. 1e-7 per step) scatters by ~5e-6 in ln Omega from
     * one coupling to the next, so a tighter test only chases that noise */
    if (fabs(f1) < 1e-5) {
      *leps = l1;
      return DR_OK;
    }
    double slope = (f1 - f0) / (l1 - l0);
    if (!(slope < -0.5 && slope > -8)) slope = -2; /* keep the physical sign and size */
    double l2 = l1 - f1 / slope;
    l0 = l1, f0 = f1;
    l1 = l2, f1 = target_fn(l1, p);
    if (p->status != DR_OK) return p->status;
  }
  /* fallback: bracket from the last point and bisect */
  double lo = l1, flo = f1, hi = lo, fhi = flo;
  for (int i = 0; i < 60 && flo * fhi > 0; i++) {
    lo = hi, flo = fhi;
    hi = lo + (flo > 0 ? 0.5 : -0.5); /* too much dark matter -> larger coupling */
    fhi = target_fn(hi, p);
    if (p->status != DR_OK) return p->status;
  }
  if (flo * fhi > 0) return DR_FAIL(e, DR_ENOCONV, "no coupling gives Omega h^2 = %g", p->target);
  int rc = dr_root_brent(target_fn, p, fmin(lo, hi), fmax(lo, hi), 1e-6, 0, leps, e);
  return p->status != DR_OK ? p->status : rc;
}

int dr_relic_target(dr_relic_model *m, const dr_gstar *gs, double target, double *g, double *y,
                    dr_relic_result *r, dr_error *e) {
  memset(r, 0, sizeof *r);
  *g = *y = NAN;
  if (!(m->g > 0)) m->g = 1e-4;
  int rc = check_model(m, e);
  if (rc != DR_OK) return rc;
  double guess = m->g;
  for (int it = 0; it < 8; it++) {
    sv_table t = {0};
    rc = sv_table_build(m, gs, &t, e);
    if (rc != DR_OK) return rc;
    target_params p = {m, gs, &t, m->g, target, DR_OK, e};
    double leps;
    rc = solve_with_table(&p, guess, &leps, e);
    if (rc == DR_OK) {
      t.scale = 1;
      double old = m->g, w_old, w_new;
      rc = dr_relic_width(m, &w_old, e);
      m->g = exp(leps);
      guess = m->g;
      if (rc == DR_OK) rc = dr_relic_width(m, &w_new, e);
      if (rc == DR_OK) rc = narrow(m, e); /* the solution itself must be a narrow resonance */
      if (rc != DR_OK) {
        gsl_spline_free(t.sp);
        return rc;
      }
      /* the table differs from one built at the solution only through the width in the propagator: where
       * that moved by less than 1e-7 (the dark-matter width dominates), the rescaled table is exact */
      if (fabs(w_new / w_old - 1) < 1e-7 || fabs(m->g / old - 1) < 1e-5) {
        t.scale = (m->g / old) * (m->g / old);
        rc = omega_from_table(m, gs, &t, r, e);
        gsl_spline_free(t.sp);
        break;
      }
    }
    gsl_spline_free(t.sp);
    if (rc != DR_OK) return rc;
    if (it == 7) return DR_FAIL(e, DR_ENOCONV, "relic target: the width iteration did not settle");
  }
  if (rc != DR_OK) return rc;
  *g = m->g;
  *y = dr_model_y(m->model, m->g, m->alpha_d, m->m_med / m->m_dm);
  return DR_OK;
}
