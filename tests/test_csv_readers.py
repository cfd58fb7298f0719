#!/usr/bin/python3
"""Every CSV darkreach writes is read by the usual tools with their plain calls:
numpy.genfromtxt(path, delimiter=',', names=True), pandas.read_csv(path) and
Python's csv module give the header's column names, every row, and numbers
where the columns are numeric. Needs Debian's python3-numpy and python3-pandas
(scripts/bootstrap installs them; run under /usr/bin/python3).
Usage: test_csv_readers.py PATH/TO/darkreach"""
import csv
import os
import subprocess
import sys
import tempfile

import numpy
import pandas

DR = sys.argv[1]
T = tempfile.mkdtemp(prefix="darkreach-csv-")
fails = []


def run(*args):
    p = subprocess.run([DR] + list(args) + ["--quiet"], capture_output=True, text=True, cwd=T)
    if p.returncode != 0:
        fails.append("%s: %s" % (" ".join(args), p.stderr.strip()))


run("reach", "ldmx_phase1", "--points", "4", "--out", "r", "--no-plot")  # reach.csv, relic.csv (with a failed point)
run("reach", "e137", "--points", "3", "--mass-max", "0.1", "--out", "v", "--no-plot")  # visible: upper boundary
run("relic", "--dm-mass-min", "0.005", "--dm-mass-max", "0.5", "--points", "4", "--out", "rel", "--no-plot")
run("events", "--energy", "4", "--target", "W", "--mass", "0.1", "--n", "50", "--csv", "ev/e.csv")
run("hist", "--energy", "4", "--target", "W", "--mass", "0.1", "--samples", "5000", "--bins", "6", "--out", "h")
run("compare", "--samples", "5000", "--bins", "6", "--out", "c")

# the text columns (status, message); every other column is a number
TEXT = {"status", "message"}
files = []
for d, _, fs in os.walk(T):
    files += [os.path.join(d, f) for f in fs if f.endswith(".csv")]
kinds = {os.path.basename(f) for f in files}
for want in ("reach.csv", "relic.csv", "e.csv", "hist_recoil_e.csv", "hist2_recoil_e_pt.csv", "compare_recoil_pt.csv"):
    if want not in kinds:
        fails.append("no %s was written" % want)

for f in sorted(files):
    lines = open(f).read().split("\n")
    header = lines[0].split(",")
    nrows = len([l for l in lines[1:] if l])
    name = os.path.relpath(f, T)
    a = numpy.genfromtxt(f, delimiter=",", names=True)
    if list(a.dtype.names) != header or a.size != nrows:
        fails.append("%s: genfromtxt gives %r, %d rows (want %r, %d)" % (name, a.dtype.names, a.size, header, nrows))
    b = numpy.genfromtxt(f, delimiter=",", names=True, dtype=None, encoding="utf-8")
    if list(b.dtype.names) != header or b.size != nrows:
        fails.append("%s: genfromtxt(dtype=None) gives %r" % (name, b.dtype.names))
    p = pandas.read_csv(f)
    if list(p.columns) != header or len(p) != nrows:
        fails.append("%s: pandas gives %r, %d rows" % (name, list(p.columns), len(p)))
    for col in header:
        if col not in TEXT and not pandas.api.types.is_numeric_dtype(p[col]):
            fails.append("%s: pandas reads column %s as %s" % (name, col, p[col].dtype))
        if col not in TEXT and numpy.isnan(a[col]).all() and not p[col].isna().all():
            fails.append("%s: genfromtxt loses column %s" % (name, col))
    with open(f, newline="") as fh:
        rows = list(csv.DictReader(fh))
    if len(rows) != nrows or any(None in r or len(r) != len(header) for r in rows):
        fails.append("%s: csv.DictReader rows do not match the header" % name)
    print("%-40s %3d columns %5d rows: numpy, pandas, csv ok" % (name, len(header), nrows))

for x in fails:
    print("FAIL:", x)
print("csv readers: %d files, %d failures" % (len(files), len(fails)))
sys.exit(1 if fails or not files else 0)
