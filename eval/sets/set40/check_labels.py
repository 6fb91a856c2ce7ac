#!/usr/bin/env python3
"""Check labels.jsonl of this set: every line parses, fields and values are valid, and every quote
occurs exactly once in its file (case-sensitive and case-insensitive), inside one line and one sentence,
with 5-15 words. Prints per-file counts of correct/incorrect and counts by kind."""
import json, os, re, sys
from collections import Counter, defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
KINDS = {"identity", "timing", "duration", "complexity", "status", "section", "structure"}
VERDICTS = {"correct", "incorrect"}
KEYS = {"file", "code", "quote", "kind", "verdict", "truth"}
SENT_END = re.compile(r'[.!?]["\')]?\s+\S')

def main():
    errors = []
    per_file = defaultdict(Counter)
    per_kind = defaultdict(Counter)
    texts = {}
    seen = set()
    with open(os.path.join(HERE, "labels.jsonl"), encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                d = json.loads(line)
            except json.JSONDecodeError as e:
                errors.append(f"line {n}: bad JSON: {e}"); continue
            if set(d) != KEYS:
                errors.append(f"line {n}: keys {sorted(d)}"); continue
            f, code, q = d["file"], d["code"], d["quote"]
            if d["kind"] not in KINDS: errors.append(f"line {n}: kind {d['kind']}")
            if d["verdict"] not in VERDICTS: errors.append(f"line {n}: verdict {d['verdict']}")
            if not (code == "-" or re.fullmatch(r"[0-9A-Z][0-9]{3}[0-9A-Z]", code)):
                errors.append(f"line {n}: code {code!r}")
            if code == "-" and d["kind"] != "structure":
                errors.append(f"line {n}: code '-' only for structure")
            if not d["truth"].strip(): errors.append(f"line {n}: empty truth")
            if f not in texts:
                p = os.path.join(HERE, f)
                if not os.path.exists(p):
                    errors.append(f"line {n}: no file {f}"); continue
                texts[f] = open(p, encoding="utf-8").read()
            t = texts[f]
            if "\n" in q: errors.append(f"line {n}: newline in quote")
            c1, c2 = t.count(q), t.lower().count(q.lower())
            if c1 != 1 or c2 != 1:
                errors.append(f"line {n}: quote found {c1}x (case-insensitive {c2}x): {q!r}")
            w = len(q.split())
            if not 5 <= w <= 15: errors.append(f"line {n}: {w} words: {q!r}")
            if SENT_END.search(q): errors.append(f"line {n}: quote crosses a sentence end: {q!r}")
            if (f, q) in seen: errors.append(f"line {n}: duplicate label quote")
            seen.add((f, q))
            per_file[f][d["verdict"]] += 1
            per_kind[d["kind"]][d["verdict"]] += 1
    for f in sorted(per_file):
        words = len(texts[f].split())
        print(f"{f:50s} words={words:5d} correct={per_file[f]['correct']:3d} incorrect={per_file[f]['incorrect']:3d}")
    tc = sum(c["correct"] for c in per_file.values()); ti = sum(c["incorrect"] for c in per_file.values())
    print(f"{'TOTAL':50s} {'':11s} correct={tc:3d} incorrect={ti:3d} labels={tc+ti}")
    for k in sorted(per_kind):
        print(f"  {k:12s} correct={per_kind[k]['correct']:3d} incorrect={per_kind[k]['incorrect']:3d}")
    unlabelled = [f for f in os.listdir(HERE) if f.endswith(".txt") and f not in per_file]
    for f in unlabelled: errors.append(f"file without labels: {f}")
    for e in errors: print("ERROR", e)
    print("OK" if not errors else f"{len(errors)} error(s)")
    return 1 if errors else 0

if __name__ == "__main__":
    sys.exit(main())
