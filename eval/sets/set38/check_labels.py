#!/usr/bin/env python3
"""Checks labels.jsonl of set38: every line parses, has the six fields with allowed values, its quote occurs
exactly once in its file, does not cross a line break, has 5-15 words and does not run across a sentence end.
Prints per-file and per-kind counts of correct / incorrect labels. Exit status 1 on any problem."""
import collections, json, os, re, sys

HERE = os.path.dirname(os.path.abspath(__file__))
KINDS = ["identity", "timing", "duration", "complexity", "status", "section", "structure"]
FIELDS = {"file", "code", "quote", "kind", "verdict", "truth"}
problems = 0
files = collections.OrderedDict()
kinds = {k: [0, 0] for k in KINDS}
cache = {}

def bad(n, msg):
    global problems
    problems += 1
    print(f"labels.jsonl:{n}: {msg}")

for n, line in enumerate(open(os.path.join(HERE, "labels.jsonl"), encoding="utf-8"), 1):
    try:
        o = json.loads(line)
    except ValueError as e:
        bad(n, f"not JSON ({e})"); continue
    if set(o) != FIELDS:
        bad(n, f"fields {sorted(o)}"); continue
    if o["kind"] not in KINDS: bad(n, f"kind {o['kind']!r}")
    if o["verdict"] not in ("correct", "incorrect"): bad(n, f"verdict {o['verdict']!r}")
    if o["kind"] == "structure" and o["code"] != "-": bad(n, "structure label needs code '-'")
    if o["code"] != "-" and not re.fullmatch(r"[0-9A-Z][0-9]{3}[0-9A-Z]", o["code"]): bad(n, f"code {o['code']!r}")
    if not o["truth"].strip(): bad(n, "empty truth")
    fn = o["file"]
    if fn not in cache:
        path = os.path.join(HERE, fn)
        if not os.path.isfile(path):
            bad(n, f"no file {fn}"); continue
        cache[fn] = open(path, encoding="utf-8").read()
    text, q = cache[fn], o["quote"]
    if text.count(q) != 1: bad(n, f"quote occurs {text.count(q)} times: {q!r}")
    if "\n" in q: bad(n, "quote has a line break")
    if not 5 <= len(q.split()) <= 15: bad(n, f"quote has {len(q.split())} words: {q!r}")
    if re.search(r"[.!?][\"”’)]?\s+[A-Z]", q): bad(n, f"quote crosses a sentence end: {q!r}")
    v = 0 if o["verdict"] == "correct" else 1
    files.setdefault(fn, [0, 0])[v] += 1
    if o["kind"] in kinds: kinds[o["kind"]][v] += 1

print(f"{'file':55} {'words':>5} {'correct':>7} {'incorrect':>9}")
tc = ti = tw = 0
for fn, (c, i) in files.items():
    w = len(cache[fn].split())
    print(f"{fn:55} {w:5} {c:7} {i:9}")
    tc += c; ti += i; tw += w
print(f"{'total':55} {tw:5} {tc:7} {ti:9}   labels={tc + ti}")
print()
for k in KINDS:
    c, i = kinds[k]
    print(f"{k:11} correct={c:3} incorrect={i:3} total={c + i:3}")
print("problems:", problems)
sys.exit(1 if problems else 0)
