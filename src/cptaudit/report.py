"""The report stage: writers that see only ArticleResult records, and never leave a half-written file."""
from __future__ import annotations

import json
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from . import __version__
from .model import ArticleResult
from .reference import Reference

JSON_FORMAT_VERSION = 1
SKIPPED_SHOWN = 20


@dataclass
class Summary:
    articles: int = 0
    findings: int = 0
    contradicted: int = 0
    errors: int = 0
    supported: int = 0
    unverifiable: int = 0
    unknown_code: int = 0
    deleted_code: int = 0
    outputs: list[str] = field(default_factory=list)
    cached: int = 0                                               # results taken from the cache
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (path, reason), the first SKIPPED_SHOWN
    skipped_count: int = 0

    def skip(self, item) -> None:
        """A file or folder left out (other format, --include/--exclude, symlink loop): counted, first few kept."""
        self.skipped_count += 1
        if len(self.skipped) < SKIPPED_SHOWN:
            self.skipped.append((printable(item.path), item.reason or "skipped"))

    def add(self, result: ArticleResult) -> None:
        self.articles += 1
        self.cached += result.cached
        if result.status != "ok":
            self.errors += 1
        self.findings += len(result.findings)
        for f in result.findings:
            if hasattr(self, f.verdict):
                setattr(self, f.verdict, getattr(self, f.verdict) + 1)

    def as_contract(self) -> dict:
        return {"articles": self.articles, "findings": self.findings,
                "contradicted": self.contradicted, "errors": self.errors}


def printable(text: str) -> str:
    """Text that encodes as UTF-8: the bytes of a non-UTF-8 file name (surrogate escapes) shown as \\xNN."""
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        try:
            return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
        except UnicodeEncodeError:
            return text.encode("utf-8", "backslashreplace").decode("utf-8")


def article_dict(result: ArticleResult) -> dict:
    return {"path": printable(result.path), "status": result.status, "error": result.error,
            "findings": [f.to_dict() for f in result.findings]}


def _current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_UMASK = _current_umask()


class AtomicFile:
    """A file written under a temporary name and renamed into place only when complete.

    shared: readable by others as the umask allows (mkstemp makes 0600), for reports people open.
    binary: the handle takes bytes already encoded (a page drawn in a worker process).
    """

    def __init__(self, target: Path, encoding: str = "utf-8", shared: bool = False, binary: bool = False):
        self.target = target
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
        self.tmp = Path(tmp)
        if shared:
            try:
                os.chmod(tmp, 0o666 & ~_UMASK)
            except OSError:
                os.close(fd)
                self.tmp.unlink(missing_ok=True)
                raise
        self.handle = os.fdopen(fd, "wb") if binary else os.fdopen(fd, "w", encoding=encoding, newline="\n")

    def commit(self) -> None:
        self.handle.close()
        os.replace(self.tmp, self.target)

    def abort(self) -> None:
        self.handle.close()
        self.tmp.unlink(missing_ok=True)


class JsonWriter:
    """Streams articles to a side file, then writes report.json with the summary first."""

    name = "json"

    def __init__(self, out_dir: Path, reference: Reference):
        self.out = out_dir / "report.json"
        self.reference = reference
        self.body = tempfile.TemporaryFile("w+", encoding="utf-8")
        self.count = 0

    def add(self, result: ArticleResult) -> None:
        if self.count:
            self.body.write(",\n")
        self.body.write("    " + json.dumps(article_dict(result), ensure_ascii=False))
        self.count += 1

    def close(self, summary: Summary) -> Path:
        head = {"tool": {"name": "cptaudit", "version": __version__},
                "format_version": JSON_FORMAT_VERSION,
                "reference": {"version": self.reference.version, "codes": len(self.reference.codes)},
                "summary": summary.as_contract()}
        out = AtomicFile(self.out, shared=True)
        try:
            text = json.dumps(head, ensure_ascii=False, indent=2)
            out.handle.write(text[:-2] + ',\n  "articles": [\n')
            self.body.seek(0)
            shutil.copyfileobj(self.body, out.handle)
            out.handle.write("\n  ]\n}\n")
        except BaseException:
            out.abort()
            raise
        finally:
            self.body.close()
        out.commit()
        return self.out

    def abort(self) -> None:
        self.body.close()


WRITERS = {"json": JsonWriter}


def summary_text(summary: Summary, skipped: Optional[list[tuple[str, str]]] = None) -> str:
    lines = [f"cptaudit: {summary.articles} article(s), {summary.findings} finding(s): "
             f"{summary.contradicted} contradicted, {summary.supported} supported, "
             f"{summary.unverifiable} unverifiable, {summary.unknown_code} unknown code, "
             f"{summary.deleted_code} deleted code; {summary.errors} file error(s)."]
    if summary.cached:
        lines.append(f"cache: {summary.cached} of {summary.articles} article(s) unchanged, not analysed again.")
    if summary.skipped_count:
        shown = ", ".join(f"{path} ({reason})" for path, reason in summary.skipped[:5])
        more = summary.skipped_count - min(5, len(summary.skipped))
        lines.append(f"skipped {summary.skipped_count} file(s): {shown}" + (f" and {more} more" if more else ""))
    for path in summary.outputs:
        lines.append(f"report: {path}")
    return "\n".join(lines)


# last: each registers itself in WRITERS and uses AtomicFile, Summary
from . import csv_report, html_report, sarif_report  # noqa: E402,F401
