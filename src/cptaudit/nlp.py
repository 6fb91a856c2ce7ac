"""The nlp stage: run the spaCy pipeline over an article's blocks and return plain Sentence records."""
from __future__ import annotations

from typing import Iterable, Iterator, Optional

import spacy
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
            sentences.extend(doc_sentences(doc, block.start, index, block.kind))
        yield AnalysedArticle(article, sentences)


def doc_sentences(doc: Doc, offset: int, block: int, kind: str) -> list[Sentence]:
    """Turn one block's Doc into Sentence records with article-level character offsets."""
    out: list[Sentence] = []
    codes = list(doc.spans[CODES_KEY])
    concepts = list(doc.spans[CONCEPTS_KEY])
    cues = list(doc.spans[CUES_KEY])
    in_range = _range_members(doc, codes)
    for sent in doc.sents:
        text = sent.text.rstrip()
        if not text.strip():
            continue
        s = Sentence(start=offset + sent.start_char, end=offset + sent.start_char + len(text), text=text,
                     block=block, block_kind=kind)
        inside = lambda span: sent.start <= span.start and span.end <= sent.end  # noqa: E731
        for span in codes:
            if inside(span):
                s.codes.append(CodeMention(offset + span.start_char, offset + span.end_char, span.text,
                                           code=span.kb_id_, system=span.label_, in_range=span.start in in_range))
        for span in concepts:
            if inside(span):
                s.concepts.append(ConceptMention(offset + span.start_char, offset + span.end_char, span.text,
                                                 concept=span.label_, fuzzy=any(t.lemma_ for t in span)))
        for span in cues:
            if inside(span):
                s.cues.append(Cue(offset + span.start_char, offset + span.end_char, span.text, kind=span.label_))
        for token in sent:
            if token.text in {",", "(", ")", ":", "—", "–"}:
                s.cues.append(Cue(offset + token.idx, offset + token.idx + 1, token.text,
                                  kind="comma" if token.text in {",", "—", "–"} else "paren" if token.text in "()" else "colon"))
        s.cues.sort(key=lambda c: (c.start, c.end))
        out.append(s)
    return out


def _range_members(doc: Doc, codes: list) -> set[int]:
    """Token starts of codes written as a range ("97161-97163", "97161 through 97163")."""
    members: set[int] = set()
    for a, b in zip(codes, codes[1:]):
        between = doc[a.end:b.start]
        if len(between) == 1 and between[0].lower_ in _RANGE_JOINERS:
            members.update({a.start, b.start})
    return members
