/* Element table: Z, A, density and radiation length.
 * Source: [Workman:2022ynf] PDG "Atomic and nuclear properties of materials"
 * (pdg.lbl.gov/AtomicNuclearProperties); X0 follows Tsai's formula
 * ([Tsai:1973py] eq. 3.66), which tests/test_core.c recomputes independently.
 * Hydrogen is liquid H2, carbon is graphite (rho = 2.210). */
#include "darkreach/constants.h"
#include "darkreach/core.h"

#include <stdio.h>
#include <string.h>

static const dr_material materials[] = {
    {"H", "hydrogen (liquid)", 1, 1.00794, 0.0708, 63.04, 890.4},
    {"Be", "beryllium", 4, 9.012182, 1.848, 65.19, 35.28},
    {"C", "carbon (graphite)", 6, 12.0107, 2.210, 42.70, 19.32},
    {"Al", "aluminium", 13, 26.9815385, 2.699, 24.01, 8.897},
    {"Si", "silicon", 14, 28.0855, 2.329, 21.82, 9.370},
    {"Fe", "iron", 26, 55.845, 7.874, 13.84, 1.757},
    {"Cu", "copper", 29, 63.546, 8.960, 12.86, 1.436},
    {"W", "tungsten", 74, 183.84, 19.30, 6.76, 0.3504},
    {"Pb", "lead", 82, 207.2, 11.35, 6.37, 0.5612},
};

size_t dr_material_count(void) { return sizeof materials / sizeof materials[0]; }

const dr_material *dr_material_at(size_t i) {
  return i < dr_material_count() ? &materials[i] : NULL;
}

const char *dr_material_list(char *buf, size_t n) {
  size_t used = 0;
  if (n) buf[0] = '\0';
  for (size_t i = 0; i < dr_material_count() && used < n; i++) {
    int w = snprintf(buf + used, n - used, "%s%s", i ? " " : "", materials[i].symbol);
    if (w < 0) break;
    used += (size_t)w;
  }
  return buf;
}

const dr_material *dr_material_find(const char *symbol) {
  if (!symbol) return NULL;
  for (size_t i = 0; i < dr_material_count(); i++)
    if (strcmp(materials[i].symbol, symbol) == 0) return &materials[i];
  return NULL;
}

double dr_material_nucleus_mass(const dr_material *m) { return m->A * DR_AMU_GEV; }

double dr_material_atoms_per_cm3(const dr_material *m) {
  return m->density_gcm3 * DR_AVOGADRO / m->A;
}
