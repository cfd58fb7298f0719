/* darkreach xsec | flux | width */
#include "cli.h"

#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

/* common getopt handling of an unknown option or a missing argument */
static int bad_option(const char *cmd, char **argv) {
  const char *o = argv[optind - 1];
  if (optopt && optopt != '?') cli_error(cmd, "option requires an argument or is unknown: -%c", optopt);
  else cli_error(cmd, "unknown option '%s' (see darkreach %s --help)", o, cmd);
  return CLI_USAGE;
}

/* ------------------------------------------------------------------ xsec */
static const char *xsec_help =
    "usage: darkreach xsec --energy E --target SYM --mass M [options]\n"
    "\n"
    "Dark-bremsstrahlung cross section l N -> l N X per target atom, in pb.\n"
    "\n"
    "  --model NAME       vector (default), scalar, pseudoscalar, axial\n"
    "  --beam NAME        e- (default), e+, mu-, mu+\n"
    "  --energy E         beam energy [GeV] (required)\n"
    "  --target SYM       target element: H Be C Al Si Fe Cu W Pb (required)\n"
    "  --mass M           mediator mass [GeV] (required)\n"
    "  --eps EPS          coupling, g = eps e (default 1; sigma scales as eps^2)\n"
    "  --method M         etl (default) | ww | iww\n"
    "                     etl: exact tree level with nucleus recoil: full 2 -> 3 phase space, squared\n"
    "                          amplitude from the Feynman rules, VEGAS to --precision (default 0.3 %)\n"
    "                     ww : Weizsacker-Williams d sigma/(dx dcos theta), chi evaluated at\n"
    "                          t_min = U^2/(4 E^2 (1-x)^2) for every (x, theta); theta up to --theta-max\n"
    "                     iww: improved WW (darkreach variant): theta integrated analytically with chi\n"
    "                          frozen at theta = 0, t_min = U_min^2/(4 E^2 (1-x)^2),\n"
    "                          U_min = m^2 (1-x)/x + m_l^2 x, beta_X = sqrt(1 - m^2/(x E)^2)\n"
    "  --tmax C           upper limit of chi: mx2 = m^2 + m_l^2 (default, Bjorken et al. 2009)\n"
    "                     or e2 = E^2 (G4DarkBreM); moves WW results by tens of per cent\n"
    "  --xmin X --xmax X  range of x = E_X/E (default: the kinematic range m/E .. 1 - m_l/E)\n"
    "  --theta-max RAD    WW angular range (default pi)\n"
    "  --form-factor F    linear (default) | squared | elastic | point  (Tsai inelastic proton\n"
    "                     term; point = unscreened point charge, for checks)\n"
    "  --inel-recoil R    etl: who recoils in the inelastic term: proton (default; quasi-elastic,\n"
    "                     a free proton at rest takes the momentum transfer) or nucleus (the\n"
    "                     whole form factor on the nucleus vertex, as in Liu-Miller / DMG4 ETL)\n"
    "  --rel-tol R        ww/iww: relative tolerance of the x integral (default 1e-4)\n"
    "  --precision R      etl: target relative error of the VEGAS estimate (default 3e-3)\n"
    "  --seed N           etl: random seed (default 1); same seed, same result for any thread count\n"
    "  --grid-out FILE    etl: save the adapted VEGAS grid (reuse with --grid-in)\n"
    "  --grid-in FILE     etl: start from a saved grid (with --freeze: use it as it is)\n"
    "  --freeze           etl: do not adapt the grid given by --grid-in\n"
    "  --json             print one JSON object\n";

int cmd_xsec(int argc, char **argv) {
  const char *cmd = "xsec";
  const char *model_s = "vector", *beam_s = "e-", *target_s = NULL, *method_s = "etl", *tmax_s = "mx2",
             *ff_s = "linear", *grid_in = NULL, *grid_out = NULL, *recoil_s = "proton";
  double E = NAN, m = NAN, eps = 1, xmin = 0, xmax = 1, thmax = NAN, rtol = NAN, prec = 3e-3, seed = 1;
  int json = 0, freeze = 0;
  static const struct option lo[] = {
      {"model", 1, 0, 'M'},  {"beam", 1, 0, 'b'},      {"energy", 1, 0, 'E'},
      {"target", 1, 0, 't'}, {"mass", 1, 0, 'm'},      {"eps", 1, 0, 'g'},
      {"method", 1, 0, 'k'}, {"tmax", 1, 0, 'T'},      {"xmin", 1, 0, 'x'},
      {"xmax", 1, 0, 'X'},   {"theta-max", 1, 0, 'a'}, {"form-factor", 1, 0, 'f'},
      {"rel-tol", 1, 0, 'r'}, {"json", 0, 0, 'j'},     {"help", 0, 0, 'h'},
      {"precision", 1, 0, 'p'}, {"seed", 1, 0, 's'},  {"grid-in", 1, 0, 'I'},
      {"grid-out", 1, 0, 'O'}, {"freeze", 0, 0, 'F'}, {"inel-recoil", 1, 0, 'R'},
      {0, 0, 0, 0}};
  opterr = 0;
  optind = 1;
  int c;
  while ((c = getopt_long(argc, argv, "h", lo, NULL)) != -1) {
    switch (c) {
    case 'M': model_s = optarg; break;
    case 'b': beam_s = optarg; break;
    case 'E': NUM("--energy", E); break;
    case 't': target_s = optarg; break;
    case 'm': NUM("--mass", m); break;
    case 'g': NUM("--eps", eps); break;
    case 'k': method_s = optarg; break;
    case 'T': tmax_s = optarg; break;
    case 'x': NUM("--xmin", xmin); break;
    case 'X': NUM("--xmax", xmax); break;
    case 'a': NUM("--theta-max", thmax); break;
    case 'f': ff_s = optarg; break;
    case 'R': recoil_s = optarg; break;
    case 'r': NUM("--rel-tol", rtol); break;
    case 'j': json = 1; break;
    case 'p': NUM("--precision", prec); break;
    case 's': NUM("--seed", seed); break;
    case 'I': grid_in = optarg; break;
    case 'O': grid_out = optarg; break;
    case 'F': freeze = 1; break;
    case 'h': fputs(xsec_help, stdout); return CLI_OK;
    default: return bad_option(cmd, argv);
    }
  }
  if (optind < argc) return cli_error(cmd, "unexpected argument '%s'", argv[optind]), CLI_USAGE;
  if (isnan(E) || isnan(m) || !target_s)
    return cli_error(cmd, "--energy, --target and --mass are required (see darkreach xsec --help)"),
           CLI_USAGE;
  dr_error e;
  dr_error_clear(&e);
  dr_model_kind model;
  dr_beam beam;
  dr_method method;
  dr_tmax_conv tmax;
  dr_inel_mode inel;
  dr_inel_recoil recoil;
  if (dr_model_parse(model_s, &model, &e) || dr_beam_parse(beam_s, &beam, &e) ||
      dr_method_parse(method_s, &method, &e) || dr_tmax_parse(tmax_s, &tmax, &e) ||
      dr_inel_mode_parse(ff_s, &inel, &e) || dr_inel_recoil_parse(recoil_s, &recoil, &e))
    return cli_lib_error(cmd, &e);
  const dr_material *mat = dr_material_find(target_s);
  if (!mat) return cli_error(cmd, "unknown material '%s' (known: H Be C Al Si Fe Cu W Pb)", target_s);
  if (!(eps >= 0)) return cli_error(cmd, "--eps must be non-negative (got %g)", eps);
  if (!(xmin >= 0 && xmax <= 1 && xmin < xmax))
    return cli_error(cmd, "need 0 <= --xmin < --xmax <= 1 (got %g, %g)", xmin, xmax);
  dr_process p;
  if (dr_process_init(&p, model, &beam, E, m, mat, inel, &e)) return cli_lib_error(cmd, &e);
  p.coupling = eps;
  p.inel_recoil = recoil;
  dr_xsec_opts o = dr_xsec_opts_default();
  o.method = method;
  o.tmax = tmax;
  if (!isnan(thmax)) {
    if (!(thmax > 0 && thmax <= 3.141592653589793))
      return cli_error(cmd, "--theta-max must be in (0, pi] (got %g)", thmax);
    o.theta_max = thmax;
  }
  if (!isnan(rtol)) {
    if (!(rtol > 0 && rtol < 1)) return cli_error(cmd, "--rel-tol must be in (0, 1) (got %g)", rtol);
    o.rel_tol = rtol;
  }
  if (!(prec > 0 && prec < 1)) return cli_error(cmd, "--precision must be in (0, 1) (got %g)", prec);
  if (!(seed >= 0 && seed == floor(seed))) return cli_error(cmd, "--seed must be a non-negative integer");
  o.etl_rel_tol = prec;
  o.seed = (uint64_t)seed;
  o.etl_freeze = freeze;
  if (freeze && !grid_in) return cli_error(cmd, "--freeze needs --grid-in FILE"), CLI_USAGE;
  if (grid_in && !(o.grid = dr_vegas_grid_load(grid_in, &e))) return cli_lib_error(cmd, &e);
  if (!o.grid && grid_out && !(o.grid = dr_vegas_grid_alloc(4, 64))) return cli_error(cmd, "out of memory");
  dr_xsec_ws *w = dr_xsec_ws_alloc();
  if (!w) return cli_error(cmd, "out of memory");
  dr_estimate s;
  int rc = dr_sigma(&p, &o, xmin, xmax, w, &s, &e);
  dr_xsec_ws_free(w);
  if (rc != DR_OK && rc != DR_ENOCONV) {
    dr_vegas_grid_free(o.grid);
    return cli_lib_error(cmd, &e);
  }
  if (grid_out && method == DR_METHOD_ETL && dr_vegas_grid_save(o.grid, grid_out, &e) != DR_OK) {
    dr_vegas_grid_free(o.grid);
    return cli_lib_error(cmd, &e);
  }
  dr_vegas_grid_free(o.grid);
  double lo_x = fmax(xmin, dr_xsec_xmin(&p)), hi_x = fmin(xmax, dr_xsec_xmax(&p));
  if (json) {
    dr_json j;
    dr_json_begin(&j, stdout);
    dr_json_num(&j, "sigma_pb", s.val * DR_GEV2_TO_PB);
    dr_json_num(&j, "err_pb", s.err * DR_GEV2_TO_PB);
    dr_json_num(&j, "sigma_gev2", s.val);
    dr_json_str(&j, "status", dr_status_name(s.status));
    dr_json_str(&j, "model", model_s);
    dr_json_str(&j, "beam", beam.name);
    dr_json_num(&j, "energy_gev", E);
    dr_json_str(&j, "target", mat->symbol);
    dr_json_num(&j, "mass_gev", m);
    dr_json_num(&j, "eps", eps);
    dr_json_str(&j, "method", dr_method_name(method));
    dr_json_str(&j, "chi_tmax", dr_tmax_name(tmax));
    dr_json_str(&j, "form_factor", dr_inel_mode_name(inel));
    dr_json_num(&j, "xmin", lo_x);
    dr_json_num(&j, "xmax", hi_x);
    dr_json_num(&j, "theta_max", o.theta_max);
    if (method == DR_METHOD_ETL) {
      dr_json_str(&j, "inel_recoil", dr_inel_recoil_name(recoil));
      dr_json_num(&j, "precision", o.etl_rel_tol);
      dr_json_num(&j, "chi2_dof", s.chi2_dof);
      dr_json_num(&j, "n_eval", (double)s.neval);
      dr_json_num(&j, "seed", (double)o.seed);
    } else {
      dr_json_num(&j, "rel_tol", o.rel_tol);
    }
    dr_json_num(&j, "alpha", DR_ALPHA);
    dr_json_str(&j, "units", "pb per target atom");
    dr_json_str(&j, "version", DR_VERSION);
    dr_json_end(&j);
  } else {
    printf("sigma(%s %s -> %s %s X[%s, m = %g GeV]; E = %g GeV, %g < x < %g, eps = %g, %s, chi t_max %s)\n"
           "  = %.6e +- %.1e pb per atom  [%s]\n",
           beam.name, mat->symbol, beam.name, mat->symbol, model_s, m, E, lo_x, hi_x, eps,
           method == DR_METHOD_ETL ? (recoil == DR_RECOIL_PROTON ? "etl, inelastic on a proton" : "etl, inelastic on the nucleus")
                                   : dr_method_name(method),
           dr_tmax_name(tmax), s.val * DR_GEV2_TO_PB, s.err * DR_GEV2_TO_PB,
           dr_status_name(s.status));
  }
  if (rc == DR_ENOCONV)
    fprintf(stderr, "darkreach xsec: warning: tolerance %g not reached\n",
            method == DR_METHOD_ETL ? o.etl_rel_tol : o.rel_tol);
  return CLI_OK;
}

/* ------------------------------------------------------------------ flux */
static const char *flux_help =
    "usage: darkreach flux --target SYM --energy E --mass M [options]\n"
    "\n"
    "Effective photon flux chi(t_min, t_max) = Int dt (t - t_min)/t^2 G2(t)\n"
    "(Bjorken, Essig, Schuster, Toro 2009, eq. A17; G2 = Tsai elastic + inelastic).\n"
    "\n"
    "  --target SYM       target element (required)\n"
    "  --energy E         beam energy [GeV] (required unless --tmin is given)\n"
    "  --mass M           mediator mass [GeV] (required unless --tmin and --tmax are given)\n"
    "  --tmin T           default (m^2/2E)^2 [GeV^2]\n"
    "  --tmax T           default m^2 [GeV^2]\n"
    "  --form-factor F    linear (default) | squared | elastic\n"
    "  --json             print one JSON object: {\"chi\", \"chi_over_z2\", \"err\", ...}\n";

int cmd_flux(int argc, char **argv) {
  const char *cmd = "flux", *target_s = NULL, *ff_s = "linear";
  double E = NAN, m = NAN, tmin = NAN, tmax = NAN;
  int json = 0;
  static const struct option lo[] = {{"target", 1, 0, 't'}, {"energy", 1, 0, 'E'},
                                     {"mass", 1, 0, 'm'},   {"tmin", 1, 0, 'a'},
                                     {"tmax", 1, 0, 'b'},   {"form-factor", 1, 0, 'f'},
                                     {"json", 0, 0, 'j'},   {"help", 0, 0, 'h'},
                                     {0, 0, 0, 0}};
  opterr = 0;
  optind = 1;
  int c;
  while ((c = getopt_long(argc, argv, "h", lo, NULL)) != -1) {
    switch (c) {
    case 't': target_s = optarg; break;
    case 'E': NUM("--energy", E); break;
    case 'm': NUM("--mass", m); break;
    case 'a': NUM("--tmin", tmin); break;
    case 'b': NUM("--tmax", tmax); break;
    case 'f': ff_s = optarg; break;
    case 'j': json = 1; break;
    case 'h': fputs(flux_help, stdout); return CLI_OK;
    default: return bad_option(cmd, argv);
    }
  }
  if (optind < argc) return cli_error(cmd, "unexpected argument '%s'", argv[optind]), CLI_USAGE;
  if (!target_s) return cli_error(cmd, "--target is required (see darkreach flux --help)"), CLI_USAGE;
  const dr_material *mat = dr_material_find(target_s);
  if (!mat) return cli_error(cmd, "unknown material '%s' (known: H Be C Al Si Fe Cu W Pb)", target_s);
  if (!isnan(m) && !(m > 0)) return cli_error(cmd, "--mass must be positive (got %g)", m);
  if (!isnan(E) && !(E > 0)) return cli_error(cmd, "--energy must be positive (got %g)", E);
  if (isnan(tmin)) {
    if (isnan(E) || isnan(m)) return cli_error(cmd, "give --energy and --mass, or --tmin"), CLI_USAGE;
    tmin = pow(m * m / (2 * E), 2);
  }
  if (isnan(tmax)) {
    if (isnan(m)) return cli_error(cmd, "give --mass or --tmax"), CLI_USAGE;
    tmax = m * m;
  }
  if (!(tmin > 0 && tmax > tmin))
    return cli_error(cmd, "need 0 < t_min < t_max (got %g, %g GeV^2)", tmin, tmax);
  dr_error e;
  dr_error_clear(&e);
  dr_inel_mode inel;
  dr_ff ff;
  if (dr_inel_mode_parse(ff_s, &inel, &e) || dr_ff_init(&ff, mat->Z, mat->A, inel, &e))
    return cli_lib_error(cmd, &e);
  dr_quad *q = dr_quad_alloc(200);
  if (!q) return cli_error(cmd, "out of memory");
  dr_estimate chi;
  dr_flux_chi(&ff, tmin, tmax, q, 1e-8, &chi);
  dr_quad_free(q);
  double z2 = (double)mat->Z * mat->Z;
  if (json) {
    dr_json j;
    dr_json_begin(&j, stdout);
    dr_json_num(&j, "chi", chi.val);
    dr_json_num(&j, "chi_over_z2", chi.val / z2);
    dr_json_num(&j, "err", chi.err);
    dr_json_str(&j, "status", dr_status_name(chi.status));
    dr_json_str(&j, "target", mat->symbol);
    dr_json_int(&j, "Z", mat->Z);
    dr_json_num(&j, "A", mat->A);
    dr_json_num(&j, "tmin_gev2", tmin);
    dr_json_num(&j, "tmax_gev2", tmax);
    dr_json_str(&j, "form_factor", dr_inel_mode_name(inel));
    dr_json_str(&j, "version", DR_VERSION);
    dr_json_end(&j);
  } else {
    printf("chi(%s; t_min = %.4e, t_max = %.4e GeV^2, %s) = %.6e  (chi/Z^2 = %.6g) [%s]\n",
           mat->symbol, tmin, tmax, dr_inel_mode_name(inel), chi.val, chi.val / z2,
           dr_status_name(chi.status));
  }
  return chi.status == DR_OK ? CLI_OK : CLI_FAIL;
}

/* ----------------------------------------------------------------- width */
static const char *width_help =
    "usage: darkreach width --mass M [options]\n"
    "\n"
    "Partial and total widths, branching ratios and c*tau of the mediator.\n"
    "Hadronic width of the dark photon from the measured R(s) (PDG compilation, data/rratio_pdg2020.dat,\n"
    "0.28-12 GeV); scalar, pseudoscalar and axial are taken leptophilic.\n"
    "\n"
    "  --model NAME       vector (default), scalar, pseudoscalar, axial\n"
    "  --mass M           mediator mass [GeV] (required)\n"
    "  --eps EPS          coupling (default 1)\n"
    "  --dm NAME          none (default) | complex-scalar | dirac : add the invisible channel\n"
    "  --alpha-d A        dark coupling alpha_D (default 0.5)\n"
    "  --ratio R          m_A'/m_DM (default 3)\n"
    "  --json             print one JSON object: {\"gamma_gev\", \"ctau_m\", \"br\": {...}, ...}\n";

int cmd_width(int argc, char **argv) {
  const char *cmd = "width", *model_s = "vector", *dm_s = "none";
  double m = NAN, eps = 1, ad = 0.5, ratio = 3;
  int json = 0;
  static const struct option lo[] = {{"model", 1, 0, 'M'}, {"mass", 1, 0, 'm'},
                                     {"eps", 1, 0, 'g'},   {"dm", 1, 0, 'd'},
                                     {"alpha-d", 1, 0, 'a'}, {"ratio", 1, 0, 'r'},
                                     {"json", 0, 0, 'j'},  {"help", 0, 0, 'h'},
                                     {0, 0, 0, 0}};
  opterr = 0;
  optind = 1;
  int c;
  while ((c = getopt_long(argc, argv, "h", lo, NULL)) != -1) {
    switch (c) {
    case 'M': model_s = optarg; break;
    case 'm': NUM("--mass", m); break;
    case 'g': NUM("--eps", eps); break;
    case 'd': dm_s = optarg; break;
    case 'a': NUM("--alpha-d", ad); break;
    case 'r': NUM("--ratio", ratio); break;
    case 'j': json = 1; break;
    case 'h': fputs(width_help, stdout); return CLI_OK;
    default: return bad_option(cmd, argv);
    }
  }
  if (optind < argc) return cli_error(cmd, "unexpected argument '%s'", argv[optind]), CLI_USAGE;
  if (isnan(m)) return cli_error(cmd, "--mass is required (see darkreach width --help)"), CLI_USAGE;
  dr_error e;
  dr_error_clear(&e);
  dr_decay_params d = {DR_MODEL_VECTOR, m, eps, DR_DM_NONE, 0, ad};
  if (dr_model_parse(model_s, &d.model, &e) || dr_dm_parse(dm_s, &d.dm, &e)) return cli_lib_error(cmd, &e);
  if (!(ratio > 0)) return cli_error(cmd, "--ratio must be positive (got %g)", ratio);
  d.m_dm = m / ratio;
  dr_widths w;
  if (dr_widths_compute(&d, &w, &e)) return cli_lib_error(cmd, &e);
  double ctau = dr_ctau_m(w.total);
  const char *names[6] = {"ee", "mumu", "tautau", "hadrons", "3gamma", "dm"};
  double vals[6] = {w.ee, w.mumu, w.tautau, w.hadrons, w.gamma3, w.dm};
  if (json) {
    dr_json j;
    dr_json_begin(&j, stdout);
    dr_json_num(&j, "gamma_gev", w.total);
    dr_json_num(&j, "ctau_m", ctau);
    dr_json_key_object(&j, "br");
    for (int i = 0; i < 6; i++) dr_json_num(&j, names[i], w.total > 0 ? vals[i] / w.total : 0);
    dr_json_close(&j);
    dr_json_key_object(&j, "partial_gev");
    for (int i = 0; i < 6; i++) dr_json_num(&j, names[i], vals[i]);
    dr_json_close(&j);
    dr_json_str(&j, "model", model_s);
    dr_json_num(&j, "mass_gev", m);
    dr_json_num(&j, "eps", eps);
    dr_json_str(&j, "dm", dr_dm_name(d.dm));
    if (d.dm != DR_DM_NONE) {
      dr_json_num(&j, "alpha_d", ad);
      dr_json_num(&j, "m_dm_gev", d.m_dm);
    }
    dr_json_str(&j, "version", DR_VERSION);
    dr_json_end(&j);
  } else {
    printf("%s mediator, m = %g GeV, eps = %g: Gamma = %.6e GeV, c*tau = %.6e m\n", model_s, m, eps,
           w.total, ctau);
    for (int i = 0; i < 6; i++)
      if (vals[i] > 0) printf("  %-8s Gamma = %.6e GeV  Br = %.6f\n", names[i], vals[i], vals[i] / w.total);
  }
  return CLI_OK;
}
