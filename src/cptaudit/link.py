"""The link stage: decide which code each service mention is said about.

Rules, in order: a service in a contrast scope ("unlike 97110, ...") or named as some other
code's service ("other codes, such as 97140 for manual therapy") binds only to a code written
there; otherwise it binds to the code written next to it in its clause; failing that, to the
code under discussion when the sentence points at it ("this code", "it", "billing for ...",
a list item under a lead-in that names the code). Negation in the clause flips the polarity.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Optional

from .model import AnalysedArticle, Claim, CodeMention, ConceptMention, Cue, Sentence

_ADJACENT_BEFORE_CODE = re.compile(r"^[\s(,:\-–—]*(?:(?:cpt|hcpcs)\s*)?(?:code\s*)?(?:#\s*)?$", re.IGNORECASE)
_MAX_BACK = 260      # characters from a code back to the service it governs
_MAX_AHEAD = 160     # characters from a service ahead to the code it belongs to
_BILLING_GAP = 45    # characters between "billing for" and the service


@dataclass
class _Scope:
    start: int
    end: int


class _SentenceView:
    """Offsets of one sentence's clause breaks and scopes, for quick questions about positions."""

    def __init__(self, sentence: Sentence):
        self.s = sentence
        cues = sentence.cues
        exempt = [c for c in cues if c.kind == "negation_exempt"]
        expletive = [c for c in cues if c.kind == "expletive"]
        self.negations = [c for c in cues if c.kind == "negation" and not _covered(c, exempt)]
        self.pronouns = [c for c in cues if c.kind == "pronoun" and not _covered(c, expletive)]
        self.anaphors = [c for c in cues if c.kind == "anaphor"]
        self.billing = [c for c in cues if c.kind == "billing_frame"]
        self.others = [c for c in cues if c.kind == "other_code"]
        self.breaks = [c.start for c in cues if c.kind == "clause_break"]
        stops = sorted(c.start for c in cues if c.kind in ("comma", "clause_break", "colon", "paren"))
        self.contrasts = [_Scope(c.start, next((p for p in stops if p >= c.end), sentence.end))
                          for c in cues if c.kind == "contrast"]
        self.commas = [c.start for c in cues if c.kind == "comma"]

    def segment(self, pos: int) -> int:
        return sum(1 for b in self.breaks if b < pos)

    def contrast_of(self, pos: int) -> Optional[_Scope]:
        return next((sc for sc in self.contrasts if sc.start <= pos < sc.end), None)

    def other_cue(self, pos: int) -> Optional[Cue]:
        seg = self.segment(pos)
        return next((c for c in self.others if self.segment(c.start) == seg), None)

    def negated(self, concept: ConceptMention) -> bool:
        seg = self.segment(concept.start)
        return any(n.end <= concept.start and self.segment(n.start) == seg for n in self.negations)

    def is_question(self) -> bool:
        return self.s.text.rstrip().endswith("?")


def _covered(cue: Cue, by: list[Cue]) -> bool:
    return any(b.start <= cue.start and cue.end <= b.end for b in by)


def main_code(analysed: AnalysedArticle) -> Optional[str]:
    """The code an article is about, when one code dominates its mentions."""
    counts = Counter(m.code for s in analysed.sentences for m in s.codes if not m.in_range)
    if not counts:
        return None
    code, n = counts.most_common(1)[0]
    return code if n >= 2 and n >= 0.6 * sum(counts.values()) else None


def link(analysed: AnalysedArticle) -> list[Claim]:
    """All claims of one article, in sentence order."""
    claims: list[Claim] = []
    article_code = main_code(analysed)
    topic: Optional[str] = None           # code under discussion in the current section
    lead_code: Optional[str] = None       # code named by the heading or lead-in that governs a list
    prev_block, prev_about = -1, False
    blocks = analysed.article.blocks
    for sentence in analysed.sentences:
        view = _SentenceView(sentence)
        new_block = sentence.block != prev_block
        if new_block:
            kind = sentence.block_kind
            if kind in ("heading", "question"):
                topic = _subject_code(sentence, view)
                lead_code = topic
            elif kind != "list_item":
                lead_code = None
        first_in_block = new_block
        after_title = first_in_block and sentence.block > 0 and \
            blocks[sentence.block - 1].kind in ("heading", "question") and topic is not None
        pronoun_ok = (not first_in_block and prev_about) or after_title
        found, about = _link_sentence(sentence, view, topic, article_code, lead_code, pronoun_ok)
        claims.extend(found)
        subject = _subject_code(sentence, view)
        if subject:
            topic = subject
            if sentence.text.rstrip().endswith(":") or sentence.block_kind in ("heading", "question"):
                lead_code = subject
        elif sentence.text.rstrip().endswith(":") and about and topic:
            lead_code = topic
        prev_about = bool(subject) or about
        prev_block = sentence.block
    return claims


def _subject_code(sentence: Sentence, view: _SentenceView) -> Optional[str]:
    """The first code written outside contrast scopes: what the sentence is about."""
    for m in sentence.codes:
        if not m.in_range and view.contrast_of(m.start) is None and not _after_other(view, m.start):
            return m.code
    return None


def _after_other(view: _SentenceView, pos: int) -> bool:
    cue = view.other_cue(pos)
    return cue is not None and cue.start < pos


def _link_sentence(sentence: Sentence, view: _SentenceView, topic: Optional[str], article_code: Optional[str],
                   lead_code: Optional[str], pronoun_ok: bool) -> tuple[list[Claim], bool]:
    claims: list[Claim] = []
    bound_codes: set[str] = set()
    about_topic = False
    question = view.is_question()
    for concept in sentence.concepts:
        code, via = _bind(sentence, view, concept, topic, article_code, lead_code, pronoun_ok)
        if code is None:
            continue
        if via != "explicit":
            about_topic = True
        if question:
            continue
        bound_codes.add(code)
        claims.append(Claim(code=code, kind="identity", value=concept.concept, sentence=sentence,
                            polarity=not view.negated(concept), evidence=concept, via=via))
    seen: set[str] = set()
    for m in sentence.codes:
        if m.code in bound_codes or m.code in seen:
            continue
        seen.add(m.code)
        claims.append(Claim(code=m.code, kind="identity", value=None, sentence=sentence,
                            evidence=m, via="range" if m.in_range else "explicit"))
    return claims, about_topic


def _bind(sentence: Sentence, view: _SentenceView, concept: ConceptMention, topic: Optional[str],
          article_code: Optional[str], lead_code: Optional[str], pronoun_ok: bool) -> tuple[Optional[str], str]:
    seg = view.segment(concept.start)
    scope = view.contrast_of(concept.start)
    other = view.other_cue(concept.start)
    candidates = [m for m in sentence.codes if view.segment(m.start) == seg]
    if scope is not None:
        # a service in "unlike 97110 ..." or "rather than massage" belongs only to a code written there
        candidates = [m for m in candidates if scope.start <= m.start < scope.end]
        code = _nearest(sentence, concept, candidates, view)
        return (code, "explicit") if code else (None, "")
    candidates = [m for m in candidates if view.contrast_of(m.start) is None]
    if other is not None:
        if concept.start > other.start:
            candidates = [m for m in candidates if m.start > other.start]
        else:
            candidates = [m for m in candidates if m.start < other.start]
        code = _nearest(sentence, concept, candidates, view)
        return (code, "explicit") if code else (None, "")
    if candidates:
        code = _nearest(sentence, concept, candidates, view)
        return (code, "explicit") if code else (None, "")
    if any(m for m in sentence.codes if view.contrast_of(m.start) is None and view.segment(m.start) != seg):
        return None, ""                   # the code named in another clause of this sentence is not this one's
    governing = topic
    if view.anaphors and any(view.contrast_of(a.start) is None for a in view.anaphors):
        code = governing or article_code
        return (code, "anaphor") if code else (None, "")
    if governing and pronoun_ok and any(view.contrast_of(p.start) is None for p in view.pronouns):
        return governing, "anaphor"
    if governing and any(b.end <= concept.start <= b.end + _BILLING_GAP
                         and not any(b.end <= c < concept.start for c in view.commas) for b in view.billing):
        return governing, "billing"
    if lead_code and sentence.block_kind == "list_item" and concept.start - sentence.start <= 2:
        return lead_code, "list"
    return None, ""


def _nearest(sentence: Sentence, concept: ConceptMention, candidates: list[CodeMention],
             view: _SentenceView) -> Optional[str]:
    """The code a service is written next to: 'massage (97124)' first, then the nearest code before, then after."""
    text = sentence.text
    base = sentence.start
    chosen: Optional[CodeMention] = None
    for m in candidates:
        if m.start >= concept.end and _ADJACENT_BEFORE_CODE.match(text[concept.end - base:m.start - base]):
            chosen = m
            break
    if chosen is None:
        before = [m for m in candidates if m.end <= concept.start and concept.start - m.end <= _MAX_BACK]
        after = [m for m in candidates if m.start >= concept.end and m.start - concept.end <= _MAX_AHEAD]
        chosen = before[-1] if before else after[0] if after else None
    # a range ("97161-97163") names a family, not one code: nothing to check against
    return chosen.code if chosen is not None and not chosen.in_range else None
