"""The whole run over corpus/, scored against corpus/labels.jsonl with the same rules as the project's scorer."""
import json
import re
from pathlib import Path

import pytest

from cptaudit.audit import run
from cptaudit.ingest import read_article

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"


def norm(s):
    return re.sub(r"\s+", " ", s.replace("\u2019", "'").replace("\u201c", '"').replace("\u201d", '"')).strip().lower()


def overlaps(quote, sentence):
    q, s = norm(quote), norm(sentence)
    if not q or not s:
        return False
    if q in s or s in q:
        return True
    w = min(40, len(q))
    return any(q[i:i + w] in s for i in range(0, len(q) - w + 1, 10))


def score(report, labels):
    findings = {}
    for art in report["articles"]:
        findings.setdefault(Path(art["path"]).name, []).extend(art["findings"])
    tp = fn = fp = 0
    misses, alarms = [], []
    for lab in labels:
        hits = [f for f in findings.get(lab["file"], []) if f["verdict"] == "contradicted"
                and (f["code"] == lab["code"] or (lab["code"] == "-" and f["kind"] == "structure"))
                and not (lab["verdict"] == "correct" and f["kind"] != lab["kind"])
                and overlaps(lab["quote"], f["sentence"])]
        if lab["verdict"] == "incorrect":
            tp += bool(hits)
            fn += not hits
            if not hits:
                misses.append(lab["quote"])
        elif hits:
            fp += 1
            alarms.append(lab["quote"])
    return tp / max(tp + fp, 1), tp / max(tp + fn, 1), misses, alarms


@pytest.fixture(scope="module")
def corpus_report(tmp_path_factory):
    out = tmp_path_factory.mktemp("corpus")
    summary = run([CORPUS], out, ["json"])
    assert summary.articles >= 12
    return json.loads((out / "report.json").read_text())


def test_corpus_quality(corpus_report):
    labels = [json.loads(line) for line in (CORPUS / "labels.jsonl").read_text().splitlines() if line.strip()]
    precision, recall, misses, alarms = score(corpus_report, labels)
    assert precision >= 0.95, alarms
    assert recall >= 0.90, misses


def test_every_sentence_is_quoted_exactly_and_lines_are_right(corpus_report):
    for art in corpus_report["articles"]:
        article = read_article(art["path"])
        source = Path(art["path"]).read_text(encoding="utf-8").splitlines()
        for f in art["findings"]:
            assert article.text[f["start"]:f["end"]] == f["sentence"]
            assert article.line_of(f["start"]) == f["line"]
            # the sentence starts on the reported line of the source file
            assert f["sentence"].split()[0] in source[f["line"] - 1]
