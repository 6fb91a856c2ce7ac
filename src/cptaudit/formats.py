"""Markdown, HTML and Word readers: each turns a document into blocks of plain text with source lines.

The extracted text is built block by block (blocks joined by a blank line), so a finding's offsets
point into it; every stretch of text remembers the source line it came from, which is what
Article.line_of returns. For .docx there are no lines: "line" is the number of the paragraph in the
document (every paragraph counts, empty ones and those in tables included, in reading order, from 1).
"""
from __future__ import annotations

import io
import re
from functools import lru_cache
from typing import Iterable

from .ingest import ANSWER_MARK, QUESTION_MARK, IngestError, decode, heading_like
from .model import Article, Block

Segment = tuple[str, int]          # a stretch of text and the 1-based source line it starts on

_WS = re.compile(r"\s+")


class TextBuilder:
    """Collects blocks into Article.text, with the offset -> source line map."""

    def __init__(self, name: str):
        self.name = name
        self.parts: list[str] = []
        self.blocks: list[Block] = []
        self.offsets: list[int] = []
        self.lines: list[int] = []
        self.pos = 0

    def add(self, kind: str, segments: Iterable[Segment], collapse: bool = True) -> None:
        """One block; `collapse` folds runs of white space (HTML, Word) into one space."""
        pieces: list[Segment] = []
        for text, line in segments:
            chunks = text.split("\n") if collapse else [text]
            for k, chunk in enumerate(chunks):
                if k:
                    pieces.append((" ", line + k))
                pieces.append((_WS.sub(" ", chunk) if collapse else chunk, line + k))
        text, marks = _join(pieces, collapse)
        if kind == "paragraph" and "\n" in text.strip() and QUESTION_MARK.match(text.lstrip()):
            cut = text.index("\n", len(text) - len(text.lstrip()))   # "Q: ...?\nA: ..." as two blocks, as in .txt
            self._emit("paragraph", text[:cut], marks)
            self._emit("paragraph", text[cut + 1:], _slice_marks(marks, cut + 1))
            return
        self._emit(kind, text, marks)

    def _emit(self, kind: str, text: str, marks: list[tuple[int, int]]) -> None:
        lead = len(text) - len(text.lstrip())
        text = text.strip()
        if not text:
            return
        marks = [m for m in _slice_marks(marks, lead) if m[0] < len(text)]
        skip = 0
        if kind == "row":
            kind = "paragraph"                  # a table row states facts: never a heading
        elif kind in ("paragraph", "heading"):
            q = QUESTION_MARK.match(text)
            a = ANSWER_MARK.match(text)
            if q:
                kind, skip = "question", q.end()
            elif a and kind == "paragraph":
                skip = a.end()
            elif kind == "paragraph" and heading_like(text):
                kind = "heading"
            if kind == "heading" and text.endswith("?"):
                kind = "question"
        if self.parts:
            self.parts.append("\n\n")
            self.pos += 2
        for offset, line in marks:
            if self.lines and self.lines[-1] == line:
                continue
            if self.offsets and self.offsets[-1] == self.pos + offset:
                self.lines[-1] = line
            else:
                self.offsets.append(self.pos + offset)
                self.lines.append(line)
        self.blocks.append(Block(kind, self.pos + skip, self.pos + len(text)))
        self.parts.append(text)
        self.pos += len(text)

    def article(self) -> Article:
        if not self.blocks:
            return Article(self.name, error="no text found")
        offsets, lines = self.offsets, self.lines
        if offsets[0] != 0:
            offsets, lines = [0] + offsets, [lines[0]] + lines
        return Article(self.name, text="".join(self.parts), blocks=self.blocks, line_offsets=offsets,
                       line_numbers=lines)


def _slice_marks(marks: list[tuple[int, int]], start: int) -> list[tuple[int, int]]:
    """The line marks of text[start:], shifted; the mark in force at `start` comes first."""
    before = [m for m in marks if m[0] <= start]
    out = [(0, before[-1][1])] if before else []
    return out + [(o - start, ln) for o, ln in marks if o > start]


def _join(pieces: list[tuple[str, int]], collapse: bool) -> tuple[str, list[tuple[int, int]]]:
    out: list[str] = []
    marks: list[tuple[int, int]] = []
    pos = 0
    for text, line in pieces:
        if collapse and text.startswith(" ") and (not out or out[-1].endswith(" ")):
            text = text[1:]
        if not text:
            continue
        marks.append((pos, line))
        out.append(text)
        pos += len(text)
    return "".join(out), marks


# ---------------------------------------------------------------- Markdown

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n.*?\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)


@lru_cache(maxsize=1)
def _markdown_parser():
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": True}).enable("table")


def read_markdown(name: str, text: str) -> Article:
    """CommonMark (with tables) through markdown-it-py: headings, list items, paragraphs; code is not prose."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    front = _FRONT_MATTER.match(text)
    if front:                                  # YAML front matter: blank it, keep the line count
        text = "\n" * front.group(0).count("\n") + text[front.end():]
    tokens = _markdown_parser().parse(text)
    out = TextBuilder(name)
    items: list[bool] = []                     # per open list item: has its first paragraph been seen
    row: list[Segment] = []
    row_line = 1
    for i, tok in enumerate(tokens):
        if tok.type == "list_item_open":
            items.append(False)
        elif tok.type == "list_item_close":
            items.pop()
        elif tok.type == "tr_open":
            row, row_line = [], tok.map[0] + 1 if tok.map else 1
        elif tok.type == "tr_close":
            out.add("row", row, collapse=False)
        elif tok.type == "inline":
            opener = tokens[i - 1].type if i else ""
            segments = _md_inline(tok)
            if opener in ("th_open", "td_open"):
                if row:
                    row.append((" | ", row_line))
                row.extend(segments)
            elif opener == "heading_open":
                out.add("heading", segments, collapse=False)
            elif items and not items[-1]:
                items[-1] = True
                out.add("list_item", segments, collapse=False)
            else:
                out.add("paragraph", segments, collapse=False)
    return out.article()


def _md_inline(tok) -> list[Segment]:
    line = tok.map[0] + 1 if tok.map else 1
    segments: list[Segment] = []
    for child in tok.children or []:
        if child.type == "text":
            segments.append((child.content, line))
        elif child.type in ("softbreak", "hardbreak"):
            segments.append(("\n", line))
            line += 1
        elif child.type in ("html_inline", "code_inline"):
            line += child.content.count("\n")        # markup and inline code are not prose
    return segments


# ---------------------------------------------------------------- HTML

# Elements that never hold the article's prose, whatever their class.
_DROP_TAGS = {"script", "style", "noscript", "template", "svg", "canvas", "iframe", "object", "embed", "nav",
              "footer", "aside", "form", "button", "select", "input", "textarea", "label", "menu", "dialog",
              "head", "title", "meta", "link", "pre", "img", "picture", "video", "audio", "map"}
_DROP_ROLES = {"navigation", "banner", "contentinfo", "complementary", "search", "menu", "menubar", "dialog",
               "alertdialog", "toolbar", "tablist"}
# class/id words of site chrome: navigation, sharing and follow widgets, counters, related posts, comments
_CHROME = {"nav", "navbar", "navigation", "menu", "breadcrumb", "breadcrumbs", "footer", "sidebar", "widget",
           "widgets", "share", "sharing", "sharedaddy", "social", "follow", "followers", "counter", "counters",
           "related", "comments", "comment", "respond", "cookie", "cookies", "consent", "newsletter", "subscribe",
           "signup", "advert", "advertisement", "ads", "sponsored", "promo", "popup", "modal", "banner",
           "pagination", "pager", "masthead", "byline", "author", "tags", "tagcloud", "jp", "addthis", "likes"}
# ... unless the same element also says it is the content
_CONTENT = {"content", "article", "post", "entry", "story", "body", "main", "text", "prose"}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_BLOCKS = _HEADINGS | {"p", "div", "section", "article", "main", "header", "li", "ul", "ol", "dl", "dt", "dd",
                       "blockquote", "table", "thead", "tbody", "tfoot", "tr", "td", "th", "figure", "figcaption",
                       "address", "details", "summary", "hr", "center", "caption"}
_COUNTER = re.compile(r"^(?:\d{1,3}(?:[,.]\d{3})+|\d+(?:\.\d+)?[kKmM]|\d{1,4})(?:\s+\S+){1,3}$")
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")


def read_html(name: str, text: str) -> Article:
    """The main content of a web page: chrome (navigation, footers, share/follow widgets) is dropped."""
    from lxml import html as lxml_html
    from lxml.etree import ParserError

    text = _XML_DECL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"), count=1)
    try:
        root = lxml_html.document_fromstring(text)
    except (ParserError, ValueError) as exc:
        raise IngestError(f"not a readable HTML page ({exc})") from None
    main = _main_container(root)
    out = TextBuilder(name)
    _HtmlWalker(out, _prose_length(main)).walk(main)
    return out.article()


def _tag(el) -> str:
    return el.tag if isinstance(el.tag, str) else ""


def _classes(el) -> set[str]:
    words = f"{el.get('class', '')} {el.get('id', '')}".lower()
    return set(re.split(r"[^a-z0-9]+", words)) - {""}


def _is_hidden_or_chrome_tag(el) -> bool:
    if _tag(el) in _DROP_TAGS:
        return True
    if el.get("role", "").lower() in _DROP_ROLES or el.get("hidden") is not None \
            or el.get("aria-hidden", "").lower() == "true":
        return True
    style = el.get("style", "").replace(" ", "").lower()
    return "display:none" in style or "visibility:hidden" in style


def _chrome_class(el) -> bool:
    words = _classes(el)
    return bool(words & _CHROME) and not words & _CONTENT


def _main_container(root):
    """<main>, else the <article> with the most paragraph text, else the body."""
    for path in ("//main", "//*[@role='main']", "//*[@itemprop='articleBody']", "//article"):
        found = [el for el in root.xpath(path) if not _is_hidden_or_chrome_tag(el) and not _chrome_class(el)]
        if found:
            best = max(found, key=_prose_length)
            if _prose_length(best):
                return best
    body = root.find("body")
    return body if body is not None else root


def _prose_length(el) -> int:
    return sum(len(p.text_content()) for p in el.iter("p", "li", "h1", "h2", "h3", "h4", "h5", "h6"))


class _HtmlWalker:
    """Walks the main container in document order, cutting text into blocks at block elements."""

    def __init__(self, out: TextBuilder, prose: int):
        self.out = out
        self.prose = prose                     # paragraph text of the whole container
        self.kind = "paragraph"
        self.segments: list[Segment] = []
        self.line = 1

    def flush(self) -> None:
        words = "".join(s for s, _ in self.segments).split()
        if not words:
            self.segments = []
            return                             # nothing yet: a <p> inside an <li> is still the list item
        if not (len(words) <= 4 and _COUNTER.match(" ".join(words))):        # "22,037 Fans Like"
            self.out.add(self.kind, self.segments)
        self.segments = []
        self.kind = "paragraph"

    def walk(self, el) -> None:
        self._element(el, top=True)
        self.flush()

    def _text(self, text: str) -> None:
        self.segments.append((text, self.line))
        self.line += text.count("\n")

    def _dropped(self, el) -> bool:
        tag = _tag(el)
        if not tag or tag == "code" or _is_hidden_or_chrome_tag(el):
            return True
        if tag in ("ul", "ol") and _all_links(el):
            return True
        # a chrome class on a wrapper that holds most of the page's prose is a layout class, not chrome
        return _chrome_class(el) and _prose_length(el) < 0.5 * max(self.prose, 1)

    def _element(self, el, top: bool = False) -> None:
        if not top and self._dropped(el):
            self.line = max(self.line, el.sourceline or 0)
            return
        tag = _tag(el)
        self.line = el.sourceline or self.line
        if tag in _BLOCKS:
            self.flush()
            if tag in _HEADINGS:
                self.kind = "heading"
            elif tag in ("li", "dt"):
                self.kind = "list_item"
            elif tag == "tr":
                self._row(el)
                return
        elif tag == "br":
            self._text("\n")
        if el.text:
            self._text(el.text)
        for child in el:
            self._element(child)
            if child.tail:
                self._text(child.tail)
        if tag in _BLOCKS:
            self.flush()

    def _row(self, tr) -> None:
        self.kind = "row"
        for cell in tr:
            if _tag(cell) in ("td", "th") and not self._dropped(cell):
                if "".join(s for s, _ in self.segments).strip():
                    self.segments.append((" | ", self.line))
                self._inline(cell)
        self.flush()
        self.kind = "paragraph"

    def _inline(self, el) -> None:
        self.line = el.sourceline or self.line
        if el.text:
            self._text(el.text)
        for child in el:
            if not self._dropped(child):
                self._inline(child)
            if child.tail:
                self._text(child.tail)


def _all_links(lst) -> bool:
    """A list whose every item is only a link: a menu or a 'related posts' list."""
    items = [li for li in lst if isinstance(li.tag, str) and li.tag == "li"]
    if not items:
        return False
    for li in items:
        linked = sum(len(a.text_content()) for a in li.iter("a"))
        if linked < 0.8 * len(li.text_content().strip()) or linked == 0:
            return False
    return True


# ---------------------------------------------------------------- Word

def read_docx(name: str, data: bytes) -> Article:
    """A .docx document; 'line' is the paragraph number (see the module docstring)."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from docx.oxml.ns import qn
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, OSError) as exc:
        raise IngestError(f"not a readable .docx file ({exc.__class__.__name__})") from None
    except Exception as exc:                  # zipfile.BadZipFile, lxml errors from a damaged package
        raise IngestError(f"not a readable .docx file ({exc.__class__.__name__})") from None
    out = TextBuilder(name)
    body = document.element.body
    numbers = {p: n for n, p in enumerate(body.iter(qn("w:p")), start=1)}
    _docx_children(body, document, numbers, out, qn, Paragraph)
    return out.article()


def _docx_children(parent, document, numbers, out: TextBuilder, qn, Paragraph) -> None:
    """Paragraphs as blocks; a table row as one block, its cells joined by ' | ' (as in HTML and Markdown)."""
    for child in parent.iterchildren():
        if child.tag == qn("w:p"):
            para = Paragraph(child, document)
            out.add(_docx_kind(para, child, qn), [(para.text, numbers.get(child, 1))])
        elif child.tag == qn("w:tbl"):
            for row in child.iterchildren(qn("w:tr")):
                segments: list[Segment] = []
                for cell in row.iterchildren(qn("w:tc")):
                    text = " ".join(Paragraph(p, document).text for p in cell.iter(qn("w:p"))).strip()
                    first = next(cell.iter(qn("w:p")), None)
                    if text:
                        if segments:
                            segments.append((" | ", numbers.get(first, 1)))
                        segments.append((text, numbers.get(first, 1)))
                out.add("row", segments)
        else:
            _docx_children(child, document, numbers, out, qn, Paragraph)


def _docx_kind(para, p, qn) -> str:
    try:
        style = (para.style.name or "").lower() if para.style is not None else ""
    except (KeyError, ValueError):
        style = ""
    if style.startswith(("heading", "title", "subtitle")):
        return "heading"
    ppr = p.find(qn("w:pPr"))
    if style.startswith("list") or (ppr is not None and ppr.find(qn("w:numPr")) is not None):
        return "list_item"
    return "paragraph"


def read_bytes_as(suffix: str, name: str, data: bytes) -> Article:
    """Dispatch on the file suffix; .txt and anything unknown go through the plain-text reader."""
    from .ingest import parse_text

    if suffix == ".docx":
        return read_docx(name, data)
    text = decode(data)
    if suffix in (".md", ".markdown"):
        return read_markdown(name, text)
    if suffix in (".html", ".htm", ".xhtml"):
        return read_html(name, text)
    return parse_text(name, text)
