/* THE model registry: every mediator and coupling described once (DESIGN.md
 * "phys/model"). Every other layer (amplitudes, WW, widths, relic, reach, the
 * command line) asks this table; none keeps its own list of models.
 *
 * One entry per model: name and aliases, spin and parity, the Feynman rule of
 * the lepton-mediator vertex (text, and the rule the amplitude engine
 * evaluates: src/phys/amp), what the coupling means and its unit, the width
 * to a fermion pair, whether the mediator couples to the electromagnetic
 * current (hadrons via R(s), 3 gamma) and to dark matter, the LHE particle
 * code, and the generalised y.
 *
 * Couplings: every model has one coupling value g, set with --coupling on the
 * command line.
 *   vector        kinetic mixing eps; the A' couples to e Q_f eps, vertex -i e eps gamma^mu
 *   axial         g = coupling x e,   vertex -i g gamma^mu gamma^5
 *   scalar        g = coupling x e,   vertex -i g
 *   pseudoscalar  g = coupling x e,   vertex g gamma^5
 *   magnetic-dipole, electric-dipole, charge-radius, anapole: the dark-photon
 *                 moments of [arXiv:2502.13635] eq. (2.1); coupling g_f with
 *                 mu_f = e g_f, d_f = e g_f [GeV^-1], b_f = e g_f, a_f = e g_f
 *                 [GeV^-2] (eq. (2.2)), the same g_f for e, mu, tau.
 * Scalar, pseudoscalar and axial are leptophilic (the same g for e, mu, tau;
 * no quark couplings, no loop-induced photon couplings).
 *
 * Widths to a fermion pair at mass M, r = m_f^2/M^2, beta = sqrt(1 - 4 r),
 * e^2 = 4 pi alpha:
 *   vector        alpha g^2 M (1 + 2r) beta/3          [Ilten:2018crw] eq. (2.13)
 *   axial         alpha g^2 M beta^3/3                 [Ilten:2018crw] eq. (2.13), its axial-coupling term
 *                                                      (derivation note FORMULARY Part II §5)
 *   scalar        alpha g^2 M beta^3/2
 *   pseudoscalar  alpha g^2 M beta/2
 *   magnetic dip. (g e)^2 M^3 beta (1 + 8r)/(24 pi)    [arXiv:2502.13635] App. A (eq. A.10)
 *   electric dip. (g e)^2 M^3 beta^3/(24 pi)           (twice the printed [arXiv:2502.13635] eq. (A.11); derivation note FORMULARY Part I §5)
 *   charge radius (g e)^2 M^5 beta (1 + 2r)/(12 pi)    (A.12)
 *   anapole       (g e)^2 M^5 beta^3/(12 pi)           (A.13)
 * Tested: tests/test_width.c (moments against each other and the vector in
 * their limits), tests/test_core.c (registry lookups, y).
 *
 * y ([arXiv:2502.13635] eq. (3.3)): y = g^2 alpha_D (m_DM/m_A')^4 Lambda^(2n),
 * Lambda = 1 TeV, n the coupling's dimension (g in GeV^-n): n = 0 for the
 * vector (y = eps^2 alpha_D (m_DM/m_A')^4), 1 for the dipoles, 2 for the
 * charge radius and the anapole.
 *
 * L_mu - L_tau ([He:1990pn]; [Altmannshofer:2014pba] for the light Z'): a vector Z' of the
 * gauged U(1)_(L_mu - L_tau), coupling g' (--coupling, dimensionless, NOT in units of e) to
 * mu, tau, nu_mu, nu_tau with charges +1, -1, +1, -1 (dr_model_lepton_g). Widths, with the same
 * r and beta: Gamma(Z' -> l l) = g'^2 M (1 + 2r) beta/(12 pi) per charged lepton (the vector's
 * formula with alpha eps^2 -> g'^2/4pi), Gamma(Z' -> nu nubar) = g'^2 M/(24 pi) per flavour
 * (one helicity: half a Dirac fermion's), e e through the loop factor.
 *
 * Lepton-mass-proportional scalar (`scalar-mass`): -i g_l phi lbar l with g_l = g_mu m_l/m_mu,
 * --coupling being g_mu itself (as the muon-philic scalars of the NA64mu and M3 studies);
 * Gamma(phi -> l l) = g_l^2 M beta^3/(8 pi) (the scalar's alpha c^2 M beta^3/2 with alpha c^2 = g_l^2/4pi).
 * The loop-induced photon coupling (phi -> gamma gamma) is not included.
 *
 * Spin-2 (`spin2`): a massive G coupled with one c [GeV^-1] to the energy-momentum tensors of the
 * charged leptons and of the photon, L = -c G_{mu nu} (T_l + T_gamma)^{mu nu} (c_ll = c_gammagamma, the
 * universal coupling of [arXiv:2412.10150]; the Lagrangian's normalisation is that of
 * [arXiv:1306.4107], whose c/Lambda is c here). Vertex rules in src/phys/amp/amp_spin2.c. Widths
 * ([arXiv:1306.4107], its spin-2 decay widths; the equation numbers were not checked here, only the
 * abstract being reachable; DMG4's Width() codes the same l l width; tests/test_amp.c derives both
 * from the vertex rules to 1e-12):
 *   Gamma(G -> l l) = c^2 M^3 beta^3 (1 + 8r/3)/(160 pi),   Gamma(G -> gamma gamma) = c^2 M^3/(80 pi).
 * No hadronic width: the coupling to quarks and gluons is not part of the model.
 *
 * Millicharged particles ([arXiv:2505.04295] eq. (1)): chi, a Dirac fermion
 * (or, as an option, a complex scalar) of charge eps e and mass m_chi, made
 * in pairs through a virtual photon, l N -> l N gamma*(-> chi chibar)
 * (src/xsec/mcp.c). They are not mediators: no vertex rule of their own (the
 * photon's couples), no width, no relic target here; --mass is m_chi and
 * --coupling eps. LHE: chi as 9000011 (a code of the PDG range for new
 * particles, 9xxxxxx), chibar -9000011, the virtual photon 22.
 *
 * LHE codes: the PDG Monte Carlo numbering scheme ([Workman:2022ynf] "Monte
 * Carlo particle numbering scheme") reserves 54 for a spin-0 (scalar or
 * pseudoscalar) mediator and 55 for a spin-1 (vector or axial) mediator;
 * darkreach uses them for every model of that spin (the model is named in the
 * file header). LDMX's Geant4 simulation uses 622 for the dark photon. spin2
 * takes 5000039, the scheme's code of the Kaluza-Klein graviton excitation G*.
 */
#ifndef DARKREACH_MODEL_H
#define DARKREACH_MODEL_H

#include "darkreach/core.h"

typedef enum {
  DR_MODEL_VECTOR = 0,
  DR_MODEL_SCALAR,
  DR_MODEL_PSEUDOSCALAR,
  DR_MODEL_AXIAL,
  DR_MODEL_MAGNETIC_DIPOLE,
  DR_MODEL_ELECTRIC_DIPOLE,
  DR_MODEL_CHARGE_RADIUS,
  DR_MODEL_ANAPOLE,
  DR_MODEL_MILLICHARGED,        /* a Dirac fermion chi of charge eps e, made in pairs (src/xsec/mcp.c) */
  DR_MODEL_MILLICHARGED_SCALAR, /* the same with a complex scalar chi */
  DR_MODEL_LMU_LTAU,            /* the gauge boson Z' of L_mu - L_tau (flavour-dependent couplings) */
  DR_MODEL_SCALAR_MASS,         /* a scalar coupled to leptons in proportion to their masses */
  DR_MODEL_SPIN2,               /* a massive spin-2 G coupled to the leptons' and the photon's T^{mu nu} */
  DR_MODEL_COUNT
} dr_model_kind;

/* The lepton-mediator vertex rules the amplitude engine evaluates
 * (src/phys/amp/amp.c). DR_VERTEX_NONE: the model has no production vertex
 * yet (widths and relic targets only). */
typedef enum {
  DR_VERTEX_NONE = 0,
  DR_VERTEX_VECTOR,          /* gamma^mu */
  DR_VERTEX_AXIAL,           /* gamma^mu gamma^5 */
  DR_VERTEX_SCALAR,          /* 1 */
  DR_VERTEX_PSEUDOSCALAR,    /* gamma^5 */
  DR_VERTEX_MAGNETIC_DIPOLE, /* sigma^{mu nu} k_nu */
  DR_VERTEX_ELECTRIC_DIPOLE, /* sigma^{mu nu} gamma^5 k_nu */
  DR_VERTEX_CHARGE_RADIUS,   /* k^2 gamma^mu - k^mu k-slash */
  DR_VERTEX_ANAPOLE,         /* (k^2 gamma^mu - k^mu k-slash) gamma^5 */
  DR_VERTEX_SPIN2            /* (1/2) eps_{mu nu} gamma^mu (k1 + k2)^nu, with the G l l gamma and G gamma gamma
                                vertices (src/phys/amp/amp_spin2.c) */
} dr_vertex_rule;

#define DR_MODEL_MAX_ALIASES 3

typedef struct {
  dr_model_kind kind;
  const char *name;                           /* command-line name */
  const char *aliases[DR_MODEL_MAX_ALIASES];  /* other accepted names (NULL-padded) */
  const char *description;
  int spin;                                   /* 0, 1 or 2 */
  int parity;                                 /* +1 or -1 (J^P); 0: the coupling violates P */
  const char *vertex;                         /* Feynman rule of the lepton-mediator vertex */
  dr_vertex_rule rule;                        /* what the amplitude engine evaluates */
  const char *coupling;                       /* what the coupling value means */
  const char *coupling_unit;                  /* "1", "GeV^-1", "GeV^-2" */
  int coupling_dim;                           /* n: the coupling has unit GeV^-n */
  int em_current;   /* couples like the photon: hadrons via R(s), 3 gamma below 2 m_e */
  int dark_portal;  /* decays to the dark-matter species (the dark-photon family) */
  double (*width_ff)(double g, double M, double m_f); /* Gamma(X -> f fbar) [GeV] */
  const char *width_formula;                  /* the formula and its source, as text */
  int pdg;                                    /* LHE particle code (of chi for the pair models) */
  int pair; /* 1: not a mediator but a particle chi made in pairs, l N -> l N gamma*(-> chi chibar)
               (rule NONE, no width: chi is stable); the mass is m_chi, the coupling its charge eps */
  int flavour; /* DR_FLAVOUR_*: which leptons couple, and how (dr_model_lepton_g) */
} dr_model_info;

/* Flavour structure of the lepton couplings.
 *   UNIVERSAL  the same coupling g = coupling x e to e, mu and tau (every model but one)
 *   LMU_LTAU   g' = coupling (no factor e) times the L_mu - L_tau charge: +1 for mu and nu_mu,
 *              -1 for tau and nu_tau (left-handed neutrinos only); electrons at one loop through
 *              the mu and tau vacuum polarisation, g_e = e eps(M) with
 *                eps(M) = (e g'/(2 pi^2)) |Int_0^1 dx x (1 - x) ln[(m_tau^2 - x(1-x) M^2)/(m_mu^2 - x(1-x) M^2)]|
 *              at q^2 = M^2, the on-shell Z' ([Amaral:2020tga] eq. (7); -> e g' ln(m_tau^2/m_mu^2)/(12 pi^2)
 *              = g'/69.5 for M << 2 m_mu). The loop's coupling to hadrons is neglected (Br below
 *              (eps e/g')^2 ~ 2e-5). */
/*   MASS       g_l = coupling x m_l/m_mu (the coupling is the muon's, not in units of e):
 *              c_ee : c_mumu : c_tautau = m_e : m_mu : m_tau */
/*   PHYSICAL   the coupling itself (not in units of e), the same for e, mu and tau (spin2: c [GeV^-1]) */
enum { DR_FLAVOUR_UNIVERSAL = 0, DR_FLAVOUR_LMU_LTAU = 1, DR_FLAVOUR_MASS = 2, DR_FLAVOUR_PHYSICAL = 3 };
/* the physical coupling of the model's mediator (mass M) to lepton l (0 e, 1 mu, 2 tau) at the
 * model's coupling value */
double dr_model_lepton_g(dr_model_kind kind, double coupling, int lepton, double M);
/* the lepton index of a beam or final-state lepton of mass m_l (0 e, 1 mu, 2 tau; -1 none) */
int dr_lepton_index(double m_l);
/* Gamma(X -> nu nubar) summed over flavours [GeV] (0 for models without neutrino couplings) */
double dr_model_width_nunu(dr_model_kind kind, double coupling, double M);
/* Gamma(X -> gamma gamma) [GeV] at tree level (spin2: c^2 M^3/(80 pi)); 0 for the other models */
double dr_model_width_gg(dr_model_kind kind, double coupling, double M);
/* the loop factor eps(M)/g' of LMU_LTAU */
double dr_lmu_ltau_eps_over_g(double M);

/* By name or alias; DR_EINVAL (message lists the names) if unknown. */
int dr_model_parse(const char *name, dr_model_kind *out, dr_error *e);
const dr_model_info *dr_model_info_get(dr_model_kind kind); /* NULL if out of range */
const char *dr_model_name(dr_model_kind kind);
/* The model names, comma-separated, into buf (for messages and help); returns
 * buf. which: DR_MODELS_ALL, or DR_MODELS_PRODUCED (a production vertex) and/or
 * DR_MODELS_DARK (a dark-matter coupling). */
enum { DR_MODELS_ALL = 0, DR_MODELS_PRODUCED = 1, DR_MODELS_DARK = 2 };
const char *dr_model_list(char *buf, size_t n, unsigned which);
/* 1 if darkreach produces the model: a vertex of the amplitude engine, or a
 * pair through a virtual photon (xsec, events, reach). */
int dr_model_can_produce(dr_model_kind kind);
/* 1 for the millicharged pair models */
int dr_model_is_pair(dr_model_kind kind);

/* Gamma(X -> f fbar) [GeV] at mass M for coupling g (0 below threshold). */
double dr_model_width_ff(dr_model_kind kind, double g, double M, double m_f);

/* y = g^2 alpha_D (m_DM/m_X)^4 Lambda^(2n), Lambda = 1 TeV, with
 * mass_ratio = m_X/m_DM ([arXiv:2502.13635] eq. (3.3)). The one place y is
 * computed. */
#define DR_Y_LAMBDA_GEV 1e3
double dr_model_y(dr_model_kind kind, double g, double alpha_d, double mass_ratio);

/* ---- dark-matter species ----
 * The invisible decay channel of a dark-portal mediator and the relic
 * species. Internal states g and self-conjugacy as counted by the relic
 * layer (include/darkreach/relic.h): complex scalar 2, Dirac 4, Majorana 2
 * (self-conjugate), pseudo-Dirac two Majorana states (4 in all). */
typedef enum { DR_DM_NONE = 0, DR_DM_COMPLEX_SCALAR, DR_DM_DIRAC, DR_DM_MAJORANA, DR_DM_PSEUDO_DIRAC, DR_DM_COUNT } dr_dm_kind;

typedef struct {
  dr_dm_kind kind;
  const char *name;
  const char *description;
  int dof;            /* internal states (0 for none) */
  int self_conjugate; /* Y counts one species, no 1/2 in <sigma v>_eff */
} dr_dm_info;

/* none | complex-scalar | dirac | majorana | pseudo-dirac */
int dr_dm_parse(const char *name, dr_dm_kind *out, dr_error *e);
const char *dr_dm_name(dr_dm_kind k);
const dr_dm_info *dr_dm_info_get(dr_dm_kind k); /* NULL if out of range */
/* the species' names, comma-separated, into buf (with_none: "none" first); returns buf */
const char *dr_dm_list(char *buf, size_t n, int with_none);
/* 1 if the model's mediator decays to the dark-matter species dm: the dark-photon family for every
 * species, and the scalar portal (scalar-mass with a Dirac or pseudo-Dirac pair,
 * include/darkreach/decay.h dr_width_dm_scalar) */
int dr_model_decays_to_dm(dr_model_kind kind, dr_dm_kind dm);


#endif
