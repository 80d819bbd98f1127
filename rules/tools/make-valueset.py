#!/usr/bin/env python3
"""Writes a Waymark value-set CSV from published code lists copied into codelists/, with the provenance
header lint requires (docs/authoring.md, "Value sets"). Run from the repository root:

  make-valueset.py OUT.csv --source codelists/eFI-and-conditions/efi-parkinsons.v1.tsv [--source LIST ...]
      --source-version "publisher, version or date" --filter "what was taken out or added, and why"
      --review "reviewed|draft YYYY-MM-DD reviewer role"
      [--keep CODE ...]                  take only these codes from the lists (default: every code)
      [--remove CODE ...]                leave these codes out
      [--add "CODE|Display|reason" ...]  a code from outside the lists, declared as '# added: CODE reason'

With no --source the file is 'source: local' (codes chosen here) and every code comes from --add.
A LIST is a .csv with a code,term header or a .tsv of code<TAB>term lines.
"""
import argparse
import csv
import sys

SNOMED = "http://snomed.info/sct"


def read_list(path):
    rows = []
    with open(path, encoding="utf-8-sig") as f:
        if path.endswith(".tsv"):
            for line in f:
                line = line.rstrip("\r\n")
                if line.strip():
                    code, _, term = line.partition("\t")
                    rows.append((code.strip(), term.split("\t")[0].strip()))
        else:
            for row in csv.DictReader(f):
                rows.append((row["code"].strip(), row["term"].strip()))
    return rows


def main(argv):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("out")
    p.add_argument("--source", action="append", default=[])
    p.add_argument("--source-version", required=True)
    p.add_argument("--filter", required=True)
    p.add_argument("--review", required=True)
    p.add_argument("--keep", nargs="*", default=None)
    p.add_argument("--remove", nargs="*", default=[])
    p.add_argument("--add", action="append", default=[])
    a = p.parse_args(argv)
    if not a.source and not a.add:
        sys.exit("a local value set needs its codes as --add")
    for path in a.source:
        if not path.startswith("codelists/"):
            sys.exit(f"--source {path}: copy the published list into codelists/ first")
    rows, seen = [], set()
    for path in a.source:
        for code, term in read_list(path):
            if code in seen or code in a.remove or (a.keep is not None and code not in a.keep):
                continue
            seen.add(code)
            rows.append((code, term))
    additions = []
    for item in a.add:
        code, display, reason = (item.split("|", 2) + ["", ""])[:3]
        if code not in seen:
            seen.add(code)
            rows.append((code, display))
            if a.source:
                additions.append((code, reason))
    with open(a.out, "w", encoding="utf-8", newline="") as f:
        f.write("# source: " + ("; ".join(a.source) if a.source else "local") + "\n")
        f.write("# source-version: " + a.source_version + "\n")
        f.write("# filter: " + a.filter + "\n")
        f.write("# review: " + a.review + "\n")
        for code, reason in additions:
            f.write(f"# added: {code} {reason}\n")
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["system", "code", "display"])
        for code, display in rows:
            w.writerow([SNOMED, code, display])


if __name__ == "__main__":
    main(sys.argv[1:])
