/* LHEF 3.0 and CSV writers for unweighted events (include/darkreach/events.h). */
#include "darkreach/constants.h"
#include "darkreach/events.h"

#include <math.h>

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
    fprintf(f, "), PDG %d (PDG numbering scheme: %s mediator), m_X = %.9g GeV,\n  coupling %.6g [%s]: ", mi->pdg,
            mi->spin ? "spin-1" : "spin-0", p->m_X, p->coupling, mi->coupling_unit);
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

int dr_lhe_write_event(FILE *f, const dr_lhe_setup *s, const dr_event *v) {
  const dr_process *p = s->p;
  int ion = ion_code(s->Z, s->A), bpdg = s->beam->pdg;
  double pz = sqrt((p->E0 - p->m_l) * (p->E0 + p->m_l));
  int tid = v->proton ? 2212 : ion;
  double tm = v->proton ? DR_M_P : p->M_N;
  fprintf(f, "<event>\n%d %d %.9e %.6e %.9e 0\n", v->pair ? 7 : 5, v->proton ? 2 : 1, s->info->sigma * DR_GEV2_TO_PB,
          v->pair ? mass_of(v->X) : p->m_X, DR_ALPHA);
  fprintf(f, "%d -1 0 0 0 0 0 0 %.12e %.12e %.9e 0 9\n", bpdg, pz, p->E0, p->m_l);
  fprintf(f, "%d -1 0 0 0 0 0 0 0 %.12e %.9e 0 9\n", tid, tm, tm);
  const double *out[3] = {v->l, v->N, v->X};
  int xpdg = dr_model_info_get(p->model)->pdg;
  const int id[3] = {bpdg, tid, v->pair ? 22 : xpdg};
  for (int k = 0; k < 3; k++)
    fprintf(f, "%d %d 1 2 0 0 %.12e %.12e %.12e %.12e %.9e 0 9\n", id[k], v->pair && k == 2 ? 2 : 1, out[k][1],
            out[k][2], out[k][3], out[k][0], k == 0 ? p->m_l : k == 1 ? tm : mass_of(out[k]));
  if (v->pair) /* chi and chibar, daughters of the virtual photon (line 5) */
    for (int k = 0; k < 2; k++) {
      const double *c = k ? v->c2 : v->c1;
      fprintf(f, "%d 1 5 5 0 0 %.12e %.12e %.12e %.12e %.9e 0 9\n", k ? -xpdg : xpdg, c[1], c[2], c[3], c[0], p->m_X);
    }
  fputs("</event>\n", f);
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
  fprintf(f, "%ld", i);
  const double *o[3] = {v->l, v->N, v->X};
  for (int k = 0; k < 3; k++)
    for (int j = 0; j < 4; j++) fprintf(f, ",%.12g", o[k][j]);
  fprintf(f, ",%d", v->proton);
  if (v->pair)
    for (int k = 0; k < 2; k++)
      for (int j = 0; j < 4; j++) fprintf(f, ",%.12g", k ? v->c2[j] : v->c1[j]);
  fputc('\n', f);
  return ferror(f) ? DR_EIO : DR_OK;
}
