/* darkreach experiments | models */
#include "cli.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

static const cli_opt *const list_groups[] = {cli_json_opt, NULL};

/* ------------------------------------------------------------ experiments */
static int is_card(const struct dirent *de) {
  size_t l = strlen(de->d_name);
  return l > 4 && !strcmp(de->d_name + l - 4, ".ini");
}

static int run_experiments(cli_args *a) {
  char dir[4096];
  snprintf(dir, sizeof dir, "%s/experiments", cli_data_dir());
  struct dirent **names = NULL;
  int n = scandir(dir, &names, is_card, alphasort);
  if (n < 0) return cli_fail(a, CLI_FAIL, "io", "cannot open %s: %s (set DARKREACH_DATA)", dir, strerror(errno));
  dr_experiment *x = calloc((size_t)n + 1, sizeof *x);
  int rc = x ? CLI_OK : cli_fail(a, CLI_FAIL, "no-memory", "out of memory");
  for (int i = 0; i < n && rc == CLI_OK; i++) {
    char path[4400];
    snprintf(path, sizeof path, "%s/%s", dir, names[i]->d_name);
    dr_error e;
    dr_error_clear(&e);
    if (dr_experiment_load(path, &x[i], &e)) rc = cli_lib_fail(a, &e);
  }
  if (rc == CLI_OK && a->json) {
    dr_json j;
    cli_json_stdout(&j, a);
    dr_json_str(&j, "directory", dir);
    dr_json_key_array(&j, "experiments");
    for (int i = 0; i < n; i++) {
      dr_json_object(&j);
      dr_json_str(&j, "card", x[i].id);
      dr_json_str(&j, "name", x[i].name);
      dr_json_str(&j, "beam", x[i].beam.name);
      dr_json_num(&j, "energy_gev", x[i].energy);
      dr_json_str(&j, "target", x[i].material->symbol);
      dr_json_str(&j, "target_kind", dr_target_kind_name(x[i].target_kind));
      dr_json_num(&j, "thickness_x0", x[i].thickness_x0);
      dr_json_num(&j, "lot", x[i].lot);
      dr_json_str(&j, "lot_projected", x[i].lot_projected);
      dr_json_num(&j, "x_th", x[i].x_th);
      dr_json_str(&j, "signature", dr_signature_name(x[i].signature));
      dr_json_str(&j, "source", x[i].source);
      dr_json_close(&j);
    }
    dr_json_close(&j);
    dr_json_end(&j);
  } else if (rc == CLI_OK) {
    printf("%-14s %-34s %-4s %7s %-3s %-7s %9s %5s\n", "card", "name", "beam", "E/GeV", "tgt", "kind", "LOT", "x_th");
    for (int i = 0; i < n; i++)
      printf("%-14s %-34.34s %-4s %7g %-3s %-7s %9.3g %5g\n", x[i].id, x[i].name, x[i].beam.name, x[i].energy,
             x[i].material->symbol, dr_target_kind_name(x[i].target_kind), x[i].lot, x[i].x_th);
  }
  for (int i = 0; i < n; i++) free(names[i]);
  free(names);
  free(x);
  return rc;
}

const cli_cmd cmd_experiments = {
    .name = "experiments",
    .summary = "list the built-in experiment cards",
    .usage = "darkreach experiments [--json]",
    .description = "Lists the experiment cards in the data directory ($DARKREACH_DATA/experiments or the installed "
                   "one). Use a card by name or by path: darkreach reach ldmx_phase2.",
    .groups = list_groups,
    .run = run_experiments,
};

/* ----------------------------------------------------------------- models */
static const char *parity(int p) { return p > 0 ? "+" : p < 0 ? "-" : ""; }

static int run_models(cli_args *a) {
  dr_json j;
  if (a->json) {
    cli_json_stdout(&j, a);
    dr_json_str(&j, "y", "y = g^2 alpha_D (m_DM/m_X)^4 Lambda^(2n), Lambda = 1 TeV, n = coupling_dim");
    dr_json_key_array(&j, "models");
  }
  for (int k = 0; k < DR_MODEL_COUNT; k++) {
    const dr_model_info *m = dr_model_info_get((dr_model_kind)k);
    if (a->json) {
      dr_json_object(&j);
      dr_json_str(&j, "name", m->name);
      dr_json_key_array(&j, "aliases");
      for (int i = 0; i < DR_MODEL_MAX_ALIASES && m->aliases[i]; i++) dr_json_str(&j, NULL, m->aliases[i]);
      dr_json_close(&j);
      dr_json_str(&j, "description", m->description);
      dr_json_int(&j, "spin", m->spin);
      dr_json_int(&j, "parity", m->parity);
      dr_json_str(&j, "vertex", m->vertex);
      dr_json_bool(&j, "production", dr_model_can_produce(m->kind));
      dr_json_str(&j, "coupling", m->coupling);
      dr_json_str(&j, "coupling_unit", m->coupling_unit);
      dr_json_int(&j, "coupling_dim", m->coupling_dim);
      dr_json_str(&j, "lepton_width", m->width_formula);
      dr_json_bool(&j, "hadrons", m->em_current);
      dr_json_bool(&j, "dark_matter", m->dark_portal);
      dr_json_int(&j, "pdg", m->pdg);
      dr_json_bool(&j, "pair", m->pair);
      if (m->pair)
        dr_json_str(&j, "produced", "in pairs through a virtual photon (J^P of the photon above); chi is a "
                                    "particle, not a mediator: --mass is m_chi, --coupling its charge eps");
      dr_json_close(&j);
    } else {
      char al[128] = "";
      for (int i = 0; i < DR_MODEL_MAX_ALIASES && m->aliases[i]; i++)
        snprintf(al + strlen(al), sizeof al - strlen(al), "%s%s", i ? ", " : " (also ", m->aliases[i]);
      if (al[0]) strncat(al, ")", sizeof al - strlen(al) - 1);
      if (m->pair)
        printf("%s%s: %s\n  vertex %s; --mass is m_chi, coupling %s [%s]\n  %s\n",
               m->name, al, m->description, m->vertex, m->coupling, m->coupling_unit, m->width_formula);
      else
        printf("%s%s: %s\n  J^P = %d%s, vertex %s; coupling %s [%s]%s\n  width to leptons: %s%s%s\n", m->name, al,
               m->description, m->spin, parity(m->parity), m->vertex, m->coupling, m->coupling_unit,
               dr_model_can_produce(m->kind) ? "" : "; no production vertex yet", m->width_formula,
               m->em_current ? "; hadrons via R(s)" : "", m->dark_portal ? "; decays to dark matter" : "");
    }
  }
  if (a->json) {
    dr_json_close(&j);
    dr_json_end(&j);
  } else {
    printf("y = g^2 alpha_D (m_DM/m_X)^4 Lambda^(2n), Lambda = 1 TeV, n the coupling's dimension\n");
  }
  return CLI_OK;
}

const cli_cmd cmd_models = {
    .name = "models",
    .summary = "list the mediator models: couplings, units, vertices, widths",
    .usage = "darkreach models [--json]",
    .description = "The model registry: for each mediator its name and aliases, spin and parity, the Feynman rule of "
                   "the lepton vertex, what --coupling sets and its unit, its width to leptons with the source, "
                   "whether it decays to hadrons and to dark matter, and whether it can be produced yet.",
    .groups = list_groups,
    .run = run_models,
};
