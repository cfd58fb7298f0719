"""Shared by the figure scripts: arguments, and matplotlib without a display."""
import argparse

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402


def args(doc, default_out):
    p = argparse.ArgumentParser(description=doc)
    p.add_argument("--points", type=int, default=40, help="masses per scan (the tests use 2)")
    p.add_argument("--method", default="etl", choices=["etl", "ww"], help="cross sections (default exact tree level)")
    p.add_argument("--out", default=default_out, help="figure file (.pdf, .png or .svg) [default %(default)s]")
    return p.parse_args()


def finish(ax, xlabel, ylabel, title, out):
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.set_title(title, fontsize=10)
    ax.grid(True, which="major", alpha=0.3)
    ax.legend(fontsize=8, framealpha=1)
    ax.figure.tight_layout()
    ax.figure.savefig(out)
    print("wrote", out)


def figure():
    return plt.subplots(figsize=(6.4, 4.8))
