/* The subcommands, in the order darkreach --help lists them. */
#include "cli.h"

const cli_cmd *const cli_commands[] = {&cmd_xsec,  &cmd_events, &cmd_hist,  &cmd_compare, &cmd_shapes, &cmd_discriminate, &cmd_flux, &cmd_shower,
                                       &cmd_width, &cmd_amu, &cmd_reach,  &cmd_relic, &cmd_omega,   &cmd_experiments,
                                       &cmd_models, NULL};
