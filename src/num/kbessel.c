/* Tabulated scaled Bessel K_1 and K_2 (include/darkreach/num.h). */
#include "darkreach/num.h"

#include <gsl/gsl_sf_bessel.h>
#include <math.h>
#include <pthread.h>

enum { NK = 4096 };
static const double LZ0 = -4.605170185988091, LZ1 = 11.512925464970229; /* ln 1e-2, ln 1e5 */
static double f1[NK], d1[NK], f2[NK], d2[NK]; /* ln(e^z K_n) and its derivative in ln z */
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void fill(void) {
  for (int i = 0; i < NK; i++) {
    double l = LZ0 + (LZ1 - LZ0) * i / (NK - 1), z = exp(l);
    double k0 = gsl_sf_bessel_K0_scaled(z), k1 = gsl_sf_bessel_K1_scaled(z), k2 = k0 + 2 * k1 / z;
    f1[i] = log(k1), f2[i] = log(k2);
    /* d ln(e^z K_n)/d ln z = z (1 + K_n'/K_n) */
    d1[i] = z * (1 + (-k0 - k1 / z) / k1);
    d2[i] = z * (1 + (-k1 - 2 * k2 / z) / k2);
  }
}

static double hermite(const double *f, const double *d, double z) {
  double h = (LZ1 - LZ0) / (NK - 1), u = (log(z) - LZ0) / h;
  int i = (int)u;
  if (i >= NK - 1) i = NK - 2;
  double t = u - i, t2 = t * t, t3 = t2 * t;
  double v = (2 * t3 - 3 * t2 + 1) * f[i] + (t3 - 2 * t2 + t) * h * d[i] + (-2 * t3 + 3 * t2) * f[i + 1] +
             (t3 - t2) * h * d[i + 1];
  return exp(v);
}

double dr_bessel_k1_scaled(double z) {
  if (!(z >= 1e-2 && z <= 1e5)) return gsl_sf_bessel_K1_scaled(z);
  pthread_once(&once, fill);
  return hermite(f1, d1, z);
}

double dr_bessel_k2_scaled(double z) {
  if (!(z >= 1e-2 && z <= 1e5)) return gsl_sf_bessel_Kn_scaled(2, z);
  pthread_once(&once, fill);
  return hermite(f2, d2, z);
}
