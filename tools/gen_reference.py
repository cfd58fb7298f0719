#!/usr/bin/python3
"""Write docs/reference/<command>.md, one page per subcommand, from the option tables
(`darkreach help --json`), and docs/reference/README.md listing them. With --check, write nothing
and exit 1 if the committed pages differ from what the tables give (tests/CMakeLists.txt runs that,
so the pages cannot drift from the CLI).
usage: tools/gen_reference.py DARKREACH_BINARY DOCS_REFERENCE_DIR [--check]"""
import json
import os
import subprocess
import sys


def page(c):
    out = ["# darkreach %s" % c["name"], "", c["summary"], "", "    darkreach %s" % c["usage"].split("darkreach ", 1)[-1],
           "", "Generated from the option table by tools/gen_reference.py; `darkreach %s --help` prints the same"
           " with the command's description and notes; `man darkreach-%s` after an install." % (c["name"], c["name"]),
           "", "| option | value | default | meaning |", "|---|---|---|---|"]
    for o in c["options"]:
        rng = []
        for k, sym in (("min", ">="), ("greater_than", ">"), ("max", "<="), ("less_than", "<")):
            if k in o:
                rng.append("%s %g" % (sym, o[k]))
        extra = []
        if o.get("choices"):
            extra.append("one of %s" % o["choices"].replace("|", ", "))
        if rng:
            extra.append(" and ".join(rng))
        if o.get("only_if"):
            extra.append("only if %s" % o["only_if"])
        if o.get("alias_of"):
            extra.append("the same as --%s" % o["alias_of"])
        if o.get("required"):
            extra.append("required")
        if not o.get("changes_results", True):
            extra.append("does not change the numbers")
        meaning = o["help"] + (" (%s)" % "; ".join(extra) if extra else "")
        out.append("| `--%s` | %s | %s | %s |" % (o["name"], "" if o["type"] == "flag" else "`%s` (%s)" % (o.get("arg", ""), o["type"]),
                                                  "`%s`" % o["default"] if "default" in o else "",
                                                  meaning.replace("|", "\\|")))
    out += ["| `--help` | | | print the help |", ""]
    return "\n".join(out) + "\n"


def main():
    binary, d = sys.argv[1], sys.argv[2]
    check = "--check" in sys.argv[3:]
    tables = json.loads(subprocess.run([binary, "help", "--json"], capture_output=True, text=True, check=True).stdout)
    pages = {"%s.md" % c["name"]: page(c) for c in tables["commands"]}
    index = ["# Command reference", "", "One page per subcommand, generated from the option tables "
             "(`tools/gen_reference.py build/darkreach docs/reference`).", "", "| command | what |", "|---|---|"]
    index += ["| [%s](%s.md) | %s |" % (c["name"], c["name"], c["summary"]) for c in tables["commands"]]
    pages["README.md"] = "\n".join(index) + "\n"
    stale = []
    for name, text in pages.items():
        path = os.path.join(d, name)
        old = open(path).read() if os.path.exists(path) else None
        if old != text:
            stale.append(name)
            if not check:
                os.makedirs(d, exist_ok=True)
                with open(path, "w") as f:
                    f.write(text)
    if check and stale:
        sys.exit("docs/reference is out of date for %s: run tools/gen_reference.py build/darkreach docs/reference" % ", ".join(stale))
    print("%s %d pages%s" % ("checked" if check else "wrote", len(pages), "" if check else " (%d changed)" % len(stale)))


if __name__ == "__main__":
    main()
