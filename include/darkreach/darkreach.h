/* darkreach: light-dark-sector physics at lepton fixed-target experiments.
 * Umbrella header; each layer's header states its units and conventions. */
#ifndef DARKREACH_H
#define DARKREACH_H

#include "darkreach/constants.h"
#include "darkreach/core.h"
#include "darkreach/amu.h"
#include "darkreach/decay.h"
#include "darkreach/discrim.h"
#include "darkreach/events.h"
#include "darkreach/exp.h"
#include "darkreach/ff.h"
#include "darkreach/io.h"
#include "darkreach/mcp.h"
#include "darkreach/model.h"
#include "darkreach/num.h"
#include "darkreach/poisson.h"
#include "darkreach/reach.h"
#include "darkreach/shower.h"
#include "darkreach/relic.h"
#include "darkreach/vegas.h"
#include "darkreach/xsec.h"

#endif
