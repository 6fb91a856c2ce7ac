"""Runs the stages in order over files: ingest -> nlp -> link -> verify -> report writers."""
from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Iterable, Iterator, Optional, Sequence

from .errors import CptauditError
from .ingest import iter_files, parse_text, read_article
from .link import Grammar, link
from .model import Article, ArticleResult
from .nlp import analyse, build_pipeline
from .reference import Reference, load_reference
from .report import WRITERS, Summary
from .verify import verify


class Auditor:
    """One reference table and one spaCy pipeline, reused for every article."""

    def __init__(self, reference: Reference, model: Optional[str] = None):
        self.reference = reference
        self.nlp = build_pipeline(reference, model)
        self.grammar = Grammar(reference)

    def audit_articles(self, articles: Iterable[Article]) -> Iterator[ArticleResult]:
        for analysed in analyse(self.nlp, articles):
            article = analysed.article
            if article.error is not None:
                yield ArticleResult(article.path, status="error", error=article.error)
                continue
            findings = verify(link(analysed, self.grammar), self.reference, article)
            yield ArticleResult(article.path, findings=findings, text=article.text)

    def audit_text(self, text: str, name: str = "<text>", markdown: bool = False) -> ArticleResult:
        return next(self.audit_articles([parse_text(name, text, markdown)]))


_worker: Optional[Auditor] = None


def _init_worker(reference_dir: str, model: Optional[str]) -> None:
    global _worker
    _worker = Auditor(load_reference(reference_dir), model)


def _audit_path(path: str) -> ArticleResult:
    assert _worker is not None
    return next(_worker.audit_articles([read_article(path)]))


def audit_paths(paths: Sequence[str | Path], reference: Reference, jobs: int = 1,
                model: Optional[str] = None) -> Iterator[ArticleResult]:
    """Results in the input order whatever the number of jobs."""
    files: list[str] = []
    missing: list[ArticleResult] = []
    for path, reason in iter_files(paths):
        if reason:
            missing.append(ArticleResult(str(path), status="error", error=reason))
        else:
            files.append(str(path))
    yield from missing
    if jobs <= 1 or len(files) < 2:
        auditor = Auditor(reference, model)
        yield from auditor.audit_articles(read_article(p) for p in files)
        return
    with ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker,
                             initargs=(reference.directory, model)) as pool:
        yield from pool.map(_audit_path, files, chunksize=max(1, min(64, len(files) // (jobs * 8) or 1)))


def run(paths: Sequence[str | Path], out_dir: str | Path, formats: Sequence[str] = ("json",),
        reference_dir: Optional[str] = None, jobs: int = 1, model: Optional[str] = None) -> Summary:
    """Audit the paths and write the reports; a failure leaves no half-written report behind."""
    reference = load_reference(reference_dir)
    unknown = [f for f in formats if f not in WRITERS]
    if unknown:
        raise CptauditError(f"unknown report format(s): {', '.join(unknown)}; choose from {', '.join(WRITERS)}")
    out = Path(out_dir)
    writers = [WRITERS[f](out, reference) for f in dict.fromkeys(formats)]
    summary = Summary()
    try:
        for result in audit_paths(paths, reference, jobs=max(1, jobs or os.cpu_count() or 1), model=model):
            summary.add(result)
            for writer in writers:
                writer.add(result)
    except BaseException:
        for writer in writers:
            writer.abort()
        raise
    for writer in writers:
        summary.outputs.append(str(writer.close(summary)))
    return summary
