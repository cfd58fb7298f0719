/* Exact-tree-level 2 -> 3 kinematics with nucleus recoil
 * in the variables of [Liu:2016mqv] (derivation note FORMULARY Part II §2.3), in long double.
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

/* ---- the same point in double, straight to the invariants (xsec.h) ---- */
static int fast_point(double E, double m_l, double m_X, double M, double E_X, double theta, int by_v, double tv,
                      double phi, dr_etl_fast *o) {
  if (!(E_X > m_X) || !(E - E_X > m_l) || !(theta >= 0 && theta <= M_PI)) return DR_EDOMAIN;
  double ml2 = m_l * m_l, mX2 = m_X * m_X;
  double pz = sqrt((E - m_l) * (E + m_l)), kk = sqrt((E_X - m_X) * (E_X + m_X));
  double sh = sin(0.5 * theta), ch = cos(0.5 * theta), s2h = sh * sh;
  double sth = 2 * sh * ch, cth = 1 - 2 * s2h;
  double kx = kk * sth, kz = kk * cth;
  double pk = ml2 * E_X / (E + pz) + pz * mX2 / (E_X + kk) + 2 * pz * kk * s2h;
  double uA = mX2 - 2 * pk, El = E - E_X;
  /* |p| - |k| = (E^2 - m_l^2 - E_X^2 + m_X^2)/(|p| + |k|) */
  double dpk = (El * (E + E_X) - ml2 + mX2) / (pz + kk);
  double Qx = -kx, Qz = dpk + 2 * kk * s2h, Q2 = dpk * dpk + 4 * pz * kk * s2h, Q = sqrt(Q2);
  /* the on-shell condition of p' as A t^2 - B t + C = 0 (etl_prepare/t_range), El^2 - Q^2 = m_l^2 + u_A */
  double s2 = ml2 + uA + 2 * M * El + M * M;
  double A = s2 / (4 * M * M), B = Q2 + 0.5 * uA * (1 + El / M), C = 0.25 * uA * uA;
  double disc = B * B - 4 * A * C;
  if (!(disc >= 0) || !(B > 0) || !(A > 0)) return DR_EDOMAIN;
  double r = B + sqrt(disc), t_lo = 2 * C / r, t_root = r / (2 * A), t_hi = t_root;
  double t_e = 2 * M * (El - m_l);
  if (t_hi > t_e) t_hi = t_e;
  if (!(t_hi > t_lo)) return DR_EDOMAIN;
  double t, dlo, L = log(t_hi / t_lo);
  if (by_v) {
    double ev = expm1(L * tv);
    t = t_lo + t_lo * ev;
    dlo = t_lo * ev;
    if (t > t_hi) t = t_hi;
  } else {
    t = tv;
    if (!(t >= t_lo) || t > t_hi * (1 + 1e-12)) return DR_EDOMAIN;
    dlo = t - t_lo;
  }
  double Pp2 = t + t * t / (4 * M * M), Pp = sqrt(Pp2);
  double num = (El + M) * t / (2 * M) - 0.5 * uA; /* Q.P' */
  double c = num / (Q * Pp), sn2 = A * dlo * (t_root - t) / (Q2 * Pp2);
  if (!(c >= -1 - 1e-12 && c <= 1 + 1e-12) || !(sn2 >= -1e-12)) return DR_EDOMAIN;
  double sn = sn2 > 0 ? sqrt(sn2) : 0;
  double nx = Qx / Q, nz = Qz / Q, cp = cos(phi), sp = sin(phi);
  double Px = Pp * (c * nx + sn * cp * nz), Py = Pp * sn * sp, Pz = Pp * (c * nz - sn * cp * nx);
  double t2M = t / (2 * M), Pt0 = 2 * M + t2M, Ep = El - t2M;
  dr_amp_inv *v = &o->inv;
  v->t = t;
  v->P2 = 4 * M * M + t;
  v->m2 = ml2;
  v->M2 = mX2;
  v->uA = uA;
  v->a = E * Pt0 - pz * Pz;
  v->b = Ep * Pt0 - num + Pp2;   /* p'.P' = Q.P' - |P'|^2 */
  v->kP = E_X * Pt0 - pz * Pz + num; /* k.P' = p.P' - Q.P' */
  /* p'.k = (E' E_k - |p'||k|) + |p' x k|^2/(|p'||k| + p'.k), p' = Q - P' */
  double ppx = Qx - Px, ppy = -Py, ppz = Qz - Pz;
  double pp2 = ppx * ppx + ppy * ppy + ppz * ppz, ppk = ppx * kx + ppz * kz;
  double cx = -Py * kz, cy = kx * (pz - Pz) + Px * kz, cz = Py * kx; /* p x k - P' x k */
  double ppkk = sqrt(pp2) * kk, Epp = sqrt(pp2 + ml2);
  double dot = ppk <= 0 ? Epp * E_X - ppk
                        : (ml2 * kk * kk + mX2 * pp2 + ml2 * mX2) / (Epp * E_X + ppkk) +
                              (cx * cx + cy * cy + cz * cz) / (ppkk + ppk);
  v->sA = mX2 + 2 * dot;
  o->t = t;
  o->ln_range = L;
  o->pz = pz;
  o->kk = kk;
  o->Q = Q;
  return DR_OK;
}

int dr_etl_invariants_v(double E, double m_l, double m_X, double M, double E_X, double theta, double v, double phi,
                        dr_etl_fast *out) {
  return fast_point(E, m_l, m_X, M, E_X, theta, 1, v, phi, out);
}

int dr_etl_invariants(double E, double m_l, double m_X, double M, double E_X, double theta, double t, double phi,
                      dr_etl_fast *out) {
  return fast_point(E, m_l, m_X, M, E_X, theta, 0, t, phi, out);
}
