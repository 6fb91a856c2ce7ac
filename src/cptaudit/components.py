"""spaCy components of the cptaudit pipeline, registered in one place.

Every component reads its patterns from the reference table (reference/*.yaml);
none of them names a code, a concept phrase or a cue word.
"""
from __future__ import annotations

import re
from itertools import repeat
from operator import itemgetter
from typing import Callable, NamedTuple, Optional

from rapidfuzz import fuzz, process
import numpy
from spacy.attrs import IDX, LEMMA, LENGTH, NORM, ORTH, SENT_START, SPACY
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span

from .reference import Reference, load_reference
from .words import base_norm, singular, stem  # noqa: F401  (the word forms live apart from spaCy)

CODES_KEY = "cptaudit_codes"
CONCEPTS_KEY = "cptaudit_concepts"
CUES_KEY = "cptaudit_cues"
TEXT_KEY = "cptaudit_text"   # doc.user_data: the text the Doc was made from, when the caller kept it
BLOCK_SEPARATOR = "\n\n"   # joins the blocks of one Doc: a blank line, a hard sentence boundary
_DIGIT = re.compile(r"\d")
IGNORE = "_ignore"           # label of phrases that mask a look-alike (e.g. "Timed Up and Go")

_TERMINALS = {".", "!", "?", "…", "..."}
_CLOSERS = {'"', "'", ")", "”", "’", "]"}
_INITIAL = re.compile(r"[A-Z]\.")        # "John F. Kennedy" after a name; after a lower-case word, a sentence end


class Mention(NamedTuple):
    """A span a component found, as plain values, kept in doc.user_data under the component's key: a Span
    object each (and doc.spans) would cost more than finding them."""

    start: int
    end: int
    start_char: int
    end_char: int
    label_: str
    kb_id_: str


def _reference(reference_dir: str) -> Reference:
    return load_reference(reference_dir or None)


class Normalizer:
    """Sets token.norm_ to a lower-cased singular form, with near-miss spellings of concept words repaired."""

    def __init__(self, vocabulary: set[str], min_length: int = 6, cutoff: float = 88.0):
        self.vocabulary = sorted(vocabulary)
        self.known = set(vocabulary)
        self.min_length = min_length
        self.cutoff = cutoff
        self.corrections: dict[str, Optional[str]] = {}
        self.by_orth: dict[int, tuple[int, int]] = {}

    def correct(self, norm: str) -> Optional[str]:
        if norm in self.corrections:
            return self.corrections[norm]
        fixed = None
        if len(norm) >= self.min_length and norm.isalpha() and norm not in self.known:
            hit = process.extractOne(norm, self.vocabulary, scorer=fuzz.ratio, score_cutoff=self.cutoff)
            if hit and hit[0][0] == norm[0] and abs(len(hit[0]) - len(norm)) <= 2:
                fixed = hit[0]
        if len(self.corrections) < 200_000:
            self.corrections[norm] = fixed
        return fixed

    def _norm_ids(self, orth: int, strings) -> tuple[int, int]:
        """(norm id, stem id) for a token text, cached. The norm carries the spelling repair; the stem
        (in LEMMA, which a blank pipeline leaves empty) is what concept phrases match on."""
        hit = self.by_orth.get(orth)
        if hit is None:
            norm = self.correct(base_norm(strings[orth])) or base_norm(strings[orth])
            hit = (strings.add(norm), strings.add(stem(norm)))
            if len(self.by_orth) < 500_000:
                self.by_orth[orth] = hit
        return hit

    def __call__(self, doc: Doc) -> Doc:
        # whole-array reads and writes: creating a Token object per word costs more than the work itself;
        # each distinct word is looked up once (an article has about three tokens per distinct word)
        if not len(doc):
            return doc
        strings = doc.vocab.strings
        orths, inverse = numpy.unique(doc.to_array(ORTH), return_inverse=True)
        pairs = numpy.array([self._norm_ids(orth, strings) for orth in orths.tolist()], dtype="uint64")
        doc.from_array([NORM, LEMMA], pairs[inverse])
        return doc


_TOKEN_TEXTS: tuple[dict[int, str], dict[int, str]] = ({}, {})   # orth id -> text, without and with its space


def doc_text(doc: Doc) -> str:
    """Doc.text from the token arrays: Doc.text makes a Token object per word, ten times slower.

    A token's text (with its trailing space) is kept by orth id, a hash of the text itself, so the string
    store is asked once per word rather than once per token."""
    orths, spaces = doc.to_array([ORTH, SPACY]).T.tolist()
    texts = _TOKEN_TEXTS
    parts = [texts[space].get(orth) for orth, space in zip(orths, spaces)]
    if None in parts:
        strings = doc.vocab.strings
        for i, part in enumerate(parts):
            if part is None:
                known = texts[spaces[i]]
                parts[i] = strings[orths[i]] + (" " if spaces[i] else "")
                if len(known) < 500_000:
                    known[orths[i]] = parts[i]
    return "".join(parts)


def _pattern_doc(nlp: Language, phrase: str) -> Doc:
    doc = nlp.make_doc(phrase)
    for token in doc:
        token.norm_ = base_norm(token.text)
        token.lemma_ = stem(token.norm_)
    return doc


@Language.factory("cptaudit_sentences", default_config={"abbreviations": ["e.g.", "i.e.", "etc.", "vs.", "approx.", "dr.", "no.", "fig.", "u.s."]})
def make_sentences(nlp: Language, name: str, abbreviations: list[str]) -> Callable[[Doc], Doc]:
    """Sentence starts after . ! ? (and closing quotes) when the next word does not start lower-case."""
    abbreviations_set = {a.lower() for a in abbreviations}

    kinds: dict[int, tuple[bool, bool, bool, bool]] = {}   # orth -> (ends a sentence, closer, lower-case, initial)

    def kind_of(orth: int, strings) -> tuple[bool, bool, bool, bool]:
        hit = kinds.get(orth)
        if hit is None:
            text = strings[orth]
            ends = text in _TERMINALS or (text.endswith(("?", "!")) and len(text) > 1) or (
                text.endswith(".") and len(text) > 1 and text.lower() not in abbreviations_set
                and not re.fullmatch(r"(?:[A-Za-z]\.)+", text))
            # a comma, semicolon or colon goes on with the sentence ("... gait training, etc.), then ...")
            hit = kinds[orth] = (ends, text in _CLOSERS, text[:1].islower() or text in (",", ";", ":"),
                                 _INITIAL.fullmatch(text) is not None)
        return hit

    def set_sentences(doc: Doc) -> Doc:
        if not len(doc):
            return doc
        strings = doc.vocab.strings
        starts = []
        after_terminal = False
        after_separator = False
        separator = strings.add(BLOCK_SEPARATOR)
        previous_lower = False
        for i, orth in enumerate(doc.to_array([ORTH]).tolist()):
            if orth == separator:
                starts.append(-1 if i else 1)
                after_separator = True
                continue
            ends, closer, lower, initial = kinds.get(orth) or kind_of(orth, strings)
            if initial and previous_lower:
                ends = True                   # "the letter T. These codes ...": a letter, not an initial
            previous_lower = lower
            if i == 0 or after_separator:
                starts.append(1)
                after_separator = after_terminal = False
            elif after_terminal and not closer and not lower:
                starts.append(1)
                after_terminal = False
            else:
                starts.append(-1)
                if not closer:
                    after_terminal = False
            if ends:
                after_terminal = True
        doc.from_array([SENT_START], numpy.array(starts, dtype="int64").astype("uint64").reshape(-1, 1))
        return doc

    return set_sentences


@Language.factory("cptaudit_norms", default_config={"reference_dir": "", "fuzzy_cutoff": 88.0})
def make_norms(nlp: Language, name: str, reference_dir: str, fuzzy_cutoff: float) -> Normalizer:
    ref = _reference(reference_dir)
    vocabulary = {base_norm(t.text) for c in ref.concepts.values() for p in c.phrases for t in nlp.make_doc(p)}
    return Normalizer({w for w in vocabulary if w.isalpha()}, cutoff=fuzzy_cutoff)


class CodeFinder:
    """Finds code-shaped strings and keeps those whose context says they are codes (as Mentions in
    doc.user_data[CODES_KEY])."""

    def __init__(self, ref: Reference):
        self.formats = [(f.id, re.compile(rf"(?<![\w$.,/]){f.pattern}(?![\w%]|[.,]\d|-\d{{4}}\b)")) for f in ref.formats]
        self._bare = {f.id: re.compile(f.pattern) for f in ref.formats}   # the format without its context checks
        self.known = set(ref.codes) | set(ref.absent)    # written as codes, whatever the words around them
        self.code_words = {w.lower() for w in ref.cues.get("code_word", [])}
        self.count_nouns = {w.lower() for w in ref.cues.get("count_noun", [])}
        address = ref.cues.get("address", [])
        self.address_exact = {w for w in address if w.isupper()}
        self.address_words = {w.lower() for w in address if not w.isupper()}

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        text = doc.user_data.get(TEXT_KEY)
        if text is None:
            text = doc_text(doc)
        if not _DIGIT.search(text):
            doc.user_data[CODES_KEY] = []
            return doc
        for system, pattern in self.formats:
            for m in _finditer(pattern, self._bare[system], text):
                span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
                if span is None or not self._is_code(doc, span, m.group(0)):
                    continue
                spans.append((m.group(0), span.start, span.end, system))
        spans = longest_matches(spans)
        doc.user_data[CODES_KEY] = _as_mentions(doc, [(start, end, system) for _, start, end, system in spans],
                                                [code for code, _, _, _ in spans])
        return doc

    def _is_code(self, doc: Doc, span: Span, code: str) -> bool:
        before = doc[span.start - 1] if span.start > 0 else None
        after = doc[span.end] if span.end < len(doc) else None
        before = None if before is not None and before.text == BLOCK_SEPARATOR else before
        after = None if after is not None and after.text == BLOCK_SEPARATOR else after
        if after is not None and after.norm_ in self.count_nouns and not (
                before is not None and before.lower_ in ("the", "this", "that") and after.lower_ in self.code_words):
            return False                  # "11042 families" is a count; "the 11042 family" names codes
        if before is not None and (before.text in self.address_exact or before.lower_ in self.address_words):
            return False
        if code in self.known:
            return True
        window = doc[max(0, span.start - 4): min(len(doc), span.end + 2)]
        words = [t for t in window]
        cut = [i for i, t in enumerate(words) if t.text == BLOCK_SEPARATOR]     # context stops at the block's edges
        if cut:
            first = max([i + 1 for i in cut if i < span.start - window.start], default=0)
            last = min([i for i in cut if i >= span.end - window.start], default=len(words))
            words = words[first:last]
        return any(t.lower_ in self.code_words or t.norm_ in self.code_words for t in words)


def _finditer(pattern: re.Pattern, bare: re.Pattern, text: str):
    """pattern.finditer(text), where pattern is bare inside lookarounds: the bare format finds where a match can
    start (a fast scan: it opens with a digit or a letter class, where the lookbehind makes the regex engine
    try every position), and the whole pattern is tried there. A lookbehind sees the text before pos."""
    pos, n = 0, len(text)
    while pos <= n:
        candidate = bare.search(text, pos)
        if candidate is None:
            return
        at = candidate.start()
        m = pattern.match(text, at)
        if m is None:
            pos = at + 1
            continue
        yield m
        pos = m.end() if m.end() > at else at + 1


@Language.factory("cptaudit_codes", default_config={"reference_dir": ""})
def make_codes(nlp: Language, name: str, reference_dir: str) -> CodeFinder:
    return CodeFinder(_reference(reference_dir))


class PhraseTagger:
    """PhraseMatcher on token norms (and, for phrases that inflect, on stems); keeps labelled Mentions in
    doc.user_data[key]. It works on the matcher's (label, start, end) tuples: a Span object per match, and
    doc.spans, cost more than the matching itself (some 500 matches an article)."""

    def __init__(self, nlp: Language, phrases: dict[str, list[str]], key: str, longest_only: bool,
                 inflecting: dict[str, list[str]] | None = None, token_patterns: dict[str, list] | None = None):
        self.key = key
        self.longest_only = longest_only
        self.matchers = []
        self.labels: dict[int, str] = {}
        for attr, families in (("NORM", phrases), ("LEMMA", inflecting or {})):
            if families:
                matcher = PhraseMatcher(nlp.vocab, attr=attr)
                for label, items in families.items():
                    matcher.add(label, [_pattern_doc(nlp, p) for p in items])
                    self.labels[nlp.vocab.strings.add(label)] = label
                self.matchers.append(matcher)
        if token_patterns:
            matcher = Matcher(nlp.vocab, validate=True)
            for label, patterns in token_patterns.items():
                matcher.add(label, patterns, greedy="LONGEST")
                self.labels[nlp.vocab.strings.add(label)] = label
            self.matchers.append(matcher)

    def __call__(self, doc: Doc) -> Doc:
        matches = [m for matcher in self.matchers for m in matcher(doc)]
        if len(self.matchers) > 1:
            matches = list(dict.fromkeys(matches))
        if self.longest_only:
            matches = longest_matches(matches)
        labels = self.labels
        kept = sorted(((start, end, labels[key]) for key, start, end in matches), key=_token_order)
        doc.user_data[self.key] = _as_mentions(doc, [m for m in kept if m[2] != IGNORE])
        return doc


_token_order = itemgetter(0, 1)     # (start, end); matches on the same tokens keep their order


def longest_matches(matches: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """spacy.util.filter_spans on (label, start, end) tuples: of overlapping matches the (first) longest, in
    order of their start."""
    ranked = sorted(matches, key=lambda m: (m[2] - m[1], -m[1]), reverse=True)
    result = []
    seen: set[int] = set()
    for m in ranked:
        if m[1] not in seen and m[2] - 1 not in seen:
            result.append(m)
            seen.update(range(m[1], m[2]))
    return sorted(result, key=lambda m: m[1])


def _as_mentions(doc: Doc, spans: list[tuple[int, int, str]], kb_ids: Optional[list[str]] = None) -> list[Mention]:
    """(start, end, label) token spans as Mentions, their character offsets read from the token arrays."""
    if not spans:
        return []
    offsets = doc.to_array([IDX, LENGTH])
    starts, ends, labels = zip(*spans)
    firsts = offsets[list(starts)]
    lasts = offsets[[end - 1 for end in ends]]
    start_chars = firsts[:, 0].tolist()
    end_chars = (lasts[:, 0] + lasts[:, 1]).tolist()
    return list(map(Mention._make, zip(starts, ends, start_chars, end_chars, labels,
                                       kb_ids or repeat("", len(spans)))))


@Language.factory("cptaudit_concepts", default_config={"reference_dir": ""})
def make_concepts(nlp: Language, name: str, reference_dir: str) -> PhraseTagger:
    ref = _reference(reference_dir)
    exact = {c.id: c.phrases for c in ref.concepts.values() if not c.inflect}
    inflecting = {c.id: c.phrases for c in ref.concepts.values() if c.inflect}
    inflecting.update({a.id: a.phrases for a in ref.attributes.values() if a.phrases})
    if ref.ignore:
        inflecting[IGNORE] = ref.ignore
    return PhraseTagger(nlp, exact, CONCEPTS_KEY, longest_only=True, inflecting=inflecting)


_LINKER_CUES = ("negation", "negation_exempt", "contrast", "other_code", "hedge", "clause_break",
                "anaphor", "pronoun", "expletive", "billing_frame", "status_change", "concept_anaphor", "minimum",
                "typical", "historical", "payer_variant", "current_use", "other_code_exempt", "reported", "conditional", "session_word", "mistake_frame",
                "approximately", "section_frame", "list_lead", "demonstrative", "reason", "present_time", "old_label",
                "subject_anaphor", "subject_anaphor_exempt", "past_verb",
                "field_label", "billing_context", "misuse_verdict", "cross_reference", "list_not_service")


@Language.factory("cptaudit_cues", default_config={"reference_dir": ""})
def make_cues(nlp: Language, name: str, reference_dir: str) -> PhraseTagger:
    ref = _reference(reference_dir)
    return PhraseTagger(nlp, {k: v for k, v in ref.cues.items() if k in _LINKER_CUES}, CUES_KEY, longest_only=False,
                        token_patterns={k: v for k, v in ref.cue_patterns.items() if k in _LINKER_CUES})
