#!/usr/bin/env python3
"""Writes a Waymark value-set CSV from published code lists (shared/codelists), so value sets say where
their codes came from. Usage:
  make-valueset.py OUT.csv "source text" LIST [LIST ...]   (LIST: a .csv code,term file or a .tsv code<TAB>term file)
  make-valueset.py OUT.csv "source text" "CODE|Display" ...   (lists and single codes may be mixed)
"""
import csv
import sys


def read_list(path):
    rows = []
    with open(path, encoding="utf-8-sig") as f:
        if path.endswith(".tsv"):
            for line in f:
                line = line.rstrip("\n")
                if line.strip():
                    code, _, term = line.partition("\t")
                    rows.append((code.strip(), term.strip()))
        else:
            for row in csv.DictReader(f):
                rows.append((row["code"].strip(), row["term"].strip()))
    return rows


def main(argv):
    out, source, rest = argv[0], argv[1], argv[2:]
    rows = []
    for item in rest:
        if item.endswith(".csv") or item.endswith(".tsv"):
            rows.extend(read_list(item))
        else:
            code, _, display = item.partition("|")
            rows.append((code, display))
    seen = set()
    with open(out, "w", encoding="utf-8", newline="") as f:
        f.write("# source: " + source + "\n")
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["system", "code", "display"])
        for code, display in rows:
            if code in seen:
                continue
            seen.add(code)
            w.writerow(["http://snomed.info/sct", code, display])


if __name__ == "__main__":
    main(sys.argv[1:])
