/* LHEF 3.0 and CSV writers for unweighted events (include/darkreach/events.h). */
#include "darkreach/constants.h"
#include "darkreach/events.h"

#include <math.h>
#include <string.h>

#include "darkreach/io.h"

static int ion_code(int Z, int A) { return 1000000000 + Z * 10000 + A * 10; }

/* text inside the XML header: escape the two characters that would end it */
static void put_escaped(FILE *f, const char *s) {
  for (; s && *s; s++) {
    if (*s == '<') fputs("&lt;", f);
    else if (*s == '&') fputs("&amp;", f);
    else fputc(*s, f);
  }
}

static double mass_of(const double v[4]) {
  double m2 = v[0] * v[0] - v[1] * v[1] - v[2] * v[2] - v[3] * v[3];
  return m2 > 0 ? sqrt(m2) : 0;
}

int dr_lhe_write_header(FILE *f, const dr_lhe_setup *s) {
  const dr_process *p = s->p;
  const dr_events_info *in = s->info;
  const dr_model_info *mi = dr_model_info_get(p->model);
  int ion = ion_code(s->Z, s->A), two = in->n_channels == 2;
  double pb = DR_GEV2_TO_PB;
  fprintf(f, "<LesHouchesEvents version=\"3.0\">\n<header>\n<darkreach version=\"%s\">\n", DR_VERSION);
  /* the header is XML text: nothing below may contain '<' or '&' unescaped (put_escaped) */
  if (mi->pair)
    fprintf(f, "process: l N -> l N gamma*(-> chi chibar) by exact tree level with target recoil (darkreach ETL;\n"
               "  the virtual photon, PDG 22 with status 2, decays to chi, chibar with the exact angular distribution)\n");
  else
    fprintf(f, "process: l N -> l N X by exact tree level with target recoil (darkreach ETL)\n");
  fprintf(f, "beam 1: PDG %d, E = %.9g GeV; beam 2: the target nucleus, PDG %d, at rest, M = %.9g GeV\n",
          s->beam->pdg, p->E0, ion, p->M_N);
  fprintf(f, "LPRUP 1: coherent, the nucleus recoils\n");
  if (two)
    fprintf(f, "LPRUP 2: quasi-elastic, the inelastic form-factor term strikes one proton of the nucleus,\n"
               "  free and at rest, written as the incoming particle (PDG 2212) the way a parton of beam 2 is\n");
  if (mi->pair) {
    fprintf(f, "chi: model %s (", mi->name);
    put_escaped(f, mi->description);
    fprintf(f, "), PDG %d and -%d for chibar (a code of the PDG range for new particles), m_chi = %.9g GeV,\n"
               "  coupling %.6g [%s]: ",
            mi->pdg, mi->pdg, p->m_X, p->coupling, mi->coupling_unit);
  } else {
    fprintf(f, "X: model %s (", mi->name);
    put_escaped(f, mi->description);
    fprintf(f, "), PDG %d (PDG numbering scheme: %s), m_X = %.9g GeV,\n  coupling %.6g [%s]: ", mi->pdg,
            mi->spin == 2   ? "5000039, the spin-2 Kaluza-Klein graviton's code"
            : mi->spin == 1 ? "spin-1 mediator"
                            : "spin-0 mediator",
            p->m_X, p->coupling, mi->coupling_unit);
  }
  put_escaped(f, mi->coupling);
  fputc('\n', f);
  fprintf(f, "sigma = %.6e +- %.1e pb; w_max = %.6e pb; unweighting efficiency = %.4g\n", in->sigma * pb,
          in->sigma_err * pb, in->w_max * pb, in->efficiency);
  fprintf(f, "IDWTUP = 3: unweighted; XWGTUP = sigma [pb] for every event (the mean weight is the cross section)\n");
  fprintf(f, "events requested: %ld (the comment at the end of the file says how many were written)\n",
          s->n_requested);
  if (s->config) {
    fputs("configuration:\n", f);
    put_escaped(f, s->config);
    fputc('\n', f);
  }
  fprintf(f, "</darkreach>\n</header>\n<init>\n");
  fprintf(f, "%d %d %.9e %.9e 0 0 0 0 3 %d\n", s->beam->pdg, ion, p->E0, p->M_N, two ? 2 : 1);
  if (two) {
    for (int k = 0; k < 2; k++)
      fprintf(f, "%.9e %.9e %.9e %d\n", in->sigma_channel[k] * pb, in->sigma_channel_err[k] * pb, in->w_max * pb,
              k + 1);
  } else {
    fprintf(f, "%.9e %.9e %.9e 1\n", in->sigma * pb, in->sigma_err * pb, in->w_max * pb);
  }
  fprintf(f, "</init>\n");
  return ferror(f) ? DR_EIO : DR_OK;
}

/* a line assembled in memory (src/io/fmt.c formats the numbers as printf
 * would) and written at once: the event writers spent most of their time in
 * fprintf */
typedef struct {
  char b[2048];
  int n;
} line;

static void put_s(line *l, const char *s) {
  size_t k = strlen(s);
  memcpy(l->b + l->n, s, k);
  l->n += (int)k;
}
static void put_i(line *l, long v) { l->n += snprintf(l->b + l->n, 24, "%ld", v); }
static void put_e(line *l, double x, int p) { l->n += dr_fmt_e(l->b + l->n, x, p); }
static void put_g(line *l, double x, int sig) { l->n += dr_fmt_g(l->b + l->n, x, sig); }

/* "%d %d 1 2 0 0 px py pz E m 0 9" and the like: a particle of the event record */
static void put_particle(line *l, int id, int status, const char *mothers, const double v[4], double m) {
  put_i(l, id);
  l->b[l->n++] = ' ';
  put_i(l, status);
  put_s(l, mothers);
  for (int k = 1; k <= 3; k++) {
    put_e(l, v[k], 12);
    l->b[l->n++] = ' ';
  }
  put_e(l, v[0], 12);
  l->b[l->n++] = ' ';
  put_e(l, m, 9);
  put_s(l, " 0 9\n");
}

int dr_lhe_write_event(FILE *f, const dr_lhe_setup *s, const dr_event *v) {
  const dr_process *p = s->p;
  int ion = ion_code(s->Z, s->A), bpdg = s->beam->pdg;
  double pz = sqrt((p->E0 - p->m_l) * (p->E0 + p->m_l));
  int tid = v->proton ? 2212 : ion;
  double tm = v->proton ? DR_M_P : p->M_N;
  line l = {.n = 0};
  /* "<event>\n%d %d %.9e %.6e %.9e 0\n" */
  put_s(&l, "<event>\n");
  put_i(&l, v->pair ? 7 : 5);
  l.b[l.n++] = ' ';
  put_i(&l, v->proton ? 2 : 1);
  l.b[l.n++] = ' ';
  put_e(&l, s->info->sigma * DR_GEV2_TO_PB, 9);
  l.b[l.n++] = ' ';
  put_e(&l, v->pair ? mass_of(v->X) : p->m_X, 6);
  l.b[l.n++] = ' ';
  put_e(&l, DR_ALPHA, 9);
  put_s(&l, " 0\n");
  /* the incoming lepton and nucleus: "%d -1 0 0 0 0 0 0 %.12e %.12e %.9e 0 9" and
   * "%d -1 0 0 0 0 0 0 0 %.12e %.9e 0 9" */
  double in_l[4] = {p->E0, 0, 0, pz}, in_N[4] = {tm, 0, 0, 0};
  put_i(&l, bpdg);
  put_s(&l, " -1 0 0 0 0 0 0 ");
  put_e(&l, in_l[3], 12);
  l.b[l.n++] = ' ';
  put_e(&l, in_l[0], 12);
  l.b[l.n++] = ' ';
  put_e(&l, p->m_l, 9);
  put_s(&l, " 0 9\n");
  put_i(&l, tid);
  put_s(&l, " -1 0 0 0 0 0 0 0 ");
  put_e(&l, in_N[0], 12);
  l.b[l.n++] = ' ';
  put_e(&l, tm, 9);
  put_s(&l, " 0 9\n");
  const double *out[3] = {v->l, v->N, v->X};
  int xpdg = dr_model_info_get(p->model)->pdg;
  const int id[3] = {bpdg, tid, v->pair ? 22 : xpdg};
  for (int k = 0; k < 3; k++)
    put_particle(&l, id[k], v->pair && k == 2 ? 2 : 1, " 1 2 0 0 ", out[k],
                 k == 0 ? p->m_l : k == 1 ? tm : mass_of(out[k]));
  if (v->pair) /* chi and chibar, daughters of the virtual photon (line 5) */
    for (int k = 0; k < 2; k++) put_particle(&l, k ? -xpdg : xpdg, 1, " 5 5 0 0 ", k ? v->c2 : v->c1, p->m_X);
  put_s(&l, "</event>\n");
  fwrite(l.b, 1, (size_t)l.n, f);
  return ferror(f) ? DR_EIO : DR_OK;
}

int dr_lhe_write_footer(FILE *f, const dr_lhe_setup *s, long n_written, int complete) {
  const dr_events_info *in = s->info;
  if (complete)
    fprintf(f, "<!-- darkreach: complete: %ld events; %ld points tried, %ld accepted above w_max -->\n",
            n_written, in->n_tried, in->n_over);
  else
    fprintf(f, "<!-- darkreach: INCOMPLETE (stopped before the end): %ld of %ld events; %ld points tried, %ld accepted "
               "above w_max -->\n",
            n_written, s->n_requested, in->n_tried, in->n_over);
  fputs("</LesHouchesEvents>\n", f);
  return ferror(f) ? DR_EIO : DR_OK;
}

int dr_events_csv_header(FILE *f, int pair) {
  fputs("event,l_E,l_px,l_py,l_pz,N_E,N_px,N_py,N_pz,X_E,X_px,X_py,X_pz,proton", f);
  fputs(pair ? ",chi_E,chi_px,chi_py,chi_pz,chibar_E,chibar_px,chibar_py,chibar_pz\n" : "\n", f);
  return ferror(f) ? DR_EIO : DR_OK;
}

int dr_events_csv_row(FILE *f, long i, const dr_event *v) {
  line l = {.n = 0};
  put_i(&l, i);
  const double *o[3] = {v->l, v->N, v->X};
  for (int k = 0; k < 3; k++)
    for (int j = 0; j < 4; j++) {
      l.b[l.n++] = ',';
      put_g(&l, o[k][j], 12);
    }
  l.b[l.n++] = ',';
  put_i(&l, v->proton);
  if (v->pair)
    for (int k = 0; k < 2; k++)
      for (int j = 0; j < 4; j++) {
        l.b[l.n++] = ',';
        put_g(&l, k ? v->c2[j] : v->c1[j], 12);
      }
  l.b[l.n++] = '\n';
  fwrite(l.b, 1, (size_t)l.n, f);
  return ferror(f) ? DR_EIO : DR_OK;
}
