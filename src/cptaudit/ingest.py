"""Read article files into plain text plus blocks (headings, paragraphs, list items) and a line map.

Input files are only ever opened for reading.
"""
from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from fnmatch import fnmatch
from pathlib import Path
from typing import Iterable, Iterator, Optional, Sequence

from .model import Article, Block

TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown", ".html", ".htm", ".xhtml", ".docx"}
STDIN = "-"

_LIST_MARK = re.compile(r"^\s*(?:[-*+•·▪●◦‣–]|\(?\d{1,2}[.)]|\(?[a-zA-Z][.)])\s+")
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
QUESTION_MARK = _QUESTION_MARK = re.compile(r"^\s*(?:Q|Question)\s*[:.]\s*", re.IGNORECASE)
ANSWER_MARK = _ANSWER_MARK = re.compile(r"^\s*(?:A|Answer)\s*[:.]\s+", re.IGNORECASE)
# "Code: 97167 / Timed: No, one unit per visit": a line that is one field of a record, a label of a few words
_ITEM_LINE = 100     # longest line a list that lost its bullets is read as
_SHORT_LINE = 60       # shorter than a wrapped line of prose
FIELD_LINE = re.compile(r"^\s*([A-Z][A-Za-z/()&'-]*(?:\s+[A-Za-z0-9/()&'-]+){0,5}):\s+\S")
_TABLE_RULE = re.compile(r"[|:\-\s+=]+")
_FENCE = re.compile(r"^\s*(```|~~~)")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")     # control characters other than \t \n \f \r
_TERMINAL = (".", "!", ",", ";", ":")
# a UTF-8 lead byte read as cp1252/latin-1, followed by a continuation byte read the same way ("â€™", "Ã©")
_MOJIBAKE_HINT = re.compile("[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192"
                            "\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]")
_WESTERN = {"cp1252", "latin_1", "iso8859_15"}
_WESTERN_MARGIN = 0.2          # how much more "chaos" (charset-normalizer's measure) cp1252 may show and still win


class IngestError(Exception):
    """A file that cannot be turned into text; the message is the one-line reason shown to the user."""


def decode(data: bytes) -> str:
    """Bytes to text: UTF-8 (BOM or not), UTF-16 (BOM or not), else detected (cp1252/latin-1 first); mojibake repaired."""
    if not data.strip():
        raise IngestError("empty file")
    if data.startswith(codecs.BOM_UTF8):
        text = data[len(codecs.BOM_UTF8):].decode("utf-8", errors="replace")
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = data.decode("utf-16", errors="replace")
    elif b"\x00" in data:
        text = _utf16_without_bom(data)
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = _detect(data)
    if "\x00" in text:
        raise IngestError("binary file (contains NUL bytes), not an article")
    controls = len(_CONTROL.findall(text, 0, 4096))
    if controls > max(8, len(text[:4096]) // 50):
        raise IngestError("binary file (control characters), not an article")
    if not text.strip():
        raise IngestError("empty file")
    return repair_mojibake(text)


def _utf16_without_bom(data: bytes) -> str:
    """Text whose every other byte is NUL is UTF-16 without a byte order mark; anything else with NULs is binary."""
    sample = data[:4096]
    half = max(len(sample) // 2, 1)
    odd, even = sample[1::2].count(0), sample[0::2].count(0)
    for zeros, others, codec in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if len(data) % 2 == 0 and zeros > 0.4 * half and others < 0.05 * half:
            try:
                return data.decode(codec)
            except UnicodeDecodeError:
                break
    raise IngestError("binary file (contains NUL bytes), not an article")


def _detect(data: bytes) -> str:
    """Not UTF-8: charset-normalizer's guess, unless cp1252 (a superset of latin-1's letters) reads nearly as well."""
    from charset_normalizer import from_bytes

    matches = from_bytes(data)
    best = matches.best()
    if best is not None:
        # short texts leave the detector torn between code pages; articles here are written in English
        near = [m for m in matches if m.chaos <= best.chaos + _WESTERN_MARGIN]
        if not any({m.encoding, *m.could_be_from_charset} & _WESTERN for m in near):
            return str(best)
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def repair_mojibake(text: str) -> str:
    """UTF-8 that was once read as cp1252 ("itâ€™s") back to what was written, line by line (ftfy)."""
    if not _MOJIBAKE_HINT.search(text):
        return text
    from ftfy import fix_encoding
    from ftfy.badness import is_bad

    lines = text.split("\n")
    return "\n".join(fix_encoding(line) if _MOJIBAKE_HINT.search(line) and is_bad(line) else line
                     for line in lines)


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
    return article_from_bytes(name, data, path.suffix.lower())


def article_from_bytes(name: str, data: bytes, suffix: str = ".txt") -> Article:
    """An article from a file's bytes, read by the reader its suffix names."""
    from .formats import read_bytes_as

    try:
        return read_bytes_as(suffix, name, data)
    except IngestError as exc:
        return Article(name, error=str(exc))


_CODE_OPENER = re.compile(r"\s*(?:(?:CPT|HCPCS)\s+)?(?:[A-Z]\d{4}|\d{4}[0-9A-Z])\b")


def _opener(line: str) -> str:
    """How a line opens: its first word, or 'code' for a line that opens with a code ('97161   PT evaluation')."""
    if _CODE_OPENER.match(line):
        return "code"
    return (line.split() or [""])[0]


def parse_text(name: str, text: str, markdown: bool = False) -> Article:
    """Split plain text into blocks; the text itself is kept as is (newlines normalised). Markdown is parsed."""
    if markdown:
        from .formats import read_markdown
        return read_markdown(name, text)
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
            # "RVU breakdown / Conversion factor: ...": a short line with no end punctuation, followed by
            # a line that starts a new sentence, is a block of its own (text pasted from a page layout)
            groups, current = [], [para[0]]
            # "Always bill 97022 with a GP modifier / Impact: Prevents rejection / Document the body part":
            # three or more lines that all open with a capital and none closes a sentence are pasted items
            items = len(para) >= 3 and all(lines[i].strip()[:1].isupper() or lines[i].strip()[:1].isdigit()
                                           for i in para) \
                and not any(lines[i].rstrip()[-1:] in ".!?,;:" for i in para)
            # "Do NOT use 97110 for: / Passive range of motion (use 97140 instead) / Gait training (use 97116)":
            # a lead-in ending in ':' and two or more short unpunctuated lines that open with a capital are a
            # list whose bullets the page lost
            listed = len(para) >= 3 and lines[para[0]].rstrip().endswith(":") \
                and all((lines[i].strip()[:1].isupper() or lines[i].strip()[:1].isdigit())
                        and lines[i].rstrip()[-1:] not in ".!?,;:" and len(lines[i].strip()) <= _ITEM_LINE
                        for i in para[1:])
            # the same list after a blank line: "might include: // (blank) // Progressive resistance work / ..."
            after_lead = len(para) >= 2 and bool(blocks) and blocks[-1].kind == "paragraph" \
                and text[blocks[-1].start:blocks[-1].end].rstrip().endswith(":") \
                and all((lines[i].strip()[:1].isupper() or lines[i].strip()[:1].isdigit())
                        and lines[i].rstrip()[-1:] not in ".!?,;:" and len(lines[i].strip()) <= _ITEM_LINE
                        for i in para)
            items = items or listed or after_lead
            # "TIMED CODES (billed in 15-minute units) / 97110   Therapeutic exercise / 97140   Manual therapy": a title
            # line over lines that each open with a code is a heading and its list, whose bullets the page lost
            titled = items and not listed and not after_lead and len(para) >= 3 \
                and not _CODE_OPENER.match(lines[para[0]]) and not any(ch.isdigit() for ch in lines[para[0]][:1]) \
                and all(_CODE_OPENER.match(lines[i]) for i in para[1:])
            for i in para[1:]:
                if items:
                    groups.append(current)
                    current = [i]
                    continue
                prev = lines[current[-1]].rstrip()
                # "Visit A - 97110 22 min ... -> 3 units / Visit B - ...": unpunctuated lines that open alike
                # are records, whatever their length
                alike = _opener(prev) == _opener(lines[i]) or (
                    bool(FIELD_LINE.match(prev) or FIELD_LINE.match(lines[i])) and prev[-1:] not in ".!?,;:")
                # "... several hours. / Is 97750 a timed code? / As code 97750 is ...": a question line stands alone
                asked = (_asks(prev) or _asks(lines[i]) and prev[-1:] in ".!?") and lines[i].lstrip()[:1].isalnum()
                # "... and reimbursed. / 97150 CPT code / For the 97150 CPT code, ...": a heading line after prose
                titled_next = not items and prev[-1:] in ".!?" and heading_like(lines[i].strip()) \
                    and (i + 1 in para and lines[i + 1].lstrip()[:1].isupper() or _list_follows(lines, i))
                if asked or titled_next or (len(prev) < _SHORT_LINE or alike) and prev[-1:].isalnum() \
                        and (lines[i].lstrip()[:1].isupper() or alike):
                    groups.append(current)
                    current = [i]
                else:
                    current.append(i)
            groups.append(current)
            for index, group in enumerate(groups):
                first = lines[group[0]]
                answer = _ANSWER_MARK.match(first)
                start = offsets[group[0]] + (answer.end() if answer else _indent(first))
                end = offsets[group[-1]] + len(lines[group[-1]].rstrip())
                asks = len(group) == 1 and len(para) > 1 and _asks(first) and not answer
                # "Components of 97150 CPT code / - 97150 CPT code is designed for ...": on a page pasted without
                # blank lines, a short unpunctuated line over prose is a heading
                pasted_heading = not items and len(group) == 1 and len(para) > 1 \
                    and heading_like(first.strip()) and not _asks(first) \
                    and (index + 1 < len(groups) and (lines[groups[index + 1][0]].rstrip()[-1:] in ".!?:"
                                                      or len(lines[groups[index + 1][0]].strip()) >= _SHORT_LINE)
                         or index + 1 == len(groups) and _list_follows(lines, group[0]))
                kind = "list_item" if (listed and index) or after_lead or (titled and index) else \
                    "heading" if titled or pasted_heading else "question" if asks else "paragraph"
                blocks.append(Block(kind, start, end))
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
        if _URL_LINE.fullmatch(stripped):
            flush()                                    # "Source: https://...": where the page came from, no prose
            continue
        if markdown and line.startswith("    ") and not para:
            continue                                   # indented code block
        if markdown:
            stripped = stripped.lstrip("> ").strip() or stripped
        if stripped.count("|") >= 2 or ("|" in stripped and any(
                0 <= j < len(lines) and "|" in lines[j] for j in (i - 1, i + 1))):
            # ("98940 | CMT, spinal, one to two regions" on consecutive lines is a table without outer bars)
            # a plain-text table row states its own facts: one block per row, the rule row dropped
            flush()
            if not _TABLE_RULE.fullmatch(stripped):
                blocks.append(Block("paragraph", offsets[i] + _indent(line), offsets[i] + len(line.rstrip())))
            continue
        kind, skip = _line_kind(line, lines, i, markdown)
        if kind == "paragraph" and _in_record(lines, i):
            kind = "list_item"                         # one field of a record: a sentence of its own
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


_URL_LINE = re.compile(r"(?:(?:source|url|link|canonical|retrieved\s+from|originally\s+published\s+at)\s*:?\s*)?"
                       r"<?(?:https?://|www\.)\S+?>?", re.IGNORECASE)


def _list_follows(lines: list[str], i: int) -> bool:
    """Is the line after line i a list item ('Components of 97150 CPT code / - 97150 CPT code is designed ...')?"""
    return i + 1 < len(lines) and _LIST_MARK.match(lines[i + 1]) is not None


def _asks(line: str) -> bool:
    """A line that is one short question: on a page pasted without blank lines, a question of its own."""
    line = line.strip()
    return line.endswith("?") and len(line.split()) <= 16 and line[:1].isupper() and "? " not in line


def _in_record(lines: list[str], i: int) -> bool:
    """Is line i one of two or more consecutive field lines ('Code: 97167', 'Timed: No')?"""
    if not FIELD_LINE.match(lines[i]) or _QUESTION_MARK.match(lines[i]) or _ANSWER_MARK.match(lines[i]):
        return False
    return any(0 <= j < len(lines) and FIELD_LINE.match(lines[j]) and not _ANSWER_MARK.match(lines[j])
               for j in (i - 1, i + 1))


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
    if prev_blank and next_blank and heading_like(stripped):
        return ("question" if stripped.endswith("?") else "heading"), _indent(line)
    return "paragraph", _indent(line)


def heading_like(text: str) -> bool:
    """A short line standing alone, without closing punctuation, reads as a heading, unless it opens the way a
    sentence does ("There are 10 main sections", "Always append modifier GP to ...", "You must document ...")."""
    return "\n" not in text and len(text.split()) <= 16 and len(text) <= 140 \
        and not text.endswith(_TERMINAL) and not text[:1].islower() and not _SENTENCE_OPENING.match(text)


_SENTENCE_OPENING = re.compile(r"\s*(?:there\s+(?:is|are|was|were)|always|never|do\s+not|don['’]t|you\s+(?:must|should|can|may|need)|"
                               r"it\s+is|this\s+code\s+(?:is|covers|must|should|can)|make\s+sure|be\s+sure)\b", re.IGNORECASE)


@dataclass
class Input:
    """One thing to audit, or to report as skipped: `kind` is file, stdin, error or skipped."""

    path: str
    kind: str = "file"
    reason: Optional[str] = None


def find_inputs(paths: Iterable[str | Path], include: Sequence[str] = (), exclude: Sequence[str] = ()) -> Iterator[Input]:
    """What the given paths hold, in a stable order: folders recursively (hidden entries ignored),
    article files kept, other files listed as skipped with the reason; `-` is standard input.

    include/exclude are glob patterns matched against the path relative to the folder given, or the file's
    name; a folder that matches an exclude pattern is skipped whole. A file named on its own is always read.
    """
    include = [p.removeprefix("./") for p in include]
    exclude = [p.removeprefix("./").rstrip("/") for p in exclude]
    for raw in paths:
        if str(raw) == STDIN:
            yield Input("<stdin>", "stdin")
            continue
        root = Path(raw)
        if root.is_dir():
            found: list[Input] = []
            _walk(root, root, set(), include, exclude, found)
            yield from sorted(found, key=lambda item: Path(item.path))
        elif root.exists() or root.is_symlink():
            yield Input(str(root))
        else:
            yield Input(str(root), "error", "no such file or directory")


def iter_files(paths: Iterable[str | Path]) -> Iterator[tuple[Path, str | None]]:
    """Article files under the given paths in a stable order; (path, reason) for paths that cannot be read."""
    for item in find_inputs(paths):
        if item.kind in ("file", "error"):
            yield Path(item.path), item.reason


def _matches(rel: str, patterns: Sequence[str]) -> Optional[str]:
    name = rel.rsplit("/", 1)[-1]
    return next((p for p in patterns if fnmatch(rel, p) or fnmatch(name, p)), None)


def _walk(folder: Path, root: Path, seen: set, include: Sequence[str], exclude: Sequence[str],
          out: list[Input]) -> None:
    try:
        key = folder.resolve()
    except (OSError, RuntimeError) as exc:
        out.append(Input(str(folder), "error", f"cannot read folder: {exc}"))
        return
    if key in seen:
        out.append(Input(str(folder), "skipped", "symlink loop: folder already read"))
        return
    seen.add(key)
    try:
        entries = sorted(folder.iterdir())
    except OSError as exc:
        out.append(Input(str(folder), "error", f"cannot read folder: {exc.strerror or exc}"))
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        rel = entry.relative_to(root).as_posix()
        excluded = _matches(rel, exclude)
        if entry.is_dir():
            if excluded:
                out.append(Input(str(entry), "skipped", f"excluded by {excluded}"))
            else:
                _walk(entry, root, seen, include, exclude, out)
        elif entry.suffix.lower() not in TEXT_SUFFIXES:
            out.append(Input(str(entry), "skipped", f"not an article format ({entry.suffix or 'no extension'})"))
        elif include and not _matches(rel, include):
            out.append(Input(str(entry), "skipped", "not matched by --include"))
        elif excluded:
            out.append(Input(str(entry), "skipped", f"excluded by {excluded}"))
        else:
            out.append(Input(str(entry)))
