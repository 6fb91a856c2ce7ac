"""Runs the stages in order over files: ingest -> nlp -> link -> verify -> report writers.

Articles stream: each result goes to the writers as soon as it is ready and in input order, whatever the
number of worker processes, and only a bounded window of results is ever held in memory.
"""
from __future__ import annotations

import gc
import hashlib
import os
import sys
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator, Optional, Sequence, Union

from .cache import ResultCache, cache_salt
from .errors import CptauditError
from .ingest import Input, article_from_bytes, find_inputs, parse_text
from .link import Grammar, link
from .model import Article, ArticleResult
from .reference import Reference, load_reference
from .report import WRITERS, Summary
from .verify import verify

CHUNK = 16           # articles per task sent to a worker
WINDOW = 4           # tasks in flight per worker: bounds the results held while waiting for an earlier one


class Auditor:
    """One reference table and one spaCy pipeline, reused for every article."""

    def __init__(self, reference: Reference, model: Optional[str] = None):
        # spaCy is imported here, not with this module: a run whose results all come from the cache, and the
        # main process of a run whose workers analyse, never import it (0.7 s)
        from .nlp import analyse, build_pipeline

        self.reference = reference
        self.nlp = build_pipeline(reference, model)
        self.grammar = Grammar(reference)
        self._analyse = analyse

    def audit_articles(self, articles: Iterable[Article]) -> Iterator[ArticleResult]:
        for analysed in self._analyse(self.nlp, articles):
            article = analysed.article
            if article.error is not None:
                yield ArticleResult(article.path, status="error", error=article.error)
                continue
            findings = verify(link(analysed, self.grammar), self.reference, article)
            yield ArticleResult(article.path, findings=findings, text=article.text)

    def audit_text(self, text: str, name: str = "<text>", markdown: bool = False) -> ArticleResult:
        return next(self.audit_articles([parse_text(name, text, markdown)]))


@dataclass
class Task:
    """One article to read and audit: a file, or bytes already read (standard input)."""

    name: str
    path: Optional[str] = None
    data: Optional[bytes] = None
    suffix: str = ".txt"


class Worker:
    """Audits tasks in one process: the cache first, the pipeline (built on the first miss) otherwise.

    pages: draws the HTML page of each result (html_report.PageMaker), so that pages are drawn in the worker
    processes and the main process only writes them.
    """

    def __init__(self, reference: Reference, model: Optional[str], cache_dir: Optional[str], pages=None):
        self.reference = reference
        self.model = model
        self.pages = pages
        self.cache = ResultCache(cache_dir, cache_salt(reference.version, reference.directory, model)) \
            if cache_dir else None
        self._auditor: Optional[Auditor] = None

    @property
    def auditor(self) -> Auditor:
        if self._auditor is None:
            self._auditor = Auditor(self.reference, self.model)
            # the table, the pipeline and their caches live as long as the process: keep them out of the
            # collector's full passes, which otherwise walk them again and again (about 1 ms an article)
            gc.collect()
            gc.freeze()
            gc.set_threshold(100_000, 50, 100)
        return self._auditor

    def run(self, task: Task) -> ArticleResult:
        known = self.lookup(task)
        if isinstance(known, ArticleResult):
            return known
        return self.analyse(known)

    def lookup(self, task: Task) -> Union[ArticleResult, Task]:
        """The result without analysis (the file cannot be read, or the cache has it), else the task with its bytes."""
        data = task.data
        if data is None:
            try:
                data = Path(task.path).read_bytes()
            except IsADirectoryError:
                return ArticleResult(task.name, status="error", error="is a directory")
            except PermissionError:
                return ArticleResult(task.name, status="error", error="permission denied")
            except OSError as exc:
                return ArticleResult(task.name, status="error", error=f"cannot read: {exc.strerror or exc}")
        if self.cache:
            hit = self.cache.get(self.cache.key(data, task.suffix), task.name)
            if hit is not None:
                hit.cached = True
                return hit
        return Task(task.name, path=task.path, data=data, suffix=task.suffix)

    def analyse(self, task: Task) -> ArticleResult:
        data = task.data if task.data is not None else Path(task.path).read_bytes()
        key = self.cache.key(data, task.suffix) if self.cache else ""
        try:
            result = next(self.auditor.audit_articles([article_from_bytes(task.name, data, task.suffix)]))
        except Exception as exc:              # one article that trips a bug must not stop a batch of thousands
            return ArticleResult(task.name, status="error", error=f"internal error: {type(exc).__name__}: {exc}")
        if self.cache:
            self.cache.put(key, result)
        return result

    def finish(self, number: int, step: Step) -> ArticleResult:
        """The number-th result: a task analysed, or a result (from the cache) whose page is to be drawn."""
        result = step if isinstance(step, ArticleResult) else self.analyse(step)
        if self.pages is not None and result.status == "ok":
            result.page = self.pages.draw(number, result)
        return result


_worker: Optional[Worker] = None


def _init_worker(reference_dir: str, model: Optional[str], cache_dir: Optional[str], pages=None) -> None:
    global _worker
    _worker = Worker(load_reference(reference_dir), model, cache_dir, pages)


def _worker_context():
    """Workers forked from a small server, not from this process: the pool may start late in a run, and a fork
    then would copy everything the run has built so far (the HTML index, ...). Nothing is preloaded into the
    server, so it stays small; each worker imports spaCy itself, once."""
    import multiprocessing

    if "forkserver" not in multiprocessing.get_all_start_methods():
        return None                                   # not on this platform: the default method
    return multiprocessing.get_context("forkserver")


def _run_chunk(steps: list[tuple[int, "Step"]]) -> list[ArticleResult]:
    assert _worker is not None
    return [_worker.finish(number, step) for number, step in steps]


Step = Union[ArticleResult, Task]


def in_shard(path: str, shard: Optional[tuple[int, int]]) -> bool:
    """Is this input part of shard k of n? A stable hash of the path as given, the same on every machine."""
    if shard is None:
        return True
    k, n = shard
    digest = hashlib.sha1(path.encode("utf-8", "surrogateescape")).digest()
    return int.from_bytes(digest[:8], "big") % n == k - 1


def plan(inputs: Iterable[Input], on_skip: Optional[Callable[[Input], None]] = None,
         stdin: Optional[Callable[[], bytes]] = None, shard: Optional[tuple[int, int]] = None) -> list[Step]:
    """What to do for each input, in order: a task to audit, or an error result already known."""
    steps: list[Step] = []
    for item in inputs:
        if item.kind in ("file", "error") and not in_shard(item.path, shard):
            continue
        if item.kind == "skipped":
            if on_skip:
                on_skip(item)
        elif item.kind == "error":
            steps.append(ArticleResult(item.path, status="error", error=item.reason))
        elif item.kind == "stdin":
            steps.append(Task(item.path, data=(stdin or _read_stdin)()))
        else:
            steps.append(Task(item.path, path=item.path, suffix=Path(item.path).suffix.lower()))
    return steps


def _read_stdin() -> bytes:
    return sys.stdin.buffer.read()


def audit_steps(steps: Sequence[Step], reference: Reference, jobs: int = 1, model: Optional[str] = None,
                cache_dir: Optional[str] = None, pages=None) -> Iterator[ArticleResult]:
    """Results in the order of `steps` whatever the number of jobs; at most jobs * WINDOW tasks in flight.

    pages: with several jobs, the workers draw each ok result's HTML page with it (html_report.PageMaker; the
    n-th step's page is number n) and the result carries it; alone, the writer draws it.
    """
    tasks = sum(isinstance(s, Task) for s in steps)
    if jobs <= 1 or tasks < 2:
        worker = Worker(reference, model, cache_dir)
        for step in steps:
            yield worker.run(step) if isinstance(step, Task) else step
        return
    chunk = max(1, min(CHUNK, tasks // (jobs * WINDOW) or 1))
    # files are read and the cache is asked here; only what must be analysed goes to the workers, which are
    # started on the first such article (a rerun on a warm cache starts none). Once they run, they also draw
    # the pages of cached results whose page on disk is not current.
    local = Worker(reference, model, cache_dir)
    with ExitStack() as stack:
        pool: Optional[ProcessPoolExecutor] = None
        pending: deque[Union[ArticleResult, Future]] = deque()
        in_flight = 0
        batch: list[tuple[int, Step]] = []

        def submit() -> None:
            nonlocal in_flight, pool
            if batch:
                if pool is None:
                    pool = stack.enter_context(ProcessPoolExecutor(
                        max_workers=jobs, initializer=_init_worker,
                        initargs=(reference.directory, model, cache_dir, pages), mp_context=_worker_context()))
                pending.append(pool.submit(_run_chunk, list(batch)))
                batch.clear()
                in_flight += 1

        held = jobs * WINDOW * chunk              # results waiting behind an unfinished one: bounded too

        def drain(limit: int) -> Iterator[ArticleResult]:
            nonlocal in_flight
            while pending and (in_flight > limit or len(pending) > held or not isinstance(pending[0], Future)):
                head = pending.popleft()
                if isinstance(head, Future):
                    in_flight -= 1
                    yield from head.result()
                else:
                    yield head

        def to_draw(number: int, result: ArticleResult) -> bool:
            """A cached result whose page on disk is not current: drawn by a worker, once workers run (or are to)."""
            if (pool is None and not batch) or pages is None or result.status != "ok":
                return False
            result.page = pages.kept(number, result)
            return result.page is None

        for number, step in enumerate(steps, 1):
            if isinstance(step, Task):
                step = local.lookup(step)
            if isinstance(step, Task) or to_draw(number, step):
                batch.append((number, step))
                if len(batch) >= chunk:
                    submit()
            else:
                submit()                        # keep order: the tasks before this result go first
                pending.append(step)
            yield from drain(jobs * WINDOW)
        submit()
        yield from drain(-1)


def audit_paths(paths: Sequence[str | Path], reference: Reference, jobs: int = 1, model: Optional[str] = None,
                include: Sequence[str] = (), exclude: Sequence[str] = (), cache_dir: Optional[str] = None,
                on_skip: Optional[Callable[[Input], None]] = None,
                on_plan: Optional[Callable[[int], None]] = None,
                shard: Optional[tuple[int, int]] = None, pages=None) -> Iterator[ArticleResult]:
    """Results in the input order whatever the number of jobs; on_plan hears how many results will come."""
    steps = plan(find_inputs(paths, include, exclude), on_skip, shard=shard)
    if on_plan:
        on_plan(len(steps))
    yield from audit_steps(steps, reference, jobs, model, cache_dir, pages)


def default_jobs() -> int:
    return os.cpu_count() or 1


def run(paths: Sequence[str | Path], out_dir: str | Path, formats: Sequence[str] = ("json",),
        reference_dir: Optional[str] = None, jobs: Optional[int] = 1, model: Optional[str] = None,
        include: Sequence[str] = (), exclude: Sequence[str] = (), cache_dir: Optional[str] = None,
        progress: Optional[bool] = False, shard: Optional[tuple[int, int]] = None) -> Summary:
    """Audit the paths and write the reports; a failure leaves no half-written report behind.

    jobs: worker processes (0 or None: one per core). cache_dir: reuse and store results there (None: no
    cache). progress: a progress bar on standard error (None: only when standard error is a terminal).
    shard: (k, n) audits only the k-th of n disjoint parts of the inputs, for spreading a batch over machines.
    """
    if shard is not None and not (shard[1] >= 1 and 1 <= shard[0] <= shard[1]):
        raise CptauditError(f"--shard must be K/N with 1 <= K <= N, not {shard[0]}/{shard[1]}")
    reference = load_reference(reference_dir)
    unknown = [f for f in formats if f not in WRITERS]
    if unknown:
        raise CptauditError(f"unknown report format(s): {', '.join(unknown)}; choose from {', '.join(WRITERS)}")
    out = Path(out_dir)
    writers = [WRITERS[f](out, reference) for f in dict.fromkeys(formats)]
    # the HTML writer's pages are drawn by the worker processes, when there are any
    pages = next((w.pages for w in writers if getattr(w, "pages", None) is not None), None)
    summary = Summary()
    bar = _progress_bar(progress)

    def planned(total: int) -> None:
        bar.total = total
        bar.refresh()

    try:
        for result in audit_paths(paths, reference, jobs=jobs or default_jobs(), model=model, include=include,
                                  exclude=exclude, cache_dir=cache_dir, on_skip=summary.skip, on_plan=planned,
                                  shard=shard, pages=pages):
            summary.add(result)
            for writer in writers:
                writer.add(result)
            bar.update(1)
    except BaseException:
        for writer in writers:
            writer.abort()
        raise
    finally:
        bar.close()
    for writer in writers:
        summary.outputs.append(str(writer.close(summary)))
    return summary


def _progress_bar(enabled: Optional[bool]):
    """tqdm on standard error when asked for (None: when standard error is a terminal); silent otherwise."""
    from tqdm import tqdm

    if enabled is None:
        enabled = sys.stderr.isatty()
    return tqdm(total=0, file=sys.stderr, unit="article", disable=not enabled, dynamic_ncols=True, leave=False)
