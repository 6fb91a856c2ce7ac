"""Plain dataclasses passed between stages, so each stage can be tested and pickled alone."""
from __future__ import annotations

from dataclasses import dataclass, field
from bisect import bisect_right
from typing import Optional

BLOCK_KINDS = ("heading", "question", "paragraph", "list_item")
VERDICTS = ("supported", "contradicted", "unverifiable", "unknown_code", "deleted_code")
KINDS = ("identity", "timing", "duration", "complexity", "status", "section", "structure")


@dataclass
class Block:
    """A heading, paragraph, list item or question, as offsets into Article.text."""

    kind: str
    start: int
    end: int


@dataclass
class Article:
    """Extracted plain text of one input file, with a map back to source lines."""

    path: str
    text: str = ""
    blocks: list[Block] = field(default_factory=list)
    line_offsets: list[int] = field(default_factory=lambda: [0])
    line_numbers: list[int] = field(default_factory=lambda: [1])
    error: Optional[str] = None

    def line_of(self, offset: int) -> int:
        """1-based source line of a text offset (line_offsets[i] starts source line line_numbers[i])."""
        i = bisect_right(self.line_offsets, offset) - 1
        return self.line_numbers[max(i, 0)]


@dataclass
class Span:
    start: int
    end: int
    text: str


@dataclass
class CodeMention(Span):
    code: str = ""
    system: str = ""          # a system id from reference/meta.yaml formats
    in_range: bool = False    # one end of "97161-97163"


@dataclass
class ConceptMention(Span):
    concept: str = ""
    fuzzy: bool = False       # matched through a corrected misspelling


@dataclass
class Cue(Span):
    kind: str = ""            # a cue kind from reference/cues.yaml, or "comma"


@dataclass
class Sentence(Span):
    block: int = 0            # index into Article.blocks
    block_kind: str = "paragraph"
    codes: list[CodeMention] = field(default_factory=list)
    concepts: list[ConceptMention] = field(default_factory=list)
    cues: list[Cue] = field(default_factory=list)


@dataclass
class AnalysedArticle:
    article: Article
    sentences: list[Sentence] = field(default_factory=list)


@dataclass
class Claim:
    """What one sentence says about one code: `value` is a concept id for identity claims."""

    code: str
    kind: str
    value: Optional[str]
    sentence: Sentence
    polarity: bool = True                    # False when negated ("is not an exercise code")
    tight: bool = True                       # the negation stands between the code and the words it negates
    framed: Optional[str] = None             # said to be a mistake ("cue": in so many words; "section": under
                                             # a mistakes heading): the writer's belief decides which way it points
    evidence: Optional[Span] = None          # the words that carry the claim
    via: str = "explicit"                    # explicit | anaphor | plural | echo | heading | question | list | billing | service
    qualifier: Optional[str] = None          # "minimum" when a time is framed as a requirement
    historical: bool = False                 # under a heading (or title) about old or deleted codes
    dated: bool = False                      # in an article written before the change that deleted the code


@dataclass
class Finding:
    code: str
    verdict: str
    kind: str
    sentence: str
    start: int
    end: int
    line: int
    claim: Optional[str] = None
    expected: Optional[str] = None
    suggestion: list[str] = field(default_factory=list)
    message: str = ""
    severity: str = "info"
    evidence: Optional[str] = None
    via: str = "explicit"
    concept: Optional[str] = None             # concept id of an identity claim
    rewrite: Optional[str] = None             # the sentence corrected, where a small edit fixes it
    example: bool = False                     # the words were given as an example ("including massage")

    def to_dict(self) -> dict:
        # what dataclasses.asdict gives (fields in order, lists copied), without its deep copy: 30x faster
        return {**self.__dict__, "suggestion": list(self.suggestion)}


@dataclass
class ArticleResult:
    path: str
    status: str = "ok"                        # ok | error
    error: Optional[str] = None
    findings: list[Finding] = field(default_factory=list)
    text: str = ""                            # extracted text, for the HTML view
    cached: bool = False                      # taken from the results cache, not analysed again
    page: Optional[object] = None             # its HTML page, when a worker process drew it (html_report.DrawnPage)

    @property
    def contradicted(self) -> int:
        return sum(f.verdict == "contradicted" for f in self.findings)
