"""spaCy components of the cptaudit pipeline, registered in one place.

Every component reads its patterns from the reference table (reference/*.yaml);
none of them names a code, a concept phrase or a cue word.
"""
from __future__ import annotations

import re
from typing import Callable, Optional

from rapidfuzz import fuzz, process
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from .reference import Reference, load_reference

CODES_KEY = "cptaudit_codes"
CONCEPTS_KEY = "cptaudit_concepts"
CUES_KEY = "cptaudit_cues"
IGNORE = "_ignore"           # label of phrases that mask a look-alike (e.g. "Timed Up and Go")

_TERMINALS = {".", "!", "?", "…", "..."}
_CLOSERS = {'"', "'", ")", "”", "’", "]"}
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "‐": "-", "‑": "-"})
_RANGE_JOINERS = {"-", "–", "—", "to", "through", "thru"}


def _reference(reference_dir: str) -> Reference:
    return load_reference(reference_dir or None)


def singular(word: str) -> str:
    """A cheap English singular, enough to match 'exercises' to 'exercise' without a lemmatizer model."""
    if len(word) < 4 or not word.isalpha():
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "shes", "ches", "xes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is", "ous", "ics", "as")):
        return word[:-1]
    return word


def base_norm(text: str) -> str:
    return singular(text.lower().translate(_APOSTROPHES))


class Normalizer:
    """Sets token.norm_ to a lower-cased singular form, with near-miss spellings of concept words repaired."""

    def __init__(self, vocabulary: set[str], min_length: int = 6, cutoff: float = 88.0):
        self.vocabulary = sorted(vocabulary)
        self.known = set(vocabulary)
        self.min_length = min_length
        self.cutoff = cutoff
        self.corrections: dict[str, Optional[str]] = {}

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

    def __call__(self, doc: Doc) -> Doc:
        for token in doc:
            norm = base_norm(token.text)
            fixed = self.correct(norm)
            token.norm_ = fixed or norm
            if fixed:
                token.lemma_ = fixed          # lemma marks the repair, for ConceptMention.fuzzy
        return doc


def _pattern_doc(nlp: Language, phrase: str) -> Doc:
    doc = nlp.make_doc(phrase)
    for token in doc:
        token.norm_ = base_norm(token.text)
    return doc


@Language.factory("cptaudit_sentences", default_config={"abbreviations": ["e.g.", "i.e.", "etc.", "vs.", "approx.", "dr.", "no.", "fig.", "u.s."]})
def make_sentences(nlp: Language, name: str, abbreviations: list[str]) -> Callable[[Doc], Doc]:
    """Sentence starts after . ! ? (and closing quotes) when the next word does not start lower-case."""
    abbreviations_set = {a.lower() for a in abbreviations}

    def set_sentences(doc: Doc) -> Doc:
        after_terminal = False
        for i, token in enumerate(doc):
            if i == 0:
                token.is_sent_start = True
            elif after_terminal and token.text not in _CLOSERS and not token.text[:1].islower():
                token.is_sent_start = True
                after_terminal = False
            else:
                token.is_sent_start = False
                if token.text not in _CLOSERS:
                    after_terminal = False
            text = token.text
            if text in _TERMINALS or (text.endswith(("?", "!")) and len(text) > 1):
                after_terminal = True
            elif text.endswith(".") and len(text) > 1 and text.lower() not in abbreviations_set \
                    and not re.fullmatch(r"(?:[A-Za-z]\.)+", text):
                after_terminal = True
        return doc

    return set_sentences


@Language.factory("cptaudit_norms", default_config={"reference_dir": "", "fuzzy_cutoff": 88.0})
def make_norms(nlp: Language, name: str, reference_dir: str, fuzzy_cutoff: float) -> Normalizer:
    ref = _reference(reference_dir)
    vocabulary = {base_norm(t.text) for c in ref.concepts.values() for p in c.phrases for t in nlp.make_doc(p)}
    return Normalizer({w for w in vocabulary if w.isalpha()}, cutoff=fuzzy_cutoff)


class CodeFinder:
    """Finds code-shaped strings and keeps those whose context says they are codes."""

    def __init__(self, ref: Reference):
        self.formats = [(f.id, re.compile(rf"(?<![\w$.,/]){f.pattern}(?![\w%]|[.,]\d|-\d{{4}}\b)")) for f in ref.formats]
        self.known = set(ref.codes)
        self.code_words = {w.lower() for w in ref.cues.get("code_word", [])}
        self.count_nouns = {w.lower() for w in ref.cues.get("count_noun", [])}
        address = ref.cues.get("address", [])
        self.address_exact = {w for w in address if w.isupper()}
        self.address_words = {w.lower() for w in address if not w.isupper()}

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        for system, pattern in self.formats:
            for m in pattern.finditer(doc.text):
                span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
                if span is None or not self._is_code(doc, span, m.group(0)):
                    continue
                spans.append(Span(doc, span.start, span.end, label=system, kb_id=m.group(0)))
        spans = sorted(filter_spans(spans), key=lambda s: s.start)
        doc.spans[CODES_KEY] = spans
        return doc

    def _is_code(self, doc: Doc, span: Span, code: str) -> bool:
        before = doc[span.start - 1] if span.start > 0 else None
        after = doc[span.end] if span.end < len(doc) else None
        if after is not None and after.norm_ in self.count_nouns:
            return False
        if before is not None and (before.text in self.address_exact or before.lower_ in self.address_words):
            return False
        if code in self.known:
            return True
        window = doc[max(0, span.start - 4): min(len(doc), span.end + 2)]
        return any(t.lower_ in self.code_words or t.norm_ in self.code_words for t in window)


@Language.factory("cptaudit_codes", default_config={"reference_dir": ""})
def make_codes(nlp: Language, name: str, reference_dir: str) -> CodeFinder:
    return CodeFinder(_reference(reference_dir))


class PhraseTagger:
    """PhraseMatcher on token norms; writes labelled spans into doc.spans[key]."""

    def __init__(self, nlp: Language, phrases: dict[str, list[str]], key: str, longest_only: bool):
        self.key = key
        self.longest_only = longest_only
        self.matcher = PhraseMatcher(nlp.vocab, attr="NORM")
        for label, items in phrases.items():
            self.matcher.add(label, [_pattern_doc(nlp, p) for p in items])

    def __call__(self, doc: Doc) -> Doc:
        spans = self.matcher(doc, as_spans=True)
        if self.longest_only:
            spans = filter_spans(spans)
        doc.spans[self.key] = sorted((s for s in spans if s.label_ != IGNORE), key=lambda s: (s.start, s.end))
        return doc


@Language.factory("cptaudit_concepts", default_config={"reference_dir": ""})
def make_concepts(nlp: Language, name: str, reference_dir: str) -> PhraseTagger:
    ref = _reference(reference_dir)
    phrases = {c.id: c.phrases for c in ref.concepts.values()}
    phrases.update({a.id: a.phrases for a in ref.attributes.values()})
    if ref.ignore:
        phrases[IGNORE] = ref.ignore
    return PhraseTagger(nlp, phrases, CONCEPTS_KEY, longest_only=True)


_LINKER_CUES = ("negation", "negation_exempt", "contrast", "other_code", "hedge", "clause_break",
                "anaphor", "pronoun", "expletive", "billing_frame", "status_change", "concept_anaphor", "minimum",
                "typical", "historical", "payer_variant", "current_use", "other_code_exempt", "reported", "conditional", "session_word")


@Language.factory("cptaudit_cues", default_config={"reference_dir": ""})
def make_cues(nlp: Language, name: str, reference_dir: str) -> PhraseTagger:
    ref = _reference(reference_dir)
    return PhraseTagger(nlp, {k: v for k, v in ref.cues.items() if k in _LINKER_CUES}, CUES_KEY, longest_only=False)
