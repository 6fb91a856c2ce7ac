"""The nlp stage: run the spaCy pipeline over an article's blocks and return plain Sentence records.

An article goes through the pipeline as a few Docs, not one Doc per block: spaCy's cost per Doc (each
component's call, array reads and writes) was larger than the work on a paragraph. The blocks of a Doc are
joined by a blank line, which the sentence component treats as a hard boundary, and every offset is mapped
back to the article's own text.
"""
from __future__ import annotations

from bisect import bisect_right
from operator import attrgetter
from typing import Iterable, Iterator, Optional

import spacy
import numpy
from spacy.attrs import IDX, NORM, ORTH, SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from . import components  # noqa: F401  (registers the factories)
from .components import BLOCK_SEPARATOR, CODES_KEY, CONCEPTS_KEY, CUES_KEY, TEXT_KEY, base_norm
from .model import AnalysedArticle, Article, Block, CodeMention, ConceptMention, Cue, Sentence
from .reference import Reference

PIPE_NAMES = ("cptaudit_sentences", "cptaudit_norms", "cptaudit_codes", "cptaudit_concepts", "cptaudit_cues")
DOC_CHARS = 50_000       # blocks per Doc up to about this many characters (spaCy refuses Docs over 1,000,000)
_RANGE_JOINERS = {"-", "–", "—", "to", "through", "thru", "until"}
_RANGE_PREFIXES = {"cpt", "hcpcs", "code"}     # "CPT 97001 until CPT 97006"


def build_pipeline(reference: Reference, base: Optional[str] = None) -> Language:
    """spacy.blank('en') plus our components; `base` may name an installed trained pipeline instead."""
    nlp = spacy.load(base, exclude=["senter", "parser"]) if base else spacy.blank("en")
    # "97161-97163", "97110/97112": two codes, not one token
    infixes = list(nlp.Defaults.infixes) + [r"(?<=[0-9])[-–—/](?=[0-9A-Z])", r"(?<=[0-9A-Z])[-–—/](?=[0-9])"]
    nlp.tokenizer.infix_finditer = spacy.util.compile_infix_regex(infixes).finditer
    config = {"reference_dir": reference.directory}
    for name in PIPE_NAMES:
        nlp.add_pipe(name, config=config if name != "cptaudit_sentences" else {})
    return nlp


class _Piece:
    """Blocks of one article joined into one text: where each block starts in it and in the article."""

    def __init__(self, article: Article, indices: list[int]):
        self.indices = indices
        self.joined_starts: list[int] = []
        parts: list[str] = []
        at = 0
        for i in indices:
            block = article.blocks[i]
            self.joined_starts.append(at)
            parts.append(article.text[block.start:block.end])
            at += block.end - block.start + len(BLOCK_SEPARATOR)
        self.text = BLOCK_SEPARATOR.join(parts)

    def block_at(self, joined: int) -> int:
        """Position (in self.indices) of the block holding a joined-text offset."""
        return bisect_right(self.joined_starts, joined) - 1


def _pieces(article: Article, limit: int = DOC_CHARS) -> Iterator[_Piece]:
    group: list[int] = []
    size = 0
    for i, block in enumerate(article.blocks):
        length = block.end - block.start
        if not article.text[block.start:block.end].strip():
            continue
        if group and size + length > limit:
            yield _Piece(article, group)
            group, size = [], 0
        group.append(i)
        size += length + len(BLOCK_SEPARATOR)
    if group:
        yield _Piece(article, group)


def analyse(nlp: Language, articles: Iterable[Article], batch_size: int = 32) -> Iterator[AnalysedArticle]:
    """Analyse articles in order; each article's blocks go through nlp.pipe as a few large Docs."""
    for article in articles:
        if article.error is not None:
            yield AnalysedArticle(article)
            continue
        sentences: list[Sentence] = []
        for piece in _pieces(article):
            # the components called in turn, as nlp(text) does: nlp.pipe's batching machinery cost more than
            # it saved for an article's one or two Docs. The text rides along so that no component rebuilds it.
            doc = nlp.make_doc(piece.text)
            doc.user_data[TEXT_KEY] = piece.text
            for _, proc in nlp.pipeline:
                doc = proc(doc)
            sentences.extend(doc_sentences(doc, piece, article.blocks))
        yield AnalysedArticle(article, sentences)


_PUNCTUATION = {",": "comma", "—": "comma", "–": "comma", "(": "paren", ")": "paren", ":": "colon"}


def doc_sentences(doc: Doc, piece: _Piece, blocks: list[Block]) -> list[Sentence]:
    """Turn one Doc of joined blocks into Sentence records with article-level character offsets."""
    if not len(doc):
        return []
    text = piece.text
    arrays = doc.to_array([SENT_START, IDX, ORTH]).astype("int64")
    idx = arrays[:, 1].tolist()
    starts = numpy.flatnonzero(arrays[:, 0] == 1).tolist()
    if not starts or starts[0] != 0:
        starts.insert(0, 0)
    bounds = starts + [len(doc)]
    out: list[Optional[Sentence]] = []
    shifts: list[int] = []                 # per sentence: article offset minus joined offset
    for k, first in enumerate(starts):
        begin = idx[first]
        at = piece.block_at(begin)
        index = piece.indices[at]
        block = blocks[index]
        block_end = piece.joined_starts[at] + block.end - block.start
        stop = idx[bounds[k + 1]] if bounds[k + 1] < len(doc) else len(text)
        piece_text = text[begin:min(stop, block_end)].rstrip()
        lead = len(piece_text) - len(piece_text.lstrip())
        if lead:                           # a sentence opening a new line ("used.\n97001 PT evaluation")
            begin, piece_text = begin + lead, piece_text[lead:]
        shift = block.start - piece.joined_starts[at]
        shifts.append(shift)
        out.append(Sentence(start=shift + begin, end=shift + begin + len(piece_text), text=piece_text, block=index,
                            block_kind=block.kind) if piece_text.strip() else None)

    def home(span) -> tuple[Optional[Sentence], int]:
        k = bisect_right(starts, span.start) - 1
        s = out[k]
        return (s, shifts[k]) if s is not None and span.end <= bounds[k + 1] else (None, 0)

    codes = list(_mentions(doc, CODES_KEY))
    in_range = _range_members(doc, codes)
    for span in codes:
        s, shift = home(span)
        if s is not None:
            s.codes.append(CodeMention(shift + span.start_char, shift + span.end_char, text[span.start_char:span.end_char],
                                       code=span.kb_id_, system=span.label_, in_range=span.start in in_range))
    concepts = _mentions(doc, CONCEPTS_KEY)
    # norm and orth of the tokens inside concept phrases only (not the whole Doc's), for the repair check
    inside = sorted({i for span in concepts for i in range(span.start, span.end)})
    pairs = dict(zip(inside, map(tuple, doc.to_array([NORM, ORTH])[inside].tolist()))) if inside else {}
    strings = doc.vocab.strings
    known = _REPAIRED

    def changed(i: int) -> bool:
        pair = pairs[i]
        hit = known.get(pair)
        if hit is None:
            hit = strings[pair[0]] != base_norm(strings[pair[1]])
            if len(known) < 500_000:
                known[pair] = hit
        return hit

    def repaired(span) -> bool:
        return any(changed(i) for i in range(span.start, span.end))

    for span in concepts:
        s, shift = home(span)
        if s is not None:
            s.concepts.append(ConceptMention(shift + span.start_char, shift + span.end_char,
                                             text[span.start_char:span.end_char],
                                             concept=span.label_, fuzzy=repaired(span)))
    for span in _mentions(doc, CUES_KEY):
        s, shift = home(span)
        if s is not None:
            s.cues.append(Cue(shift + span.start_char, shift + span.end_char, text[span.start_char:span.end_char],
                              kind=span.label_))
    marks = _punctuation_ids(doc)
    at_marks = numpy.flatnonzero(numpy.isin(arrays[:, 2], list(marks)))     # the punctuation tokens
    # the sentence of each: the last sentence start at or before it
    homes = (numpy.searchsorted(numpy.array(starts), at_marks, side="right") - 1).tolist()
    for i, k, mark in zip(at_marks.tolist(), homes, arrays[at_marks, 2].tolist()):
        s = out[k]
        if s is not None:
            char = marks[mark]
            at = shifts[k] + idx[i]
            s.cues.append(Cue(at, at + 1, char, kind=_PUNCTUATION[char]))
    result = [s for s in out if s is not None]
    for s in result:
        if s.cues:
            s.cues.sort(key=_cue_order)
    return result


def _mentions(doc: Doc, key: str) -> list:
    """A component's spans: the plain records it kept in doc.user_data."""
    return doc.user_data.get(key, [])


_PUNCTUATION_IDS: dict[int, dict[int, str]] = {}
_REPAIRED: dict[tuple[int, int], bool] = {}     # (norm id, orth id) -> the norm is a spelling repair


def _punctuation_ids(doc: Doc) -> dict[int, str]:
    """Signed orth ids (as to_array gives them) of the punctuation the linker reads, per string store."""
    key = id(doc.vocab.strings)
    if key not in _PUNCTUATION_IDS:
        _PUNCTUATION_IDS[key] = {numpy.int64(numpy.uint64(doc.vocab.strings.add(ch))).item(): ch for ch in _PUNCTUATION}
    return _PUNCTUATION_IDS[key]


_cue_order = attrgetter("start", "end")


def _descending(first: str, last: str) -> bool:
    """'Downcoding from 97163 to 97162' is a move between two codes, not a range."""
    return first.isdigit() and last.isdigit() and int(last) < int(first)


def _range_members(doc: Doc, codes: list) -> set[int]:
    """Token starts of codes written as a range ("97161-97163", "97161 through 97163")."""
    members: set[int] = set()
    for a, b in zip(codes, codes[1:]):
        gap = b.start - a.end      # one joiner, or a joiner and a prefix ("97001 until CPT 97006")
        if 1 <= gap <= 2 and doc[a.end].lower_ in _RANGE_JOINERS \
                and (gap == 1 or doc[a.end + 1].lower_ in _RANGE_PREFIXES) and not _descending(a.kb_id_, b.kb_id_):
            members.update({a.start, b.start})
    return members
