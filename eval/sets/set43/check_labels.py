#!/usr/bin/env python3
"""Check labels.jsonl: parse, allowed values, quote exactly once in its file, inside one line and one
sentence, 5-15 words; print per-file and per-kind counts."""
import json, os, re, sys, collections
here = os.path.dirname(os.path.abspath(__file__))
KINDS = {"identity", "timing", "duration", "complexity", "status", "section", "structure"}
VERDICTS = {"correct", "incorrect"}
KEYS = {"file", "code", "quote", "kind", "verdict", "truth"}
errors = []
per_file = collections.defaultdict(collections.Counter)
per_kind = collections.defaultdict(collections.Counter)
texts = {}
seen = set()
with open(os.path.join(here, "labels.jsonl"), encoding="utf-8") as f:
    for n, line in enumerate(f, 1):
        line = line.rstrip("\n")
        if not line.strip():
            errors.append(f"line {n}: empty line"); continue
        try:
            o = json.loads(line)
        except json.JSONDecodeError as e:
            errors.append(f"line {n}: bad JSON: {e}"); continue
        if set(o) != KEYS:
            errors.append(f"line {n}: keys {sorted(o)}"); continue
        if o["kind"] not in KINDS: errors.append(f"line {n}: bad kind {o['kind']}")
        if o["verdict"] not in VERDICTS: errors.append(f"line {n}: bad verdict {o['verdict']}")
        code = o["code"]
        if code != "-" and not re.fullmatch(r"[0-9A-Z]\d{3}[0-9A-Z]", code):
            errors.append(f"line {n}: bad code {code!r}")
        if o["kind"] == "structure" and code != "-" :
            pass  # structure claims about one code's format are allowed a code
        if not o["truth"].strip(): errors.append(f"line {n}: empty truth")
        fn = o["file"]
        if fn not in texts:
            p = os.path.join(here, fn)
            if not os.path.exists(p):
                errors.append(f"line {n}: missing file {fn}"); continue
            texts[fn] = open(p, encoding="utf-8").read()
        t, q = texts[fn], o["quote"]
        c = t.count(q)
        if c != 1: errors.append(f"line {n}: quote occurs {c} times in {fn}: {q!r}")
        if "\n" in q: errors.append(f"line {n}: quote has a line break: {q!r}")
        w = len(q.split())
        if not 5 <= w <= 15: errors.append(f"line {n}: quote has {w} words: {q!r}")
        if re.search(r"[.!?]\s+[A-Z0-9]", q) and not re.search(r"\b(e\.g|i\.e|vs|Dr|No)\.\s", q):
            errors.append(f"line {n}: quote may cross a sentence end: {q!r}")
        key = (fn, q)
        if key in seen: errors.append(f"line {n}: duplicate quote {q!r}")
        seen.add(key)
        per_file[fn][o["verdict"]] += 1
        per_kind[o["kind"]][o["verdict"]] += 1
for fn in sorted(per_file):
    wc = len(texts[fn].split())
    c = per_file[fn]
    print(f"{fn:50s} words={wc:5d} correct={c['correct']:3d} incorrect={c['incorrect']:3d} "
          f"({100*c['incorrect']/max(1,sum(c.values())):.0f}% wrong)")
tot = collections.Counter()
for c in per_file.values(): tot.update(c)
print(f"TOTAL labels={sum(tot.values())} correct={tot['correct']} incorrect={tot['incorrect']} "
      f"({100*tot['incorrect']/max(1,sum(tot.values())):.1f}% wrong)")
for k in sorted(per_kind):
    c = per_kind[k]
    print(f"  {k:11s} correct={c['correct']:3d} incorrect={c['incorrect']:3d} total={sum(c.values()):3d}")
for txt in sorted(os.listdir(here)):
    if txt.endswith(".txt") and txt not in per_file:
        errors.append(f"article without labels: {txt}")
if errors:
    print(f"\n{len(errors)} ERROR(S):")
    for e in errors: print("  " + e)
    sys.exit(1)
print("\nOK: all labels valid")
