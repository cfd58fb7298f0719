/* Exact-tree-level 2 -> 3 kinematics with nucleus recoil
 * (FORMULARY Part II §2.3, [Liu:2016mqv] variables). */
#include "darkreach/core.h"
#include "darkreach/xsec.h"

#include <math.h>

typedef struct {
  double pz, kk, El, Q2, uA, Qx, Qz;
} etl_pre;

static int etl_prepare(double E, double m_l, double m_X, double M, double E_X, double cos_th,
                       etl_pre *w) {
  (void)M;
  if (!(E_X > m_X) || !(E - E_X > m_l) || !(cos_th >= -1 && cos_th <= 1)) return DR_EDOMAIN;
  double pz = sqrt((E - m_l) * (E + m_l)), kk = sqrt((E_X - m_X) * (E_X + m_X));
  double s2h = 0.5 * (1 - cos_th); /* sin^2(theta/2) */
  /* p.k without cancellation: m^2 E_X/(E+|p|) + |p| m_X^2/(E_X+|k|) + 2 |p||k| sin^2(theta/2) */
  double pk = m_l * m_l * E_X / (E + pz) + pz * m_X * m_X / (E_X + kk) + 2 * pz * kk * s2h;
  double sin_th = sqrt(fmax(0.0, 1 - cos_th * cos_th));
  w->pz = pz;
  w->kk = kk;
  w->El = E - E_X;
  w->Qx = -kk * sin_th;
  w->Qz = pz - kk * cos_th;
  /* |Q|^2 = |p|^2 + |k|^2 - 2|p||k|cos = (|p| - |k|)^2 + 4 |p||k| sin^2(theta/2) */
  w->Q2 = (pz - kk) * (pz - kk) + 4 * pz * kk * s2h;
  w->uA = m_X * m_X - 2 * pk;
  return DR_OK;
}

int dr_etl_t_range(double E, double m_l, double m_X, double M, double E_X, double cos_th,
                   double *t_lo, double *t_hi) {
  etl_pre w;
  if (etl_prepare(E, m_l, m_X, M, E_X, cos_th, &w) != DR_OK) return DR_EDOMAIN;
  double s2 = (w.El * w.El - w.Q2) + 2 * M * w.El + M * M;
  double A = s2 / (4 * M * M), B = w.Q2 + 0.5 * w.uA * (1 + w.El / M), C = 0.25 * w.uA * w.uA;
  double disc = B * B - 4 * A * C;
  if (!(disc >= 0) || !(B > 0)) return DR_EDOMAIN;
  double r = B + sqrt(disc);
  *t_lo = 2 * C / r;
  *t_hi = r / (2 * A);
  return DR_OK;
}

int dr_etl_kinematics(double E, double m_l, double m_X, double M, double E_X, double cos_th,
                      double t, double phi, dr_amp_kin *kin) {
  etl_pre w;
  if (etl_prepare(E, m_l, m_X, M, E_X, cos_th, &w) != DR_OK) return DR_EDOMAIN;
  double Q = sqrt(w.Q2), Pp = sqrt(t + t * t / (4 * M * M));
  double c = ((w.El + M) * t / (2 * M) - 0.5 * w.uA) / (Q * Pp);
  if (!(c >= -1 - 1e-12 && c <= 1 + 1e-12)) return DR_EDOMAIN;
  c = fmax(-1.0, fmin(1.0, c));
  double s = sqrt(1 - c * c);
  /* orthonormal frame (n, e1, e2) with n along Q in the x-z plane, e2 = y */
  double nx = w.Qx / Q, nz = w.Qz / Q;
  double e1x = nz, e1z = -nx;
  double px = Pp * (c * nx + s * cos(phi) * e1x), py = Pp * s * sin(phi), pz = Pp * (c * nz + s * cos(phi) * e1z);
  double sin_th = sqrt(fmax(0.0, 1 - cos_th * cos_th));
  kin->m_l = m_l;
  kin->m_X = m_X;
  kin->p = (dr_p4){{E, 0, 0, w.pz}};
  kin->P = (dr_p4){{M, 0, 0, 0}};
  kin->k = (dr_p4){{E_X, w.kk * sin_th, 0, w.kk * cos_th}};
  kin->Pp = (dr_p4){{M + t / (2 * M), px, py, pz}};
  for (int i = 0; i < 4; i++) kin->pp.v[i] = kin->p.v[i] + kin->P.v[i] - kin->k.v[i] - kin->Pp.v[i];
  /* the outgoing lepton energy from its on-shell condition is E_l - t/(2M) */
  kin->pp.v[0] = w.El - t / (2 * M);
  return DR_OK;
}
