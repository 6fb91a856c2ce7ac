"""The CSV report: one row per finding, for editors who open it in a spreadsheet; rows written as articles arrive."""
from __future__ import annotations

import csv
from pathlib import Path
from typing import Iterable, Optional

from .model import ArticleResult, Finding
from .reference import Reference
from .report import WRITERS, AtomicFile, Summary, printable

COLUMNS = ("path", "line", "code", "kind", "verdict", "severity", "claim", "expected", "suggestion",
           "sentence", "message")
# a cell starting with one of these is a formula to Excel, LibreOffice and Google Sheets (OWASP, CSV Injection)
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
STRUCTURE_CODE = "-"                    # the code column of a structure claim: no code, not a formula


def cell(value: object, column: str = "") -> str:
    """Article text is untrusted: a cell a spreadsheet would read as a formula gets a leading apostrophe."""
    text = "" if value is None else printable(str(value))
    if text.startswith(FORMULA_START) and not (column == "code" and text == STRUCTURE_CODE):
        return "'" + text
    return text


def _row(values: Iterable[object]) -> list[str]:
    return [cell(value, column) for column, value in zip(COLUMNS, values)]


def finding_row(path: str, f: Finding) -> list[str]:
    return _row([path, f.line, f.code, f.kind, f.verdict, f.severity, f.claim, f.expected, " ".join(f.suggestion),
                 f.sentence, f.message])


def error_row(result: ArticleResult) -> list[str]:
    return _row([result.path, "", "", "", "error", "error", "", "", "", "", result.error or "could not be read"])


class CsvWriter:
    """Writes DIR/findings.csv row by row under a temporary name; renamed into place on close."""

    name = "csv"

    def __init__(self, out_dir: Path, reference: Reference):
        self.out = Path(out_dir) / "findings.csv"
        self._file: Optional[AtomicFile] = None
        self._rows = None

    def _writer(self):
        if self._file is None:               # opened on first use: a run that fails to start leaves nothing
            # utf-8-sig: Excel reads a CSV without a byte-order mark in the machine's code page (cp1252 on
            # most Western Windows set-ups), so "é" would show as "Ã©"; with the BOM it reads UTF-8, and
            # LibreOffice, Google Sheets and Python's csv (encoding="utf-8-sig") all accept it
            self._file = AtomicFile(self.out, encoding="utf-8-sig", shared=True)
            # every cell quoted (OWASP's advice alongside the apostrophe); rows end in CRLF (RFC 4180)
            self._rows = csv.writer(self._file.handle, quoting=csv.QUOTE_ALL)
            self._rows.writerow(COLUMNS)
        return self._rows

    def add(self, result: ArticleResult) -> None:
        rows = self._writer()
        if result.status != "ok":
            rows.writerow(error_row(result))
            return
        rows.writerows(finding_row(result.path, f) for f in result.findings)

    def close(self, summary: Summary) -> Path:
        try:
            self._writer()
            self._file.commit()
        except BaseException:
            self.abort()
            raise
        self._file = None
        return self.out

    def abort(self) -> None:
        if self._file is not None:
            self._file.abort()
            self._file = None


WRITERS["csv"] = CsvWriter
