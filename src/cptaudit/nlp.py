"""The nlp stage: run the spaCy pipeline over an article's blocks and return plain Sentence records."""
from __future__ import annotations

import re
from bisect import bisect_right
from operator import attrgetter
from typing import Iterable, Iterator, Optional

import spacy
from spacy.attrs import IDX, ORTH, SENT_START
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


def analyse(nlp: Language, articles: Iterable[Article], batch_size: int = 256,
            prefilter: Optional["Prefilter"] = None) -> Iterator[AnalysedArticle]:
    """Analyse articles in order. With a prefilter, only the stretches that can carry a claim go through
    the pipeline; every other stretch stands in the sentence list as a bare Sentence (no mentions)."""
    for article in articles:
        if article.error is not None:
            yield AnalysedArticle(article)
            continue
        pieces = prefilter.pieces(article) if prefilter is not None else \
            [(b.start, b.end, i, True) for i, b in enumerate(article.blocks)]
        live = [(k, article.text[start:end]) for k, (start, end, _, keep) in enumerate(pieces) if keep]
        docs = nlp.pipe([text for _, text in live], batch_size=batch_size)
        done = {k: (doc, text) for (k, text), doc in zip(live, docs)}
        sentences: list[Sentence] = []
        for k, (start, end, index, live) in enumerate(pieces):
            kind = article.blocks[index].kind
            if live:
                doc, text = done[k]
                sentences.extend(doc_sentences(doc, start, index, kind, text))
            else:
                text = article.text[start:end].rstrip()
                if text.strip():
                    sentences.append(Sentence(start=start, end=start + len(text), text=text, block=index,
                                              block_kind=kind))
        yield AnalysedArticle(article, sentences)


class Prefilter:
    """Which stretches of an article can carry a claim, found with regular expressions before spaCy runs.

    A claim needs a code in its sentence, a general statement about codes (reference/structure.yaml), or a
    word that points at the code under discussion ("this code", "billing for", "these services", "it").
    Paragraphs are cut only where the sentence component must start a sentence (after . ! ? and a space,
    before a capital, a digit or an opening bracket), so the sentences of a kept stretch come out exactly
    as they would from the whole paragraph. Kept too: headings, questions and list items (they set or use
    the code under discussion), the sentence before a "these services" (it names the services), a
    pronoun sentence that follows a kept one or opens the block after a heading, and the sentences next to
    a code (the code finder looks a few words across the sentence border). Everything else carries no
    claim and changes nothing the linker remembers except where a sentence ends (':' and '?').
    """

    def __init__(self, nlp: Language, reference: Reference):
        formats = "|".join(f"(?:{f.pattern})" for f in reference.formats)
        self.code = re.compile(formats) if formats else None
        self.structure = [re.compile(p, re.IGNORECASE) for rule in reference.structure for p in rule.patterns]
        self.pointer = _phrases(reference.cues, ("anaphor", "billing_frame", "concept_anaphor"))
        self.pronoun = _phrases(reference.cues, ("pronoun",))
        self.services = _phrases(reference.cues, ("concept_anaphor",))
        abbreviations = nlp.config["components"].get("cptaudit_sentences", {}).get("abbreviations", [])
        self.abbreviations = {a.lower().rstrip(".") for a in abbreviations}

    def pieces(self, article: Article) -> list[tuple[int, int, int, bool]]:
        """(start, end, block index, keep) for every stretch of the article, in order."""
        out: list[tuple[int, int, int, bool]] = []
        text = article.text
        for index, block in enumerate(article.blocks):
            if block.kind != "paragraph":
                out.append((block.start, block.end, index, True))
                continue
            after_title = index > 0 and article.blocks[index - 1].kind in ("heading", "question")
            cuts = self._cuts(text, block.start, block.end)
            spans = list(zip(cuts, cuts[1:]))
            keep = self._keep([text[a:b] for a, b in spans], after_title)
            run = spans[0][0]
            for k, (a, b) in enumerate(spans):
                if k + 1 == len(spans) or keep[k + 1] != keep[k]:
                    out.append((run, b, index, keep[k]))
                    run = b
        return out

    def _cuts(self, text: str, start: int, end: int) -> list[int]:
        cuts = [start]
        for m in _SENTENCE_END.finditer(text, start, end):
            word = m.group(1)
            if word and (word.lower() in self.abbreviations or len(word) < 2):
                continue
            cut = m.end() + (1 if text.startswith(" ", m.end()) else 0)
            if cuts[-1] < cut < end:
                cuts.append(cut)
        cuts.append(end)
        return cuts

    def _keep(self, spans: list[str], after_title: bool) -> list[bool]:
        n = len(spans)
        codes = [list(self.code.finditer(s)) if self.code else [] for s in spans]
        keep = [bool(codes[k]) or bool(self.pointer and self.pointer.search(s))
                or any(p.search(s) for p in self.structure) for k, s in enumerate(spans)]
        for k, found in enumerate(codes):
            if found:                                  # the code finder's window crosses the sentence border
                if k > 0 and len(spans[k][:found[0].start()].split()) < 6:
                    keep[k - 1] = True
                if k + 1 < n and len(spans[k][found[-1].end():].split()) < 4:
                    keep[k + 1] = True
            if k + 1 < n and self.services and self.services.search(spans[k + 1]):
                keep[k] = True                         # "these services" names the services said before
        pronoun = [bool(self.pronoun and self.pronoun.search(s)) for s in spans]
        changed = True
        while changed:
            changed = False
            for k in range(n):
                if not keep[k] and pronoun[k] and (after_title or (k > 0 and keep[k - 1])):
                    keep[k] = changed = True
        return keep


# the end of a sentence where the sentence component must cut: a word (or number) and '.', or '?'/'!',
# then white space and a capital, a digit or an opening bracket
_SENTENCE_END = re.compile(r"(?:(?<![\w.'’\-])([A-Za-z]+|\d+)(\.)|[^\s](\?|!))(?=\s+[A-Z0-9(“\[])")


def _phrases(cues: dict, kinds: tuple[str, ...]) -> Optional[re.Pattern]:
    """A case-blind pattern for cue phrases that also finds the plural forms the matcher folds together."""
    alternatives = []
    for kind in kinds:
        for phrase in cues.get(kind, []):
            words = [_word_forms(w) for w in phrase.replace("’", "'").split()]
            if words:
                alternatives.append(r"\s+".join(words))
    if not alternatives:
        return None
    return re.compile(r"(?<![\w])(?:" + "|".join(sorted(alternatives, key=len, reverse=True)) + r")(?![\w])",
                      re.IGNORECASE)


def _word_forms(word: str) -> str:
    w = re.escape(word).replace("'", "['’]")
    if len(word) >= 3 and word.isalpha():
        stem = re.escape(word[:-1]) + "(?:y|ies)" if word.endswith("y") else w + "(?:s|es)?"
        return stem
    return w


def doc_sentences(doc: Doc, offset: int, block: int, kind: str, text: Optional[str] = None) -> list[Sentence]:
    """Turn one Doc into Sentence records with article-level character offsets (`text` is the Doc's text)."""
    text = doc.text if text is None else text
    n = len(doc)
    if n == 0:
        return []
    flags, idx, orth = doc.to_array([SENT_START, IDX, ORTH]).T.tolist()
    starts = [i for i, flag in enumerate(flags) if flag == 1]
    if not starts or starts[0] != 0:
        starts.insert(0, 0)
    bounds = starts + [n]
    out: list[Optional[Sentence]] = []
    for k, first in enumerate(starts):
        begin = idx[first]
        stop = idx[bounds[k + 1]] if bounds[k + 1] < n else len(text)
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
            s.codes.append(CodeMention(offset + span.start_char, offset + span.end_char,
                                       text[span.start_char:span.end_char], code=span.kb_id_, system=span.label_,
                                       in_range=span.start in in_range))
    for span in doc.spans[CONCEPTS_KEY]:
        s = home(span)
        if s is not None:
            s.concepts.append(ConceptMention(offset + span.start_char, offset + span.end_char,
                                             text[span.start_char:span.end_char], concept=span.label_,
                                             fuzzy=any(t.lemma_ for t in span)))
    for span in doc.spans[CUES_KEY]:
        s = home(span)
        if s is not None:
            s.cues.append(Cue(offset + span.start_char, offset + span.end_char, text[span.start_char:span.end_char],
                              kind=span.label_))
    marks = _punctuation_ids(doc)
    for i in [i for i, o in enumerate(orth) if o in marks]:
        k = bisect_right(starts, i) - 1
        if out[k] is not None:
            char = marks[orth[i]]
            at = offset + idx[i]
            out[k].cues.append(Cue(at, at + 1, char, kind=_PUNCTUATION[char]))
    result = [s for s in out if s is not None]
    for s in result:
        s.cues.sort(key=_CUE_ORDER)
    return result


_CUE_ORDER = attrgetter("start", "end")
_PUNCTUATION = {",": "comma", "—": "comma", "–": "comma", "(": "paren", ")": "paren", ":": "colon"}
_PUNCTUATION_IDS: dict[int, dict[int, str]] = {}


def _punctuation_ids(doc: Doc) -> dict[int, str]:
    key = id(doc.vocab.strings)
    if key not in _PUNCTUATION_IDS:
        _PUNCTUATION_IDS[key] = {doc.vocab.strings.add(ch): ch for ch in _PUNCTUATION}
    return _PUNCTUATION_IDS[key]


def _range_members(doc: Doc, codes: list) -> set[int]:
    """Token starts of codes written as a range ("97161-97163", "97161 through 97163")."""
    members: set[int] = set()
    for a, b in zip(codes, codes[1:]):
        between = doc[a.end:b.start]
        if len(between) == 1 and between[0].lower_ in _RANGE_JOINERS:
            members.update({a.start, b.start})
    return members
