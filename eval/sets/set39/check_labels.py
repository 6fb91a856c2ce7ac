#!/usr/bin/env python3
"""Check labels.jsonl in this folder and print per-file / per-kind counts."""
import json, os, re, sys
from collections import Counter, defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
KINDS = {"identity", "timing", "duration", "complexity", "status", "section", "structure"}
VERDICTS = {"correct", "incorrect"}
errors = []
per_file = defaultdict(Counter)
per_kind = defaultdict(Counter)
texts = {}

with open(os.path.join(HERE, "labels.jsonl"), encoding="utf-8") as fh:
    for n, line in enumerate(fh, 1):
        try:
            lab = json.loads(line)
        except json.JSONDecodeError as e:
            errors.append(f"line {n}: bad JSON ({e})"); continue
        if set(lab) != {"file", "code", "quote", "kind", "verdict", "truth"}:
            errors.append(f"line {n}: wrong keys {sorted(lab)}")
            continue
        f, q = lab["file"], lab["quote"]
        if lab["kind"] not in KINDS: errors.append(f"line {n}: bad kind {lab['kind']}")
        if lab["verdict"] not in VERDICTS: errors.append(f"line {n}: bad verdict {lab['verdict']}")
        code = lab["code"]
        if not (code == "-" or (len(code) == 5 and re.fullmatch(r"[0-9A-Z]{5}", code))):
            errors.append(f"line {n}: bad code {code!r}")
        if (lab["kind"] == "structure") != (code == "-"):
            errors.append(f"line {n}: structure labels (and only they) use code '-'")
        if not lab["truth"].strip(): errors.append(f"line {n}: empty truth")
        if f not in texts:
            p = os.path.join(HERE, f)
            if not os.path.exists(p):
                errors.append(f"line {n}: missing file {f}"); continue
            texts[f] = open(p, encoding="utf-8").read()
        t = texts[f]
        words = len(q.split())
        if not 5 <= words <= 15: errors.append(f"line {n}: quote has {words} words: {q!r}")
        if "\n" in q: errors.append(f"line {n}: quote has a line break")
        if re.search(r"[.!?]\s", q): errors.append(f"line {n}: quote crosses a sentence end: {q!r}")
        c = t.count(q)
        if c != 1: errors.append(f"line {n}: quote occurs {c} times in {f}: {q!r}")
        ci = t.lower().count(q.lower())
        if c == 1 and ci != 1: errors.append(f"line {n}: quote occurs {ci} times case-insensitively: {q!r}")
        per_file[f][lab["verdict"]] += 1
        per_kind[lab["kind"]][lab["verdict"]] += 1

for e in errors: print("ERROR", e)
print(f"{'file':50} {'words':>5} {'corr':>5} {'inc':>5}")
tot = Counter()
for f in sorted(per_file):
    w = len(texts[f].split())
    print(f"{f:50} {w:5} {per_file[f]['correct']:5} {per_file[f]['incorrect']:5}")
    tot.update(per_file[f])
print(f"{'total':50} {'':5} {tot['correct']:5} {tot['incorrect']:5}")
print()
for k in sorted(per_kind):
    print(f"{k:12} correct {per_kind[k]['correct']:4} incorrect {per_kind[k]['incorrect']:4}")
txts = sorted(x for x in os.listdir(HERE) if x.endswith(".txt"))
unlabelled = [x for x in txts if x not in per_file]
if unlabelled: print("ERROR files without labels:", unlabelled); errors.append("unlabelled")
sys.exit(1 if errors else 0)
