"""The Python package against the command line: the same numbers, keys and messages.
Run by ctest (test_python) with PYTHONPATH=build/python and DARKREACH_CLI=build/darkreach:
    /usr/bin/python3 -m pytest tests/python"""
import csv
import json
import os
import signal
import subprocess

import numpy as np
import pytest

import darkreach

CLI = os.environ.get("DARKREACH_CLI", "darkreach")


def cli_json(*args):
    p = subprocess.run([CLI, *args, "--json"], capture_output=True, text=True)
    return p.returncode, json.loads(p.stdout), p.stderr


def strip_volatile(d):
    """the parts of an output that differ between two runs of the same computation"""
    d = dict(d)
    cfg = dict(d.pop("config"))
    for k in ("date", "argv", "command_line", "fingerprint", "fingerprint_digest"):
        cfg.pop(k, None)
    cfg["options"] = {k: v for k, v in cfg["options"].items() if k not in ("out", "csv", "threads")}
    d["config"] = cfg
    for k in ("out", "arrays", "events", "csv"):
        d.pop(k, None)
    return d


def test_xsec_is_the_cli_number():
    r = darkreach.xsec(model="vector", beam="e-", energy=8, target="W", mass=0.1, method="ww")
    _, c, _ = cli_json("xsec", "--model", "vector", "--beam", "e-", "--energy", "8", "--target", "W", "--mass", "0.1",
                       "--method", "ww")
    assert r["sigma_pb"] == c["sigma_pb"] and r["err_pb"] == c["err_pb"]
    assert strip_volatile(r) == strip_volatile(c)


def test_width_keys_and_values():
    r = darkreach.width(model="spin2", mass=0.1, coupling=1e-5)
    _, c, _ = cli_json("width", "--model", "spin2", "--mass", "0.1", "--coupling", "1e-05")
    assert r["gamma_gev"] == c["gamma_gev"] and r["br"] == c["br"]
    assert abs(r["br"]["gammagamma"] / r["br"]["ee"] - 2) < 1e-3  # Gamma(gamma gamma) = 2 Gamma(e e), massless e


def test_float_arguments_round_trip():
    # repr() of a float reads back as the same double: the option echo is the value given
    m = 0.1 + 0.2
    r = darkreach.width(mass=m)
    assert r["config"]["options"]["mass"] == m


def test_errors_carry_the_library_message():
    with pytest.raises(darkreach.DarkreachError) as e:
        darkreach.xsec(energy=8, target="Xx", mass=0.1)
    rc, c, err = cli_json("xsec", "--energy", "8", "--target", "Xx", "--mass", "0.1")
    assert rc != 0 and str(e.value) == c["error"]["message"] and e.value.code == c["error"]["code"]
    with pytest.raises(darkreach.DarkreachError, match="beyond the kinematic|kinematic|above"):
        darkreach.xsec(energy=8, target="W", mass=9)
    with pytest.raises(darkreach.DarkreachError, match="no option --bogus"):
        darkreach.xsec(energy=8, target="W", mass=0.1, bogus=1)


def test_reach_arrays_equal_the_cli(tmp_path):
    kw = dict(points=3, method="ww", no_plot=True, no_relic=True)
    r = darkreach.reach("ldmx_phase2", **kw)
    assert os.path.isfile(os.path.join(r["out"], "reach.csv"))
    _, c, _ = cli_json("reach", "ldmx_phase2", "--points", "3", "--method", "ww", "--no-plot", "--no-relic", "--out",
                       str(tmp_path / "r"))
    assert r["points"] == c["points"]
    a = r["arrays"]
    assert a["mass_gev"].dtype == float and len(a["mass_gev"]) == 3
    assert np.array_equal(a["coupling"], np.array([p["coupling"] for p in c["points"]], dtype=float), equal_nan=True)
    assert list(a["status"]) == [p["status"] for p in c["points"]]


def test_events_same_seed_same_events(tmp_path):
    r = darkreach.events(energy=8, target="W", mass=0.1, n=50, seed=7, threads=1)
    ev = r["events"]
    assert len(ev) == 50 and "l_E" in ev.dtype.names
    cpath = str(tmp_path / "e.csv")
    cli_json("events", "--energy", "8", "--target", "W", "--mass", "0.1", "--n", "50", "--seed", "7", "--threads", "2",
             "--csv", cpath)
    with open(cpath) as f:
        rows = list(csv.DictReader(f))
    for name in ("l_E", "l_px", "X_E", "N_pz"):
        assert np.array_equal(ev[name], np.array([float(x[name]) for x in rows]))  # any thread count, same events


def test_docstrings_are_the_option_tables():
    _, tables, _ = cli_json("help")
    for t in tables["commands"]:
        f = getattr(darkreach, t["name"].replace("-", "_"))
        assert t["summary"] in f.__doc__
        for o in t["options"]:
            assert o["name"].replace("-", "_") in f.__doc__ and o["help"] in f.__doc__


def test_python_keeps_its_signal_handlers():
    before = signal.getsignal(signal.SIGINT)
    darkreach.width(mass=0.3)
    assert signal.getsignal(signal.SIGINT) is before
