#!/usr/bin/env python3
"""Check labels.jsonl against the article files in this folder (stdlib only).

Checks: every line parses as JSON with exactly the six fields; kind and verdict are from the allowed
lists; code is five characters (or "-" for structure claims, which must use "-"); quote is 5-15 words,
occurs exactly once in its file, does not cross a line break and does not span a sentence end.
Prints per-file correct/incorrect counts and counts by kind. Exit code 1 if anything fails.
"""
import json, os, re, sys
from collections import Counter, defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
KINDS = {"identity", "timing", "duration", "complexity", "status", "section", "structure"}
VERDICTS = {"correct", "incorrect"}
FIELDS = {"file", "code", "quote", "kind", "verdict", "truth"}

def main():
    errors = []
    texts = {}
    per_file = defaultdict(Counter)
    per_kind = defaultdict(Counter)
    seen = set()
    path = os.path.join(HERE, "labels.jsonl")
    with open(path, encoding="utf-8") as fh:
        lines = fh.read().splitlines()
    for n, line in enumerate(lines, 1):
        if not line.strip():
            errors.append(f"line {n}: blank line")
            continue
        try:
            d = json.loads(line)
        except json.JSONDecodeError as e:
            errors.append(f"line {n}: bad JSON: {e}")
            continue
        if set(d) != FIELDS:
            errors.append(f"line {n}: fields {sorted(d)}")
            continue
        f, code, q, kind, verdict, truth = (d[k] for k in ("file", "code", "quote", "kind", "verdict", "truth"))
        if kind not in KINDS:
            errors.append(f"line {n}: bad kind {kind!r}")
        if verdict not in VERDICTS:
            errors.append(f"line {n}: bad verdict {verdict!r}")
        if kind == "structure" and code != "-":
            errors.append(f"line {n}: structure label must use code '-'")
        if code != "-" and not re.fullmatch(r"[0-9A-Z]{5}", code):
            errors.append(f"line {n}: bad code {code!r}")
        if not truth.strip():
            errors.append(f"line {n}: empty truth")
        if f not in texts:
            p = os.path.join(HERE, f)
            if not os.path.isfile(p):
                errors.append(f"line {n}: missing file {f}")
                continue
            texts[f] = open(p, encoding="utf-8").read()
        t = texts[f]
        words = len(q.split())
        if not 5 <= words <= 15:
            errors.append(f"line {n}: quote has {words} words: {q!r}")
        if "\n" in q:
            errors.append(f"line {n}: quote contains a line break")
        c = t.count(q)
        if c != 1:
            errors.append(f"line {n}: quote occurs {c} times in {f}: {q!r}")
        if re.search(r"[.!?][\"”’)]?\s+\S", q):
            errors.append(f"line {n}: quote spans a sentence end: {q!r}")
        key = (f, q)
        if key in seen:
            errors.append(f"line {n}: duplicate quote {q!r}")
        seen.add(key)
        if code != "-" and code not in t and kind != "structure":
            pass  # claims may be about a code without naming it
        per_file[f][verdict] += 1
        per_kind[kind][verdict] += 1
    # every article in the folder should have labels
    for name in sorted(os.listdir(HERE)):
        if name.endswith(".txt") and name not in per_file:
            errors.append(f"{name}: no labels")
    print(f"{'file':50} {'correct':>7} {'incorrect':>9}")
    tot = Counter()
    for f in sorted(per_file):
        print(f"{f:50} {per_file[f]['correct']:7} {per_file[f]['incorrect']:9}")
        tot.update(per_file[f])
    print(f"{'TOTAL':50} {tot['correct']:7} {tot['incorrect']:9}   ({sum(tot.values())} labels)")
    print()
    print(f"{'kind':12} {'correct':>7} {'incorrect':>9}")
    for k in ["identity", "timing", "duration", "complexity", "status", "section", "structure"]:
        print(f"{k:12} {per_kind[k]['correct']:7} {per_kind[k]['incorrect']:9}")
    if errors:
        print("\nERRORS:")
        for e in errors:
            print("  " + e)
        sys.exit(1)
    print("\nOK: all labels valid")

if __name__ == "__main__":
    main()
