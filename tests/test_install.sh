#!/bin/sh
# An install into a fresh prefix, moved elsewhere afterwards: the example program builds against it
# with pkg-config and with CMake's find_package and prints the CLI's number; the moved CLI finds
# its data beside itself. usage: test_install.sh BUILD_DIR SOURCE_DIR
set -eu
build=$1 src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
cmake --install "$build" --prefix "$tmp/a" >/dev/null
mv "$tmp/a" "$tmp/b" # relocatable: nothing may point into the first prefix
p=$tmp/b
for f in bin/darkreach lib/libdarkreach.a lib/libdarkreach.so lib/pkgconfig/darkreach.pc \
         lib/cmake/darkreach/darkreachConfig.cmake include/darkreach/darkreach.h share/darkreach/experiments/ldmx_phase2.ini; do
  [ -e "$p/$f" ] || fail "not installed: $f"
done
# a man page per command, generated from the option tables: every option of darkreach help --json is in its page
"$p/bin/darkreach" help --json | /usr/bin/python3 -c '
import json, sys, os
d, man = json.load(sys.stdin), sys.argv[1]
pages = ["darkreach.1"] + ["darkreach-%s.1" % c["name"] for c in d["commands"]]
missing = [p for p in pages if not os.path.exists(os.path.join(man, p))]
bad = [(c["name"], o["name"]) for c in d["commands"] for o in c["options"]
       if "\\fB\\-\\-%s\\fR" % o["name"].replace("-", "\\-") not in open(os.path.join(man, "darkreach-%s.1" % c["name"])).read()]
sys.exit("man pages missing %s, options missing %s" % (missing, bad[:5]) if missing or bad else 0)
' "$p/share/man/man1" || fail "man pages"
[ ! -e "$p/include/darkreach/plot.h" ] || fail "plot.h belongs to the CLI's plotting library, not the install"
soname=$(objdump -p "$p/lib/libdarkreach.so" | awk '/SONAME/ {print $2}')
[ "$soname" = libdarkreach.so.0 ] || fail "SONAME is '$soname'"
objdump -p "$p/lib/libdarkreach.so" | grep -q 'NEEDED.*plplot' && fail "the core library links PLplot"
# the CLI, moved, takes its data from share/darkreach beside its bin/
env -u DARKREACH_DATA "$p/bin/darkreach" --help | grep -q "Data directory: .*$p/bin/../share/darkreach" ||
  fail "the moved CLI does not find its data beside itself: $("$p/bin/darkreach" --help | grep 'Data directory')"
env -u DARKREACH_DATA "$p/bin/darkreach" experiments | grep -q '^ldmx_phase2 ' || fail "darkreach experiments lists no card"
want=$("$p/bin/darkreach" xsec --energy 8 --target W --mass 0.1 --method ww --json |
       /usr/bin/python3 -c 'import json, sys; print("%.10g" % json.load(sys.stdin)["sigma_pb"])')
# pkg-config
PKG_CONFIG_PATH=$p/lib/pkgconfig
export PKG_CONFIG_PATH
cc "$src/examples/xsec.c" $(pkg-config --cflags --libs darkreach) -Wl,-rpath,"$p/lib" -o "$tmp/xsec_pc"
got=$("$tmp/xsec_pc" | cut -d' ' -f1)
[ "$got" = "$want" ] || fail "pkg-config example: $got, the CLI: $want"
# CMake
cmake -S "$src/examples/cmake" -B "$tmp/cm" -DCMAKE_PREFIX_PATH="$p" >/dev/null
cmake --build "$tmp/cm" >/dev/null
got=$("$tmp/cm/xsec" | cut -d' ' -f1)
[ "$got" = "$want" ] || fail "CMake example: $got, the CLI: $want"
# the Python package, from the moved tree: its data beside it, the CLI's number
py=$(ls -d "$p"/lib/python3*/dist-packages 2>/dev/null | head -n1)
if [ -n "$py" ]; then
  got=$(env -u DARKREACH_DATA PYTHONPATH="$py" /usr/bin/python3 -c '
import darkreach, sys
d = darkreach.experiments()["directory"]
assert d.startswith(sys.argv[1]), d
print("%.10g" % darkreach.xsec(energy=8, target="W", mass=0.1, method="ww")["sigma_pb"])' "$p")
  [ "$got" = "$want" ] || fail "Python package from the installed tree: $got, the CLI: $want"
fi
echo "install: ok (sigma = $want pb from the CLI and both examples)"
