#!/usr/bin/env python3
"""Check labels.jsonl against the article files in this folder (stdlib only)."""
import json, os, re, sys
from collections import Counter, defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
KINDS = {"identity", "timing", "duration", "complexity", "status", "section", "structure"}
VERDICTS = {"correct", "incorrect"}
KEYS = {"file", "code", "quote", "kind", "verdict", "truth"}
CODE_RE = re.compile(r"^(?:[0-9]{5}|[0-9]{4}[FT]|[A-V][0-9]{4}|-)$")
SENT_END = re.compile(r"[.!?]\s")

errors = []
texts = {}
per_file = defaultdict(Counter)
per_kind = defaultdict(Counter)
seen = set()
with open(os.path.join(HERE, "labels.jsonl"), encoding="utf-8") as fh:
    for n, line in enumerate(fh, 1):
        where = f"labels.jsonl:{n}"
        try:
            lab = json.loads(line)
        except json.JSONDecodeError as exc:
            errors.append(f"{where}: bad JSON ({exc})"); continue
        if set(lab) != KEYS:
            errors.append(f"{where}: keys {sorted(lab)}"); continue
        if lab["kind"] not in KINDS: errors.append(f"{where}: kind {lab['kind']!r}")
        if lab["verdict"] not in VERDICTS: errors.append(f"{where}: verdict {lab['verdict']!r}")
        if not CODE_RE.match(lab["code"]): errors.append(f"{where}: code {lab['code']!r}")
        if (lab["kind"] == "structure") != (lab["code"] == "-"):
            errors.append(f"{where}: structure labels use code '-' and only they do")
        if not lab["truth"].strip(): errors.append(f"{where}: empty truth")
        q = lab["quote"]
        nw = len(q.split())
        if not 5 <= nw <= 15: errors.append(f"{where}: quote has {nw} words: {q!r}")
        if "\n" in q or "\r" in q: errors.append(f"{where}: line break in quote")
        if SENT_END.search(q): errors.append(f"{where}: quote crosses a sentence end: {q!r}")
        fn = lab["file"]
        if fn not in texts:
            path = os.path.join(HERE, fn)
            if not os.path.exists(path):
                errors.append(f"{where}: no file {fn}"); continue
            texts[fn] = open(path, encoding="utf-8").read()
        c = texts[fn].count(q)
        if c != 1: errors.append(f"{where}: quote occurs {c} times in {fn}: {q!r}")
        if (fn, q) in seen: errors.append(f"{where}: duplicate label")
        seen.add((fn, q))
        per_file[fn][lab["verdict"]] += 1
        per_kind[lab["kind"]][lab["verdict"]] += 1

print(f"{'file':50} {'words':>5} {'correct':>7} {'incorrect':>9}")
tot = Counter()
for fn in sorted(per_file):
    c = per_file[fn]; tot.update(c)
    print(f"{fn:50} {len(texts[fn].split()):5} {c['correct']:7} {c['incorrect']:9}")
print(f"{'total':50} {'':5} {tot['correct']:7} {tot['incorrect']:9}")
print()
for k in sorted(per_kind):
    c = per_kind[k]
    print(f"{k:12} correct {c['correct']:4} incorrect {c['incorrect']:4} total {c['correct']+c['incorrect']:4}")
if errors:
    print(f"\n{len(errors)} problem(s):")
    for e in errors: print("  " + e)
    sys.exit(1)
print("\nOK: all labels valid")
