#!/usr/bin/python3
"""Millicharged-particle reach of LDMX and NA64mu, the analogue of arXiv:2505.04295 Fig. 4, from the
darkreach package (the cards ldmx_mcp and na64mu_mcp: their sources are in the cards).
Run with Debian's interpreter: PYTHONPATH=build/python /usr/bin/python3 examples/fig_millicharged.py"""
import darkreach
from _common import args, figure, finish

a = args(__doc__, "millicharged.pdf")
fig, ax = figure()
for card, ls in (("ldmx_mcp", "-"), ("na64mu_mcp", "--")):
    r = darkreach.reach(card, model="millicharged", points=a.points, method=a.method, no_plot=True)
    p = r["arrays"]
    ok = p["status"] == "ok"
    ax.plot(p["mass_gev"][ok], p["coupling"][ok], ls=ls, label=r["physics"]["experiment"])
finish(ax, r"$m_\chi$ [GeV]", r"$\epsilon = Q/e$", "millicharged Dirac fermion, 90%% CL (%s)" % a.method, a.out)
