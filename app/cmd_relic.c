/* darkreach relic | omega */
#include "cli.h"

#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char *relic_common_help =
    "  --model NAME       vector (kinetic mixing, default), magnetic-dipole, electric-dipole,\n"
    "                     charge-radius, anapole (Catena, Gray, Jerkvall 2025, eq. 2.1; hadronic final\n"
    "                     states for vector only). y = g^2 alpha_D (m_DM/m_A')^4 Lambda^(2n), Lambda = 1 TeV\n"
    "  --dm NAME          complex-scalar (default) | dirac | majorana | pseudo-dirac\n"
    "  --delta D          pseudo-Dirac splitting (m_2 - m_1)/m_1 (default 0.1)\n"
    "  --alpha-d A        dark coupling alpha_D (default 0.5)\n"
    "  --ratio R          m_A'/m_DM (default 3)\n"
    "  --json             print one JSON object\n"
    "\n"
    "Conventions: Y = n/s counts chi + chibar, <sigma v>_eff = <sigma v>/2 for chi != chibar;\n"
    "Gondolo-Gelmini thermal average; g_*(T) of Saikawa & Shirai 2018 (data/); hadronic final\n"
    "states through the measured R(s). Omega h^2 target 0.120 (Planck 2018).\n";

/* shared option parsing for relic and omega */
typedef struct {
  const char *model, *dm, *out;
  double mass, mmin, mmax, points, ad, ratio, eps, target, delta;
  int json, plot;
} relic_args;

/* fills a with the defaults, then the options */
static int parse(const char *cmd, int argc, char **argv, relic_args *a, const char *help) {
  *a = (relic_args){"vector", "complex-scalar", "out", NAN, NAN, NAN, 60, 0.5, 3, NAN, 0.120, 0.1, 0, 1};
  static const struct option lo[] = {
      {"model", 1, 0, 'M'},  {"dm", 1, 0, 'd'},       {"alpha-d", 1, 0, 'a'},  {"ratio", 1, 0, 'r'},
      {"mass", 1, 0, 'm'},   {"mass-min", 1, 0, '1'}, {"mass-max", 1, 0, '2'}, {"points", 1, 0, 'n'},
      {"eps", 1, 0, 'g'},    {"target", 1, 0, 't'},   {"out", 1, 0, 'o'},      {"no-plot", 0, 0, 'P'},
      {"json", 0, 0, 'j'},   {"help", 0, 0, 'h'},     {"delta", 1, 0, 'D'}, {0, 0, 0, 0}};
  opterr = 0;
  optind = 1;
  int c;
  while ((c = getopt_long(argc, argv, "h", lo, NULL)) != -1) {
    switch (c) {
    case 'M': a->model = optarg; break;
    case 'd': a->dm = optarg; break;
    case 'a': NUM("--alpha-d", a->ad); break;
    case 'r': NUM("--ratio", a->ratio); break;
    case 'm': NUM("--mass", a->mass); break;
    case '1': NUM("--mass-min", a->mmin); break;
    case '2': NUM("--mass-max", a->mmax); break;
    case 'n': NUM("--points", a->points); break;
    case 'g': NUM("--eps", a->eps); break;
    case 't': NUM("--target", a->target); break;
    case 'D': NUM("--delta", a->delta); break;
    case 'o': a->out = optarg; break;
    case 'P': a->plot = 0; break;
    case 'j': a->json = 1; break;
    case 'h': fputs(help, stdout), fputs(relic_common_help, stdout); return -1;
    default:
      cli_error(cmd, "unknown option or missing value '%s' (see darkreach %s --help)", argv[optind - 1], cmd);
      return CLI_USAGE;
    }
  }
  if (optind < argc) return cli_error(cmd, "unexpected argument '%s'", argv[optind]), CLI_USAGE;
  dr_coupling_kind k;
  dr_error e;
  dr_error_clear(&e);
  if (dr_coupling_parse(a->model, &k, &e)) return cli_lib_error(cmd, &e), CLI_USAGE;
  if (!(a->ad > 0)) return cli_error(cmd, "--alpha-d must be positive (got %g)", a->ad);
  if (!(a->ratio > 0)) return cli_error(cmd, "--ratio must be positive (got %g)", a->ratio);
  if (!(a->delta >= 0 && a->delta < 1)) return cli_error(cmd, "--delta must be in [0, 1) (got %g)", a->delta);
  return CLI_OK;
}

static const char *relic_help =
    "usage: darkreach relic --mass M [options]\n"
    "       darkreach relic --mass-min A --mass-max B [--points N] [--out DIR] [options]\n"
    "\n"
    "Thermal-relic target: the coupling eps (and y = eps^2 alpha_D (m_DM/m_A')^4) at which the dark\n"
    "matter freezes out with Omega h^2 = 0.120. --mass is the DARK-MATTER mass [GeV]; the dark\n"
    "photon has m_A' = ratio x m_DM. With a mass range it writes DIR/relic.csv, DIR/relic.json and\n"
    "DIR/relic.png (y against m_DM).\n"
    "\n"
    "  --mass M           dark-matter mass [GeV]\n"
    "  --mass-min/--mass-max/--points   log-spaced grid of dark-matter masses (default 60 points)\n"
    "  --target O         Omega h^2 to reach (default 0.120)\n"
    "  --out DIR          output directory for a curve (default out)\n"
    "  --no-plot          skip the PNG\n";

int cmd_relic(int argc, char **argv) {
  const char *cmd = "relic";
  relic_args a;
  int rc = parse(cmd, argc, argv, &a, relic_help);
  if (rc < 0) return CLI_OK;
  if (rc) return rc;
  dr_error e;
  dr_error_clear(&e);
  dr_dm_kind dm;
  if (dr_dm_parse(a.dm, &dm, &e)) return cli_lib_error(cmd, &e);
  if (dm == DR_DM_NONE) return cli_error(cmd, "--dm none has no relic density; choose a species");
  if (!(a.target > 0)) return cli_error(cmd, "--target must be positive (got %g)", a.target);
  int curve = !isnan(a.mmin) || !isnan(a.mmax);
  if (!curve && isnan(a.mass))
    return cli_error(cmd, "give --mass, or --mass-min and --mass-max (see darkreach relic --help)"), CLI_USAGE;
  if (curve && (isnan(a.mmin) || isnan(a.mmax) || !(a.mmin > 0 && a.mmax >= a.mmin)))
    return cli_error(cmd, "need 0 < --mass-min <= --mass-max");
  if (!curve && !(a.mass > 0)) return cli_error(cmd, "--mass must be positive (got %g)", a.mass);
  if (!(a.points >= 1 && a.points <= 100000 && a.points == floor(a.points)))
    return cli_error(cmd, "--points must be an integer in [1, 100000] (got %g)", a.points);
  dr_gstar *gs = dr_gstar_alloc(&e);
  if (!gs) return cli_lib_error(cmd, &e);
  int n = curve ? (int)a.points : 1;
  double *m = malloc(sizeof *m * (size_t)n);
  dr_relic_point *p = malloc(sizeof *p * (size_t)n);
  if (!m || !p) {
    free(m), free(p), dr_gstar_free(gs);
    return cli_error(cmd, "out of memory");
  }
  for (int i = 0; i < n; i++)
    m[i] = !curve ? a.mass : n == 1 ? a.mmin : a.mmin * pow(a.mmax / a.mmin, (double)i / (n - 1));
  dr_coupling_kind kind;
  dr_coupling_parse(a.model, &kind, &e);
  dr_relic_curve(kind, dm, a.ad, a.ratio, a.delta, m, n, gs, a.target, p, &e);
  dr_gstar_free(gs);
  int status = CLI_OK;
  if (!curve) {
    if (p[0].status != DR_OK) status = cli_error(cmd, "%s", p[0].message);
    else if (a.json) {
      dr_json j;
      dr_json_begin(&j, stdout);
      dr_json_num(&j, "epsilon", p[0].eps);
      dr_json_num(&j, "y", p[0].y);
      dr_json_num(&j, "omega_h2", p[0].omega_h2);
      dr_json_num(&j, "x_f", p[0].x_f);
      dr_json_str(&j, "model", a.model);
      dr_json_str(&j, "dm", dr_dm_name(dm));
      dr_json_num(&j, "m_dm_gev", p[0].m_dm);
      dr_json_num(&j, "m_med_gev", p[0].m_med);
      dr_json_num(&j, "alpha_d", a.ad);
      dr_json_num(&j, "ratio", a.ratio);
      dr_json_str(&j, "version", DR_VERSION);
      dr_json_end(&j);
    } else {
      printf("relic target (%s, %s, m_DM = %g GeV, m_A' = %g GeV, alpha_D = %g): eps = %.5e, y = %.5e,"
             " Omega h^2 = %.4f, x_f = %.2f\n",
             a.model, dr_dm_name(dm), p[0].m_dm, p[0].m_med, a.ad, p[0].eps, p[0].y, p[0].omega_h2, p[0].x_f);
    }
  } else {
    char path[4200];
    if (mkdir(a.out, 0777) != 0 && errno != EEXIST) status = cli_error(cmd, "cannot create '%s': %s", a.out, strerror(errno));
    snprintf(path, sizeof path, "%s/relic.csv", a.out);
    if (!status && dr_relic_write_csv(path, a.model, dm, a.ad, a.ratio, p, n, &e)) status = cli_lib_error(cmd, &e);
    snprintf(path, sizeof path, "%s/relic.json", a.out);
    if (!status && dr_relic_write_json(path, a.model, dm, a.ad, a.ratio, p, n, &e)) status = cli_lib_error(cmd, &e);
    int nok = 0;
    for (int i = 0; i < n; i++) nok += p[i].status == DR_OK;
    if (!status && a.plot && nok) {
      double *y = malloc(sizeof *y * (size_t)n);
      for (int i = 0; y && i < n; i++) y[i] = p[i].y;
      dr_plot_curve c = {m, y, n, "thermal relic target", 1, 1};
      char title[200];
      snprintf(title, sizeof title, "relic target: %s, %s, #ga#dD#u = %g, m#dA'#u/m#d#gx#u = %g", a.model,
               dr_dm_name(dm), a.ad, a.ratio);
      snprintf(path, sizeof path, "%s/relic.png", a.out);
      if (!y || dr_plot_loglog(path, title, "m#d#gx#u [GeV]", "y", &c, 1, &e)) status = cli_lib_error(cmd, &e);
      free(y);
    }
    if (!status && a.json) {
      dr_json j;
      dr_json_begin(&j, stdout);
      dr_json_str(&j, "out", a.out);
      dr_json_int(&j, "points", n);
      dr_json_int(&j, "ok", nok);
      dr_json_str(&j, "csv", "relic.csv");
      dr_json_end(&j);
    } else if (!status) {
      printf("relic target, %s %s: %d of %d masses solved; wrote %s/relic.csv, %s/relic.json%s\n", a.model,
             dr_dm_name(dm), nok, n, a.out, a.out, a.plot && nok ? ", relic.png" : "");
    }
  }
  free(m);
  free(p);
  return status;
}

static const char *omega_help =
    "usage: darkreach omega --mass M --eps EPS [options]\n"
    "\n"
    "Omega h^2 of the dark matter at a given coupling. --mass is the dark-matter mass [GeV].\n"
    "\n"
    "  --mass M           dark-matter mass [GeV] (required)\n"
    "  --eps G            the coupling g_f (required): eps for vector, mu_f/e or d_f/e [1/GeV] for\n"
    "                     the dipoles, b_f/e or a_f/e [1/GeV^2] for charge radius and anapole\n";

int cmd_omega(int argc, char **argv) {
  const char *cmd = "omega";
  relic_args a;
  int rc = parse(cmd, argc, argv, &a, omega_help);
  if (rc < 0) return CLI_OK;
  if (rc) return rc;
  if (isnan(a.mass) || isnan(a.eps)) return cli_error(cmd, "--mass and --eps are required"), CLI_USAGE;
  if (!(a.mass > 0)) return cli_error(cmd, "--mass must be positive (got %g)", a.mass);
  if (!(a.eps > 0)) return cli_error(cmd, "--eps must be positive (got %g)", a.eps);
  dr_error e;
  dr_error_clear(&e);
  dr_relic_model m = {DR_DM_COMPLEX_SCALAR, a.mass, a.ratio * a.mass, a.ad, a.eps, DR_COUPLING_KM, a.delta};
  if (dr_dm_parse(a.dm, &m.dm, &e) || dr_coupling_parse(a.model, &m.coupling, &e)) return cli_lib_error(cmd, &e);
  dr_gstar *gs = dr_gstar_alloc(&e);
  if (!gs) return cli_lib_error(cmd, &e);
  dr_relic_result r;
  rc = dr_relic_omega(&m, gs, &r, &e);
  dr_gstar_free(gs);
  if (rc) return cli_lib_error(cmd, &e);
  if (a.json) {
    dr_json j;
    dr_json_begin(&j, stdout);
    dr_json_num(&j, "omega_h2", r.omega_h2);
    dr_json_num(&j, "x_f", r.x_f);
    dr_json_num(&j, "y_inf", r.y_inf);
    dr_json_num(&j, "epsilon", a.eps);
    dr_json_num(&j, "y", a.eps * a.eps * a.ad / pow(a.ratio, 4) * pow(1e3, 2 * dr_coupling_dim(m.coupling)));
    dr_json_str(&j, "model", a.model);
    dr_json_str(&j, "dm", dr_dm_name(m.dm));
    dr_json_num(&j, "m_dm_gev", a.mass);
    dr_json_num(&j, "m_med_gev", m.m_med);
    dr_json_num(&j, "alpha_d", a.ad);
    dr_json_str(&j, "version", DR_VERSION);
    dr_json_end(&j);
  } else {
    printf("Omega h^2 = %.5g (x_f = %.2f, Y_inf = %.4e) for %s, m_DM = %g GeV, m_A' = %g GeV, eps = %g, alpha_D = %g\n",
           r.omega_h2, r.x_f, r.y_inf, dr_dm_name(m.dm), a.mass, m.m_med, a.eps, a.ad);
  }
  return CLI_OK;
}
