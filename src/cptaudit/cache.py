"""A cache of article results: an article whose bytes, reference table and tool are unchanged is not analysed again.

Key: sha256 of the file's bytes and suffix, salted with the tool (version and a digest of its own source),
the reference table (version and a digest of every file in it) and the base model. Value: the
ArticleResult (findings and extracted text) as JSON, written under a temporary name and renamed, so a
killed run leaves no half entry. An entry that cannot be read is a miss, never an error.
"""
from __future__ import annotations

import hashlib
import json
import os
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Optional

from . import __version__
from .model import ArticleResult, Finding

CACHE_FORMAT = 1
DEFAULT_DIR = ".cptaudit-cache"


@lru_cache(maxsize=None)
def tool_digest() -> str:
    """The package's own source: a changed analysis is a changed tool, even under the same version number."""
    digest = hashlib.sha256(__version__.encode())
    package = Path(__file__).resolve().parent
    for path in sorted(package.glob("*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def tree_digest(directory: str) -> str:
    """Every file under a folder (the reference table), by relative path and content."""
    root = Path(directory)
    files = sorted(p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    # remembered per file stamp, so an edited table is read again even in a long-lived process
    return _tree_digest(str(root), tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in files))


@lru_cache(maxsize=16)
def _tree_digest(directory: str, stamp: tuple) -> str:
    digest = hashlib.sha256()
    root = Path(directory)
    for name, _, _ in stamp:
        path = Path(name)
        digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def cache_salt(reference_version: str, reference_dir: str, model: Optional[str] = None) -> str:
    return "|".join([str(CACHE_FORMAT), __version__, tool_digest(), reference_version,
                     tree_digest(str(reference_dir)), model or ""])


class ResultCache:
    """Article results on disk under `directory`, two hex digits of fan-out."""

    def __init__(self, directory: str | Path, salt: str):
        self.directory = Path(directory)
        self.salt = salt.encode()

    def key(self, data: bytes, suffix: str) -> str:
        digest = hashlib.sha256(self.salt)
        digest.update(b"\0" + suffix.lower().encode() + b"\0")
        digest.update(data)
        return digest.hexdigest()

    def _path(self, key: str) -> Path:
        return self.directory / key[:2] / f"{key}.json"

    def get(self, key: str, path: str) -> Optional[ArticleResult]:
        """The stored result, shown under `path`; None when absent or unreadable."""
        try:
            raw = json.loads(self._path(key).read_text(encoding="utf-8"))
            findings = [Finding(**f) for f in raw["findings"]]
            return ArticleResult(path, status=raw["status"], error=raw["error"], findings=findings,
                                 text=raw["text"])
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def put(self, key: str, result: ArticleResult) -> None:
        """Store a result; a cache that cannot be written only costs speed."""
        target = self._path(key)
        record = {"status": result.status, "error": result.error, "text": result.text,
                  "findings": [f.to_dict() for f in result.findings]}
        tmp: Optional[str] = None
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{key[:12]}.", suffix=".part", dir=target.parent)
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(json.dumps(record, ensure_ascii=False))     # json.dump writes chunk by chunk: 2x slower
            os.replace(tmp, target)
        except OSError:
            if tmp is not None:
                Path(tmp).unlink(missing_ok=True)
