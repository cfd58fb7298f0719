"""darkreach from Python: light dark sectors at lepton fixed-target experiments.

Every darkreach command is a function of the same name (``discriminate`` for ``darkreach
discriminate``, ...). Keyword arguments are the command's options, with ``_`` for ``-``
(``mass_min=0.01`` is ``--mass-min 0.01``; ``primary_only=True`` is the flag ``--primary-only``;
a list is joined with commas). The command runs in this process, through the same option tables
and code as the command line (the C module ``_darkreach``), and the result is the dict of its
``--json`` output, under the same keys: the same numbers, bit for bit, for the same seed::

    import darkreach
    darkreach.xsec(model='vector', beam='e-', energy=8, target='W', mass=0.1, method='ww')['sigma_pb']

Curves and events come as numpy arrays as well: every list of points (reach, its relic target
under ``"relic"``, each model of ``models=``, relic scans) gets ``arrays`` beside it (one array per
column), and ``events`` adds ``events`` (a structured array of the CSV's columns).
Commands that write files (reach, relic, events, hist, shapes, compare, shower, discriminate) write
them into ``out`` (default: a new temporary directory, returned under ``"out"``).

A command that refuses its input or fails raises :class:`DarkreachError` with the library's
message. Each function's docstring is the command's option table.
"""
import json
import os
import tempfile

import numpy as np

from . import _darkreach

__all__ = ["DarkreachError", "run"]

# an installed tree: PREFIX/lib[/ARCH]/python3[.X]/dist-packages/darkreach -> PREFIX/share/darkreach, the
# nearest share/darkreach with cards above the package (a build tree uses the source tree's data)
if not os.environ.get("DARKREACH_DATA"):
    _up = os.path.dirname(os.path.abspath(__file__))
    for _ in range(6):
        _up = os.path.dirname(_up)
        if os.path.isdir(os.path.join(_up, "share", "darkreach", "experiments")):
            os.environ["DARKREACH_DATA"] = os.path.join(_up, "share", "darkreach")
            break


class DarkreachError(Exception):
    """A darkreach command refused its input or failed; ``str(e)`` is the library's message and
    ``e.code`` its error code (``usage``, ``domain``, ``io``, ...)."""

    def __init__(self, message, code=None):
        super().__init__(message)
        self.code = code


def _value(v):
    if isinstance(v, bool):
        raise TypeError("flags are True or False")
    if isinstance(v, float):
        return repr(v)  # the shortest text that reads back as the same double
    if isinstance(v, (list, tuple)):
        return ",".join(_value(x) for x in v)
    return str(v)


def _argv(command, positional, options):
    args = [command] + [str(p) for p in positional]
    for k, v in options.items():
        if v is None or v is False:
            continue
        name = "--" + k.replace("_", "-")
        args += [name] if v is True else [name, _value(v)]
    return args


def run(command, *positional, **options):
    """Run ``darkreach COMMAND [POSITIONAL] --OPTION VALUE ... --json`` in process and return the
    parsed JSON; raises DarkreachError with the library's message on a refusal or failure."""
    rc, out, err = _darkreach.run(_argv(command, positional, options) + ["--json"])
    text = out.strip()
    try:
        result = json.loads(text) if text else None
    except ValueError:
        result = None
    if isinstance(result, dict) and "error" in result:
        raise DarkreachError(result["error"].get("message", "error"), result["error"].get("code"))
    if rc != 0 or result is None:
        lines = [l for l in err.splitlines() if l.strip()]
        raise DarkreachError(lines[-1] if lines else "darkreach %s failed (exit code %d)" % (command, rc))
    return result


def _columns(points):
    """a list of dicts -> one numpy array per key (NaN for null numbers; strings as str arrays)"""
    cols = {}
    for k in points[0] if points else []:
        vals = [p.get(k) for p in points]
        if all(v is None or isinstance(v, (int, float)) for v in vals):
            cols[k] = np.array([np.nan if v is None else v for v in vals], dtype=float)
        else:
            cols[k] = np.array(["" if v is None else str(v) for v in vals])
    return cols


def _add_arrays(obj):
    """every dict holding a list of points gets "arrays": one numpy array per column"""
    if isinstance(obj, dict):
        if isinstance(obj.get("points"), list) and all(isinstance(p, dict) for p in obj["points"]):
            obj["arrays"] = _columns(obj["points"])
        for v in list(obj.values()):
            _add_arrays(v)
    elif isinstance(obj, list):
        for v in obj:
            _add_arrays(v)


_WRITES = {"reach", "relic", "events", "hist", "shapes", "compare", "shower", "discriminate"}


def _command(name, table):
    positional = table.get("positional")
    options = {o["name"].replace("-", "_") for o in table["options"]}

    def f(*args, **kw):
        unknown = [k for k in kw if k not in options]
        if unknown:
            raise DarkreachError("darkreach %s has no option %s (see help(darkreach.%s))"
                                 % (name, ", ".join("--" + k.replace("_", "-") for k in unknown), name.replace("-", "_")),
                                 "usage")
        if name in _WRITES and "out" in options and kw.get("out") is None:
            kw["out"] = tempfile.mkdtemp(prefix="darkreach_%s_" % name)
        csv_tmp = None
        if name == "events" and not kw.get("csv"):
            csv_tmp = kw["csv"] = os.path.join(kw.get("out") or tempfile.mkdtemp(prefix="darkreach_events_"), "events.csv")
        result = run(name, *args, **kw)
        if "out" in kw:
            result["out"] = kw["out"]
        if name == "reach" and "relic" not in result and kw.get("out"):  # the single model's relic target file
            rpath = os.path.join(kw["out"], "reach_relic.json")
            if os.path.exists(rpath):
                with open(rpath) as fh:
                    result["relic"] = json.load(fh)
        _add_arrays(result)
        if name == "events" and result.get("csv"):
            result["events"] = np.genfromtxt(result["csv"], delimiter=",", names=True, dtype=None, encoding="utf-8")
        return result

    lines = ["%s\n" % table["summary"], "darkreach %s%s\n" % (name, " " + positional if positional else ""),
             "Options (keyword arguments; _ for -):"]
    for o in table["options"]:
        head = "  %s%s" % (o["name"].replace("-", "_"), "" if o["type"] == "flag" else "=" + o.get("arg", "V"))
        extra = []
        if o.get("default") is not None:
            extra.append("default %s" % o["default"])
        if o.get("choices"):
            extra.append("one of %s" % o["choices"])
        if o.get("required"):
            extra.append("required")
        if o.get("only_if"):
            extra.append("only if %s" % o["only_if"])
        lines.append("%s\n      %s%s" % (head, o["help"], " [%s]" % "; ".join(extra) if extra else ""))
    f.__name__ = name.replace("-", "_")
    f.__qualname__ = f.__name__
    f.__doc__ = "\n".join(lines) + "\n\nReturns the dict of `darkreach %s --json`." % name
    return f


def _install():
    rc, out, err = _darkreach.run(["help", "--json"])
    if rc != 0:
        raise ImportError("darkreach: the option tables could not be read: %s" % err.strip())
    for table in json.loads(out)["commands"]:
        fname = table["name"].replace("-", "_")
        globals()[fname] = _command(table["name"], table)
        __all__.append(fname)
    return json.loads(out)["darkreach_version"]


__version__ = _install()
