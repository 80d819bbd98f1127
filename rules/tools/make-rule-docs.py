#!/usr/bin/env python3
"""Writes docs/rules/<rule-set>.md from a rule-set version folder: the rules with their metadata, the
parameters with why each value was chosen, and the value sets with their provenance header (source,
source version, filter, review; drafts are listed as needing terminology review). Run from the repository root after changing a rule set:
  python3 rules/tools/make-rule-docs.py rules/<rule-set>/<version> [notes.md]
A shared definition folder (rules/shared/<name>/<version>, described by definition.yaml) works the same way
and writes docs/rules/<name>.md. An optional notes file is appended (design decisions that are not in the
metadata); by convention it is the folder's design.md."""
import glob
import os
import re
import sys

import yaml  # PyYAML

RULE = re.compile(r'rule\s+"([^"]+)"(.*?)\nwhen', re.S)
META = re.compile(r'@(\w+)\("((?:[^"\\]|\\.)*)"\)')
HEADER = re.compile(r'#\s*(source|source-version|filter|review|added):\s*(.*)$')


def cell(text):
    return text.replace("|", "\\|")


def render(text, params):
    """Wording names parameters as {{name}} (docs/authoring.md); the documentation shows their values."""
    return re.sub(r"\{\{\s*([A-Za-z0-9._-]+)\s*\}\}",
                  lambda m: str(params[m.group(1)]["value"]) if m.group(1) in params else m.group(0), text)


def main(folder, notes=None):
    shared = not os.path.exists(os.path.join(folder, "manifest.yaml"))
    manifest = yaml.safe_load(open(os.path.join(folder, "definition.yaml" if shared else "manifest.yaml")))
    params_file = os.path.join(folder, "parameters.yaml")
    params = (yaml.safe_load(open(params_file)) or {}).get("parameters", {}) if os.path.exists(params_file) else {}
    out = [f"# {manifest['title']} (`{manifest['id']}` {manifest['version']})", "",
           " ".join(render(manifest["description"], params).split()), ""]
    if shared:
        out += ["A shared definition, not a rule set: it serves no cards itself. Rule sets that name it under `uses:` in "
                "their manifest have its rules, parameters and value sets compiled in, and cannot redefine them.", ""]
    else:
        out += [f"Status: {manifest['status']}. Clinical reviewer: {manifest['clinicalReviewer']}.", ""]
    out += ["Sources: " + "; ".join(f"{s['id']} {s.get('title', '')}".strip() for s in manifest["sources"]) + ".", ""]
    if manifest.get("uses"):
        out += ["Shared definitions compiled in: " + ", ".join(
            f"[{u.split('@')[0]} {u.split('@')[1]}]({u.split('@')[0]}.md)" for u in manifest["uses"]) + ".", ""]
    out += ["## Rules", "", "| rule id | recommends | title | source | rationale |", "|---|---|---|---|---|"]
    for drl in sorted(glob.glob(os.path.join(folder, "*.drl"))):
        for name, head in RULE.findall(open(drl).read()):
            m = dict(META.findall(head))
            out.append(f"| `{m.get('id', '')}` | {('`' + m['code'] + '`') if 'code' in m else '(derives a fact)'} | "
                       f"{m.get('title', name)} | {m.get('source', '')} | {m.get('rationale', '')} |")
    out += ["", "## Parameters", "", "| name | value | why |", "|---|---|---|"]
    for k, v in params.items():
        out.append(f"| `{k}` | {v['value']} | {v.get('description', '')} |")
    out += ["", "## Value sets", "",
            "Each value set names the published list it was taken from (copied into `codelists/`), that list's "
            "version, what was filtered out or added and why, and its review status (see docs/authoring.md).", "",
            "| value set | codes | source | filter (what was removed or added, and why) | review |", "|---|---|---|---|---|"]
    draft = []
    for vs in sorted(glob.glob(os.path.join(folder, "valuesets", "*.csv"))):
        lines = open(vs, encoding="utf-8-sig").read().splitlines()
        head = {}
        added = []
        for l in lines:
            m = HEADER.match(l)
            if m and m.group(1) == "added":
                added.append(m.group(2))
            elif m:
                head[m.group(1)] = m.group(2)
        count = sum(1 for l in lines if l and not l.startswith("#")) - 1
        name = os.path.basename(vs)[:-4]
        source = head.get("source", "")
        source = "local (" + head.get("source-version", "") + ")" if source == "local" else \
            "; ".join(f"`{s.strip()}`" for s in source.split(";")) + " (" + head.get("source-version", "") + ")"
        filt = head.get("filter", "") + "".join(f" Added: {a}." for a in added)
        out.append(f"| `{name}` | {count} | {cell(source)} | {cell(filt)} | {cell(head.get('review', ''))} |")
        if head.get("review", "").startswith("draft"):
            draft.append(f"- `{name}`: {head.get('review')}")
    if draft:
        out += ["", "## Codes needing terminology review", "",
                "These value sets are drafts: they hold codes Waymark chose, or local codes, because no published list "
                "was available. A terminology specialist must confirm or replace them before live use.", ""] + draft
    if notes:
        out += ["", open(notes).read().rstrip()]
    os.makedirs("docs/rules", exist_ok=True)
    with open(f"docs/rules/{manifest['id']}.md", "w") as f:
        f.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main(*sys.argv[1:])
