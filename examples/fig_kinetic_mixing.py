#!/usr/bin/python3
"""The kinetic-mixing dark photon at LDMX, NA64e, NA64mu, M3 and E137 on one plot, with the thermal-relic
target (complex-scalar dark matter, alpha_D = 0.5, m_A' = 3 m_chi), from the darkreach package.
Run with Debian's interpreter: PYTHONPATH=build/python /usr/bin/python3 examples/fig_kinetic_mixing.py"""
import numpy as np

import darkreach
from _common import args, figure, finish

a = args(__doc__, "kinetic_mixing.pdf")
fig, ax = figure()
relic = None
styles = {"ldmx_phase2": "-", "na64e": "--", "na64mu": "-.", "m3": ":", "e137": (0, (5, 1, 1, 1))}
for card, ls in styles.items():
    r = darkreach.reach(card, points=a.points, method=a.method, no_plot=True)
    p = r["arrays"]
    ok = p["status"] == "ok"
    line, = ax.plot(p["mass_gev"][ok], p["coupling"][ok], ls=ls, label=r["physics"]["experiment"])
    if np.isfinite(p["coupling_upper"][ok]).any():  # a beam dump excludes a band
        ax.plot(p["mass_gev"][ok], p["coupling_upper"][ok], ls=ls, color=line.get_color())
    if relic is None and "relic" in r:
        relic = r["relic"]["arrays"]
if relic is not None:
    good = np.isfinite(relic["coupling"])
    ax.plot(relic["m_med_gev"][good], relic["coupling"][good], color="k", lw=1.5, label="thermal relic target")
finish(ax, r"$m_{A'}$ [GeV]", r"$\epsilon$", "dark photon, 90%% CL, efficiency-1 cards (%s)" % a.method, a.out)
