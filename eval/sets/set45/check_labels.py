#!/usr/bin/env python3
"""Checks labels.jsonl of set45 (adapted from set44).

Every line must parse and have exactly the six fields with allowed values; structure labels use code "-".
Every quote must occur exactly once in its file, must not contain a line break and must not run across a
sentence end (a full stop inside a quoted “…” descriptor does not count). A quote has 5-15 words, except that a shorter quote is allowed when it is a whole sentence:
the whole line (after a "- " or "N. " list marker), or a span that starts a line or follows a sentence end
and ends with . ! ? or at the end of the line. Every file must start with "Source: http".
Prints per-file and per-kind counts of correct / incorrect labels. Exit status 1 on any problem."""
import collections, glob, json, os, re, sys

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

def whole_sentence(text, q):
    """True if q (short) is a whole line or a whole sentence of text."""
    i = text.find(q)
    line_start = text.rfind("\n", 0, i) + 1
    line_end = text.find("\n", i)
    line_end = len(text) if line_end < 0 else line_end
    line = text[line_start:line_end]
    body = re.sub(r"^(- |\d+\. )", "", line).strip()
    if q.strip() == body:
        return True
    before = text[line_start:i]
    starts = before.strip() == "" or re.sub(r"^(- |\d+\. )", "", before) == "" or re.search(r"[.!?][\"”’)]?\s+$", before)
    after = text[i + len(q):line_end]
    ends = q.rstrip()[-1:] in ".!?" or after.strip() == ""
    return bool(starts and ends)

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
    if o["kind"] != "structure" and o["code"] == "-": bad(n, "code '-' is only for structure labels")
    if o["code"] != "-" and not re.fullmatch(r"[0-9A-Z][0-9]{3}[0-9A-Z]", o["code"]): bad(n, f"code {o['code']!r}")
    if not o["truth"].strip(): bad(n, "empty truth")
    fn = o["file"]
    if fn not in cache:
        path = os.path.join(HERE, fn)
        if not os.path.isfile(path):
            bad(n, f"no file {fn}"); continue
        cache[fn] = open(path, encoding="utf-8").read()
    text, q = cache[fn], o["quote"]
    cnt = text.count(q)
    if cnt != 1:
        bad(n, f"quote occurs {cnt} times: {q!r}")
    if "\n" in q: bad(n, "quote has a line break")
    w = len(q.split())
    if w > 15 or w == 0:
        bad(n, f"quote has {w} words: {q!r}")
    elif w < 5 and cnt == 1 and not whole_sentence(text, q):
        bad(n, f"quote has {w} words and is not a whole sentence or line: {q!r}")
    unq = re.sub(r"“[^”]*”", "“”", q)
    if re.search(r"[.!?][\"”’)]?\s+[A-Z]", unq): bad(n, f"quote crosses a sentence end: {q!r}")
    v = 0 if o["verdict"] == "correct" else 1
    files.setdefault(fn, [0, 0])[v] += 1
    if o["kind"] in kinds: kinds[o["kind"]][v] += 1

for path in sorted(glob.glob(os.path.join(HERE, "*.txt"))):
    fn = os.path.basename(path)
    t = open(path, encoding="utf-8").read()
    if not t.startswith("Source: http"):
        problems += 1; print(f"{fn}: does not start with 'Source: URL'")
    if fn not in files:
        problems += 1; print(f"{fn}: no labels")
    cache.setdefault(fn, t)

print(f"{'file':58} {'words':>5} {'correct':>7} {'incorrect':>9}")
tc = ti = tw = 0
for fn, (c, i) in files.items():
    w = len(cache[fn].split())
    print(f"{fn:58} {w:5} {c:7} {i:9}")
    tc += c; ti += i; tw += w
print(f"{'total':58} {tw:5} {tc:7} {ti:9}   labels={tc + ti}")
print()
for k in KINDS:
    c, i = kinds[k]
    print(f"{k:11} correct={c:3} incorrect={i:3} total={c + i:3}")
print("problems:", problems)
sys.exit(1 if problems else 0)
