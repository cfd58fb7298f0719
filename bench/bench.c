/* darkreach benchmarks: prints the time per chi evaluation, per WW
 * d sigma/dx, per total WW and IWW sigma, and for a 100-point reach scan.
 * Run: make bench (or build/darkreach_bench). Single thread unless stated. */
#include "darkreach/darkreach.h"

#include <gsl/gsl_sf_bessel.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#ifdef _OPENMP
#include <omp.h>
#endif

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + 1e-9 * t.tv_nsec;
}

/* every processor for the scans that follow; returns their number */
static int all_threads(void) {
#ifdef _OPENMP
  int n = omp_get_num_procs();
  omp_set_num_threads(n);
  return n;
#else
  return 1;
#endif
}

/* mean time of `reps` ETL sigma(x_lo < x < 1) at relative precision tol,
 * seeds 1..reps; *neval the mean number of evaluations, *last the last
 * estimate */
/* seconds per call of a chi_2 width (vector or scalar portal) over n masses; the values summed into *sink */
static double time_chi2_width(int (*width)(double, double, double, double, double, double *, dr_error *), int n,
                              double *sink) {
  dr_error e;
  dr_error_clear(&e);
  double t0 = now();
  for (int i = 0; i < n; i++) {
    double v;
    width(0.1 + 1e-4 * i, 0.1, 0.3 + 1e-4 * i, 1e-3, 0.5, &v, &e);
    *sink += v;
  }
  return (now() - t0) / n;
}

static double time_sigma(const dr_process *p, double tol, double x_lo, int reps, dr_xsec_ws *w, size_t *neval,
                         dr_estimate *last) {
  dr_xsec_opts o = dr_xsec_opts_default();
  o.etl_rel_tol = tol;
  dr_error e;
  dr_error_clear(&e);
  size_t nev = 0;
  double t0 = now();
  for (int r = 0; r < reps; r++) {
    o.seed = 1 + r;
    dr_sigma(p, &o, x_lo, 1, w, last, &e);
    nev += last->neval;
  }
  *neval = nev / reps;
  return (now() - t0) / reps;
}

/* the headline figures, kept for the summary in reference units at the end */
enum { MAX_FIGS = 64 };
static struct {
  char name[96];
  double ms;
} figs[MAX_FIGS];
static int nfigs;
static void fig(double ms, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void fig(double ms, const char *fmt, ...) {
  if (nfigs == MAX_FIGS) return;
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(figs[nfigs].name, sizeof figs[nfigs].name, fmt, ap);
  va_end(ap);
  figs[nfigs++].ms = ms;
}

/* a fixed reference workload (4e5 GSL Bessel K_0 + K_1 and exponentials, one thread), timed at the start and at
 * the end of the run: figures divided by it compare across machines and loads */
static double reference_ms(double *sink) {
  double t0 = now(), s = 0;
  for (int i = 0; i < 400000; i++) {
    double z = 0.1 + 1e-4 * i;
    s += gsl_sf_bessel_K0_scaled(z) + gsl_sf_bessel_K1_scaled(z) + exp(-1e-5 * i);
  }
  *sink += s;
  return 1e3 * (now() - t0);
}

int main(int argc, char **argv) {
  dr_library_init();
  double ref_sink = 0, ref0 = reference_ms(&ref_sink);
  dr_error e;
  dr_error_clear(&e);
  const char *data = argc > 1 ? argv[1] : DR_DATADIR;
  dr_quad *q = dr_quad_alloc(200);
  dr_ff ff;
  dr_ff_init(&ff, 74, 183.84, DR_INEL_LINEAR, &e);
  dr_estimate c;
  double sink = 0;
  int n = 20000;
  double t0 = now();
  for (int i = 0; i < n; i++) {
    double m = 0.001 + 1.0 * i / n;
    dr_flux_chi(&ff, pow(m * m / 16, 2), m * m, q, 1e-6, &c);
    sink += c.val;
  }
  printf("chi(t_min, t_max), W, rel. tol 1e-6        : %8.2f us per evaluation\n", 1e6 * (now() - t0) / n);

  dr_beam b;
  dr_beam_parse("e-", &b, &e);
  dr_xsec_ws *w = dr_xsec_ws_alloc();
  dr_process p;
  dr_process_init(&p, DR_MODEL_VECTOR, &b, 8, 0.1, dr_material_find("W"), DR_INEL_LINEAR, &e);
  dr_xsec_opts o = dr_xsec_opts_default();
  o.method = DR_METHOD_WW; /* the default is ETL */
  n = 2000;
  t0 = now();
  for (int i = 0; i < n; i++) {
    dr_estimate d;
    dr_dsigma_dx(&p, &o, 0.3 + 0.69 * i / n, w, &d, &e);
    sink += d.val;
  }
  printf("WW d sigma/dx, 8 GeV e- W, m = 0.1 GeV      : %8.2f us per evaluation\n", 1e6 * (now() - t0) / n);
  const char *names[2] = {"WW ", "IWW"};
  for (int k = 0; k < 2; k++) {
    o.method = k == 0 ? DR_METHOD_WW : DR_METHOD_IWW;
    const double ms[3] = {0.01, 0.1, 1.0};
    for (int j = 0; j < 3; j++) {
      dr_process_init(&p, DR_MODEL_VECTOR, &b, 8, ms[j], dr_material_find("W"), DR_INEL_LINEAR, &e);
      n = k == 0 ? 50 : 200;
      t0 = now();
      dr_estimate s = {0};
      for (int i = 0; i < n; i++) {
        dr_sigma(&p, &o, 0, 1, w, &s, &e);
        sink += s.val;
      }
      printf("%s total sigma, 8 GeV e- W, m = %-5g GeV : %8.3f ms per sigma (rel. err %.1e)\n", names[k],
             ms[j], 1e3 * (now() - t0) / n, s.err / s.val);
    }
  }
  char path[1024];
  snprintf(path, sizeof path, "%s/experiments/ldmx_phase2.ini", data);
  dr_experiment x;
  if (dr_experiment_load(path, &x, &e) != DR_OK) {
    fprintf(stderr, "bench: %s\n", e.msg);
    return 1;
  }
  dr_reach_opts ro = dr_reach_opts_from_experiment(&x);
  ro.points = 100;
  dr_reach_point pts[100];
  int threads = 1;
#ifdef _OPENMP
  omp_set_num_threads(1);
#endif
  t0 = now();
  dr_reach_scan(&x, DR_MODEL_VECTOR, &ro, pts, NULL, &e);
  printf("reach scan, LDMX Phase II, 100 masses, WW : %8.3f s on %d thread\n", now() - t0, threads);
#ifdef _OPENMP
  omp_set_num_threads(2);
  t0 = now();
  dr_reach_scan(&x, DR_MODEL_VECTOR, &ro, pts, NULL, &e);
  printf("reach scan, LDMX Phase II, 100 masses, WW : %8.3f s on 2 threads\n", now() - t0);
#endif
  /* relic: complex scalar, m_A' = 3 m_DM, alpha_D = 0.5 */
  dr_gstar *gs = dr_gstar_alloc(&e);
  dr_relic_model rm = {DR_DM_COMPLEX_SCALAR, 0.01, 0.03, 0.5, 4.66e-5, DR_MODEL_VECTOR, 0};
  dr_relic_result rr;
  n = 20;
  t0 = now();
  for (int i = 0; i < n; i++) dr_relic_omega(&rm, gs, &rr, &e);
  printf("Omega h^2, complex scalar, m = 10 MeV      : %8.2f ms\n", 1e3 * (now() - t0) / n);
  t0 = now();
  double eps, yy;
  for (int i = 0; i < n; i++) {
    rm.g = 1e-4;
    dr_relic_target(&rm, gs, 0.12, &eps, &yy, &rr, &e);
  }
  printf("relic-target point, complex scalar, 10 MeV: %8.2f ms\n", 1e3 * (now() - t0) / n);
  fig(1e3 * (now() - t0) / n, "relic-target point, 10 MeV");
  double masses[100];
  dr_relic_point rp[100];
  for (int i = 0; i < 100; i++) masses[i] = 0.002 * pow(1.0 / 0.002, i / 99.0);
  dr_relic_spec rs = {DR_MODEL_VECTOR, DR_DM_COMPLEX_SCALAR, 0.5, 3, 0, 0.12};
  for (int th = 1; th <= 2; th++) {
#ifdef _OPENMP
    omp_set_num_threads(th);
#endif
    t0 = now();
    dr_relic_curve(&rs, masses, 100, gs, rp, NULL, &e);
    double dtr = now() - t0;
    printf("relic curve, 100 masses 2 MeV - 1 GeV      : %8.3f s on %d thread%s\n", dtr, th, th > 1 ? "s" : "");
    fig(1e3 * dtr, "relic curve, 100 masses, %d thread%s", th, th > 1 ? "s" : "");
  }
  dr_gstar_free(gs);

  /* ---- exact tree level, one thread ---- */
#ifdef _OPENMP
  omp_set_num_threads(1);
#endif
  {
    double M = 183.84 * DR_AMU_GEV, tlo, thi;
    dr_etl_t_range(8, DR_M_E, 0.1, M, 6.5, 2e-3, &tlo, &thi);
    dr_amp_kin k;
    dr_etl_kinematics(8, DR_M_E, 0.1, M, 6.5, 2e-3, sqrt(tlo * thi), 0.7, &k);
    for (int md = 0; md < DR_MODEL_COUNT; md++) {
      dr_vertex_rule rule = dr_model_info_get((dr_model_kind)md)->rule;
      if (rule == DR_VERTEX_NONE || !dr_amp_has_closed_form(rule)) continue; /* spin2: below, against the vector */
      int na = 200000;
      t0 = now();
      for (int i = 0; i < na; i++) sink += (double)dr_amp_lepton_factor(rule, &k);
      double dc = now() - t0;
      t0 = now();
      for (int i = 0; i < na; i++) sink += (double)dr_amp_lepton_factor_spinor(rule, &k);
      double ds = now() - t0;
      /* the closed forms against the spinor engine they replaced, timed side by side */
      printf("ETL |M|^2 (T_X), %-16s: closed form %8.3g /s, spinor engine %8.3g /s: %.2f times faster\n",
             dr_model_info_get((dr_model_kind)md)->name, na / dc, na / ds, ds / dc);
    }
  }
  const struct {
    const char *beam, *mat;
    double E;
  } cases[2] = {{"e-", "W", 8}, {"mu-", "Pb", 160}};
  const double etl_m[2] = {0.01, 1.0}, precs[3] = {3e-3, 1e-2, 3e-2};
  for (int c = 0; c < 2; c++)
    for (int j = 0; j < 2; j++) {
      dr_beam bm;
      dr_beam_parse(cases[c].beam, &bm, &e);
      dr_process p;
      dr_process_init(&p, DR_MODEL_VECTOR, &bm, cases[c].E, etl_m[j], dr_material_find(cases[c].mat), DR_INEL_LINEAR, &e);
      for (int k = 0; k < 3; k++) {
        dr_estimate s;
        size_t nev;
        double dt = time_sigma(&p, precs[k], 0, 3, w, &nev, &s);
        printf("ETL sigma, %-3s %3g GeV %-2s, m = %-4g GeV, %4.1f %% : %8.1f ms (%zu evaluations, rel. err %.2g)\n",
               cases[c].beam, cases[c].E, cases[c].mat, etl_m[j], 100 * precs[k], 1e3 * dt, nev, s.err / s.val);
        fig(1e3 * dt, "ETL sigma %g %%, %s %g GeV %s, m = %g GeV", 100 * precs[k], cases[c].beam, cases[c].E,
            cases[c].mat, etl_m[j]);
      }
      /* VEGAS+ (adaptive stratification) against classic VEGAS on the same ETL integrand, the
       * settings of a 0.3 % sigma (4 x 4096 adaptation), three seeds each: evaluations and time */
      dr_etl_ctx ec;
      dr_etl_ctx_init(&ec, &p, 0, 1, 0);
      double tm[2] = {0, 0}, nv[2] = {0, 0};
      for (int strat = 0; strat < 2; strat++)
        for (uint64_t seed = 1; seed <= 3; seed++) {
          dr_vegas_grid *g = dr_vegas_grid_alloc(4, 64);
          dr_vegas_opts vo = dr_vegas_opts_default();
          vo.n_eval = 4096, vo.n_adapt = 4, vo.rel_tol = 3e-3, vo.seed = seed, vo.stratify = strat;
          dr_estimate r;
          t0 = now();
          dr_vegas_integrate(g, dr_etl_integrand(), &ec, &vo, &r, &e);
          tm[strat] += (now() - t0) / 3;
          nv[strat] += (double)r.neval / 3;
          dr_vegas_grid_free(g);
        }
      printf("ETL 0.3 %%, %-3s %3g GeV %-2s, m = %-4g GeV: VEGAS+ %6.0f evaluations %6.1f ms, classic %6.0f %6.1f ms: "
             "%.2f times fewer, %.2f times faster\n",
             cases[c].beam, cases[c].E, cases[c].mat, etl_m[j], nv[1], 1e3 * tm[1], nv[0], 1e3 * tm[0], nv[0] / nv[1],
             tm[0] / tm[1]);
    }
  {
    dr_beam bm;
    dr_beam_parse("e-", &bm, &e);
    dr_process p;
    dr_process_init(&p, DR_MODEL_VECTOR, &bm, 4, 0.1, dr_material_find("W"), DR_INEL_LINEAR, &e);
    long nev = 100000;
    dr_event *ev = malloc(sizeof *ev * nev);
    dr_events_opts eo = dr_events_opts_default();
    dr_events_info info;
    t0 = now();
    dr_event_gen *gen = dr_event_gen_alloc(&p, 0, 1, &eo, &e);
    double dsetup = now() - t0;
    t0 = now();
    if (gen) dr_event_gen_next(gen, nev, ev, &e);
    double dgen = now() - t0, dt = dsetup + dgen;
    if (gen) info = *dr_event_gen_info(gen);
    dr_event_gen_free(gen);
    printf("unweighted events, 4 GeV e- W, m = 0.1 GeV  : %8.3g events/s drawn, after %.2f s of grid adaptation and "
           "w_max scan (one thread; efficiency %.3g, %.2f integrand evaluations per event)\n",
           nev / dgen, dsetup, info.efficiency, 1 / info.efficiency);
    fig(1e3 * dgen / nev * 1e4, "1e4 unweighted events drawn, 4 GeV e- W, 0.1 GeV (one thread)");
    (void)dt;
    /* the writers alone, to /dev/null, against the same lines through fprintf in this run */
    FILE *dn = fopen("/dev/null", "w");
    if (dn) {
      dr_beam bw;
      dr_beam_parse("e-", &bw, &e);
      const dr_material *W = dr_material_find("W");
      dr_lhe_setup ls = {&p, &bw, W->Z, (int)lround(W->A), &info, nev, NULL};
      double tw[3];
      t0 = now();
      for (long i = 0; i < nev; i++) dr_events_csv_row(dn, i, &ev[i]);
      tw[0] = now() - t0;
      t0 = now();
      for (long i = 0; i < nev; i++) dr_lhe_write_event(dn, &ls, &ev[i]);
      tw[1] = now() - t0;
      t0 = now();
      for (long i = 0; i < nev; i++) { /* the CSV row as fprintf writes it */
        fprintf(dn, "%ld", i);
        const double *o3[3] = {ev[i].l, ev[i].N, ev[i].X};
        for (int k = 0; k < 3; k++)
          for (int j = 0; j < 4; j++) fprintf(dn, ",%.12g", o3[k][j]);
        fprintf(dn, ",%d\n", ev[i].proton);
      }
      tw[2] = now() - t0;
      fclose(dn);
      printf("event writers (one thread): CSV %8.3g events/s (fprintf: %.3g/s, %.2f times faster), LHE %8.3g events/s\n",
             nev / tw[0], nev / tw[2], tw[2] / tw[0], nev / tw[1]);
    }
    free(ev);
  }
  {
    /* the per-mass sigma(E, x_th) table of a thick-target scan (NA64e: 50-100 GeV, Pb) */
    dr_beam bm;
    dr_beam_parse("e-", &bm, &e);
    const double tm[2] = {0.01, 1.0};
    for (int j = 0; j < 2; j++) {
      dr_xs_table_spec ts = {DR_MODEL_VECTOR, &bm, dr_material_find("Pb"), DR_INEL_LINEAR, tm[j], 50, 100, 10, 100};
      dr_xsec_opts o = dr_xsec_opts_default();
      o.etl_rel_tol = 1e-2;
      t0 = now();
      dr_xs_table *t = dr_xs_table_build(&ts, &o, &e);
      double dt = now() - t0;
      t0 = now();
      int nl = 100000;
      for (int i = 0; i < nl; i++) {
        double v;
        dr_xs_table_sigma(t, 50 + 50.0 * i / nl, 0.5 * 100 / (50 + 50.0 * i / nl), &v, NULL);
        sink += v;
      }
      printf("sigma(E, x_th) table, ETL 1 %%, 10 energies 50-100 GeV Pb, m = %-4g GeV: %6.3f s to build, "
             "%.3g lookups/s\n", tm[j], dt, nl / (now() - t0));
      dr_xs_table_free(t);
    }
  }
  /* ---- the other mediators: ETL at 0.3 % on 160 GeV mu- Pb at 10 MeV against the dark photon (the
   * same vertex rule for lmu-ltau, the scalar rule for scalar-mass), and the one-loop (g-2)_mu and
   * chi_2 widths ---- */
#ifdef _OPENMP
  omp_set_num_threads(1);
#endif
  {
    dr_beam bm;
    dr_beam_parse("mu-", &bm, &e);
    const dr_model_kind om[4] = {DR_MODEL_VECTOR, DR_MODEL_LMU_LTAU, DR_MODEL_SCALAR_MASS, DR_MODEL_SPIN2};
    double tv = 0;
    for (int k = 0; k < 4; k++) { /* spin2: the long double spinor engine, no closed form */
      dr_process p;
      dr_process_init(&p, om[k], &bm, 160, 0.01, dr_material_find("Pb"), DR_INEL_LINEAR, &e);
      dr_estimate s;
      size_t nev;
      double dt = time_sigma(&p, 3e-3, 0, 3, w, &nev, &s);
      if (k == 0) tv = dt;
      printf("ETL sigma 0.3 %%, 160 GeV mu- Pb, m = 0.01 GeV, %-12s: %7.1f ms (x %.2f the vector; %zu evaluations)\n",
             dr_model_name(om[k]), 1e3 * dt, dt / tv, nev);
    }
    int na = 2000;
    double d = 0, t0a = now();
    for (int i = 0; i < na; i++) {
      double v;
      dr_amu_one_loop(DR_MODEL_LMU_LTAU, 1e-3, 1e-3 * (1 + i), &v, &e);
      d += v;
    }
    double ta = (now() - t0a) / na;
    double tc = time_chi2_width(dr_chi2_width, na, &d), ts = time_chi2_width(dr_chi2_width_scalar, na, &d);
    sink += d;
    printf("one-loop (g-2)_mu: %.1f us a mass; Gamma(chi_2 -> chi_1 l l): %.1f us a mass (vector portal), %.1f us "
           "(scalar portal)\n",
           1e6 * ta, 1e6 * tc, 1e6 * ts);
    /* the spin-2 gamma l -> l G square: closed form against the spinor sum over the five tensors, on
     * the WW map of 100 GeV e- at 10 MeV; then WW sigma for the same (the NA64e configuration) */
    int nc = 20000;
    double dc = 0;
    t0a = now();
    for (int i = 0; i < nc; i++) dc += (double)dr_amp_spin2_compton(DR_M_E, 0.01, 0.5 + 1e-4 * i, -0.2 - 2e-5 * i);
    double tcl = (now() - t0a) / nc;
    t0a = now();
    for (int i = 0; i < nc; i++) dc += (double)dr_amp_spin2_compton_spinor(DR_M_E, 0.01, 0.5 + 1e-4 * i, -0.2 - 2e-5 * i);
    double tsp = (now() - t0a) / nc;
    sink += dc;
    dr_beam be;
    dr_beam_parse("e-", &be, &e);
    dr_process pg;
    dr_process_init(&pg, DR_MODEL_SPIN2, &be, 100, 0.01, dr_material_find("Pb"), DR_INEL_LINEAR, &e);
    dr_xsec_opts og = dr_xsec_opts_default();
    og.method = DR_METHOD_WW;
    dr_estimate sg;
    t0a = now();
    dr_sigma(&pg, &og, 0.5, 1, w, &sg, &e);
    printf("spin2 gamma l -> l G square: %.3f us closed form, %.2f us spinor sum (x %.0f); WW sigma(x > 0.5), "
           "100 GeV e- Pb, 10 MeV, 1e-4: %.1f ms\n",
           1e6 * tcl, 1e6 * tsp, tsp / tcl, 1e3 * (now() - t0a));
  }
  /* ---- dark moments (Catena, Gray, Jerkvall 2025): ETL per model at 0.3 %, as a ratio to the vector ---- */
#ifdef _OPENMP
  omp_set_num_threads(1);
#endif
  {
    dr_beam bm;
    dr_beam_parse("e-", &bm, &e);
    const dr_model_kind mk[5] = {DR_MODEL_VECTOR, DR_MODEL_MAGNETIC_DIPOLE, DR_MODEL_ELECTRIC_DIPOLE,
                                 DR_MODEL_CHARGE_RADIUS, DR_MODEL_ANAPOLE};
    double tv = 0;
    for (int k = 0; k < 5; k++) {
      dr_process p;
      dr_process_init(&p, mk[k], &bm, 4, 0.1, dr_material_find("W"), DR_INEL_LINEAR, &e);
      dr_estimate s;
      size_t nev;
      double dt = time_sigma(&p, 3e-3, 0, 3, w, &nev, &s);
      if (k == 0) tv = dt;
      printf("ETL sigma 0.3 %%, 4 GeV e- W, m = 0.1 GeV, %-16s: %7.1f ms (x %.2f the vector; %zu evaluations)\n",
             dr_model_name(mk[k]), 1e3 * dt, dt / tv, nev);
    }
    /* the Fig. 1 analogue: five reach scans of LDMX Phase II (60 masses, ETL 1 %) and their relic targets */
    int nthr = all_threads();
    dr_reach_opts fo = dr_reach_opts_from_experiment(&x);
    dr_reach_point *fp = malloc(sizeof *fp * (size_t)fo.points);
    double *fm = malloc(sizeof(double) * (size_t)fo.points);
    dr_relic_point *frp = malloc(sizeof *frp * (size_t)fo.points);
    dr_gstar *fgs = dr_gstar_alloc(&e);
    double tr = 0, tt = 0;
    for (int k = 0; k < 5; k++) {
      t0 = now();
      dr_reach_scan(&x, mk[k], &fo, fp, NULL, &e);
      tr += now() - t0;
      for (int i = 0; i < fo.points; i++) fm[i] = dr_reach_mass(&fo, i) / x.mass_ratio;
      dr_relic_spec fs = {mk[k], x.dm, x.alpha_d, x.mass_ratio, x.delta, DR_OMEGA_H2_PLANCK};
      t0 = now();
      dr_relic_curve(&fs, fm, fo.points, fgs, frp, NULL, &e);
      tt += now() - t0;
    }
    printf("Fig. 1 analogue: 5 models x %d masses, LDMX Phase II: %.2f s reach (ETL 1 %%) + %.2f s relic targets on %d "
           "threads\n", fo.points, tr, tt, nthr);
    fig(1e3 * tr, "Fig. 1 reach, 5 models x %d masses, %d threads", fo.points, nthr);
    free(fp), free(fm), free(frp);
    dr_gstar_free(fgs);
    /* a discrimination map: 5 models x 4 masses, 200000 points per template, every ordered pair */
    const double dm[4] = {0.25, 0.5, 0.75, 1.0};
    dr_binning bn = {30, 30, 1.2, 1.2};
    dr_resolution res = {0, 0, 0, 0.0027};
    dr_template *tp = calloc(20, sizeof *tp);
    t0 = now();
    for (int i = 0; i < 20; i++) {
      dr_process p;
      dr_process_init(&p, mk[i / 4], &bm, 4, dm[i % 4], dr_material_find("W"), DR_INEL_LINEAR, &e);
      dr_xsec_opts o = dr_xsec_opts_default();
      o.seed = 1 + (uint64_t)i;
      dr_template_fill(&tp[i], &bn, &p, &o, 0.7, 1, 200000, &res, NULL, &e);
    }
    double tf = now() - t0;
    t0 = now();
    for (int a = 0; a < 20; a++)
      for (int b2 = 0; b2 < 20; b2++)
        for (int k = 0; k < DR_OBS_COUNT; k++) {
          dr_disc d;
          dr_discriminate(tp[a].p[k], tp[a].var[k], tp[b2].p[k], tp[b2].var[k], tp[a].n[k], 0.9, 0, 0, &d, &e);
          sink += isfinite(d.n) ? d.n : 0;
        }
    printf("discrimination map, 5 models x 4 masses (4 GeV e- W): %.2f s for 20 templates of 2e5 points, %.3f s for "
           "400 pairs x 3 observables, on %d threads\n", tf, now() - t0, nthr);
    for (int i = 0; i < 20; i++) dr_template_free(&tp[i]);
    free(tp);
  }
  /* ---- millicharged pairs ([arXiv:2505.04295]): one sigma at 0.3 % (5-dim VEGAS), one thread, against the
   * massive vector's 4-dim sigma in the same process; and the 60-mass reach of the three cards ---- */
#ifdef _OPENMP
  omp_set_num_threads(1);
#endif
  {
    const struct {
      const char *beam, *mat;
      double E, m, xth;
    } mc[2] = {{"mu-", "Pb", 160, 0.05, 0.5}, {"e-", "Al", 8, 0.05, 0.7}};
    for (int c = 0; c < 2; c++) {
      dr_beam bm;
      dr_beam_parse(mc[c].beam, &bm, &e);
      double t[2];
      size_t nev[2];
      for (int k = 0; k < 2; k++) {
        dr_process p;
        dr_process_init(&p, k ? DR_MODEL_VECTOR : DR_MODEL_MILLICHARGED, &bm, mc[c].E, k ? 2 * mc[c].m : mc[c].m,
                        dr_material_find(mc[c].mat), DR_INEL_LINEAR, &e);
        dr_estimate s;
        t[k] = time_sigma(&p, 3e-3, mc[c].xth, 3, w, &nev[k], &s);
      }
      printf("millicharged sigma 0.3 %%, %-3s %3g GeV %-2s, m_chi = %g GeV, x > %g: %7.1f ms (%zu evaluations; x %.2f "
             "the vector at 2 m_chi)\n",
             mc[c].beam, mc[c].E, mc[c].mat, mc[c].m, mc[c].xth, 1e3 * t[0], nev[0], t[0] / t[1]);
    }
    int nthr = all_threads();
    const char *cards[3] = {"ldmx_mcp", "na64mu_mcp", "na64e_mcp"};
    for (int c = 0; c < 3; c++) {
      char cp[1024];
      snprintf(cp, sizeof cp, "%s/experiments/%s.ini", data, cards[c]);
      dr_experiment xc;
      if (dr_experiment_load(cp, &xc, &e) != DR_OK) continue;
      dr_reach_opts ro2 = dr_reach_opts_from_experiment(&xc);
      dr_reach_point *rp2 = malloc(sizeof *rp2 * (size_t)ro2.points);
      t0 = now();
      dr_reach_scan(&xc, DR_MODEL_MILLICHARGED, &ro2, rp2, NULL, &e);
      printf("millicharged reach, %-10s %d masses (ETL 1 %%, mesons included): %.2f s on %d threads\n", cards[c],
             ro2.points, now() - t0, nthr);
      free(rp2);
    }
    /* NA64e and E137: before (Tsai's primary electron) and after (the whole shower and resonant annihilation) */
    const char *thick[2] = {"na64e", "e137"};
    for (int c = 0; c < 2; c++) {
      char cp[1024];
      snprintf(cp, sizeof cp, "%s/experiments/%s.ini", data, thick[c]);
      dr_experiment xc;
      if (dr_experiment_load(cp, &xc, &e) != DR_OK) continue;
      dr_reach_opts ro2 = dr_reach_opts_from_experiment(&xc);
      ro2.points = 60;
      dr_reach_point *rp2 = malloc(sizeof *rp2 * (size_t)ro2.points);
      double tt[2];
      for (int k = 0; k < 2; k++) {
        dr_experiment xk = xc;
        if (k == 0) xk.track = DR_TRACK_TSAI;
        t0 = now();
        dr_reach_scan(&xk, DR_MODEL_VECTOR, &ro2, rp2, NULL, &e);
        tt[k] = now() - t0;
      }
      printf("reach, %-6s 60 masses: %.2f s with Tsai's primary electron, %.2f s with the shower (%ld showers, "
             "included) and resonant annihilation; on %d threads\n",
             thick[c], tt[0], tt[1], xc.shower_n, nthr);
      fig(1e3 * tt[1], "reach %s, 60 masses with the shower, %d threads", thick[c], nthr);
      free(rp2);
    }
  }
  dr_quad_free(q);
  dr_xsec_ws_free(w);
  double ref1 = reference_ms(&ref_sink);
  printf("reference workload (4e5 Bessel K0+K1, one thread): %.1f ms at the start, %.1f ms at the end: divide a "
         "figure by it to compare machines%s\n",
         ref0, ref1, fabs(ref1 / ref0 - 1) > 0.2 ? " (the machine's load changed during the run)" : "");
  double ref = 0.5 * (ref0 + ref1);
  printf("\nheadline figures in units of the reference workload (%.1f ms):\n", ref);
  for (int i = 0; i < nfigs; i++) printf("  %-62s %10.1f ms = %8.2f ref\n", figs[i].name, figs[i].ms, figs[i].ms / ref);
  return sink == 42 || ref_sink == 42 ? 2 : 0;
}
