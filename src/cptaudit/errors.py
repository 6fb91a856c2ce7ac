"""The library's own exceptions; the CLI maps them to exit codes."""
from __future__ import annotations

from dataclasses import dataclass


class CptauditError(Exception):
    """A usage or set-up error the user can fix (exit status 2)."""


@dataclass
class ReferenceIssue:
    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


class ReferenceDataError(CptauditError):
    """The reference table is invalid; carries every problem found, not just the first."""

    def __init__(self, issues: list[ReferenceIssue]):
        self.issues = issues
        super().__init__("\n".join(str(i) for i in issues))
