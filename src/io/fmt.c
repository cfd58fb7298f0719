/* Fast decimal formatting of doubles for the event writers
 * (include/darkreach/io.h): "%.{p}e" and "%.{p}g" without printf's
 * arbitrary-precision path, which took over half of the time of writing
 * events. The digits: N = round(|x| 10^(p - e)) with 10^k exact in double
 * for k <= 22 and in long double for k <= 27 (5^27 < 2^63): one rounding, of
 * at most 2^-53 (up to 13 digits, in double) or 2^-64 (long double) of the
 * product. Where the product lies within that
 * rounding of a tie (a few numbers in 10^7) snprintf decides, so the text is
 * printf's, character for character; so are zeros, non-finite numbers and
 * magnitudes outside 1e-16 .. 1e27, which go to snprintf directly. */
#include "darkreach/io.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static const long double P10[28] = {1e0L,  1e1L,  1e2L,  1e3L,  1e4L,  1e5L,  1e6L,  1e7L,  1e8L,  1e9L,
                                    1e10L, 1e11L, 1e12L, 1e13L, 1e14L, 1e15L, 1e16L, 1e17L, 1e18L, 1e19L,
                                    1e20L, 1e21L, 1e22L, 1e23L, 1e24L, 1e25L, 1e26L, 1e27L};

static const double D10[23] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
                               1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

static const unsigned long long U10[18] = {1ULL,
                                          10ULL,
                                          100ULL,
                                          1000ULL,
                                          10000ULL,
                                          100000ULL,
                                          1000000ULL,
                                          10000000ULL,
                                          100000000ULL,
                                          1000000000ULL,
                                          10000000000ULL,
                                          100000000000ULL,
                                          1000000000000ULL,
                                          10000000000000ULL,
                                          100000000000000ULL,
                                          1000000000000000ULL,
                                          10000000000000000ULL,
                                          100000000000000000ULL};

/* the sig = p + 1 significant digits of |x| as an integer N in [10^p, 10^(p+1)) and the decimal
 * exponent e; 0 where the fast path does not apply */
static int digits(double ax, int p, unsigned long long *N, int *e) {
  if (!(ax >= 1e-16 && ax < 1e27) || p < 0 || p > 16) return 0;
  int b2;
  (void)frexp(ax, &b2); /* ax in [2^(b2-1), 2^b2): 10^ex <= ax for this ex, and the loop adds one where needed */
  int ex = (int)floor((b2 - 1) * 0.30102999566398120);
  for (int tries = 0; tries < 3; tries++) {
    int k = p - ex;
    long double m;
    unsigned long long n;
    if (p <= 12 && k >= -22 && k <= 22) {
      /* up to 13 digits double does: m < 2^44, one rounding of at most m 2^-53 */
      double md = k >= 0 ? ax * D10[k] : ax / D10[-k];
      n = (unsigned long long)(md + 0.5);
      double f = md - (double)n, d = (f < 0 ? -f : f) - 0.5;
      if ((d < 0 ? -d : d) <= md * 0x1p-51) return 0; /* near a tie: its side is not certain */
      m = md;
    } else {
      if (k >= 0 && k <= 27) m = (long double)ax * P10[k];
      else if (k < 0 && -k <= 27) m = (long double)ax / P10[-k];
      else return 0;
      /* to the nearest integer in the FPU's rounding mode (a cast would truncate, which
       * costs a control-word switch per number on x87) */
      n = (unsigned long long)lrintl(m);
      long double f = m - (long double)n, d = (f < 0 ? -f : f) - 0.5L;
      /* m carries one rounding, at most m 2^-64: near a tie its side is not certain */
      if ((d < 0 ? -d : d) <= m * 0x1p-62L) return 0;
    }
    unsigned long long lo = U10[p], hi = U10[p + 1];
    if (n >= hi) {
      if (n == hi && m < (long double)hi) { /* rounded up to the next decade */
        *N = lo;
        *e = ex + 1;
        return 1;
      }
      ex++;
      continue;
    }
    if (n < lo) {
      ex--;
      continue;
    }
    *N = n;
    *e = ex;
    return 1;
  }
  return 0;
}

static int put_exp(char *s, int e) {
  int n = 0;
  s[n++] = 'e';
  s[n++] = e < 0 ? '-' : '+';
  if (e < 0) e = -e;
  if (e >= 100) s[n++] = (char)('0' + e / 100);
  s[n++] = (char)('0' + e / 10 % 10);
  s[n++] = (char)('0' + e % 10);
  return n;
}

int dr_fmt_e(char *buf, double x, int p) {
  unsigned long long N;
  int e;
  if (!digits(fabs(x), p, &N, &e)) return snprintf(buf, 40, "%.*e", p, x);
  char d[20];
  for (int i = p; i >= 0; i--) d[i] = (char)('0' + N % 10), N /= 10;
  int n = 0;
  if (signbit(x)) buf[n++] = '-';
  buf[n++] = d[0];
  if (p > 0) {
    buf[n++] = '.';
    memcpy(buf + n, d + 1, (size_t)p);
    n += p;
  }
  n += put_exp(buf + n, e);
  buf[n] = 0;
  return n;
}

int dr_fmt_g(char *buf, double x, int sig) {
  if (sig < 1) sig = 1;
  int p = sig - 1;
  unsigned long long N;
  int e;
  if (!digits(fabs(x), p, &N, &e)) return snprintf(buf, 40, "%.*g", sig, x);
  char d[20];
  for (int i = p; i >= 0; i--) d[i] = (char)('0' + N % 10), N /= 10;
  int nd = sig; /* significant digits left after dropping trailing zeros */
  while (nd > 1 && d[nd - 1] == '0') nd--;
  int n = 0;
  if (signbit(x)) buf[n++] = '-';
  if (e < -4 || e >= sig) { /* exponent notation */
    buf[n++] = d[0];
    if (nd > 1) {
      buf[n++] = '.';
      memcpy(buf + n, d + 1, (size_t)(nd - 1));
      n += nd - 1;
    }
    n += put_exp(buf + n, e);
  } else if (e >= 0) { /* e + 1 digits before the point */
    memcpy(buf + n, d, (size_t)(e + 1));
    n += e + 1;
    if (nd > e + 1) {
      buf[n++] = '.';
      memcpy(buf + n, d + e + 1, (size_t)(nd - e - 1));
      n += nd - e - 1;
    }
  } else { /* 0.000ddd */
    buf[n++] = '0';
    buf[n++] = '.';
    for (int i = 0; i < -e - 1; i++) buf[n++] = '0';
    memcpy(buf + n, d, (size_t)nd);
    n += nd;
  }
  buf[n] = 0;
  return n;
}
