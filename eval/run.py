#!/usr/bin/env python3
"""Score cptaudit on the labelled evaluation sets in eval/sets/ (and the seeds, when ../shared is there).

Each set is a folder of articles with a labels.jsonl in the gold-label format of DESIGN.md. The sets were
written blind to the code (by people or helpers who never read src/) and scored once before any rule was
written for them; after that they are regression sets, so their figures overstate what unseen articles get.
The scorer is the project's shared one (../shared/eval/score.py); --scorer points elsewhere.

    .venv/bin/python eval/run.py                 # every set
    .venv/bin/python eval/run.py set21 set22     # some
"""
from __future__ import annotations

import argparse
import pathlib
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
SETS = ROOT / "eval" / "sets"
SHARED = ROOT.parent / "shared"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("sets", nargs="*", help="set names under eval/sets/ (default: all)")
    ap.add_argument("--scorer", default=str(SHARED / "eval" / "score.py"))
    ap.add_argument("--keep", help="write each set's report.json under this folder")
    a = ap.parse_args()
    scorer = pathlib.Path(a.scorer)
    if not scorer.exists():
        print(f"no scorer at {scorer}: give --scorer PATH", file=sys.stderr)
        return 2
    targets = [(name, SETS / name, SETS / name / "labels.jsonl") for name in a.sets] if a.sets else \
        [(d.name, d, d / "labels.jsonl") for d in sorted(SETS.iterdir()) if (d / "labels.jsonl").exists()]
    if not a.sets and (SHARED / "seeds").is_dir():
        targets.insert(0, ("seeds", SHARED / "seeds", SHARED / "eval" / "dev" / "seeds.labels.jsonl"))
        targets.insert(1, ("corpus", ROOT / "corpus", ROOT / "corpus" / "labels.jsonl"))
    cptaudit = pathlib.Path(sys.executable).with_name("cptaudit")
    status = 0
    with tempfile.TemporaryDirectory() as tmp:
        for name, folder, labels in targets:
            if not labels.exists():
                print(f"{name:10} no labels at {labels}")
                status = 2
                continue
            out = pathlib.Path(a.keep) / name if a.keep else pathlib.Path(tmp) / name
            run = subprocess.run([str(cptaudit), "check", str(folder), "--out", str(out), "--format", "json", "--no-cache",
                                  "--exclude", "README.md", "--exclude", "*.jsonl", "--exclude", "*.tsv"],
                                 capture_output=True, text=True)
            if run.returncode > 1:
                print(f"{name:10} cptaudit failed: {run.stderr.strip()[:200]}")
                status = 2
                continue
            score = subprocess.run([sys.executable, str(scorer), str(out / "report.json"), str(labels), "--quiet"],
                                   capture_output=True, text=True)
            print(f"{name:10} {score.stdout.strip().splitlines()[-1] if score.stdout.strip() else score.stderr.strip()}")
    return status


if __name__ == "__main__":
    sys.exit(main())
