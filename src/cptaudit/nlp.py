"""The nlp stage: run the spaCy pipeline over an article's blocks and return plain Sentence records."""
from __future__ import annotations

from bisect import bisect_right
from typing import Iterable, Iterator, Optional

import spacy
import numpy
from spacy.attrs import IDX, LEMMA, ORTH, SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from . import components  # noqa: F401  (registers the factories)
from .components import CODES_KEY, CONCEPTS_KEY, CUES_KEY
from .model import AnalysedArticle, Article, CodeMention, ConceptMention, Cue, Sentence
from .reference import Reference

PIPE_NAMES = ("cptaudit_sentences", "cptaudit_norms", "cptaudit_codes", "cptaudit_concepts", "cptaudit_cues")
_RANGE_JOINERS = {"-", "–", "—", "to", "through", "thru"}


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


def analyse(nlp: Language, articles: Iterable[Article], batch_size: int = 256) -> Iterator[AnalysedArticle]:
    """Analyse articles in order; blocks of all articles are batched through nlp.pipe."""
    for article in articles:
        if article.error is not None:
            yield AnalysedArticle(article)
            continue
        texts = ((article.text[b.start:b.end], i) for i, b in enumerate(article.blocks))
        sentences: list[Sentence] = []
        for doc, index in nlp.pipe(texts, as_tuples=True, batch_size=batch_size):
            block = article.blocks[index]
            sentences.extend(doc_sentences(doc, block.start, index, block.kind, article.text[block.start:block.end]))
        yield AnalysedArticle(article, sentences)


_PUNCTUATION = {",": "comma", "—": "comma", "–": "comma", "(": "paren", ")": "paren", ":": "colon"}


def doc_sentences(doc: Doc, offset: int, block: int, kind: str, text: Optional[str] = None) -> list[Sentence]:
    """Turn one block's Doc into Sentence records with article-level character offsets (`text`: the Doc's text)."""
    if not len(doc):
        return []
    text = doc.text if text is None else text
    flags, idx, orth, lemma = doc.to_array([SENT_START, IDX, ORTH, LEMMA]).astype("int64").T.tolist()
    starts = [i for i, flag in enumerate(flags) if flag == 1 or i == 0]
    bounds = starts + [len(doc)]
    out: list[Optional[Sentence]] = []
    for k, first in enumerate(starts):
        begin = idx[first]
        stop = idx[bounds[k + 1]] if bounds[k + 1] < len(doc) else len(text)
        piece = text[begin:stop].rstrip()
        out.append(Sentence(start=offset + begin, end=offset + begin + len(piece), text=piece, block=block,
                            block_kind=kind) if piece.strip() else None)

    def home(span) -> Optional[Sentence]:
        k = bisect_right(starts, span.start) - 1
        return out[k] if out[k] is not None and span.end <= bounds[k + 1] else None

    codes = list(doc.spans[CODES_KEY])
    in_range = _range_members(doc, codes)
    for span in codes:
        s = home(span)
        if s is not None:
            s.codes.append(CodeMention(offset + span.start_char, offset + span.end_char, span.text,
                                       code=span.kb_id_, system=span.label_, in_range=span.start in in_range))
    for span in doc.spans[CONCEPTS_KEY]:
        s = home(span)
        if s is not None:
            s.concepts.append(ConceptMention(offset + span.start_char, offset + span.end_char, span.text,
                                             concept=span.label_, fuzzy=any(lemma[span.start:span.end])))
    for span in doc.spans[CUES_KEY]:
        s = home(span)
        if s is not None:
            s.cues.append(Cue(offset + span.start_char, offset + span.end_char, span.text, kind=span.label_))
    marks = _punctuation_ids(doc)
    for i, o in enumerate(orth):
        if o in marks:
            s = out[bisect_right(starts, i) - 1]
            if s is not None:
                char = marks[o]
                s.cues.append(Cue(offset + idx[i], offset + idx[i] + 1, char, kind=_PUNCTUATION[char]))
    result = [s for s in out if s is not None]
    for s in result:
        s.cues.sort(key=_cue_order)
    return result


_PUNCTUATION_IDS: dict[int, dict[int, str]] = {}


def _punctuation_ids(doc: Doc) -> dict[int, str]:
    """Signed orth ids (as to_array gives them) of the punctuation the linker reads, per string store."""
    key = id(doc.vocab.strings)
    if key not in _PUNCTUATION_IDS:
        _PUNCTUATION_IDS[key] = {numpy.int64(numpy.uint64(doc.vocab.strings.add(ch))).item(): ch for ch in _PUNCTUATION}
    return _PUNCTUATION_IDS[key]


def _cue_order(cue: Cue) -> tuple[int, int]:
    return cue.start, cue.end


def _range_members(doc: Doc, codes: list) -> set[int]:
    """Token starts of codes written as a range ("97161-97163", "97161 through 97163")."""
    members: set[int] = set()
    for a, b in zip(codes, codes[1:]):
        between = doc[a.end:b.start]
        if len(between) == 1 and between[0].lower_ in _RANGE_JOINERS:
            members.update({a.start, b.start})
    return members
