"""Throughput benchmark: a synthetic corpus, a regex floor, and `cptaudit check` end to end.

    .venv/bin/python bench/bench.py [--articles 2000] [--words 1700] [--jobs 1,all] [--mix txt=2,md=1,html=1]

Builds N articles of about W words from corpus/ (sections drawn at random, paragraphs shuffled inside
them, codes swapped for other codes of the reference table), written as .txt, .md and .html (the HTML
wrapped in navigation, share widgets, a "22,037 Fans Like" counter, related posts and a footer). Then,
in the same run, it times (a) a plain regex scan for five-digit codes over the same files, the floor, and
(b) `cptaudit check` with JSON and HTML written (JSON only when no HTML writer is registered), for each
--jobs value, with a cold cache, a warm cache, and a warm cache after one file changed. It prints
articles/s, MB/s, the ratio to the floor's throughput and peak memory (RSS of the whole process tree,
sampled, and of the largest process). Figures are printed, not asserted.
"""
from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from html import escape
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from cptaudit.ingest import read_article  # noqa: E402
from cptaudit.reference import load_reference  # noqa: E402

CODE = re.compile(r"\b(?:\d{5}|[A-V]\d{4})\b")
FLOOR = re.compile(rb"(?<!\d)\d{5}(?!\d)")


# ---------------------------------------------------------------- corpus

def sections(corpus: Path) -> list[list[tuple[str, str]]]:
    """Every (kind, text) block of corpus/, grouped under its heading."""
    out: list[list[tuple[str, str]]] = []
    for path in sorted(corpus.iterdir()):
        if path.suffix not in (".txt", ".md") or path.name.lower() == "readme.md":
            continue
        article = read_article(path)
        current: list[tuple[str, str]] = []
        for block in article.blocks[1:]:                      # the title is made anew
            text = article.text[block.start:block.end]
            if block.kind in ("heading", "question") and current:
                out.append(current)
                current = []
            current.append((block.kind, text))
        if current:
            out.append(current)
    return out


def make_article(rnd: random.Random, pool: list[list[tuple[str, str]]], codes: list[str], words: int,
                 number: int) -> tuple[str, list[tuple[str, str]]]:
    swap = {c: rnd.choice(codes) for c in codes if rnd.random() < 0.3}
    blocks: list[tuple[str, str]] = []
    count = 0
    while count < words:
        section = list(rnd.choice(pool))
        head, body = (section[:1], section[1:]) if section[0][0] in ("heading", "question") else ([], section)
        paragraphs = [b for b in body if b[0] == "paragraph"]
        rnd.shuffle(paragraphs)
        it = iter(paragraphs)
        body = [next(it) if b[0] == "paragraph" else b for b in body]
        for kind, text in head + body:
            text = CODE.sub(lambda m: swap.get(m.group(0), m.group(0)), text)
            blocks.append((kind, text))
            count += len(text.split())
    title = f"Billing guide {number}: {rnd.choice(codes)} and related codes"
    return title, blocks


def as_txt(title: str, blocks: list[tuple[str, str]]) -> str:
    lines = [title, ""]
    for kind, text in blocks:
        lines += [f"- {text}" if kind == "list_item" else text, ""]
    return "\n".join(lines)


def as_md(title: str, blocks: list[tuple[str, str]]) -> str:
    lines = [f"# {title}", ""]
    for kind, text in blocks:
        lines += [f"## {text}" if kind in ("heading", "question") else f"- {text}" if kind == "list_item" else text, ""]
    return "\n".join(lines)


def as_html(title: str, blocks: list[tuple[str, str]]) -> str:
    body: list[str] = []
    in_list = False
    for kind, text in blocks:
        if kind == "list_item" and not in_list:
            body.append("<ul>")
            in_list = True
        elif kind != "list_item" and in_list:
            body.append("</ul>")
            in_list = False
        tag = "h2" if kind in ("heading", "question") else "li" if kind == "list_item" else "p"
        body.append(f"<{tag}>{escape(text)}</{tag}>")
    if in_list:
        body.append("</ul>")
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{escape(title)} | Clinic Blog</title>
<script>window.dataLayer = [{{"page": "97110-guide"}}];</script><style>.td-social-counter {{ color: red; }}</style></head>
<body class="post-template-default single has-sidebar">
<nav class="main-menu"><ul><li><a href="/">Home</a></li><li><a href="/97110">97110 guide</a></li></ul></nav>
<header class="site-header"><div class="logo">Clinic Blog</div></header>
<div class="td-social-counter"><span>22,037</span> <span>Fans</span> <span>Like</span></div>
<main><article class="post">
<h1>{escape(title)}</h1>
<div class="share-buttons"><a href="#">Share</a> <a href="#">Tweet</a></div>
{chr(10).join(body)}
<section class="related-posts"><h3>Related Articles</h3><ul><li><a href="/x">CPT 97140 and exercise</a></li></ul></section>
</article></main>
<aside class="sidebar"><p>97112 is massage (sidebar ad)</p></aside>
<footer><p>Clinic, 2200 Broadway, Denver, CO 80202</p></footer>
</body></html>
"""


WRITE = {"txt": as_txt, "md": as_md, "html": as_html}


def generate(folder: Path, n: int, words: int, mix: dict[str, int], seed: int) -> int:
    rnd = random.Random(seed)
    pool = sections(ROOT / "corpus")
    codes = sorted(load_reference().codes)
    formats = [f for f, w in mix.items() for _ in range(w)]
    total = 0
    for i in range(n):
        title, blocks = make_article(rnd, pool, codes, words, i)
        fmt = formats[i % len(formats)]
        path = folder / f"{i // 1000:02d}" / f"article_{i:05d}.{fmt}"
        path.parent.mkdir(parents=True, exist_ok=True)
        data = WRITE[fmt](title, blocks).encode("utf-8")
        path.write_bytes(data)
        total += len(data)
    return total


# ---------------------------------------------------------------- measuring

def regex_floor(folder: Path) -> tuple[float, int]:
    start = time.perf_counter()
    found = 0
    for path in sorted(folder.rglob("*.*")):
        found += len(FLOOR.findall(path.read_bytes()))
    return time.perf_counter() - start, found


def tree_rss(root: int) -> tuple[int, int]:
    """Resident memory of a process and all its descendants, and of the largest of them, in bytes (/proc)."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                stat = f.read()
            with open(f"/proc/{entry}/statm") as f:
                pages = int(f.read().split()[1])
        except OSError:
            continue
        pid = int(entry)
        parents[pid] = int(stat.rsplit(")", 1)[1].split()[1])
        rss[pid] = pages * os.sysconf("SC_PAGE_SIZE")
    members, frontier = {root}, [root]
    while frontier:
        pid = frontier.pop()
        for child, parent in parents.items():
            if parent == pid and child not in members:
                members.add(child)
                frontier.append(child)
    sizes = [rss.get(pid, 0) for pid in members]
    return sum(sizes), max(sizes)


def run_check(folder: Path, out: Path, jobs: int, cache: Path, formats: list[str]) -> tuple[float, int, int]:
    """Seconds, peak RSS of the process tree, peak RSS of the largest process (bytes)."""
    cmd = [sys.executable, "-m", "cptaudit.cli", "check", str(folder), "--out", str(out), "--jobs", str(jobs),
           "--cache-dir", str(cache)]
    for f in formats:
        cmd += ["--format", f]
    peak = largest = 0
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=str(ROOT))
    done = threading.Event()

    def sample() -> None:
        nonlocal peak, largest
        while not done.is_set():
            total, single = tree_rss(proc.pid)
            peak, largest = max(peak, total), max(largest, single)
            done.wait(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    stdout, stderr = proc.communicate()
    elapsed = time.perf_counter() - start
    done.set()
    sampler.join()
    if proc.returncode not in (0, 1):
        raise SystemExit(f"cptaudit failed ({proc.returncode}):\n{stderr.decode()}")
    return elapsed, peak, largest


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--words", type=int, default=1700)
    parser.add_argument("--jobs", default="1,all", help="comma-separated; 'all' = os.cpu_count()")
    parser.add_argument("--mix", default="txt=2,md=1,html=1", help="input formats and their weights")
    parser.add_argument("--reports", default="json,html", help="report formats to write (html only if registered)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--no-warm", action="store_true", help="time cold runs only")
    parser.add_argument("--keep", action="store_true", help="keep the generated corpus and reports")
    args = parser.parse_args()

    from cptaudit.report import WRITERS
    formats = [f for f in args.reports.split(",") if f in WRITERS]
    mix = {k: int(v) for k, v in (p.split("=") for p in args.mix.split(","))}
    cores = os.cpu_count() or 1
    jobs = [cores if j == "all" else int(j) for j in args.jobs.split(",")]
    work = Path(tempfile.mkdtemp(prefix="cptaudit-bench-"))
    folder = work / "articles"
    try:
        start = time.perf_counter()
        size = generate(folder, args.articles, args.words, mix, args.seed)
        print(f"corpus: {args.articles} articles of ~{args.words} words ({args.mix}), {size / 1e6:.1f} MB, "
              f"generated in {time.perf_counter() - start:.1f} s; {cores} cores; reports: {', '.join(formats)}"
              + ("" if "html" in formats or "html" not in args.reports else " (no HTML writer registered yet)"))
        floor_s, found = regex_floor(folder)
        floor_rate = args.articles / floor_s
        print(f"regex floor: {floor_s:.3f} s, {floor_rate:,.0f} articles/s, {size / 1e6 / floor_s:,.1f} MB/s "
              f"({found} five-digit numbers)")
        print(f"{'run':<22}{'jobs':>5}{'seconds':>9}{'art/s':>9}{'art/s/core':>11}{'MB/s':>8}"
              f"{'floor ratio':>12}{'peak RSS':>10}{'largest':>9}")
        victim = next(folder.rglob("*.txt"), None) or next(folder.rglob("*.*"))
        for n in jobs:
            cache = work / f"cache-{n}"
            runs = [("cold cache", None)] if args.no_warm else \
                [("cold cache", None), ("warm cache", None), ("warm, 1 file changed", victim)]
            for label, changed in runs:
                if changed is not None:
                    changed.write_bytes(changed.read_bytes() + f"\n\nEdited at {time.time()}.\n".encode())
                seconds, peak, largest = run_check(folder, work / f"out-{n}", n, cache, formats)
                rate = args.articles / seconds
                print(f"{label:<22}{n:>5}{seconds:>9.2f}{rate:>9.1f}{rate / n:>11.1f}{size / 1e6 / seconds:>8.2f}"
                      f"{rate / floor_rate:>12.4f}{peak / 2**20:>8.0f}MB{largest / 2**20:>7.0f}MB")
    finally:
        if args.keep:
            print(f"kept: {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
