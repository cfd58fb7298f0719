"""MPI scans (cmake -DDARKREACH_MPI=ON; `make test` runs this after the suite): the same reach and relic scans
under `mpirun -np 3 --oversubscribe` and in one process must write identical CSV files and identical JSON points,
and the JSON configuration records the rank count. Usage: test_mpi.py PATH/TO/darkreach(MPI build) MPIRUN"""
import json
import os
import subprocess
import sys
import tempfile

DR, MPIRUN = sys.argv[1], sys.argv[2]
TMP = tempfile.mkdtemp(prefix="darkreach-mpi-")
env = dict(os.environ, OMPI_ALLOW_RUN_AS_ROOT="1", OMPI_ALLOW_RUN_AS_ROOT_CONFIRM="1", OMPI_MCA_rmaps_base_oversubscribe="1")
failed = 0


def run(args, ranks):
    cmd = ([MPIRUN, "-np", str(ranks), "--oversubscribe"] if ranks > 1 else []) + [DR] + args
    p = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=600)
    return p.returncode, p.stdout, p.stderr


def check(cond, what):
    global failed
    print(("ok   " if cond else "FAIL ") + what)
    failed += not cond


cases = [
    ("reach ldmx_phase1 with its relic target", ["reach", "ldmx_phase1", "--points", "7", "--mass-max", "0.05"],
     ["reach", "reach_relic"]),
    ("reach na64e (shower, resonance)", ["reach", "na64e", "--points", "5", "--mass-min", "0.1", "--mass-max", "0.3",
                                        "--no-relic", "--precision", "0.03"], ["reach"]),
    ("reach --models on m3", ["reach", "m3", "--models", "vector,anapole", "--points", "4", "--mass-min", "0.05",
                              "--mass-max", "0.5"], ["reach_vector", "reach_anapole", "reach_vector_relic"]),
    ("relic curve", ["relic", "--dm-mass-min", "0.01", "--dm-mass-max", "0.1", "--points", "5"], ["relic"]),
]
for name, args, stems in cases:
    outs = {}
    for ranks in (1, 3):
        d = os.path.join(TMP, "%s_%d" % (stems[0], ranks))
        rc, out, err = run(args + ["--no-plot", "--out", d], ranks)
        check(rc == 0, "%s on %d rank(s): exit 0 (%s)" % (name, ranks, err.strip()[-300:]))
        outs[ranks] = d
    for stem in stems:
        a = open(os.path.join(outs[1], stem + ".csv")).read()
        b = open(os.path.join(outs[3], stem + ".csv")).read()
        check(a == b and a.count("\n") > 2, "%s: %s.csv identical on 1 and 3 ranks" % (name, stem))
        ja = json.load(open(os.path.join(outs[1], stem + ".json")))
        jb = json.load(open(os.path.join(outs[3], stem + ".json")))
        check(ja["points"] == jb["points"] and jb["complete"], "%s: %s.json points identical, complete" % (name, stem))
        check(ja["config"]["ranks"] == 1 and jb["config"]["ranks"] == 3, "%s: ranks recorded" % name)
# an error on rank 0 stops every rank with a non-zero exit
open(os.path.join(TMP, "afile"), "w").write("x")
rc, out, err = run(["reach", "ldmx_phase1", "--out", os.path.join(TMP, "afile")], 3)
check(rc != 0 and "cannot create output directory" in err, "an unwritable --out stops all ranks")
print("mpi: %s" % ("all passed" if not failed else "%d failed" % failed))
sys.exit(1 if failed else 0)
