#!/usr/bin/python3
"""LDMX Phase II reach and thermal-relic targets in y for the dark photon and each dark-moment model,
the analogue of Catena, Gray, Jerkvall 2025 (arXiv:2502.13635) Fig. 1, from the darkreach package.
Run with Debian's interpreter: PYTHONPATH=build/python /usr/bin/python3 examples/fig_ldmx_dark_moments.py"""
import numpy as np

import darkreach
from _common import args, figure, finish

a = args(__doc__, "ldmx_dark_moments.pdf")
r = darkreach.reach("ldmx_phase2", models="all", points=a.points, method=a.method, no_plot=True)
fig, ax = figure()
styles = ["-", "--", "-.", ":", (0, (5, 1, 1, 1))]  # distinguishable in grey as well
for k, m in enumerate(r["models"]):
    ratio = m["physics"]["mass_ratio"]
    p, rel = m["arrays"], m["relic"]["arrays"]
    ok = p["status"] == "ok"
    line, = ax.plot(p["mass_gev"][ok] / ratio, p["y"][ok], ls=styles[k % 5], label="%s: reach" % m["model"])
    good = np.isfinite(rel["y"])
    ax.plot(rel["m_dm_gev"][good], rel["y"][good], ls=styles[k % 5], color=line.get_color(), lw=0.8, alpha=0.6,
            label="%s: relic target" % m["model"])
finish(ax, r"$m_\chi$ [GeV]", r"$y$ ($\Lambda$ = 1 TeV for the moments)",
       "LDMX Phase II, 8 GeV e$^-$, $10^{16}$ EOT, 90%% CL (%s)" % a.method, a.out)
