"""The SARIF 2.1.0 report, so CI systems (GitHub code scanning) show the problems inline on a docs repository.

Streamed: the head is written first, each result as its article arrives, the tail (with the files that could
not be read, kept in a side file until then) on close.
"""
from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import IO, Optional
from urllib.parse import quote

from . import __version__
from .model import KINDS, ArticleResult, Finding
from .reference import Reference
from .report import WRITERS, AtomicFile, Summary, printable

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
SRCROOT = "%SRCROOT%"                  # relative paths are relative to where cptaudit ran: the checkout's root in CI
PROBLEMS = ("contradicted", "deleted_code", "unknown_code")   # supported and unverifiable are no result
LEVELS = {"error": "error", "warning": "warning", "info": "note"}   # Finding.severity -> SARIF level
UNREADABLE = "unreadable-file"

# one rule per finding kind: (name, short description, help)
RULES = {
    "identity": ("CodeIdentity", "A code described as a service it does not cover",
                 "The sentence says the code stands for a service that the reference table gives to another "
                 "code, or that it is not. Say what the code really covers, or use the suggested code for the "
                 "service described."),
    "timing": ("TimedOrUntimed", "A code's timing or unit count stated wrongly",
               "The sentence calls an untimed code timed (billed per unit of minutes) or the reverse, or counts "
               "the units for a number of minutes wrongly under the 8-minute rule."),
    "duration": ("TypicalMinutes", "A code's typical time stated wrongly",
                 "The sentence gives a face-to-face time the code does not carry, or presents the typical time "
                 "as a minimum that must be met."),
    "complexity": ("ComplexityLevel", "A code tied to the wrong complexity level",
                   "The sentence gives the code a complexity level (low, moderate, high) that belongs to another "
                   "code of the same family."),
    "status": ("CodeStatus", "A deleted, replaced or bundled code presented as current",
               "The sentence presents a deleted code as one to use now, dates a code to a year it did not "
               "exist, or calls a bundled service separately payable. Use the replacement code."),
    "section": ("CodeSection", "A code put in the wrong code set or section",
                "The sentence puts the code in the wrong code set (CPT or HCPCS Level II) or the wrong section "
                "of it."),
    "structure": ("CodeFormat", "A wrong statement about how codes are built",
                  "The sentence says something about the format of codes (digits, positions, what a part of the "
                  "code encodes) that the code set does not do."),
}
assert set(RULES) == set(KINDS)
RULE_INDEX = {kind: i for i, kind in enumerate(RULES)}
VERDICT_HELP = ("Level error: the reference table contradicts the sentence. Level warning: the code is deleted "
                "or not in the reference table; check it.")


def rules() -> list[dict]:
    return [{"id": kind, "name": name, "shortDescription": {"text": short},
             "fullDescription": {"text": help_text}, "help": {"text": f"{help_text} {VERDICT_HELP}"},
             "defaultConfiguration": {"level": "error"}}
            for kind, (name, short, help_text) in RULES.items()]


def artifact_location(path: str) -> dict:
    """A URI reference: relative paths against %SRCROOT% with forward slashes, absolute ones as file: URIs."""
    p = Path(path)
    if p.is_absolute():
        return {"uri": p.as_uri()}                       # a base id is only allowed with a relative reference
    return {"uri": quote(os.fsencode(p.as_posix()), safe="/"), "uriBaseId": SRCROOT}


def level(f: Finding) -> str:
    return LEVELS.get(f.severity) or ("error" if f.verdict == "contradicted" else "warning")


def sarif_result(path: str, f: Finding) -> dict:
    message = f.message or f"{f.code}: {f.verdict.replace('_', ' ')}"
    return {"ruleId": f.kind, "ruleIndex": RULE_INDEX[f.kind], "level": level(f), "message": {"text": message},
            "locations": [{"physicalLocation": {"artifactLocation": artifact_location(path),
                                                "region": {"startLine": max(1, f.line)}}}],
            "properties": {"code": f.code, "verdict": f.verdict, "claim": f.claim, "expected": f.expected,
                           "suggestion": list(f.suggestion), "sentence": f.sentence}}


def notification(result: ArticleResult) -> dict:
    reason = result.error or "could not be read"
    return {"level": "error", "message": {"text": f"{result.path}: {reason}"}, "descriptor": {"id": UNREADABLE},
            "locations": [{"physicalLocation": {"artifactLocation": artifact_location(result.path)}}],
            "properties": {"path": result.path, "reason": reason}}


def _clean(value):
    """Strings that encode as UTF-8 (a non-UTF-8 file name carries surrogate escapes)."""
    if isinstance(value, str):
        return printable(value)
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_clean(v) for v in value]
    return value


def _line(obj: dict) -> str:
    text = json.dumps(obj, ensure_ascii=False)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        text = json.dumps(_clean(obj), ensure_ascii=False)
    return text


_RESULTS, _NOTIFICATIONS = "\0results", "\0notifications"    # placeholders: no real value holds a NUL


class SarifWriter:
    """Writes DIR/report.sarif under a temporary name, result by result; renamed into place on close."""

    name = "sarif"

    def __init__(self, out_dir: Path, reference: Reference):
        self.out = Path(out_dir) / "report.sarif"
        self.reference = reference
        self._file: Optional[AtomicFile] = None
        self._notes: Optional[IO[str]] = None
        self.results = 0
        self.notes = 0

    def _document(self, summary: Optional[Summary]) -> list[str]:
        """The log around the two streamed arrays: [head, middle, tail], and the indent of their items."""
        run = {"tool": {"driver": {"name": "cptaudit", "version": __version__, "rules": rules(),
                                   "notifications": [{"id": UNREADABLE,
                                                      "shortDescription": {"text": "A file could not be read"}}]}},
               "results": _RESULTS,
               "invocations": [{"executionSuccessful": True, "toolExecutionNotifications": _NOTIFICATIONS}],
               "properties": {"reference": {"version": self.reference.version,
                                            "codes": len(self.reference.codes)},
                              "summary": summary.as_contract() if summary else {}}}
        text = json.dumps({"$schema": SARIF_SCHEMA, "version": SARIF_VERSION, "runs": [run]},
                          ensure_ascii=False, indent=2)
        head, rest = text.split(json.dumps(_RESULTS), 1)
        middle, tail = rest.split(json.dumps(_NOTIFICATIONS), 1)
        return [head, middle, tail + "\n"]

    def _handle(self) -> IO[str]:
        if self._file is None:               # opened on first use: a run that fails to start leaves nothing
            self._file = AtomicFile(self.out, shared=True)
            self._file.handle.write(self._document(None)[0] + "[")
        return self._file.handle

    def add(self, result: ArticleResult) -> None:
        out = self._handle()
        if result.status != "ok":
            if self._notes is None:
                self._notes = tempfile.TemporaryFile("w+", encoding="utf-8")
            self._notes.write(("," if self.notes else "") + "\n" + " " * 12 + _line(notification(result)))
            self.notes += 1
            return
        for f in result.findings:
            if f.verdict in PROBLEMS:
                out.write(("," if self.results else "") + "\n" + " " * 8 + _line(sarif_result(result.path, f)))
                self.results += 1

    def close(self, summary: Summary) -> Path:
        try:
            out = self._handle()
            _, middle, tail = self._document(summary)
            out.write(("\n" + " " * 6 if self.results else "") + "]" + middle + "[")
            if self._notes is not None:
                self._notes.seek(0)
                shutil.copyfileobj(self._notes, out)
            out.write(("\n" + " " * 10 if self.notes else "") + "]" + tail)
            self._file.commit()
        except BaseException:
            self.abort()
            raise
        self._file = None
        self._close_notes()
        return self.out

    def abort(self) -> None:
        if self._file is not None:
            self._file.abort()
            self._file = None
        self._close_notes()

    def _close_notes(self) -> None:
        if self._notes is not None:
            self._notes.close()
            self._notes = None


WRITERS["sarif"] = SarifWriter
