#!/bin/sh
# The figure scripts of examples/ at low resolution (2 masses, WW): each writes its figure.
# usage: test_examples.sh BUILD_DIR SOURCE_DIR
set -eu
build=$1 src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for f in "$src"/examples/fig_*.py; do
  out=$tmp/$(basename "$f" .py).png
  PYTHONPATH="$build/python:$src/examples" /usr/bin/python3 "$f" --points 2 --method ww --out "$out" >/dev/null
  [ -s "$out" ] || { echo "FAIL: $f wrote no figure"; exit 1; }
  echo "ok $(basename "$f")"
done
