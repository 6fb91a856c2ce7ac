"""Read article files into plain text plus blocks (headings, paragraphs, list items) and a line map.

Input files are only ever opened for reading.
"""
from __future__ import annotations

import codecs
import re
from pathlib import Path
from typing import Iterable, Iterator

from .model import Article, Block

TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown"}

_LIST_MARK = re.compile(r"^\s*(?:[-*+•·▪●◦‣–]|\(?\d{1,2}[.)]|\(?[a-zA-Z][.)])\s+")
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_QUESTION_MARK = re.compile(r"^\s*(?:Q|Question)\s*[:.]\s*", re.IGNORECASE)
_ANSWER_MARK = re.compile(r"^\s*(?:A|Answer)\s*[:.]\s+", re.IGNORECASE)
_FENCE = re.compile(r"^\s*(```|~~~)")
_TERMINAL = (".", "!", ",", ";", ":")


class IngestError(Exception):
    """A file that cannot be turned into text; the message is the one-line reason shown to the user."""


def decode(data: bytes) -> str:
    """Bytes to text: UTF-8 (with or without BOM), UTF-16 with BOM, else cp1252; binary is refused."""
    if not data.strip():
        raise IngestError("empty file")
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8):].decode("utf-8", errors="replace")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace")
    if b"\x00" in data:
        raise IngestError("binary file (contains NUL bytes), not an article")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    controls = sum(1 for ch in text[:4096] if ord(ch) < 32 and ch not in "\n\r\t\f")
    if controls > max(8, len(text[:4096]) // 50):
        raise IngestError("binary file (control characters), not an article")
    if not text.strip():
        raise IngestError("empty file")
    return text


def read_article(path: str | Path, display: str | None = None) -> Article:
    """Read one file; problems become Article.error instead of exceptions."""
    path = Path(path)
    name = display or str(path)
    try:
        data = path.read_bytes()
    except IsADirectoryError:
        return Article(name, error="is a directory")
    except PermissionError:
        return Article(name, error="permission denied")
    except OSError as exc:
        return Article(name, error=f"cannot read: {exc.strerror or exc}")
    try:
        text = decode(data)
    except IngestError as exc:
        return Article(name, error=str(exc))
    return parse_text(name, text, markdown=path.suffix.lower() in {".md", ".markdown"})


def parse_text(name: str, text: str, markdown: bool = False) -> Article:
    """Split plain text or Markdown into blocks; the text itself is kept as is (newlines normalised)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    offsets, pos = [], 0
    for line in lines:
        offsets.append(pos)
        pos += len(line) + 1
    blocks: list[Block] = []
    para: list[int] = []          # line indexes of the paragraph being built
    in_fence = False

    def flush() -> None:
        if para:
            first = lines[para[0]]
            answer = _ANSWER_MARK.match(first)
            start = offsets[para[0]] + (answer.end() if answer else _indent(first))
            end = offsets[para[-1]] + len(lines[para[-1]].rstrip())
            blocks.append(Block("paragraph", start, end))
            para.clear()

    for i, line in enumerate(lines):
        if markdown and _FENCE.match(line):
            flush()
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        stripped = line.strip()
        if not stripped:
            flush()
            continue
        if markdown and line.startswith("    ") and not para:
            continue                                   # indented code block
        if markdown:
            stripped = stripped.lstrip("> ").strip() or stripped
        kind, skip = _line_kind(line, lines, i, markdown)
        if kind == "paragraph":
            para.append(i)
            continue
        flush()
        start = offsets[i] + skip
        end = offsets[i] + len(line.rstrip())
        if end > start:
            blocks.append(Block(kind, start, end))
    flush()
    return Article(name, text=text, blocks=blocks, line_offsets=offsets, line_numbers=list(range(1, len(lines) + 1)))


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def _line_kind(line: str, lines: list[str], i: int, markdown: bool) -> tuple[str, int]:
    """Kind of a non-blank line and how many leading characters (markers) to skip."""
    m = _MD_HEADING.match(line)
    if markdown and m:
        body = line[m.end():].strip()
        return ("question" if body.endswith("?") else "heading"), m.end()
    m = _QUESTION_MARK.match(line)
    if m:
        return "question", m.end()
    m = _LIST_MARK.match(line)
    if m and len(line[m.end():].split()) >= 1:
        return "list_item", m.end()
    stripped = line.strip()
    prev_blank = i == 0 or not lines[i - 1].strip()
    next_blank = i + 1 >= len(lines) or not lines[i + 1].strip() or bool(_LIST_MARK.match(lines[i + 1]))
    words = stripped.split()
    if prev_blank and next_blank and len(words) <= 16 and len(stripped) <= 140 \
            and not stripped.endswith(_TERMINAL) and not stripped[0].islower():
        return ("question" if stripped.endswith("?") else "heading"), _indent(line)
    return "paragraph", _indent(line)


def iter_files(paths: Iterable[str | Path]) -> Iterator[tuple[Path, str | None]]:
    """Article files under the given paths in a stable order; (path, reason) for paths that are skipped."""
    for raw in paths:
        root = Path(raw)
        if root.is_dir():
            seen: set = set()
            for path in sorted(_walk(root, seen)):
                yield path, None
        elif root.exists():
            yield root, None
        else:
            yield root, "no such file or directory"


def _walk(root: Path, seen: set) -> Iterator[Path]:
    try:
        key = root.resolve()
    except (OSError, RuntimeError):
        return
    if key in seen:                   # symlink loop
        return
    seen.add(key)
    try:
        entries = list(root.iterdir())
    except OSError:
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir():
            yield from _walk(entry, seen)
        elif entry.suffix.lower() in TEXT_SUFFIXES:
            yield entry
