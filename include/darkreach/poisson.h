/* Upper limits on a Poisson signal mean s given n observed events over an
 * expected background b (known exactly):
 *   zero-background  s_up = -ln(1 - CL), for n = 0 and b = 0 (the classical
 *                    limit; 2.303 at 90 %, 2.996 at 95 %);
 *   CLs              Read's modified frequentist limit [Read:2002hq]: the s at
 *                    which CLs = P(N <= n | s + b)/P(N <= n | b) = 1 - CL
 *                    (for n = 0 it is -ln(1 - CL) whatever b: the background
 *                    cancels);
 *   feldman-cousins  the unified ordering by the likelihood ratio
 *                    P(n | s + b)/P(n | s_best + b), s_best = max(0, n - b)
 *                    [Feldman:1997qc]: the largest s whose acceptance region
 *                    contains n (90 %, n = 0, b = 0: 2.44).
 * s_up is found to 1e-6 absolute (CLs: Brent; Feldman-Cousins: a scan in
 * steps of 1e-3 refined by bisection at the edge of acceptance). */
#ifndef DARKREACH_POISSON_H
#define DARKREACH_POISSON_H

#include "darkreach/core.h"

typedef enum { DR_LIMIT_ZERO_BKG = 0, DR_LIMIT_CLS, DR_LIMIT_FC } dr_limit_method;

const char *dr_limit_method_name(dr_limit_method m);
/* "zero-background", "cls", "feldman-cousins"; DR_EINVAL otherwise */
int dr_limit_method_parse(const char *s, dr_limit_method *m, dr_error *e);

/* s_up for n_obs events over background b at confidence level cl (0 < cl < 1);
 * zero-background needs n_obs = 0 and b = 0 */
int dr_poisson_upper(dr_limit_method m, int n_obs, double b, double cl, double *s_up, dr_error *e);

#endif
