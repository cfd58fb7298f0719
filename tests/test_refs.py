"""Every citation key of the form [Key:Something] (and [PLplot]) used in the
sources, headers and docs resolves to an entry of docs/references.bib, and no
key is a placeholder: users only have the repository."""
import glob
import os
import re
import sys

root = sys.argv[1]
bib = open(os.path.join(root, "docs/references.bib")).read()
keys = re.findall(r"@\w+\{([^,\s]+),", bib)
entries = set(keys)
dups = sorted({k for k in keys if keys.count(k) > 1})
key = re.compile(r"\[((?:[A-Z][A-Za-z-]*|arXiv):[0-9][0-9A-Za-z.]*|PLplot)\]")
files = [f for pat in ("src/**/*.c", "src/**/*.h", "include/**/*.h", "app/*.c", "app/*.h", "docs/*.md", "README.md")
         for f in glob.glob(os.path.join(root, pat), recursive=True)]
bad, n = [], 0
for f in files:
    for k in key.findall(open(f, encoding="utf-8").read()):
        n += 1
        if k not in entries or "xxx" in k.lower():
            bad.append("%s: [%s]" % (os.path.relpath(f, root), k))
placeholders = [e for e in entries if "xxx" in e.lower()]
for b in bad + ["references.bib: placeholder key %s" % p for p in placeholders] + \
        ["references.bib: key %s defined twice" % d for d in dups]:
    print("FAIL:", b)
print("refs: %d citations in %d files, %d unresolved or placeholder" % (n, len(files), len(bad) + len(placeholders)))
sys.exit(1 if bad or placeholders or dups or n < 50 else 0)
