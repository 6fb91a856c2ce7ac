"""The HTML report: a view model built in Python from ArticleResult records, rendered by jinja2 templates.

Article pages are written as the results arrive (only a small row per article is kept), the index last.
"""
from __future__ import annotations

import base64
import hashlib
import json
import os
import re
from bisect import bisect_right
from collections import Counter, defaultdict
from dataclasses import dataclass, field, fields, replace
from datetime import datetime, timezone
from importlib import resources
from pathlib import Path
from typing import Optional
from urllib.parse import urlsplit

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from . import __version__
from .model import VERDICTS, ArticleResult, Finding
from .reference import CodeEntry, Reference, load_reference
from .report import WRITERS, AtomicFile, Summary, printable

# worst first: the verdict a highlighted sentence takes when several findings share it
VERDICT_RANK = ("contradicted", "deleted_code", "unknown_code", "unverifiable", "supported")
BADGES = {"supported": ("✓", "OK"), "contradicted": ("✗", "Wrong"), "unverifiable": ("?", "Unverified"),
          "deleted_code": ("!", "Deleted code"), "unknown_code": ("?", "Unknown code")}
PROBLEMS = {"contradicted", "deleted_code", "unknown_code"}
KIND_LABELS = {"identity": "what the code is", "timing": "timing", "duration": "duration",
               "complexity": "complexity", "status": "code status", "section": "code section",
               "structure": "code format"}
ARTICLES_DIR = "articles"
PAGE_NAME = re.compile(r"^\d{4,}-[a-z0-9-]*-[0-9a-f]{6}\.html$")
CHART_MAX_CODES = 20
MISDESCRIBED_MAX = 10
assert set(VERDICT_RANK) == set(VERDICTS) == set(BADGES)


# ---------------------------------------------------------------- view model

def _jump(badge: "Badge") -> str:
    """The classes of the first place a claim group is shown: the problem buttons jump between them."""
    return " jump problem" if badge.problem else " jump"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


# Badge, CodeRef, Link and CodeInfo are frozen: Fragments draws each distinct value once

@dataclass(frozen=True)
class Badge:
    verdict: str
    symbol: str
    label: str

    @property
    def problem(self) -> bool:
        return self.verdict in PROBLEMS

    @classmethod
    def of(cls, verdict: str) -> "Badge":
        return _BADGE_OF[verdict]


_BADGE_OF = {verdict: Badge(verdict, symbol, label) for verdict, (symbol, label) in BADGES.items()}


@dataclass(frozen=True)
class CodeRef:
    code: str
    title: str                       # "" when the code is not in the reference table


@dataclass(frozen=True)
class Link:
    url: str
    label: str


@dataclass(frozen=True)
class CodeInfo:
    """What the reference says about one code, in plain words."""

    code: str
    title: str
    description: str
    section: str
    timing: str
    typical: str
    status: str
    active: bool
    notes: tuple[str, ...]
    sources: tuple[Link, ...]


# how a claim was tied to a code the sentence does not name, in an editor's words
READINGS = {
    "anaphor": "The sentence says “this code”, “it” or similar; here that is {code}, the code under discussion.",
    "plural": "The sentence says “these codes”; they are the codes the sentence before named, {code} among them.",
    "echo": "The sentence names no code, but the article has said {code} is this service, so naming it here "
            "repeats that claim.",
    "list": "A list item under a heading or lead-in about {code}.",
    "question": "The answer to a question about {code}.",
    "billing": "Billing for a service under the section about {code}.",
    "service": "The sentence speaks of the service the article gives to {code}.",
    "heading": "Under a heading about {code}.",
}


@dataclass(frozen=True)
class CardBody:
    """What a card says under its summary. The same claim judged the same way reads the same in every article
    (four in ten cards repeat one drawn before), so it is frozen and drawn once (Fragments.card_body)."""

    said: str
    reading: str                     # how the sentence was tied to a code it does not name
    info: Optional[CodeInfo]
    code: str
    problem: bool
    message: str
    fix: str
    suggestions: tuple[CodeRef, ...]
    rewrite: Optional[str] = None    # the sentence corrected, when a small edit fixes it


@dataclass(slots=True)
class Card:
    id: str
    badge: Badge
    code: str
    line: int
    where: str                       # "line 12 · timing": where the claim is and what it is about
    said: str
    info: Optional[CodeInfo]
    problem: bool
    body: CardBody


@dataclass(slots=True)
class Piece:
    text: str
    mark: Optional[str] = None       # id of the claim group this text belongs to
    badge: Optional[Badge] = None    # set on the first piece of a group
    first: bool = False
    css: str = ""                    # the mark's classes, worked out here rather than in the template's hot loop


@dataclass(slots=True)
class ClaimGroup:
    id: str
    start: int
    end: int
    badge: Badge
    cards: list[Card]
    marked: bool = False             # False when the sentence has no text to highlight

    @property
    def css(self) -> str:
        return f"cards g-{self.badge.verdict}" + ("" if self.marked else _jump(self.badge))


@dataclass(slots=True)
class TextLine:
    number: int
    pieces: list[Piece]
    groups: list[ClaimGroup] = field(default_factory=list)   # whose sentence ends on this line
    verdicts: list[str] = field(default_factory=list)        # of the sentences that touch this line

    @property
    def css(self) -> str:
        return " ".join(f"has-{v}" for v in self.verdicts)


@dataclass(slots=True)
class ProblemLink:
    id: str
    line: int
    badge: Badge
    code: str
    said: str


@dataclass
class Counts:
    claims: int = 0
    supported: int = 0
    contradicted: int = 0
    unverifiable: int = 0
    unknown_code: int = 0
    deleted_code: int = 0

    def add(self, verdict: str) -> None:
        self.claims += 1
        setattr(self, verdict, getattr(self, verdict) + 1)

    @property
    def code_issues(self) -> int:
        return self.unknown_code + self.deleted_code

    @property
    def accuracy(self) -> Optional[int]:
        """Percent of checked claims that hold: supported / (supported + contradicted)."""
        checked = self.supported + self.contradicted
        return round(100 * self.supported / checked) if checked else None

    @property
    def accuracy_text(self) -> str:
        return "—" if self.accuracy is None else f"{self.accuracy}%"


@dataclass
class ArticlePage:
    title: str
    path: str
    href: str
    counts: Counts
    lines: list[TextLine]
    problems: list[ProblemLink]
    meta: "PageMeta"
    references: list["CodeInfo"] = field(default_factory=list)   # each code of the page's claims, once

    @property
    def problem_text(self) -> str:
        return _plural(len(self.problems), "problem")


@dataclass
class ArticleRow:
    number: int
    path: str
    href: str
    counts: Counts

    @property
    def name(self) -> str:
        return Path(self.path).name

    @property
    def folder(self) -> str:
        parent = str(Path(self.path).parent)
        return "" if parent == "." else parent

    @property
    def key(self) -> str:
        """What the text filter and the name sort compare."""
        return self.path.lower()

    @property
    def accuracy_key(self) -> int:
        return -1 if self.counts.accuracy is None else self.counts.accuracy


@dataclass
class ErrorRow:
    path: str
    reason: str


@dataclass
class Segment:
    verdict: str
    count: int
    x: int
    width: int


@dataclass
class ChartBar:
    code: str
    title: str
    y: int
    total: int
    segments: list[Segment]
    label: str                        # text alternative: "97124: 9 wrong, 3 ok"

    @property
    def end(self) -> int:
        return self.segments[-1].x + self.segments[-1].width if self.segments else 0

    def count(self, verdict: str) -> int:
        return next((s.count for s in self.segments if s.verdict == verdict), 0)


@dataclass
class Chart:
    width: int
    height: int
    label_width: int
    bars: list[ChartBar]
    legend: list[Badge]
    shown: int
    codes: int


@dataclass
class Misdescribed:
    code: CodeRef
    said: str
    count: int
    articles: int
    suggestions: list[CodeRef]


@dataclass
class PageMeta:
    version: str
    reference: str
    generated: str                    # "" unless SOURCE_DATE_EPOCH is set
    css: Markup
    js: Markup
    csp: str
    root: str                         # relative path from the page to the report folder


@dataclass
class Tile:
    label: str
    value: int
    verdict: str                      # "" for the neutral totals
    symbol: str = ""


@dataclass
class IndexPage:
    counts: Counts
    articles: int
    errors: list[ErrorRow]
    affected: int                     # articles with at least one contradicted claim
    rows: list[ArticleRow]
    chart: Chart
    misdescribed: list[Misdescribed]
    meta: PageMeta

    @property
    def headline(self) -> str:
        if not self.rows:
            return "No article could be audited."
        if not self.counts.contradicted:
            return f"No wrong claims found in {_plural(len(self.rows), 'article')}."
        return (f"{_plural(self.counts.contradicted, 'wrong claim')} in {self.affected} of "
                f"{_plural(len(self.rows), 'article')}.")

    @property
    def subline(self) -> str:
        if self.counts.accuracy is None:
            return "No claim could be checked against the reference table."
        return (f"{self.counts.accuracy}% of the checked claims are right "
                f"({self.counts.supported} of {self.counts.supported + self.counts.contradicted}).")

    @property
    def tiles(self) -> list[Tile]:
        c = self.counts
        return [Tile("Articles", self.articles, ""), Tile("Claims checked", c.claims, ""),
                Tile("Supported", c.supported, "supported", "✓"),
                Tile("Contradicted", c.contradicted, "contradicted", "✗"),
                Tile("Unverifiable", c.unverifiable, "unverifiable", "?"),
                Tile("Unknown or deleted codes", c.code_issues, "deleted_code", "!"),
                Tile("Files with errors", len(self.errors), "error" if self.errors else "", "!" if self.errors else "")]


# ---------------------------------------------------------------- building

def _http_links(urls: list[str]) -> list[Link]:
    """Only http(s) URLs with a host become links; the label is the host and path, shortened."""
    links = []
    for url in urls:
        parts = urlsplit(url.strip())
        if parts.scheme in ("http", "https") and parts.netloc:
            label = (parts.netloc + parts.path).rstrip("/")
            links.append(Link(url.strip(), label if len(label) <= 60 else label[:57] + "…"))
    return links


class Describer:
    """Turns findings into cards; reference look-ups are cached per code."""

    def __init__(self, reference: Reference):
        self.reference = reference
        self._info: dict[str, Optional[CodeInfo]] = {}
        self._refs: dict[str, CodeRef] = {}

    def info(self, code: str) -> Optional[CodeInfo]:
        if code not in self._info:
            entry = self.reference.codes.get(code)
            self._info[code] = None if entry is None else self._describe(entry)
        return self._info[code]

    def ref(self, code: str) -> CodeRef:
        if code not in self._refs:
            info = self.info(code)
            self._refs[code] = CodeRef(code, info.title if info else "")
        return self._refs[code]

    def _describe(self, entry: CodeEntry) -> CodeInfo:
        section = self.reference.sections.get(entry.section)
        if entry.timed:
            timing = f"Timed: one unit per {entry.unit_minutes} minutes"
        else:
            unit = entry.unit or ""
            timing = "Untimed" + (f": billed once {unit}" if unit.startswith("per ") else f" ({unit})" if unit else "")
        typical = f"Typically {entry.typical_minutes} minutes face-to-face" if entry.typical_minutes else ""
        if entry.active:
            status = "Active"
        else:
            replaced = ", ".join(entry.replaced_by) or "no direct replacement"
            status = f"Deleted in {entry.deleted}; replaced by {replaced}"
        return CodeInfo(entry.code, entry.title, " ".join(entry.description.split()),
                        section.name if section else entry.section, timing, typical, status, entry.active,
                        tuple(entry.notes), tuple(_http_links(entry.sources)))

    def card(self, finding: Finding, card_id: str) -> Card:
        info = self.info(finding.code)
        suggestions = [self.ref(c) for c in finding.suggestion]
        if finding.claim:
            said = f"{finding.code} is {finding.claim}"
        elif finding.verdict == "unknown_code":
            said = f"Uses {finding.code}, a code that is not in the reference table"
        elif finding.kind == "status":
            said = f"Uses {finding.code} as a current code"
        else:
            said = f"Mentions {finding.code} without a statement that can be checked"
        problem = finding.verdict in PROBLEMS
        body = CardBody(said, READINGS.get(finding.via, "").format(code=finding.code), info, finding.code, problem,
                        finding.message, self._fix(finding, info, suggestions), tuple(suggestions), finding.rewrite)
        where = f"line {finding.line} · {KIND_LABELS.get(finding.kind, finding.kind)}"
        return Card(card_id, Badge.of(finding.verdict), finding.code, finding.line, where, said, info, problem, body)

    @staticmethod
    def _fix(f: Finding, info: Optional[CodeInfo], suggestions: list[CodeRef]) -> str:
        """What to write instead, in one or two plain sentences."""
        named = ", ".join(s.code + (f" ({s.title})" if s.title else "") for s in suggestions)
        if f.verdict == "contradicted":
            if f.code in f.suggestion and info:
                return f"Keep {f.code}, but the sentence denies what it is: {f.code} is “{info.title}”."
            if f.kind == "identity" and info:
                first = f"If the sentence is about {f.claim}, use {named} instead of {f.code}. " if suggestions else ""
                return first + f"If it is about {f.code}, describe it as “{info.title}”."
            if f.expected:
                return f"Correct the statement: {f.expected}."
            return "Correct or remove the statement."
        if f.verdict == "deleted_code":
            if suggestions:
                return f"Replace {f.code} with {named}, or say that {f.code} is no longer in use."
            return f"Say that {f.code} is no longer in use, or remove it."
        if f.verdict == "unknown_code":
            return (f"Check the number: {f.code} is not in the reference table."
                    + (f" Did you mean {named}?" if suggestions else ""))
        return ""


def _line_starts(text: str) -> list[int]:
    return [0] + [m.end() for m in re.finditer("\n", text)]


def _groups(findings: list[Finding], describer: Describer, size: int) -> list[ClaimGroup]:
    """Findings on overlapping sentences form one highlighted group, in text order."""
    spans: list[tuple[int, int, list[Finding]]] = []
    for f in sorted(findings, key=lambda f: (f.start, f.end, VERDICT_RANK.index(f.verdict), f.code, f.kind)):
        start, end = max(0, min(f.start, size)), max(0, min(f.end, size))
        if spans and start < spans[-1][1]:
            s, e, members = spans[-1]
            spans[-1] = (s, max(e, end), members + [f])
        else:
            spans.append((start, max(start, end), [f]))
    groups = []
    for n, (start, end, members) in enumerate(spans, 1):
        gid = f"c{n}"
        worst = min((f.verdict for f in members), key=VERDICT_RANK.index)
        cards = [describer.card(f, f"{gid}-{k}") for k, f in enumerate(members, 1)]
        groups.append(ClaimGroup(gid, start, end, Badge.of(worst), cards))
    return groups


def _numbers(starts: list[int], groups: list[ClaimGroup]) -> list[int]:
    """Source line numbers: exact on claim lines (from the findings), carried forward in between."""
    anchors = sorted({(bisect_right(starts, g.start) - 1, g.cards[0].line) for g in groups})
    numbers, delta, k = [], (anchors[0][1] - anchors[0][0] - 1) if anchors else 0, 0
    for i in range(len(starts)):
        while k < len(anchors) and anchors[k][0] <= i:
            delta = anchors[k][1] - anchors[k][0] - 1
            k += 1
        numbers.append(max(1, i + 1 + delta))
    return numbers


def build_article(result: ArticleResult, href: str, describer: Describer, meta: PageMeta) -> ArticlePage:
    text = result.text
    starts = _line_starts(text)
    groups = _groups(result.findings, describer, len(text))
    numbers = _numbers(starts, groups)
    lines: list[TextLine] = []
    gi, emitted = 0, set()
    for i, start in enumerate(starts):
        end = starts[i + 1] - 1 if i + 1 < len(starts) else len(text)
        line, pos = TextLine(numbers[i], []), start
        while gi < len(groups) and groups[gi].start <= end:
            g = groups[gi]
            a, b = max(g.start, pos), min(g.end, end)
            if a > pos:
                line.pieces.append(Piece(text[pos:a]))
            if b > a:
                first = g.id not in emitted
                css = f"claim v-{g.badge.verdict}" + (_jump(g.badge) if first else "")
                line.pieces.append(Piece(text[a:b], g.id, g.badge, first, css))
                emitted.add(g.id)
                pos = b
            if g.badge.verdict not in line.verdicts:
                line.verdicts.append(g.badge.verdict)
            if g.end > end and i + 1 < len(starts):
                break                                   # the sentence goes on in the next line
            g.marked = g.id in emitted
            line.groups.append(g)
            gi += 1
        if pos < end:
            line.pieces.append(Piece(text[pos:end]))
        lines.append(line)
    counts = Counts()
    for f in result.findings:
        counts.add(f.verdict)
    problems = [ProblemLink(c.id, c.line, c.badge, c.code, c.said)
                for g in groups for c in g.cards if c.problem]
    # a card that needs no fix names its code and links to the code's entry, written once at the end,
    # instead of repeating the whole entry under every sentence that is right
    references = sorted({c.info.code: c.info for g in groups for c in g.cards if c.info}.values(),
                        key=lambda info: info.code)
    return ArticlePage(Path(result.path).name, result.path, href, counts, lines, problems, meta, references)


def count_verdicts(findings) -> Counts:
    counts = Counts()
    for f in findings:
        counts.add(f.verdict)
    return counts


def _stamp_of(page: Path) -> Optional[str]:
    """The stamp written at the end of a page by an earlier run, if the page is there."""
    try:
        with page.open("rb") as fh:
            fh.seek(0, os.SEEK_END)
            fh.seek(max(0, fh.tell() - 120))
            tail = fh.read().decode("ascii", "replace")
    except OSError:
        return None
    match = re.search(r"<!-- cptaudit-page ([0-9a-f]{64}) -->\s*$", tail)
    return match.group(1) if match else None


def page_name(number: int, path: str) -> str:
    """A stable file name: position, a slug of the file name and a short hash of the whole path."""
    slug = re.sub(r"[^a-z0-9]+", "-", Path(path).stem.lower()).strip("-")[:40].strip("-") or "article"
    digest = hashlib.sha1(path.encode("utf-8", "surrogatepass")).hexdigest()[:6]
    return f"{ARTICLES_DIR}/{number:04d}-{slug}-{digest}.html"


class IndexBuilder:
    """Keeps only small per-article rows and running counts, so memory stays flat."""

    def __init__(self, describer: Describer):
        self.describer = describer
        self.rows: list[ArticleRow] = []
        self.errors: list[ErrorRow] = []
        self.counts = Counts()
        self.by_code: dict[str, Counter] = defaultdict(Counter)
        self.wrong: Counter = Counter()
        self.wrong_articles: Counter = Counter()
        self._wrong_last: dict[tuple[str, str], int] = {}
        self.wrong_suggestions: dict[tuple[str, str], Counter] = defaultdict(Counter)

    def add(self, number: int, result: ArticleResult, href: str, counts: Counts) -> None:
        self.rows.append(ArticleRow(number, result.path, href, counts))
        for f in result.findings:
            self.counts.add(f.verdict)
            self.by_code[f.code][f.verdict] += 1
            if f.verdict == "contradicted" and f.claim:
                key = (f.code, f.claim)
                self.wrong[key] += 1
                if self._wrong_last.get(key) != number:
                    self._wrong_last[key] = number
                    self.wrong_articles[key] += 1
                self.wrong_suggestions[key][tuple(f.suggestion)] += 1

    def add_error(self, result: ArticleResult) -> None:
        self.errors.append(ErrorRow(result.path, result.error or "could not be read"))

    def chart(self) -> Chart:
        ranked = sorted(self.by_code.items(), key=lambda kv: (-sum(kv[1].values()), kv[0]))
        top = ranked[:CHART_MAX_CODES]
        label_width, bar_width, bar_height, gap = 240, 700, 18, 8
        most = max((sum(c.values()) for _, c in top), default=1)
        bars = []
        for n, (code, counter) in enumerate(top):
            x, segments = label_width, []
            for verdict in VERDICT_RANK:
                if counter[verdict]:
                    width = max(2, round(bar_width * counter[verdict] / most))
                    segments.append(Segment(verdict, counter[verdict], x, width))
                    x += width
            total = sum(counter.values())
            label = f"{code}: " + ", ".join(f"{s.count} {BADGES[s.verdict][1].lower()}" for s in segments)
            title = self.describer.ref(code).title or "not in the reference table"
            bars.append(ChartBar(code, title if len(title) <= 28 else title[:27] + "…", n * (bar_height + gap),
                                 total, segments, label))
        return Chart(label_width + bar_width + 50, max(1, len(bars) * (bar_height + gap)), label_width, bars,
                     [Badge.of(v) for v in VERDICT_RANK], len(bars), len(ranked))

    def misdescribed(self) -> list[Misdescribed]:
        ranked = sorted(self.wrong.items(), key=lambda kv: (-kv[1], kv[0]))[:MISDESCRIBED_MAX]
        out = []
        for key, count in ranked:
            best = sorted(self.wrong_suggestions[key].items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
            out.append(Misdescribed(self.describer.ref(key[0]), key[1], count, self.wrong_articles[key],
                                    [self.describer.ref(c) for c in best if c != key[0]]))
        return out

    def page(self, summary: Summary, meta: PageMeta) -> IndexPage:
        rows = sorted(self.rows, key=lambda r: (-r.counts.contradicted, r.path, r.number))
        affected = sum(1 for r in self.rows if r.counts.contradicted)
        return IndexPage(self.counts, summary.articles, self.errors, affected, rows, self.chart(),
                         self.misdescribed(), meta)


# ---------------------------------------------------------------- rendering

def _current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_UMASK = _current_umask()


def _static(name: str) -> str:
    return (resources.files("cptaudit") / "static" / name).read_text(encoding="utf-8")


def _sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def generated_at() -> str:
    """The time from SOURCE_DATE_EPOCH, or nothing: a report never depends on the clock."""
    raw = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not raw.isdigit():
        return ""
    return datetime.fromtimestamp(int(raw), tz=timezone.utc).strftime("%Y-%m-%d %H:%M UTC")


class Drawn(dict):
    """One macro's markup per argument value, drawn on first use. Templates look a value up (`once.badge[b]`):
    a dict look-up, where a call from a template goes through jinja2's Context.call (a third of the cost of a
    badge). Calling it works too. Full at `size` values, it starts again: a bound on memory in long runs."""

    def __init__(self, macro, size: int, *extra):
        super().__init__()
        self.macro, self.size, self.extra = macro, size, extra

    def __missing__(self, value):
        if len(self) >= self.size:
            self.clear()
        html = self[value] = self.macro(value, *self.extra)
        return html

    def __call__(self, value):
        return self[value]


class Fragments:
    """Markup that repeats from page to page (a verdict's badge, a code's entry in the table, a card's body),
    drawn by its macro in macros.html.j2 once per distinct value and then reused: the values are frozen, and what
    a macro draws depends on its argument alone. Templates look them up as once.NAME[value]; card_body is given
    the fragments too, to look up the code's entry inside it."""

    NAMES = ("badge", "code_ref", "code_brief", "code_facts", "code_sources", "code_entry")

    def __init__(self, env: Environment, size: int = 4096):
        macros = env.get_template("macros.html.j2").module
        for name in self.NAMES:
            setattr(self, name, Drawn(getattr(macros, name), size))
        self.card_body = Drawn(macros.card_body, size, self)


class Renderer:
    def __init__(self, reference: Reference, generated: Optional[str] = None):
        self.env = Environment(loader=PackageLoader("cptaudit", "templates"), autoescape=True,
                               undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                               keep_trailing_newline=True)
        self.env.globals["once"] = Fragments(self.env)
        css, js = _static("report.css"), _static("report.js")
        for asset in (css, js):
            if "</" in asset:
                raise ValueError("inline assets must not contain '</'")
        csp = (f"default-src 'none'; style-src {_sha256(css)}; script-src {_sha256(js)}; img-src data:; "
               "base-uri 'none'; form-action 'none'")
        self.meta = {"version": __version__, "reference": f"{reference.version} ({reference.date})",
                     "generated": generated_at() if generated is None else generated,
                     "css": Markup(css), "js": Markup(js), "csp": csp}
        templates = "".join(self.env.loader.get_source(self.env, name)[0] for name in sorted(self.env.list_templates()))
        # everything a page depends on besides its article: a page whose stamp matches need not be drawn again
        self.stamp = hashlib.sha256("\0".join([__version__, reference.version, reference.date, reference.directory,
                                                css, js, templates, self.meta["generated"]]).encode()).hexdigest()

    def meta_for(self, root: str) -> PageMeta:
        return PageMeta(root=root, **self.meta)

    def render(self, template: str, page) -> str:
        return self.env.get_template(template).render(page=page)


@dataclass
class DrawnPage:
    """An article page drawn (in a worker process, or by the writer) and not yet written; html None: the page on
    disk is current and stays."""

    number: int
    href: str
    html: Optional[bytes]


class PageMaker:
    """Draws article pages. It pickles as its settings alone, so worker processes draw pages in parallel and the
    main process only writes them; unpickled, it loads the reference table named by its folder."""

    def __init__(self, out_dir: Path, reference: Reference, generated: Optional[str] = None):
        self.out = Path(out_dir)
        self.generated = generated_at() if generated is None else generated
        self.reference = reference
        self.renderer = Renderer(reference, self.generated)
        self.describer = Describer(reference)

    def __reduce__(self):
        return _page_maker, (str(self.out), self.reference.directory, self.generated)

    def stamp(self, result: ArticleResult, href: str) -> str:
        """What the page is drawn from: an earlier page with the same stamp at the end need not be drawn again."""
        # each finding as its values in field order (what to_dict gives, less the keys): half the time of dicts
        # with sorted keys, and the same stamp for a result analysed again or read back from the cache
        body = json.dumps([result.path, href, result.text, _FINDING_FIELDS,
                           [list(f.__dict__.values()) for f in result.findings]])
        return hashlib.sha256((self.renderer.stamp + body).encode()).hexdigest()

    def kept(self, number: int, result: ArticleResult) -> Optional[DrawnPage]:
        """The page on disk when it was drawn from this very result (a cache hit on a rerun), else None."""
        _, href, stamp = self._named(number, result)
        return DrawnPage(number, href, None) if _stamp_of(self.out / href) == stamp else None

    def draw(self, number: int, result: ArticleResult) -> DrawnPage:
        """The page of the number-th result (an ok one), or the page on disk when it is still current."""
        result, href, stamp = self._named(number, result)
        if _stamp_of(self.out / href) == stamp:
            return DrawnPage(number, href, None)
        page = build_article(result, href, self.describer, self.renderer.meta_for("../"))
        html = self.renderer.render("article.html.j2", page) + f"<!-- cptaudit-page {stamp} -->\n"
        return DrawnPage(number, href, html.encode("utf-8"))

    def _named(self, number: int, result: ArticleResult) -> tuple[ArticleResult, str, str]:
        """The result as its page shows it, the page's name and its stamp."""
        result = replace(result, path=printable(result.path), page=None)   # a Latin-1 file name must not stop it
        href = page_name(number, result.path)
        return result, href, self.stamp(result, href)


_FINDING_FIELDS = [f.name for f in fields(Finding)]


def _page_maker(out_dir: str, reference_dir: str, generated: str) -> PageMaker:
    return PageMaker(Path(out_dir), load_reference(reference_dir), generated)


class HtmlWriter:
    """Writes one page per readable article as it arrives, then index.html; every file atomically.

    A result may bring its page already drawn (result.page, by a worker process given `pages`); otherwise the
    page is drawn here.
    """

    name = "html"

    def __init__(self, out_dir: Path, reference: Reference):
        self.out = Path(out_dir)
        self.pages = PageMaker(self.out, reference)
        self.renderer = self.pages.renderer
        self.describer = self.pages.describer
        self.index = IndexBuilder(self.describer)
        self.written: list[Path] = []        # every page this report links to
        self.drawn: list[Path] = []          # the pages this run wrote (removed again on abort)
        self.number = 0

    def add(self, result: ArticleResult) -> None:
        self.number += 1
        shown = replace(result, path=printable(result.path), page=None)
        if result.status != "ok":
            self.index.add_error(shown)
            return
        page = result.page
        if not isinstance(page, DrawnPage) or page.number != self.number:
            page = self.pages.draw(self.number, result)
        target = self.out / page.href
        if page.html is None:
            # an unchanged article (a cache hit on a rerun): keep the page drawn last time
            self.written.append(target)
        else:
            self._write(target, page.html)
        self.index.add(self.number, shown, page.href, count_verdicts(result.findings))

    def close(self, summary: Summary) -> Path:
        target = self.out / "index.html"
        try:
            page = self.index.page(summary, self.renderer.meta_for(""))
            self._write(target, self.renderer.render("index.html.j2", page))
        except BaseException:
            self.abort()                                   # pages without their index are no report
            raise
        self._remove_stale()
        return target

    def abort(self) -> None:
        for path in self.drawn:
            path.unlink(missing_ok=True)
        self.written.clear()
        self.drawn.clear()

    def _write(self, target: Path, html: str | bytes, new: bool = True) -> None:
        out = AtomicFile(target, binary=isinstance(html, bytes))
        try:
            out.handle.write(html)
            os.chmod(out.tmp, 0o666 & ~_UMASK)            # mkstemp makes 0600; a report is for others to open
        except BaseException:
            out.abort()
            raise
        out.commit()
        self.written.append(target)
        if new:
            self.drawn.append(target)

    def _remove_stale(self) -> None:
        """Pages of an earlier run that this report no longer links to, and parts left by a killed run."""
        folder = self.out / ARTICLES_DIR
        if not folder.is_dir():
            return
        keep = {p.name for p in self.written}
        for path in folder.iterdir():
            stale = PAGE_NAME.match(path.name) and path.name not in keep
            part = path.name.startswith(".") and path.name.endswith(".part") and \
                PAGE_NAME.match(path.name[1:].split(".html.")[0] + ".html")
            if (stale or part) and path.is_file():
                path.unlink(missing_ok=True)


WRITERS["html"] = HtmlWriter
