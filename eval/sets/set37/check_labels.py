#!/usr/bin/env python3
"""Check labels.jsonl of this set: JSON parses, fields/values valid, quote occurs exactly once in its
file, inside one line, 5-15 words, not crossing a sentence end. Prints per-file and per-kind counts."""
import json, os, re, sys, collections
HERE = os.path.dirname(os.path.abspath(__file__))
KINDS = {"identity", "timing", "duration", "complexity", "status", "section", "structure"}
VERDICTS = {"correct", "incorrect"}
errors = 0
per_file = collections.OrderedDict()
per_kind = collections.OrderedDict((k, [0, 0]) for k in sorted(KINDS))
texts = {}
def err(n, msg):
    global errors; errors += 1; print(f"line {n}: {msg}")
with open(os.path.join(HERE, "labels.jsonl"), encoding="utf-8") as f:
    for n, line in enumerate(f, 1):
        try:
            o = json.loads(line)
        except Exception as e:
            err(n, f"bad JSON: {e}"); continue
        if set(o) != {"file", "code", "quote", "kind", "verdict", "truth"}:
            err(n, f"bad keys {sorted(o)}"); continue
        if o["kind"] not in KINDS: err(n, f"bad kind {o['kind']}")
        if o["verdict"] not in VERDICTS: err(n, f"bad verdict {o['verdict']}")
        if o["kind"] == "structure" and o["code"] != "-": err(n, "structure label must use code '-'")
        if o["code"] != "-" and not re.fullmatch(r"[0-9A-Z]\d{3}[0-9A-Z]", o["code"]): err(n, f"bad code {o['code']}")
        if not o["truth"].strip(): err(n, "empty truth")
        path = os.path.join(HERE, o["file"])
        if o["file"] not in texts:
            if not os.path.exists(path): err(n, f"missing file {o['file']}"); continue
            texts[o["file"]] = open(path, encoding="utf-8").read()
        t, q = texts[o["file"]], o["quote"]
        c = t.count(q)
        if c != 1: err(n, f"quote occurs {c} times: {q!r}")
        if "\n" in q: err(n, "quote contains a line break")
        w = len(q.split())
        if not 5 <= w <= 15: err(n, f"quote has {w} words: {q!r}")
        if re.search(r"[.!?]\s+[A-Z]", q): err(n, f"quote crosses a sentence end: {q!r}")
        pf = per_file.setdefault(o["file"], [0, 0])
        i = 0 if o["verdict"] == "correct" else 1
        pf[i] += 1
        if o["kind"] in per_kind: per_kind[o["kind"]][i] += 1
print(f"{'file':45} {'words':>5} {'correct':>7} {'incorrect':>9}")
tc = ti = 0
for fn, (c, i) in per_file.items():
    print(f"{fn:45} {len(texts[fn].split()):5} {c:7} {i:9}"); tc += c; ti += i
print(f"{'total':45} {'':5} {tc:7} {ti:9}   labels={tc+ti}")
print()
for k, (c, i) in per_kind.items():
    print(f"{k:12} correct={c:3} incorrect={i:3} total={c+i:3}")
print("errors:", errors)
sys.exit(1 if errors else 0)
