/* Exact-tree-level 2 -> 3 kinematics with nucleus recoil
 * (FORMULARY Part II §2.3, [Liu:2016mqv] variables), in long double.
 * The X direction enters as the angle theta (not cos theta): at theta ~ 1e-5
 * the double cos theta would keep only 6 digits of 1 - cos theta. */
#include "darkreach/core.h"
#include "darkreach/xsec.h"

#include <math.h>

typedef struct {
  dr_real pz, kk, El, Q2, uA, Qx, Qz, sin_th, cos_th, m_l;
} etl_pre;

static int etl_prepare(dr_real E, dr_real m_l, dr_real m_X, dr_real E_X, dr_real theta, etl_pre *w) {
  if (!(E_X > m_X) || !(E - E_X > m_l) || !(theta >= 0 && theta <= (dr_real)M_PI)) return DR_EDOMAIN;
  dr_real pz = sqrtl((E - m_l) * (E + m_l)), kk = sqrtl((E_X - m_X) * (E_X + m_X));
  /* sin and cos of theta/2 in double (relative precision 1e-16 is a shift of
   * theta by 1e-16 of itself, not a cancellation); sin theta and cos theta
   * from them in long double, so 1 - cos theta = 2 sin^2(theta/2) exactly */
  double sh_d = sin(0.5 * (double)theta), ch_d = cos(0.5 * (double)theta);
  dr_real sh = sh_d, ch = ch_d, s2h = sh * sh; /* sin^2(theta/2) */
  /* p.k without cancellation: m^2 E_X/(E+|p|) + |p| m_X^2/(E_X+|k|) + 2 |p||k| sin^2(theta/2) */
  dr_real pk = m_l * m_l * E_X / (E + pz) + pz * m_X * m_X / (E_X + kk) + 2 * pz * kk * s2h;
  w->sin_th = 2 * sh * ch;
  w->cos_th = 1 - 2 * s2h;
  w->pz = pz;
  w->kk = kk;
  w->El = E - E_X;
  w->m_l = m_l;
  w->Qx = -kk * w->sin_th;
  w->Qz = pz - kk * w->cos_th;
  /* |Q|^2 = (|p| - |k|)^2 + 4 |p||k| sin^2(theta/2) */
  w->Q2 = (pz - kk) * (pz - kk) + 4 * pz * kk * s2h;
  w->uA = m_X * m_X - 2 * pk;
  return DR_OK;
}

static int t_range(const etl_pre *w, dr_real M, dr_real *t_lo, dr_real *t_hi) {
  dr_real s2 = (w->El * w->El - w->Q2) + 2 * M * w->El + M * M;
  dr_real A = s2 / (4 * M * M), B = w->Q2 + 0.5L * w->uA * (1 + w->El / M), C = 0.25L * w->uA * w->uA;
  dr_real disc = B * B - 4 * A * C;
  if (!(disc >= 0) || !(B > 0)) return DR_EDOMAIN;
  dr_real r = B + sqrtl(disc);
  *t_lo = 2 * C / r;
  *t_hi = r / (2 * A);
  /* |cos| <= 1 is also met by the negative-energy lepton (p'^2 = m^2 with
   * E' <= -m); the outgoing lepton needs E' = E_l - t/2M >= m */
  dr_real t_e = 2 * M * (w->El - w->m_l);
  if (*t_hi > t_e) *t_hi = t_e;
  if (!(*t_hi > *t_lo)) return DR_EDOMAIN;
  return DR_OK;
}

/* the preparation and the t range, shared by the public entry points */
static int prepare_range(double E, double m_l, double m_X, double M, double E_X, double theta, etl_pre *w,
                         dr_real *lo, dr_real *hi) {
  if (etl_prepare(E, m_l, m_X, E_X, theta, w) != DR_OK || t_range(w, M, lo, hi) != DR_OK) return DR_EDOMAIN;
  return DR_OK;
}

int dr_etl_t_range(double E, double m_l, double m_X, double M, double E_X, double theta,
                   double *t_lo, double *t_hi) {
  etl_pre w;
  dr_real lo, hi;
  if (prepare_range(E, m_l, m_X, M, E_X, theta, &w, &lo, &hi) != DR_OK) return DR_EDOMAIN;
  *t_lo = (double)lo;
  *t_hi = (double)hi;
  return DR_OK;
}

static int build(const etl_pre *w, double E, double m_X, double M, double E_X, dr_real hi, double t,
                 double phi, dr_amp_kin *kin) {
  dr_real Mq = M, tq = t;
  if (tq > hi * (1 + 1e-12L)) return DR_EDOMAIN;
  dr_real Q = sqrtl(w->Q2), Pp = sqrtl(tq + tq * tq / (4 * Mq * Mq));
  dr_real c = ((w->El + Mq) * tq / (2 * Mq) - 0.5L * w->uA) / (Q * Pp);
  if (!(c >= -1 - 1e-12L && c <= 1 + 1e-12L)) return DR_EDOMAIN;
  c = fmaxl(-1, fminl(1, c));
  dr_real s = sqrtl(1 - c * c);
  /* orthonormal frame (n, e1, e2) with n along Q in the x-z plane, e2 = y */
  dr_real nx = w->Qx / Q, nz = w->Qz / Q;
  dr_real e1x = nz, e1z = -nx;
  double cp_d = cos(phi), sp_d = sin(phi); /* the azimuth needs no more than double */
  dr_real cp = cp_d, sp = sp_d;
  dr_real px = Pp * (c * nx + s * cp * e1x), py = Pp * s * sp, pz = Pp * (c * nz + s * cp * e1z);
  kin->m_l = w->m_l;
  kin->m_X = m_X;
  kin->p = (dr_p4){{E, 0, 0, w->pz}};
  kin->P = (dr_p4){{Mq, 0, 0, 0}};
  kin->k = (dr_p4){{E_X, w->kk * w->sin_th, 0, w->kk * w->cos_th}};
  kin->Pp = (dr_p4){{Mq + tq / (2 * Mq), px, py, pz}};
  for (int i = 1; i < 4; i++) kin->pp.v[i] = kin->p.v[i] + kin->P.v[i] - kin->k.v[i] - kin->Pp.v[i];
  /* the outgoing lepton energy from its on-shell condition is E_l - t/(2M) */
  kin->pp.v[0] = w->El - tq / (2 * Mq);
  return DR_OK;
}

int dr_etl_kinematics(double E, double m_l, double m_X, double M, double E_X, double theta,
                      double t, double phi, dr_amp_kin *kin) {
  etl_pre w;
  dr_real lo, hi;
  if (prepare_range(E, m_l, m_X, M, E_X, theta, &w, &lo, &hi) != DR_OK) return DR_EDOMAIN;
  return build(&w, E, m_X, M, E_X, hi, t, phi, kin);
}

int dr_etl_kinematics_v(double E, double m_l, double m_X, double M, double E_X, double theta, double v,
                        double phi, double *t, double *ln_range, dr_amp_kin *kin) {
  etl_pre w;
  dr_real lo, hi;
  if (prepare_range(E, m_l, m_X, M, E_X, theta, &w, &lo, &hi) != DR_OK) return DR_EDOMAIN;
  double tlo = (double)lo, thi = (double)hi;
  double lt = log(thi / tlo), tt = tlo * exp(lt * v);
  if (tt > thi) tt = thi;
  *t = tt;
  *ln_range = lt;
  return build(&w, E, m_X, M, E_X, hi, tt, phi, kin);
}
