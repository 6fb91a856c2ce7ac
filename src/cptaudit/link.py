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
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Optional

from .words import VERSUS, base_norm, stem
from .model import AnalysedArticle, Claim, CodeMention, ConceptMention, Cue, Sentence
from .model import Span as Span_
from .grammar import Grammar, SentenceView
from .units import any_duration_spans, find_statements, find_totals, units_after, units_before
from .ingest import FIELD_LINE
from .gates import gated

_MAX_BACK = 260      # characters from a code back to the service it governs
_MAX_AHEAD = 160     # characters from a service ahead to the code it belongs to
_BILLING_GAP = 45    # characters between "billing for" and the service
_DEMONSTRATIVE_GAP = 30   # characters between "these" and the service it points with ("these specific exercise-based")
_LIST_HEAD = 6       # a list item's service must start within its first words
_FAMILY_KINDS = ("timing", "section")     # properties a range of codes can share
_FAMILY_SPAN = 20      # a range that wide is one family: "97810 to 97814 were deleted" (not "From 97001 to 97161")
_RANGE_JOIN = re.compile(r"\s*(?:-|–|—|to|through|thru)\s*", re.IGNORECASE)
_COORDINATION = re.compile(r"\s*(?:,\s*)?(?:(?:and|or|&|/)\s*)?(?:(?:cpt|hcpcs)\s+)?(?:code\s+)?", re.IGNORECASE)
_LIST_GOES_ON = re.compile(r"[^.;,]{0,20}?,?\s*(?:(?:and|or)\s+)?(?:cpt\s+)?(?:[A-Z]\d{4}|\d{4}[0-9A-Z])\b", re.IGNORECASE)
# "the timed, attended treatment codes": codes of a kind (adjectives up to 'codes', no verb or comparison)
_CLASS_NOUN = re.compile(r"(?:[\s,]+(?!(?:like|unlike|than|as|is|are|and|or|not|other|such|all|both)\b)[a-z-]+){0,3}?"
                         r"\s*codes\b", re.IGNORECASE)
_APPOSITION = re.compile(r"\s*,\s*(?:(?:cpt|hcpcs)\s+)?(?:code\s+)?$", re.IGNORECASE)
_APPOSITION_END = re.compile(r"\s*(?:[,.;)]|$)")
_SIBLING = re.compile(r"\s*,?\s*(?:and|or|plus|then|with|&)\s+(?:(?:from|to|than|with)\s+)?"
                      r"(?:(?:a|an|the|some|one|two|three)\s+)?$", re.IGNORECASE)
_PARTICIPLE = re.compile(r"\s*,\s*(?:covering|describing|reporting|billed|used|meaning|which\s+(?:covers|describes|is))\b",
                         re.IGNORECASE)
_NUMBER_RANGE = re.compile(r"\s*(?:(?:runs|spans|covers|goes|extends|is)\s+)?(?:from\s+)?\d{5}\s*(?:-|–|to|through)\s*\d{5}\b",
                           re.IGNORECASE)
_OPEN_PAREN_AHEAD = re.compile(r"\s*\(\s*(?:(?:cpt|hcpcs)\s+)?(?:codes?\s+)?(?:[A-Z]\d{4}|\d{4}[0-9A-Z])\b", re.IGNORECASE)
_OPTION = re.compile(r"\s*\(?[A-Ea-e][).]\s")
_PAREN_ITEMS = re.compile(r"\s*\)\s*,?\s*(?:(?:and|or)\s+)?(?:[a-z][\w-]*\s+){1,3}\(\s*(?:(?:cpt|hcpcs)\s+)?(?:code\s+)?",
                          re.IGNORECASE)
_ACTIVE_OBJECT = re.compile(r"\s+(?:the|a|an|any|all|most|many|this|these|those|its|their|previous|prior|old|outdated)\b"
                            r"(?![^.;:,]*\b(?:codes?|(?:[A-Z]\d{4}|\d{4}[0-9A-Z]))\b)", re.IGNORECASE)
_ONE_CODE_EACH = re.compile(r"\b(?:only\s+)?one\s+(?:cpt\s+)?code\s+(?:may|can|should|must|is\s+to|will)\s+(?:be\s+)?"
                            r"(?:reported|billed|used|submitted)\s+(?:for|per|in)?\s*(?:each|every|a|one)?\s*$", re.IGNORECASE)
_DISJUNCTION = re.compile(r"\b(?:[A-Z]\d{4}|\d{4}[0-9A-Z])\s*,?\s+or\s+(?:(?:cpt|hcpcs)\s+)?(?:code\s+)?(?:[A-Z]\d{4}|\d{4}[0-9A-Z])\b", re.IGNORECASE)
_REFUTED_BELIEF = re.compile(r"\b(?:despite|contrary\s+to|regardless\s+of)\s+what\s+(?:[\w-]+\s+){0,3}$",
                             re.IGNORECASE)
_SINGULAR_VERB = re.compile(r"\s+(?:\w+ly\s+)?(?:is|was|has|gets|covers|requires|needs|means|describes|goes|applies)\b",
                            re.IGNORECASE)
_BARE_COMMA = re.compile(r"\s*,\s*(?:(?:cpt|hcpcs)\s+)?(?:code\s+)?", re.IGNORECASE)
_AND_OR = re.compile(r"\b(?:and|or)\b", re.IGNORECASE)
_GLOSSED_ITEMS = re.compile(r"\s*(?:\(\s*[^()]{1,40}\)|[-\u2013\u2014:]\s*[a-z][^,;:()]{0,40}?)\s*,?\s*(?:(?:and|or)\s+)?"
                            r"(?:(?:cpt|hcpcs)\s+)?(?:code\s+)?", re.IGNORECASE)
_SAME_SECTION = re.compile(r"\bsame\s+(?:cpt\s+)?$", re.IGNORECASE)
_FRONTED_CODE = re.compile(r"\s*(?:with|under|for|in)\s+(?:(?:cpt|hcpcs)\s+)?(?:code\s+)?(?:[A-Z]\d{4}|\d{4}[0-9A-Z])\s*,", re.IGNORECASE)
_IT_IS = re.compile(r"\s*(?:it\s+is|it's|it\u2019s|this\s+code\s+is|the\s+code\s+is)\b", re.IGNORECASE)
_BLOCK_BEFORE = re.compile(r"\b(?:beyond|after|past|over|exceeding|than)\s+the\s+(?:first|initial)\s+$", re.IGNORECASE)
_NEXT_ITEM = re.compile(r"\s*,\s*(?:and\s+)?(?:cpt|hcpcs)\s+(?:code\s+)?", re.IGNORECASE)
_META = re.compile(r"\b(?:this|our|the)\s+(?:guide|article|post|page|blog\s+post|overview|resource)\s+(?:covers|walks\s+through|"
                   r"will\s+cover|looks\s+at|breaks\s+down)\b", re.IGNORECASE)
_CLAUSE_AND = re.compile(r"\s*,\s*(?:and|or)\b", re.IGNORECASE)
_COMMA_ITEMS = re.compile(r"\s*,\s*(?:[\w-]+(?:\s+[\w-]+)?\s*,\s*)*", re.IGNORECASE)
_ITEM_END = re.compile(r"\s*(?:\)|,|;|$)")
_MODIFIES_MINUTES = re.compile(r"[\s-]*(?:minutes?|mins?|minute\s+total|minute\s+count|total)\b", re.IGNORECASE)
_CODE_LEAD = re.compile(r"\s*(?:the\s+)?(?:(?:cpt|hcpcs)\s+)?(?:code\s+)?", re.IGNORECASE)
_SESSION_LASTS = re.compile(r"\s*(?:\w+\s+)?(?:lasts?|is|are|was|takes?|runs?|should\s+last|must\s+last|of|"
                            r"typically\s+lasts?|usually\s+lasts?)\s+(?:about\s+|around\s+|at\s+least\s+|roughly\s+)?",
                            re.IGNORECASE)
_SUCH_AS = re.compile(r"\s+as\b", re.IGNORECASE)
_NAMED_CODE = re.compile(r"\s*(?:cpt\s+|billing\s+)?code\b(?!s)", re.IGNORECASE)
_OBJECT_OF = re.compile(r"\b(?:with|from|than|like|to|against|alongside|and|or|by)\s+(?:the\s+|a\s+|an\s+|other\s+|any\s+|all\s+)?"
                        r"(?:[\w/&-]+,?\s+){0,4}$", re.IGNORECASE)
_POINTER_AFTER = re.compile(r"\s*(?:\w+\s+)?(?:that|this|the\s+same)\s+code\b", re.IGNORECASE)
_DEFINES = re.compile(r"\s*(?:is|are|means|refers|involves|uses|describes|was|were)\b", re.IGNORECASE)
_EXAMPLE = gated(r"(?:including|such\s+as|like|e\.g\.,?|for\s+example,?|for\s+instance,?)\s*$", re.IGNORECASE)
_QUOTED = re.compile(r'^\s*["“].*["”]\s*$', re.DOTALL)
_YEAR = gated(r"\b(?:in|since|during|throughout|as of)\s+(?:early\s+|late\s+|mid-?)?((?:19|20)\d\d)\b", re.IGNORECASE)
_NUMBER = r"(\d{1,3}|ten|fifteen|twenty|thirty|forty|forty-five|fifty|sixty|ninety)"
_WORD_MINUTES = {"ten": 10, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40, "forty-five": 45, "fifty": 50,
                 "sixty": 60, "ninety": 90}
_MINUTES = re.compile(r"\b" + _NUMBER + r"(?:\s*(?:-|–|to)\s*" + _NUMBER + r")?[\s-]*(?:(?:documented|face-to-face|direct|"
                      r"full)\s+)?(?:minutes?|mins?)\b", re.IGNORECASE)
_HOUR = re.compile(r"\b(?:an|one)\s+hour\b", re.IGNORECASE)
_HALF_HOUR = re.compile(r"\bhalf\s+an\s+hour\b|\bhalf-hour\b", re.IGNORECASE)


def main_code(analysed: AnalysedArticle) -> Optional[str]:
    """The code an article is about: the one code its title names, else the code that dominates its mentions."""
    title = [s for s in analysed.sentences if s.block == 0 and s.block_kind in ("heading", "question")]
    named = {m.code for s in title for m in s.codes if not m.in_range}
    if len(named) == 1:
        return named.pop()
    counts = Counter(m.code for s in analysed.sentences for m in s.codes if not m.in_range)
    if not counts:
        return None
    ranked = counts.most_common(2)
    code, n = ranked[0]
    second = ranked[1][1] if len(ranked) > 1 else 0
    # a clear majority, or a code named at least three times and three times as often as any other ("CPT code 97165
    # ... 97166 ... 97167 ... 97168" on a page about 97165)
    return code if n >= 2 and (n >= 0.6 * sum(counts.values()) or (n >= 3 and n >= 3 * second)) else None


@dataclass
class _State:
    """What the reader knows at a sentence: the code under discussion and the services just named."""

    topic: Optional[str] = None          # code under discussion in the current section
    section_topic: Optional[str] = None  # the code the section's heading is about (the article's code if none)
    last_named: Optional[str] = None     # the code named last, for "that code"
    history_section: bool = False        # under a heading about old or deleted codes
    history_article: bool = False        # the title says the whole article is history
    history_list: bool = False           # under "the following codes will no longer be used:"
    question_about_codes: bool = False   # the question before asked about codes in general
    list_ok: bool = False                # a list here hangs from a heading or a lead-in ending in ':'
    list_code: Optional[str] = None      # the code that heading or lead-in names
    framed_section: bool = False         # under a heading such as "Common Mistakes"
    framed_by_title: bool = False        # ... and that heading is the article's title
    fact_block: bool = False             # the block opens with "Fact:": what it says is asserted, under any frame
    numbered_mistake: bool = False       # the heading is one numbered mistake ("Mistake #3: ...")
    heading_framed: bool = False         # the frame of the last heading (a question's frame lasts to the next one)
    prev_block: int = -1
    prev_about: bool = False             # the previous sentence of this block was about the topic
    after_title: bool = False            # this block answers a heading or question that names the topic
    answering: Optional[str] = None      # first sentence of an answer: the question's code
    prev_question: bool = False
    prev_codes: list = field(default_factory=list)   # codes the previous sentence of this block named
    asked: list = field(default_factory=list)   # services named by a question that names no code
    question_concepts: set = field(default_factory=set)   # what the last question asked about
    believed: dict = field(default_factory=dict)   # code -> services the writer has said it is, in so many words
    last_concept: Optional[ConceptMention] = None
    echoes: list = field(default_factory=list)     # (claims index, code, mention): a service named with no code
    loose_echoes: list = field(default_factory=list)   # ... in a sentence that does not speak of the service itself
    bare_words: list = field(default_factory=list)   # (claim, mention): a bare mention of the code, a plain service word
    belief_claims: Counter = field(default_factory=Counter)   # (code, service) -> how many claims said it is
    in_options: bool = False             # in the lettered choices after a quiz question
    record_code: Optional[str] = None    # the code a run of field lines is about ("Code: 97167 / Timed: No")
    head_words: dict = field(default_factory=dict)   # code -> stems of the last words of the services said of it
    class_named: list = field(default_factory=list)   # kind concepts this block named a class of codes by
    class_list: list = field(default_factory=list)    # ... that the list items after its lead-in belong to
    table_header: Optional[list] = None  # (header cell text, its property concept) of the table being read
    service_table: bool = False          # that table's first column lists services ("Service | Description")
    section_denies: bool = False         # a negation, another code or a mistake frame in this section before a table
    cycle_subject: Optional[str] = None  # the part of the code set last named (cycles.py), for "They are updated ..."
    label_code: Optional[str] = None     # the code the paragraph's opening label names ("Wheelchair management (97542).")
    lead_framed: bool = False            # the last lead-in names mistakes ("Red flags:", "Common errors include:")
    list_framing: bool = False           # ... and its list is being read, framed
    frame_before: bool = False           # the frame before that list
    list_billing: bool = False           # that lead-in speaks of billing or documenting ("A note for 97112 should list:")


def link(analysed: AnalysedArticle, grammar: Grammar) -> list[Claim]:
    """All claims of one article, in sentence order."""
    claims: list[Claim] = []
    article_code = main_code(analysed)
    blocks = analysed.article.blocks
    st = _State()
    for sentence in analysed.sentences:
        view = SentenceView(sentence, grammar)
        first_in_block = sentence.block != st.prev_block
        kind = sentence.block_kind
        if first_in_block:
            # "Red flags: // - Billing 2 or 3 units of 97010 for a long hot pack": a lead-in that names mistakes
            # frames its list as a heading would
            if kind == "list_item" and st.lead_framed and not st.list_framing:
                st.list_framing, st.frame_before, st.framed_section = True, st.framed_section, True
            elif kind != "list_item" and st.list_framing:
                st.list_framing, st.framed_section = False, st.frame_before
        if first_in_block:
            if kind in ("heading", "question"):
                # "Documentation Requirements", "Common Mistakes": a heading that names no code keeps the
                # article on its own code
                st.topic = _subject_code(sentence, view) or (article_code if sentence.block > 0 else None)
                st.section_topic = st.topic
                cues = {c.kind for c in sentence.cues}
                # not "How to Bill It Without Denials": a how-to that promises to spare the reader the mistakes
                framed = any(c.kind in ("section_frame", "mistake_frame") and not _SPARED.search(
                    sentence.text, 0, c.start - sentence.start) for c in sentence.cues)
                if kind == "heading":
                    st.framed_section = st.heading_framed = framed
                    st.framed_by_title = st.framed_section and sentence.block == 0
                    # "Mistake #10: Not knowing the unlisted modality code": the heading names the mistake,
                    # the paragraphs under it explain
                    st.numbered_mistake = framed and _NUMBERED_MISTAKE.match(sentence.text) is not None
                else:
                    # "And the big mistake people make there?" frames its answer; the next question is under
                    # the heading's frame again
                    st.framed_section = st.heading_framed or framed
                    st.framed_by_title = st.framed_by_title and not framed
                if kind == "heading":
                    # "A Short History of Deleted Evaluation Codes": what follows tells history
                    # (not "How to Bill It Without Denials": a warning word, no history)
                    history = any(c.kind in ("historical", "status_change") and not _WARNING_WORD.fullmatch(c.text)
                                  for c in sentence.cues)
                    st.history_article = st.history_article or (history and sentence.block == 0)
                    # a heading that names a code ("97001: physical therapy evaluation") is an entry of its section
                    st.history_section = history or st.history_article or (st.history_section and bool(sentence.codes))
                # "What does not belong under 97112", "Session steps": not a description of the code
                st.list_ok = not view.negations and not view.others and "list_lead" in cues \
                    and "list_not_service" not in cues
                st.list_code = st.topic
            elif kind != "list_item":
                st.list_ok = False
                if st.section_topic:
                    # a new paragraph is about its section's code again, not the code the last one named
                    # in passing ("acupuncture is coded 97810 ... // The code is billed per session")
                    st.topic = st.section_topic
            if kind in ("heading", "question"):
                st.last_concept = None            # "bill that training": the service named before, in this section
        # a row of a text table ("23-37 | 2 | 97112, 97116, 97150 |") under a heading that names a class of codes
        # ("Quick-Reference Chart for Timed Services") is an item of that class, as a list item would be
        row = kind == "paragraph" and _TABLE_ROW.match(sentence.text) is not None
        if first_in_block:
            st.fact_block = _FACT_LABEL.match(sentence.text) is not None
            if not row:
                st.class_named = []
            if kind != "list_item" and not row:
                st.class_list = []
        if first_in_block and st.history_list and (kind not in ("list_item", "paragraph") or not (
                kind == "list_item" or _CODE_FIRST.match(sentence.text))):
            st.history_list = False       # the list of deleted codes ended
        if first_in_block:
            if kind != "list_item" or not FIELD_LINE.match(sentence.text):
                st.record_code = None
            elif len({m.code for m in sentence.codes}) == 1 and (
                    st.record_code is None or _RECORD_KEY.fullmatch(FIELD_LINE.match(sentence.text).group(1))):
                st.record_code = sentence.codes[0].code      # "Code: 97167" opens a record of that code
            st.prev_codes = []
            st.after_title = sentence.block > 0 and blocks[sentence.block - 1].kind in ("heading", "question") \
                and st.topic is not None
        st.answering = st.topic if st.prev_question and kind == "paragraph" and not view.is_question() \
            and not st.question_about_codes else None
        asked = st.asked if st.prev_question and kind == "paragraph" and not view.is_question() else []
        # "It" opening a paragraph is the section's code; later in the paragraph, only after a sentence about it
        if first_in_block:
            # "Community and work reintegration (97537). Used mostly by our OT staff. Unlike the other training
            # codes, it is billed once per day": a paragraph that opens with a code's label is about that code
            label = _LABEL_FRAGMENT.fullmatch(sentence.text.strip())
            st.label_code = sentence.codes[0].code if label and len({m.code for m in sentence.codes}) == 1 else None
        elif sentence.codes and any(m.code != st.label_code for m in sentence.codes):
            st.label_code = None
        pronoun_ok = (not first_in_block and st.prev_about) or st.after_title or \
            (not first_in_block and st.label_code is not None and st.topic == st.label_code) or \
            (first_in_block and kind in ("paragraph", "list_item") and st.topic is not None
             and st.topic == st.section_topic)
        found, about = _link_sentence(sentence, view, st, article_code, pronoun_ok, grammar)
        continues_question = st.prev_question and not first_in_block and _OR_WHICH.match(sentence.text) is not None
        found.extend(_paid_object_claims(sentence, view, st, grammar, found, pronoun_ok))
        if _about_other_service(sentence, view, st, grammar):
            # "Attended stimulation requires the provider to stay with the patient, and it is a timed code", in a
            # 97014 article: the sentence is about the service it opens with, and 'it' is that service
            found = [c for c in found if not (c.via == "anaphor" and c.code == st.topic)]
        if continues_question:
            found = [c for c in found if c.via == "explicit" and c.value is None]   # "...is a massage? Or which is manual therapy."
        if st.prev_question and _ANSWER_NO.match(sentence.text) and not sentence.codes and not view.negations:
            # "Does the 8-minute rule apply to 97022? No, the 8-minute rule applies only to timed codes":
            # what a bare 'No' answer repeats from the question is denied; what it adds ("No, it is billed
            # once per session") is said; an answer that names its code or negates on its own says it itself
            for claim in found:
                if claim.value in st.question_concepts and claim.polarity:
                    claim.polarity = False
        raw = analysed.article.text
        option = (st.prev_question or st.in_options) and _OPTION.match(
            raw, raw.rfind("\n", 0, sentence.start) + 1) is not None
        if option:
            found = []                    # "Which level does 97170 describe? / A) Low / B) Moderate": choices
        st.in_options = option
        if st.class_list and (kind == "list_item" or (
                row and sentence.codes and not any(concept for _, concept in st.table_header or ()))):
            found.extend(_class_member_claims(sentence, st.class_list, found, row=kind != "list_item"))
        if first_in_block:
            if "|" not in sentence.text:
                st.table_header = None
                st.service_table = False
            elif st.service_table and not sentence.codes:
                found.extend(_service_row_claims(sentence, view, st, grammar))
            elif not sentence.codes:
                st.table_header = _header_cells(sentence, grammar)
                st.service_table = bool(st.table_header) and st.table_header[0][0] in grammar.service_columns \
                    and st.section_topic is not None and st.topic == st.section_topic and not view.negations \
                    and not st.section_denies
            elif st.table_header:
                found = _table_cell_claims(sentence, st.table_header, grammar, found)
        if _SOAP_LABEL.match(sentence.text) and (not sentence.text.lstrip().startswith("A")
                                                 or len(_SOAP_LABELS.findall(_line_of(raw, sentence.start))) >= 2):
            # "S: Patient reports difficulty with balance. O: Observed patient performing balance exercises": a
            # sample note, not what the code is
            found = [c for c in found if c.via == "explicit" or c.kind != "identity"]
        if _NOT_THAT.match(sentence.text):
            found = [c for c in found if c.polarity]   # "It's not that hot pack therapy isn't legitimate care"
        if _MYTH_LABEL.match(sentence.text):
            for claim in found:           # "Myth: Category III codes are released twice a year": denied
                claim.polarity, claim.tight = not claim.polarity, True
        # "97112 represents neuromuscular reeducation ... // It is used when providers perform therapeutic activities
        # designed to restore ...": words writers use loosely, said of a code only through a pointer, after the
        # writer named the code's own service in so many words (and never tied these words to it), are loose
        # (not "Even though it is an exercise code": that defines the code)
        found = [c for c in found if not (c.kind == "identity" and c.polarity and c.value in grammar.loose
                                          and c.via != "explicit" and c.value not in st.believed.get(c.code, ())
                                          and any(grammar.identifies(c.code, b) for b in st.believed.get(c.code, ()))
                                          and not grammar.fits(c.code, c.value) and not _defines(c))]
        for claim in found:
            claim.historical = st.history_section or st.history_list
            if claim.kind == "identity" and claim.value and claim.polarity and not claim.framed \
                    and claim.via in ("explicit", "attached"):
                st.believed.setdefault(claim.code, set()).add(claim.value)
                st.belief_claims[claim.code, claim.value] += 1
                if claim.evidence is not None and claim.evidence.text.split():
                    st.head_words.setdefault(claim.code, set()).add(_word_stem(claim.evidence.text.split()[-1]))
        claims.extend(found)
        if st.topic and st.topic == article_code and all(m.code == article_code for m in sentence.codes) \
                and not st.framed_section \
                and not st.history_section and not view.is_question() and not view.others:
            # the sentence speaks of the service itself: billing words, an item of a list about the code,
            # "the session", "the therapist"; other sentences of the code's sections repeat a belief only in an
            # article that never names the code's real service (see _with_echoes)
            echoes = st.echoes if (
                any(c.kind == "billing_context" for c in sentence.cues)
                # "Each daily note that supports 97112 should include: // - The minutes spent on gait training"
                # "Key Features of CPT Code 97014 // - Attended: the clinician must remain in constant attendance"
                or (kind == "list_item" and st.list_ok and st.list_code == article_code)
                # "The therapist stays with the patient one-on-one for the entire treatment": the service itself
                or _THE_SERVICE.search(sentence.text) is not None) else st.loose_echoes
            said = {c.value for c in found if c.code == st.topic} | {c.concept for c in sentence.concepts
                                                                       if any(c is f.evidence for f in found)}
            if not view.negations:
                # "A good 97112 note paints a picture of how the patient walks today": a plain service word, in
                # an article that pictures its code as that service (see _with_echoes)
                bare = [c for c in found if c.code == article_code and c.kind == "identity" and c.value is None]
                for start, end, word, concept in grammar.keyword_mentions(sentence.text, sentence.start):
                    if concept in said or concept in grammar.kinds or view.contrast_of(start) is not None \
                            or view.supposed(start) or any(c.start <= start < c.end for c in sentence.concepts) \
                            or (not bare and sentence.concepts):
                        continue
                    said.add(concept)
                    mention = ConceptMention(start, end, word, concept=concept)
                    if bare:
                        st.bare_words.append((bare[0], mention))
                    elif not sentence.codes:
                        st.loose_echoes.append((len(claims), sentence, mention))
            for concept in sentence.concepts:
                if concept.concept not in said and concept.concept not in grammar.kinds \
                        and view.contrast_of(concept.start) is None and not view.negated(concept, None) \
                        and not _CLASS_NOUN.match(sentence.text, concept.end - sentence.start):   # "their own evaluation codes"
                    if not view.supposed(concept.start):
                        echoes.append((len(claims), sentence, concept))
                    elif any(c.kind == "billing_context" and not view.supposed(c.start) for c in sentence.cues):
                        # "So if a patient spends 30 minutes working through their strengthening program, you
                        # would report two units": the case, then how to bill it (in an article that pictures it)
                        st.loose_echoes.append((len(claims), sentence, concept))
                    else:
                        continue
                    said.add(concept.concept)
        if asked and sentence.codes and not st.answering:
            # "Q: Which code is aquatic therapy? A: The whirlpool code, 97022.": the question's words, the answer's code
            answer = _subject_code(sentence, view)
            if answer:
                own = {c.concept for c in sentence.concepts}
                for concept in asked:
                    kind_ = grammar.kinds.get(concept.concept, "identity")
                    if concept.concept in own or (kind_ != "identity" and view.negations):
                        # "Is the code for unattended e-stim Medicare recognized? // CPT 97014 is not a Medicare
                        # recognized code": the answer says it itself, its own way
                        continue
                    claims.append(Claim(code=answer, kind=kind_, value=concept.concept, sentence=sentence,
                                        evidence=concept, via="question"))
        st.prev_question = (view.is_question() or continues_question) and kind in ("question", "paragraph") \
            or (option and st.prev_question)
        # "What are time-based CPT codes?": a question about a class of codes is answered of the class
        st.question_about_codes = st.prev_question and not sentence.codes and _CODES_WORD.search(sentence.text) is not None
        if st.prev_question:
            st.question_concepts = {c.concept for c in sentence.concepts}
        st.prev_codes = list(dict.fromkeys(m.code for m in sentence.codes if view.contrast_of(m.start) is None))
        if st.prev_codes:
            st.last_named = st.prev_codes[-1]
        st.asked = [c for c in sentence.concepts] if st.prev_question and not sentence.codes else []
        subject = _subject_code(sentence, view)
        if subject:
            st.after_title = st.after_title and subject == st.topic
            st.topic = subject
        if kind not in ("heading", "question", "list_item"):
            st.list_billing = any(c.kind == "billing_context" for c in sentence.cues)
            st.list_ok = sentence.text.rstrip().endswith(":") and bool(st.topic) \
                and not view.negations and not view.others \
                and any(c.kind == "list_lead" for c in sentence.cues) and not st.framed_section \
                and not any(c.kind == "list_not_service" for c in sentence.cues)
            st.list_code = st.topic
            st.lead_framed = sentence.text.rstrip().endswith(":") and not sentence.codes and any(
                c.kind in ("section_frame", "mistake_frame") for c in sentence.cues)
        if not sentence.codes and kind in ("paragraph", "list_item") and _LEADS_ON.search(sentence.text) \
                and any(c.kind == "status_change" for c in sentence.cues) \
                and not any(n.start not in {c.start for c in sentence.cues if c.kind == "status_change"}
                            for n in view.negations):   # "no longer" is the change itself
            st.history_list = True        # "Effective Jan 1, 2017 the following CPT codes will no longer be used."
        if kind != "list_item" and not row:
            st.class_named = _class_named(sentence, view, grammar) or st.class_named
            # "Common untimed physical therapy codes include: // - 97010 - Hot packs", "Timed codes are ...
            # Examples include:", a heading "Untimed Codes": each code the list goes on to name is of that class
            leads = kind == "heading" or (sentence.text.rstrip().endswith(":")
                                          and any(c.kind == "list_lead" for c in sentence.cues))
            st.class_list = st.class_named if leads and not sentence.codes and not st.framed_section \
                and not any(c.kind in ("list_not_service", "mistake_frame") for c in sentence.cues) else []
        st.prev_about = bool(subject) or about
        st.prev_block = sentence.block
        if grammar.update_cycles is not None:
            # the part of the code set this sentence names, for a pointer in the next ("They come out ...")
            named = grammar.update_cycles.last_named(sentence.text)
            st.cycle_subject = named or (None if kind in ("heading", "question") and first_in_block else st.cycle_subject)
        if kind in ("heading", "question"):
            st.section_denies = False
        if "|" not in sentence.text:
            # "Services Not Covered Under 97530", "The code does not include these:": the section, or the words
            # before a table, deny what its rows list
            st.section_denies = st.section_denies or bool(view.negations) or bool(view.others) \
                or any(c.kind in ("list_not_service", "mistake_frame") for c in sentence.cues) or st.framed_section
        services = [c for c in sentence.concepts if c.concept not in grammar.kinds]
        if services:
            # "... for conditions other than wound care. // ... how this service fits": a service the
            # sentence denies is no antecedent
            st.last_concept = None if view.negated(services[-1], None) or view.contrast_of(services[-1].start) \
                else services[-1]
    # "Effective January 1, 2017 you will see new evaluation codes": the article was written before that
    # change, so the codes it deleted are history there, not advice
    announced = {int(m.group(1) or m.group(2)) for s_ in analysed.sentences if "will" in s_.text
                 for m in [_ANNOUNCED.search(s_.text)] if m}
    if announced:
        for claim in claims:
            if grammar.deleted_in(claim.code) in announced:
                claim.historical = claim.dated = True
    return _with_echoes(claims, st, article_code, grammar)


_ARTICLES_CODE = re.compile(r"(?:the|this)\s+(?:cpt\s+)?(?:code|one)\s+(?:(?:discussed|covered)\s+here|under\s+discussion|"
                            r"this\s+(?:article|post|guide)\s+is\s+about|we\s+are\s+discussing)\b", re.IGNORECASE)
_SPARED = re.compile(r"\b(?:without|no\s+more|fewer|prevent(?:ing)?|reduc(?:e|ing))\s+(?:[\w-]+\s+)?$", re.IGNORECASE)
_LABEL_FRAGMENT = re.compile(r"[A-Z][\w/&,'\u2019 -]{2,70}?\s*\(\s*(?:CPT\s+|HCPCS\s+)?(?:[A-Z]\d{4}|\d{4}[0-9A-Z])\s*\)\s*[.:]?"
                             r"|(?:CPT\s+|HCPCS\s+)?(?:[A-Z]\d{4}|\d{4}[0-9A-Z])\s*[:\u2013\u2014-]\s*[A-Z][\w/&,'\u2019 -]{2,70}?[.:]?")
_THE_N_CODES = re.compile(r"\s*(?:the|these|those|both)\s+(two|three|four|five|both)?\s*(?:new\s+)?codes\b", re.IGNORECASE)
_SUBJECT_START = re.compile(r"\s*(?:(?:the|a|an)\s+)?", re.IGNORECASE)
_FILED_UNDER = re.compile(r"[^.;]{0,80}?,?\s+so\s+(?:(?:it|they|this|that)\s+(?:belongs?|goes|go|falls?|(?:is|are)\s+(?:billed|coded|reported))"
                          r"\s+(?:under|with|as|to|in)|(?:you\s+(?:should\s+|can\s+|would\s+)?)?(?:use|bill|report|code))\s+(?:the\s+)?"
                          r"(?:[\w-]+\s+){0,2}?(?:(?:cpt\s+)?code\s+)?((?:[A-Z]\d{4}|\d{4}[0-9A-Z]))\b", re.IGNORECASE)
_SPENDS_WITH_PATIENT = re.compile(r"\b(?:must|should|has\s+to|have\s+to|needs?\s+to|is\s+required\s+to|are\s+required\s+to)\s+"
                                  r"(?:spend|be\s+spent)\b[^.;]{0,40}\b(?:with\s+the\s+patient|face[- ]to[- ]face)\b", re.IGNORECASE)
_WARNING_WORD = re.compile(r"denials?|denied|rejections?|rejected", re.IGNORECASE)
_PICTURED_MIN = 2
_ROUTED_TO = gated(r"\b(?:send|sends|sent|move|moves|moved|shift|shifts|shifted|route|routes|routed|redirect|redirects)"
                        r"\b[^,;:.]{1,40}\bto\s+(?:the\s+)?(?:[\w-]+\s+)?$", re.IGNORECASE)   # not "refers to"
_STATUS_OF_OTHER = gated(r"\b(?:edits?|rules?|restrictions?|requirements?|caps?|limits?|polic(?:y|ies)|pairings?|bundling|"
                              r"modifiers?|thresholds?|exemptions?|moratori(?:um|a))\b[^,;:.]{0,50}$", re.IGNORECASE)
_MIXTURE = gated(r"\b(?:mix(?:es|ed|ing)?|combin(?:es|ed|ing)|blend(?:s|ed|ing)?)\b", re.IGNORECASE)
_FACTIVE = gated(r"\s+(?:[\w-]+\s+){0,2}?(?:(?:are|were|is|was|may\s+be|might\s+be|will\s+be|often\s+are)\s+(?:often\s+|sometimes\s+|still\s+)?"
                      r"surprised\s+to\s+(?:learn|find|discover|hear|see|read)|(?:do\s+not|don['\u2019]t|does\s+not|doesn['\u2019]t|"
                      r"never|fail\s+to|forget)\s+(?:realize|realise|know|notice|understand|remember))\b", re.IGNORECASE)
_TABLE_ROW = re.compile(r"[^|\n]*\|[^|\n]*\|")
_MINUTES_GIVEN = re.compile(r"\b(\d+)(?:\s*|-)(?:minutes?|mins?)\b", re.IGNORECASE)
_THE_SERVICE = gated(r"\b(?:the|this|each|every|a\s+typical)\s+(?:(?:entire|whole|full|same|typical)\s+)?(?:service|session|treatment|visit|therapist|clinician)\b(?!\s+(?:plans?|of|codes?|"
                     r"notes?|options?|goals?|team|setting|room|area|approach|that\s+follows?|afterwards?|after))", re.IGNORECASE)


def _with_echoes(claims: list[Claim], st: _State, article_code: Optional[str], grammar: Grammar) -> list[Claim]:
    """An article that says its code is a service goes on naming the service bare ("Auditors want to see that
    the gait training required a therapist's skill"): each such mention, in the article's own sections, repeats
    the claim. Only services the writer tied to the code in so many words somewhere in the article count.

    An article whose every word on what its code is points elsewhere ("CPT code 97112 covers gait training",
    twice or more, and never balance or coordination) describes that wrong service all along: there any mention
    of it in the code's sections repeats the claim ("The patient practises walking in the parallel bars first")."""
    believed = st.believed.get(article_code, set())
    pictured = _pictured(article_code, st.belief_claims, grammar)
    echoes = [(at, sentence, concept) for at, sentence, concept in st.echoes if concept.concept in believed]
    echoes += [echo for echo in st.loose_echoes if echo[2].concept in pictured]
    echoes.sort(key=lambda e: (e[0], e[1].start))
    for claim, mention in st.bare_words:
        if mention.concept in pictured and claim.value is None:
            claim.value, claim.evidence, claim.via = mention.concept, mention, "echo"
    if not echoes:
        return claims
    out: list[Claim] = []
    start = 0
    for at, sentence, concept in echoes:
        out.extend(claims[start:at])
        start = at
        out.append(Claim(code=article_code, kind="identity", value=concept.concept, sentence=sentence,
                         evidence=concept, via="echo"))
    out.extend(claims[start:])
    return out


def _pictured(code: Optional[str], belief_claims: Counter, grammar: Grammar) -> set[str]:
    """The wrong services an article pictures its code as: said of it more often than the code's own services
    of the same kind (extents such as regions against regions, services against services), at least twice."""
    said = {concept: n for (code_, concept), n in belief_claims.items() if code_ == code}
    def right(concept: str) -> bool:
        return grammar.identifies(code, concept) or grammar.fits(code, concept)
    out = set()
    for concept, n in said.items():
        if right(concept) or n < _PICTURED_MIN:
            continue
        group = grammar.group_of(concept)
        # ("evaluation" fits any evaluation code, the wrong one too: only the code's own services are rivals)
        rivals = sum(m for other, m in said.items() if grammar.identifies(code, other) and grammar.group_of(other) == group)
        if n > rivals:
            out.add(concept)
    return out


def _subject_code(sentence: Sentence, view: SentenceView) -> Optional[str]:
    """The first code written outside contrast scopes: what the sentence is about."""
    for m in sentence.codes:
        if not m.in_range and view.contrast_of(m.start) is None and not _after_other(view, m.start):
            return m.code
    return None


def _cross_referenced(sentence: Sentence, code: CodeMention) -> bool:
    """'See the section on CPT code 97116 for ...': the code is where to read more, not what is described."""
    return any(c.kind == "cross_reference" and 0 <= code.start - c.end <= 12 for c in sentence.cues)


def _after_other(view: SentenceView, pos: int) -> bool:
    cue = view.other_cue(pos)
    return cue is not None and cue.start < pos


def _link_sentence(sentence: Sentence, view: SentenceView, st: _State, article_code: Optional[str],
                   pronoun_ok: bool, grammar: Grammar) -> tuple[list[Claim], bool]:
    claims: list[Claim] = []
    bound_codes: set[str] = set()
    about_topic = False
    question = view.is_question()
    mentions = list(sentence.concepts)
    lower = sentence.text.lower()
    halves = list(_HALF_HOUR.finditer(sentence.text)) if "half" in lower else []
    timings = (list(_MINUTES.finditer(sentence.text)) if "min" in lower else []) + halves + \
        ([m for m in _HOUR.finditer(sentence.text) if not any(h.start() <= m.start() < h.end() for h in halves)]
         if "hour" in lower else [])
    for m in timings:
        start, end = sentence.start + m.start(), sentence.start + m.end()
        if not any(c.start < end and start < c.end for c in sentence.concepts):   # "15-minute unit" is timing
            low = _as_minutes(m.group(1)) if m.re is _MINUTES else 30 if m.re is _HALF_HOUR else 60
            high = _as_minutes(m.group(2)) if m.re is _MINUTES and m.group(2) else low
            mentions.append(ConceptMention(start, end, m.group(0), concept=f"minutes:{low}-{high}"))
    counted = []
    for start, end, words, concept in grammar.counted(sentence.text):
        start, end = sentence.start + start, sentence.start + end
        # "one or two regions" is a phrase; "three to five regions" is a range, over the phrase "five regions"
        if not any(c.start < end and start < c.end and not (start <= c.start and c.end <= end and end - start > len(c.text))
                   for c in mentions) and not any(c.concept == concept and c.start == start for c in counted):
            counted.append(ConceptMention(start, end, words, concept=concept))
    mentions.extend(counted)
    for start, end, words, concept in grammar.complexity_counts(sentence.text):
        start, end = sentence.start + start, sentence.start + end
        # the count read as a whole outranks a phrase inside it ("three or more elements" in "three or more
        # exam elements"); a count is no service
        mentions = [c for c in mentions if not (c.start < end and start < c.end and grammar.kinds.get(c.concept) == "complexity")]
        if not any(c.start < end and start < c.end for c in mentions):
            mentions.append(ConceptMention(start, end, words, concept=concept))
    for start, end, words, concept in grammar.bare_tiers(sentence.text):
        start, end = sentence.start + start, sentence.start + end
        if not any(c.start < end and start < c.end for c in mentions):
            mentions.append(ConceptMention(start, end, words, concept=concept))
    services = [c for c in sentence.concepts if c.concept not in grammar.kinds]
    for cue in view.concept_anaphors:
        # "billing for these services": the service named just before, in this sentence or the one before
        if _THAT_PLURAL.match(cue.text):
            continue                      # "These codes ensure that services rendered ...": 'that' opens a clause
        if _WHICH_OF.search(sentence.text, 0, cue.start - sentence.start):
            continue                      # "based on which of these services was performed": a choice, no claim
        if "portion" in cue.text.lower() and _MIXTURE.search(sentence.text, 0, cue.start - sentence.start):
            continue                      # "If a session mixes exercise with memory tasks, report that portion": a part
        antecedent = next((c for c in reversed(services) if c.end <= cue.start), st.last_concept)
        if antecedent is not None and not any(m.start <= cue.start < m.end for m in mentions):
            mentions.append(ConceptMention(cue.start, cue.end, cue.text, concept=antecedent.concept))
    for cue in view.subject_anaphors:
        # "Older references list diathermy under 97024, but current practice is to report the service with
        # 97035": inside a sentence, 'the service' is the service this sentence named before it
        antecedent = next((c for c in reversed(services) if c.end <= cue.start), None)
        if antecedent is not None and view.negated(antecedent, None):
            continue                      # "non-wound care stimulation ... throughout the treatment"
        if antecedent is not None and cue.start - sentence.start > 2 and not cue.text.lower().endswith("session") \
                and not any(m.start <= cue.start < m.end for m in mentions):
            mentions.append(ConceptMention(cue.start, cue.end, cue.text, concept=antecedent.concept))
    for pointer in _KIND_OF.finditer(sentence.text) if (services or st.last_concept) else ():
        # "CPT 97036 is the code that describes this kind of water-based treatment": the kind of service
        # named before, unless the words after 'of' name a service themselves
        start, end = sentence.start + pointer.start(), sentence.start + pointer.end()
        if any(end <= c.start <= end + 25 and not sentence.text[end - sentence.start:c.start - sentence.start].count(",")
               for c in sentence.concepts) or any(m.start < end and start < m.end for m in mentions):
            continue
        antecedent = next((c for c in reversed(services) if c.end <= start), st.last_concept)
        if antecedent is not None:
            mentions.append(ConceptMention(start, end, pointer.group(0), concept=antecedent.concept))
    antecedents = [st.last_concept] if st.last_concept else []
    for pointer in _POINTING.finditer(sentence.text) if (antecedents or services) else ():
        # "... massage strokes ... When a therapist works through these strokes", "train patients to walk ...,
        # and that functional walking can be billed with 97112": the pointing phrase repeats the head word of
        # the service named before (in the sentence or the one before)
        start, end = sentence.start + pointer.start(), sentence.start + pointer.end()
        word = _word_stem(pointer.group(1))
        antecedent = next((c for c in [*reversed([s for s in services if s.end <= start]), *antecedents]
                           if " " in c.text.strip() and _word_stem(c.text.split()[-1]) == word), None)
        if antecedent is not None and not any(m.start < end and start < m.end for m in mentions):
            mentions.append(ConceptMention(start, end, pointer.group(0), concept=antecedent.concept))
    timings_at = [m for m in mentions if m.concept.startswith("minutes:")]
    # "This guide covers ... 97760, from its clinical scope to how it interacts with E&M visits": the article's
    # table of contents names topics, not what the code is
    meta = _META.search(sentence.text) is not None
    for concept in sorted(mentions, key=lambda m: m.start):
        if grammar.kinds.get(concept.concept) == "timing" and _MODIFIES_MINUTES.match(sentence.text,
                                                                                  concept.end - sentence.start):
            continue                              # "the timed-minute total", "untimed minutes": minutes, not a code
        if concept.concept not in grammar.kinds and (
                meta or _WHEN_PERFORMED.match(sentence.text, concept.end - sentence.start)
                or _TAUGHT_ABOUT.search(sentence.text, 0, concept.start - sentence.start)):
            continue                              # "whirlpool therapy when performed", "guidance on exercises": a part
        if concept.concept not in grammar.kinds and _ROUTED_TO.search(sentence.text, 0, concept.start - sentence.start) \
                and not any(0 <= m.start - concept.end <= 12 for m in sentence.codes):
            # "..., send joint and lymphatic work to manual therapy": where the work goes (not "routed dry needling
            # to the unlisted code, 97799": the code it went to)
            continue
        code, via, anchor = _bind(sentence, view, concept, st, article_code, pronoun_ok, grammar)
        if view.supposed(concept.start) and via != "attached" and grammar.kinds.get(concept.concept) in (None, "complexity"):
            # "If the therapist performs massage strokes, the correct code is 97140": a rule, the service
            # of the condition given to the code the main clause prescribes
            directed = _directed_code(sentence, view, concept)
            if directed is not None:
                code, via, anchor = directed.code, "attached", directed.start
        if code is None or (view.supposed(concept.start) and via != "attached"):
            continue                              # "If your claim says 97024 for ultrasound, ...": supposed
        via = "explicit" if via == "attached" else via
        if via != "explicit":
            about_topic = True
        if question:
            continue
        kind = "duration" if concept.concept.startswith("minutes:") else grammar.kinds.get(concept.concept, "identity")
        if kind == "status" and " " not in concept.text.strip() and _ACTIVE_OBJECT.match(sentence.text, concept.end - sentence.start):
            continue                              # "98979 eliminate(s) the previous billing thresholds": it does the deleting
        if kind == "timing" and _ONE_CODE_EACH.search(sentence.text, 0, concept.start - sentence.start):
            continue                              # "only one code can be reported for each 15-minute increment"
        if kind == "status" and via != "explicit" and _STATUS_OF_OTHER.search(
                sentence.text, max(0, concept.start - sentence.start - 60), concept.start - sentence.start):
            continue                              # "The 2020 hard edits against the evaluation codes were removed"
        if kind == "status" and _PAYER_SUBJECT.search(sentence.text[max(0, concept.start - sentence.start - 30):
                                                                    concept.start - sentence.start]):
            continue                              # "Medicare retired 97014 for this service": one payer's rule
        if kind == "status" and anchor is not None and anchor > concept.end and via == "explicit" \
                and _THING_SUBJECT.search(sentence.text[:concept.start - sentence.start]) \
                and not _CODE_LEAD_AFTER.match(sentence.text, concept.end - sentence.start):
            continue                              # "because the slough on top has been removed -- that is 97597"
        if kind == "status" and anchor is not None and anchor > concept.end \
                and _BY_SUCCESSOR.match(sentence.text, concept.end - sentence.start):
            continue                              # "They were replaced by the tiered codes: 97161 ...": the successor
        # "at least 30 minutes", "a 30-minute minimum", "the full 60 minutes ... that 97167 requires"
        minimum = kind == "duration" and any(view.clause(m.start) == view.clause(concept.start)
                                             # not "typical times, not minimums: 97161 typically runs about 20 minutes"
                                             and not (m.end <= concept.start and ":" in sentence.text[
                                                 m.end - sentence.start:concept.start - sentence.start])
                                             and (m.end <= concept.start or 0 <= m.start - concept.end <= 12
                                                  # "the 60 minutes of face-to-face time that 97167 requires"
                                                  or (anchor is not None and concept.end <= anchor < m.start
                                                      and m.start - anchor <= 12))
                                             for m in view.minimums)
        qualifier = "minimum" if minimum else None
        record = _RECORD_LINE.match(sentence.text) is not None and len({m.code for m in sentence.codes}) == 1
        if kind == "duration" and anchor is not None and " | " not in sentence.text and not record and any(
                # a table row's cells are one code's, and so are the fields of "97163 - PT evaluation, high, 60 minutes"
                c is not concept and anchor < c.start < concept.start and view.comma_between(anchor, c.start)
                and not grammar.fits(code, c.concept) and any(anchor < t.start < c.start for t in timings_at)
                for c in sentence.concepts):
            # "97166 about 45 minutes, and the high-complexity level an hour": the words after the code's own time
            # start another item (not "97167, the high-complexity OT evaluation, typically takes 45 minutes")
            continue
        if kind == "duration" and _RESPECTIVELY.search(sentence.text) and len({m.code for m in sentence.codes}) > 1:
            continue                              # "20, 30 and 60 minutes for 97161, 97162 and 97163, respectively"
        if kind == "duration" and _BLOCK_BEFORE.search(sentence.text, 0, concept.start - sentence.start):
            continue                              # "beyond the first 15 minutes ... requires 97130": a billing block
        if kind == "duration" and not minimum:
            qualifier = _time_framing(sentence, view, concept, anchor)
            if qualifier is None:
                continue                          # "an evaluation that took 22 minutes": one visit, not a claim
        broadcast = via == "explicit" and kind not in ("complexity", "duration")   # not "97165-97167 for low to high"
        if broadcast and (anchor is None or anchor < concept.start) \
                and _LIST_GOES_ON.match(sentence.text, concept.end - sentence.start):
            broadcast = False                     # "97760, 97761 for prosthetic training, and 97763"
        codes = _coordinated(sentence, code, anchor, view, grammar, labelled_lists=concept.concept in grammar.kinds
                             and anchor is not None and anchor < concept.start,
                             lead_property=concept.concept in grammar.kinds and anchor is not None
                             and anchor > concept.end, serial_ok=concept.concept in grammar.kinds) if broadcast else [code]
        if len(codes) > 1:
            codes = _respectively(sentence, view, concept, codes, grammar)
        if len(codes) > 1 and kind == "identity" and _DISJUNCTION.search(sentence.text) \
                and any(grammar.fits(c, concept.concept) for c in codes):
            # "they bill either 97001 or 97003 depending on the discipline": of the alternatives, the one
            # the service fits is the one meant
            codes = [c for c in codes if grammar.fits(c, concept.concept)]
        if kind in ("timing", "section", "status") and via == "explicit" and concept.concept in grammar.kinds:
            # "Like 97110, 97535 is billed once per visit": what is said of the code is said of the one it is likened to
            codes = codes + [c for c in _likened(sentence, view, concept) if c not in codes]
        if kind == "section" and _SAME_BEFORE.search(sentence.text, 0, concept.start - sentence.start):
            # "G0283 sits in the same Physical Medicine section as 97014": said of the subject too
            subject = next((m.code for m in sentence.codes if m.end <= concept.start
                            and view.clause(m.start) == view.clause(concept.start)), None)
            if subject is not None and subject not in codes:
                codes = [subject, *codes]
        if via == "plural":
            if kind in ("complexity", "duration"):
                continue
            codes = st.prev_codes
        if via == "family":
            if kind in ("complexity", "duration"):
                continue
            codes, via = _described_subject(sentence, view, grammar)[0], "anaphor"
            if kind == "timing" and not view.negated(concept, None):
                # "The acupuncture codes describe treatment in 15-minute increments": the first blocks go with
                # their add-ons, which the family holds
                codes = [c for c in codes if not set(grammar.addons_of(c)) & set(codes)]
        if kind == "identity" and sentence.block_kind == "heading" and (VERSUS.search(sentence.text)
                                                                       or _RELATES.search(sentence.text)):
            continue                              # "Attended vs Unattended Electrical Stimulation (97032)": a topic
        for each in codes:
            bound_codes.add(each)
            negated = view.negated(concept, anchor)
            if via == "list":
                answer = _FIELD_ANSWER.match(sentence.text, concept.end - sentence.start)
                if answer:
                    negated = answer.group(1).lower() != "yes"    # "Timed: No, one unit per visit"
            example = _EXAMPLE.search(sentence.text[:concept.start - sentence.start]) is not None
            # "'hands-free' ultrasound is NOT included in this code": a denial of one kind of the service only
            narrowed = negated and grammar.narrowing.search(sentence.text[:concept.start - sentence.start]) is not None
            claims.append(Claim(code=each, kind=kind, value=concept.concept, sentence=sentence,
                                polarity=not negated,
                                tight=not negated or (not narrowed and view.tightly_negated(concept, anchor)),
                                evidence=concept, via=via, qualifier=qualifier or ("example" if example else None),
                                framed=None if _labels_code(sentence, concept, grammar)
                                else _framing(view, st, concept.start)))
    if not question:
        claims.extend(_list_keyword_claims(sentence, view, st, grammar, claims))
        claims.extend(_definition_claims(sentence, view, st, grammar, claims, bound_codes))
        claims.extend(_distributed_claims(sentence, view, st, grammar, claims, bound_codes))
    if _QUOTED.match(sentence.text):
        return [], about_topic                 # a myth quoted to be refuted is not the writer's claim
    # not "Despite what some people assume, 97112 is not used for balance drills": the writer's own claim
    # nor "Some coders are surprised to learn that 97110 is ...", "many billers don't realize that ...": what they
    # learn or miss, the writer asserts
    reported = {view.segment(c.start) for c in sentence.cues if c.kind == "reported"
                and not _REFUTED_BELIEF.search(sentence.text, 0, c.start - sentence.start)
                and not _FACTIVE.match(sentence.text, c.end - sentence.start)}
    if reported:
        # "Some billing sites say this code requires a 30-minute minimum; it does not": the part reported,
        # up to the next clause break, is not the writer's claim
        return [c for c in claims if c.evidence is not None and view.segment(c.evidence.start) not in reported
                and view.segment(c.evidence.start) > min(reported)], about_topic
    if question or sentence.block_kind == "heading":
        return claims, about_topic             # naming a code in a title or a question claims nothing yet
    totals = _total_claims(sentence, view, grammar, st.prev_codes)
    claims.extend(totals)
    claims.extend(c for c in _unit_claims(sentence, view, st, pronoun_ok, grammar)
                  if not any(t.evidence.start <= c.evidence.start < t.evidence.end for t in totals))
    claims.extend(_unit_count_claims(sentence, view, st, grammar))
    claims.extend(_any_duration_claims(sentence, view, st, grammar, claims))
    claims.extend(_year_claims(sentence, view))
    claims.extend(_introduced_claims(sentence, view, st, pronoun_ok, grammar))
    claims.extend(_timed_total_claims(sentence, view, st, grammar, pronoun_ok))
    claims.extend(_replacement_claims(sentence, view))
    claims.extend(_labelled_system_claims(sentence, grammar))
    for rule_id, patterns in (grammar.structure_candidates(sentence.text)
                              if grammar.structure_triggered(sentence.text) else ()):
        # not across a clause break: "G0283 is a HCPCS Level II code maintained by CMS, while CPT codes are
        # maintained by the AMA" says nothing of HCPCS and the AMA (only the patterns whose gate words are there)
        match = next((m for p in patterns if p.search(sentence.text) is not None for m in p.finditer(sentence.text)
                      if not any(m.start() < b - sentence.start < m.end() - 1 for b in view.breaks)), None)
        if match:
            claims = [c for c in claims if c.via == "explicit"]   # "the code" here is any CPT code
            start = sentence.start + match.start()
            # not a negation cut off by a comma before the statement ("When a code alone does not tell
            # the whole story, providers attach a modifier, a two-character add-on")
            # a negation the pattern itself spells is part of the statement ("Modifier 51 is never used on 97xxx")
            own = match.re.pattern.lower()
            negated = any(view.clause(n.start) == view.clause(start) and n.start < sentence.start + match.end()
                          and not (n.end <= start and (view.comma_between(n.end, start)
                                                       or ":" in sentence.text[n.end - sentence.start:start - sentence.start]))
                          and not (n.start >= start and all(re.search(r"\b" + re.escape(w) + r"\b", own)
                                                            for w in n.text.lower().split()))
                          for n in view.negations)
            claims.append(Claim(code="-", kind="structure", value=rule_id, sentence=sentence, via="structure",
                                polarity=not negated, evidence=Span_(start, sentence.start + match.end(), match.group(0))))
            break                         # one statement a sentence; the first rule in the file wins
    claims.extend(_code_rule_claims(sentence, view, st, grammar))
    claims.extend(_kinds_of_service_claims(sentence, view, st, grammar, claims))
    if grammar.update_cycles is not None:
        claims.extend(c for c in _update_cycle_claims(sentence, view, st, grammar)
                      if not any(o.kind == "structure" and o.evidence is not None and o.evidence.start < c.evidence.end
                                 and c.evidence.start < o.evidence.end for o in claims))
    claims.extend(c for c in _modifier_meaning_claims(sentence, view, grammar)   # a rule that matched says it already
                  if not any(o.kind == "structure" and o.evidence is not None
                             and o.evidence.start <= c.evidence.start < o.evidence.end for o in claims))
    if not sentence.codes and not bound_codes and st.topic and any(c.kind == "current_use" for c in sentence.cues) \
            and ((pronoun_ok and view.pronouns) or view.anaphors):
        # "It is the code every payer recognizes": advice about the code under discussion (a deleted one?)
        claims.append(Claim(code=st.topic, kind="identity", value=None, sentence=sentence, via="anaphor"))
    seen: set[str] = set()
    for m in sentence.codes:
        if m.code in bound_codes or m.code in seen:
            continue
        seen.add(m.code)
        claims.append(Claim(code=m.code, kind="identity", value=None, sentence=sentence,
                            evidence=m, via="range" if m.in_range else "explicit"))
    return claims, about_topic


# an open "(e.g., ..." right after a name: the examples run to the closing parenthesis
_EXAMPLES_OF_NAME = re.compile(r"\s*\(\s*(?:e\.g\.|eg|for\s+example|such\s+as|including)[,:]?\s+[^()]*$", re.IGNORECASE)
_RESPECTIVELY = re.compile(r"\brespectively\b", re.IGNORECASE)


def _bind(sentence: Sentence, view: SentenceView, concept: ConceptMention, st: _State,
          article_code: Optional[str], pronoun_ok: bool, grammar: Grammar) -> tuple[Optional[str], str, Optional[int]]:
    """(code, how it was found, where in the sentence the code or the word pointing at it stands)."""
    rest = sentence.text[concept.end - sentence.start:]
    before = sentence.text[:concept.start - sentence.start]
    if grammar.group_of(concept.concept) and _EXAMPLES_OF_NAME.search(before) and any(
            c.end <= concept.start and c.concept not in grammar.kinds
            and _EXAMPLES_OF_NAME.fullmatch(sentence.text, c.end - sentence.start, concept.start - sentence.start)
            for c in sentence.concepts):
        # "98977 – Remote therapeutic monitoring (e.g., respiratory system status, ...); device supply": the
        # alternatives the family name covers, not this code's own (not "Diathermy (e.g., ... ultrasound)")
        return None, "", None
    if _CLASS_NOUN.match(rest) and _OBJECT_OF.search(before):
        return None, "", None                     # "billed with the PT evaluation codes": other codes, named by kind
    if _NUMBER_RANGE.match(rest):
        return None, "", None                     # "the Surgery section from 10004 to 69990": a range of numbers
    if _NAMED_CODE.match(rest) and not _CODE_LEAD_AFTER.match(rest, _NAMED_CODE.match(rest).end()) \
            and _SET_AGAINST.search(before) and any(m.end <= concept.start for m in sentence.codes):
        return None, "", None                     # "separates 97597 from the non-selective debridement code"
    if _SAME_AS.search(before):
        return None, "", None                     # "during the same 15-minute block as a timed procedure"
    if concept.concept in grammar.kinds and _ANOTHER_THING.search(before):
        return None, "", None                     # "G0283 is billed during a timed procedure": another service's
    if concept.concept not in grammar.kinds and _GOAL.search(before):
        return None, "", None                     # "facilitates return to functional activities": the aim
    filed = _FILED_UNDER.match(rest) if _SUBJECT_START.fullmatch(before) else None
    if filed and concept.concept not in grammar.kinds:
        # "Myofascial release is a massage technique, so it belongs under 97124": the service is filed under the code
        at = concept.end + filed.start(1)
        code = next((m for m in sentence.codes if m.start == at), None)
        if code is not None:
            return code.code, "explicit", code.start
    if not sentence.codes and grammar.kinds.get(concept.concept) in ("timing", "duration") \
            or (not sentence.codes and concept.concept.startswith("minutes:")):
        named = _service_subject(sentence, view, concept, grammar)
        if named is not None and named[0] != st.topic:
            # "Gait training is billed once per visit", "The OT re-evaluation typically runs about 45 minutes": how
            # the one code whose own service is the subject is billed
            return named
    opened = before.rfind("(")
    if opened >= 0 and ")" not in before[opened:]:
        # "97032 (attended electrical stimulation; in 15 minutes increments) or 97014 (unattended ...)": the words
        # in a parenthesis right after a code are that code's
        owner = next((m for m in sentence.codes if m.end - sentence.start <= opened
                      and not sentence.text[m.end - sentence.start:opened].strip()), None)
        if owner is not None and not owner.in_range:      # "97001-97004 (old PT/OT eval + re-eval)": the range's
            return owner.code, "explicit", owner.start
    relative = _RELATIVE_CODE_FOR.search(before)
    if relative and concept.concept not in grammar.kinds:
        # "Many clinics use 97113 here, which is the code for whirlpool treatment": the code the clause hangs from
        code = next((m for m in sentence.codes if m.start == sentence.start + relative.start(1)), None)
        if code is not None and not code.in_range:
            return code.code, "explicit", code.start
    pointer = _POINTER_AFTER.match(rest)
    if pointer:
        # "Medicare does not recognize that code": the code named before it in the sentence, else the topic
        at = concept.end + pointer.end()
        earlier = [m for m in sentence.codes if m.end <= concept.start and not m.in_range]
        if earlier:
            return earlier[-1].code, "anaphor", at
        if st.topic:
            return st.topic, "anaphor", at
    if grammar.kinds.get(concept.concept) == "section" and _SAME_SECTION.search(before):
        # "G0283 is listed in the same CPT Medicine section as 97014": said of the subject (the code after
        # 'as' is in it too)
        subject = [m for m in sentence.codes if m.end <= concept.start and view.clause(m.start) == view.clause(concept.start)]
        if subject:
            return subject[-1].code, "explicit", subject[-1].start
    described = _described_subject(sentence, view, grammar, st.topic)
    if described is not None:
        codes, start, words = described
        # "The moderate-complexity PT evaluation requires at least 30 minutes": the subject names one code;
        # "Both dry needling codes are found in ...": a family, for a property of the codes
        if concept in words or concept.start < start or (len(codes) > 1 and concept.concept not in grammar.kinds):
            return None, "", None
        if grammar.kinds.get(concept.concept) == "complexity" and view.clause(concept.start) != view.clause(start) \
                and _DETERMINER.search(sentence.text, 0, concept.start - sentence.start).group(0).strip():
            return None, "", None         # "..., and a low-complexity evaluation that took 35 minutes": a new subject
        return codes[0], ("family" if len(codes) > 1 else "anaphor"), start
    if concept.concept not in grammar.kinds and _CODES_AFTER.match(rest) and not _LABELLED_CODES.match(rest) \
            and not any(m.end <= concept.start and view.clause(m.start) == view.clause(concept.start) for m in sentence.codes):
        # "device supply codes capture monitoring days ..., and 98979 captures clinician time": codes named by
        # their kind, not the code written in another clause
        return None, "", None
    fronted = _FRONTED_CODE.match(sentence.text)
    if fronted and len({m.code for m in sentence.codes}) == 1 and concept.start > sentence.start + fronted.end() \
            and view.contrast_of(concept.start) is None and view.other_cue(concept.start) is None:
        # "With 97032, the therapist applies the electrodes ... and is free to work with other patients": the code
        # the sentence opens with is what the rest of it describes
        return sentence.codes[0].code, "explicit", sentence.codes[0].start
    if pronoun_ok and st.topic and sentence.codes and _IT_IS.match(sentence.text) \
            and all(m.start > concept.end and view.comma_between(concept.end, m.start) for m in sentence.codes) \
            and st.topic not in {m.code for m in sentence.codes} and view.contrast_of(concept.start) is None:
        # "It is the middle tier of the three codes, sitting between the low-complexity 97161 and ...": the
        # subject the sentence opens with, not a code named after the comma
        return st.topic, "anaphor", sentence.start
    seg = view.segment(concept.start)
    scope = view.contrast_of(concept.start)
    other = view.other_cue(concept.start)
    # "therapeutic procedures (97110, 97140)": a code in parentheses labels the words right before them,
    # not a service named elsewhere in the sentence
    candidates = [m for m in sentence.codes if view.segment(m.start) == seg
                  and not _labels_other_words(sentence, m, concept, concept.concept not in grammar.kinds)
                  and not _cross_referenced(sentence, m)]
    subject = next((a for a in view.anaphors if a.end <= concept.start and view.clause(a.start) == view.clause(concept.start)
                    and view.contrast_of(a.start) is None), None)
    if grammar.kinds.get(concept.concept) == "status":
        # "97014 is unattended e-stim, but it was deleted when Medicare created G0283": 'it' is the subject of the
        # deletion, not the code created in the clause after it
        pronoun = next((p for p in view.pronouns if p.end <= concept.start and view.clause(p.start) == view.clause(concept.start)
                        and _PRONOUN_VERB_GAP.fullmatch(sentence.text, p.end - sentence.start, concept.start - sentence.start)),
                       None)
        if pronoun is not None and not any(pronoun.end <= m.start < concept.start for m in sentence.codes):
            earlier = [m for m in sentence.codes if m.end <= pronoun.start and not m.in_range]
            if earlier:
                return earlier[0].code, "anaphor", pronoun.start
            if st.topic and pronoun_ok:
                return st.topic, "anaphor", pronoun.start
    pointer = next((a for a in view.anaphors if a.end <= concept.start and a.text.lower().startswith("this")
                    and view.contrast_of(a.start) == view.contrast_of(concept.start)
                    and _POINTER_FOR.fullmatch(sentence.text, a.end - sentence.start, concept.start - sentence.start)
                    and not _COPULA_BEFORE_POINTER.search(sentence.text, 0, a.start - sentence.start)), None)
    if pointer is not None and st.topic:
        # "two new codes: 20560 for one or two muscles and this code for three or more", "97112 targets
        # coordination, while this code is reserved for balance": the pointer right before the words is their code
        return _this_code(pointer, sentence, st), "anaphor", pointer.start
    free = [m for m in candidates if view.contrast_of(m.start) is None]
    # _nearest is pure: its answer for the free codes is reused below when no scope or other-code cue intervenes
    near_free = _nearest(sentence, concept, free, view, grammar) if candidates else None
    attached = near_free[1] if near_free is not None else False
    if subject is not None and scope is None and other is None and not attached and \
            not any(m.end <= concept.start and view.clause(m.start) == view.clause(concept.start) for m in candidates):
        # "That code was deleted in 2018, and its job passed to 97763": the pointer is the subject; the code
        # written after the words is another one
        contrasted = {m.code for m in sentence.codes if view.contrast_of(m.start) is not None}
        code = _that_code(subject, sentence, st, contrasted) or _this_code(subject, sentence, st)
        if code and code not in contrasted:
            return code, "anaphor", subject.start
    if scope is not None:
        # a service in "unlike 97110 ..." or "rather than massage" belongs only to a code written there
        candidates = [m for m in candidates if scope.start <= m.start < scope.end]
        return _explicit(_nearest(sentence, concept, candidates, view, grammar))
    candidates = free
    if other is not None and not sentence.codes and other.start > concept.end \
            and view.comma_between(concept.end, other.start):
        other = None                      # "Section: Medicine, alongside the other therapy codes": an aside after
    if other is not None:
        if concept.start > other.start:
            candidates = [m for m in candidates if m.start > other.start]
        elif not view.comma_between(concept.end, other.start):
            # "services like gait training require a different code": only a code written right there
            candidates = [m for m in candidates if concept.end <= m.start < other.start]
        elif _RELATIVE_AFTER.match(sentence.text[concept.end - sentence.start:other.start - sentence.start]):
            candidates = []     # "uses G0283 for wound-care e-stim, which belongs to a different G-code"
        else:
            candidates = [m for m in candidates if m.start < other.start]
        return _explicit(_nearest(sentence, concept, candidates, view, grammar))
    if candidates:
        found = _explicit(near_free)
        reason_for = _reason_for(sentence, view, concept) if found[0] is None and _extent(concept, grammar) else None
        if reason_for is not None:
            return reason_for.code, "attached", reason_for.start
        if found[0] is None and attached:
            return found                  # "a CMT code (98940-98942)": the words are that family's label
        if found[0] is None:
            # "97140 is not exercise, so stretching never belongs under it": 'it' in the service's clause
            clause = view.clause(concept.start)
            pronoun = next((p for p in view.pronouns if view.clause(p.start) == clause and p.start != concept.start), None)
            anaphor = next((a for a in view.anaphors if view.clause(a.start) == clause and a.start > concept.end), None)
            subject = _subject_code(sentence, view)
            if anaphor is not None and st.topic:
                return _this_code(anaphor, sentence, st), "anaphor", anaphor.start   # "Medicare doesn't recognize that code"
            named_first = next((m.start for m in sentence.codes if m.code == subject), None) if subject else None
            if pronoun is not None and subject and named_first < pronoun.start:
                return subject, "anaphor", pronoun.start        # "Because 97024 is ..., it is billed ..."
            if pronoun is not None and st.topic and pronoun_ok:
                return st.topic, "anaphor", pronoun.start       # "It ... covers one or two muscles, ... with 20561 ..."
        return found
    if any(view.contrast_of(m.start) is None and view.segment(m.start) != seg for m in sentence.codes):
        # "That visit is a textbook 98942, because the code describes extraspinal work": a pointer in the
        # service's own clause points back at the code named before it
        pointer = next((a for a in view.anaphors if a.end <= concept.start and view.segment(a.start) == seg
                        and view.contrast_of(a.start) is None and a.text.lower().startswith(("the", "this"))), None)
        earlier = [m for m in sentence.codes if pointer is not None and m.end <= pointer.start and not m.in_range
                   and view.contrast_of(m.start) is None and not _after_other(view, m.start)]
        if len({m.code for m in earlier}) == 1:
            return earlier[0].code, "anaphor", pointer.start
        # "Therapeutic ultrasound (97035) is a set-and-forget modality, so we bill it once per session": 'it' in the
        # service's clause is the one code the sentence is about, named before it
        pronoun = next((p for p in view.pronouns if view.segment(p.start) == seg and p.end <= concept.start
                        and p.text.lower() == "it" and view.contrast_of(p.start) is None), None)
        named = {m.code for m in sentence.codes if view.contrast_of(m.start) is None}
        subject = _subject_code(sentence, view) if pronoun is not None and len(named) == 1 else None
        if subject and all(m.end <= pronoun.start for m in sentence.codes):
            return subject, "anaphor", pronoun.start
        reason_for = _reason_for(sentence, view, concept) if _extent(concept, grammar) else None
        if reason_for is not None:
            return reason_for.code, "attached", reason_for.start
        record = _RECORD_LINE.match(sentence.text)
        if record and sentence.block_kind == "list_item" and len({m.code for m in sentence.codes}) == 1 \
                and concept.concept in grammar.kinds and view.contrast_of(concept.start) is None:
            # "97016 - vasopneumatic compression device; timed": each field of a code's line is the code's
            return sentence.codes[0].code, "list", sentence.codes[0].start
        return None, "", None             # the code named in another clause of this sentence is not this one's
    if _CLASS_NOUN.match(rest):
        return None, "", None             # "The rule is for timed codes": codes of a kind, named by it
    topic = st.topic
    contrasted = {m.code for m in sentence.codes if view.contrast_of(m.start) is not None}
    if topic in contrasted:
        # "Unlike 97110, this code ...": whatever "this code" is, it is not the code set against it
        # ("97140 versus 97124 // ... its own code, 97124 ... Unlike 97140, massage is billed ...": the code
        # named last, when the article's own code is the one set against)
        topic = next((c for c in (article_code, st.last_named) if c and c not in contrasted), None)
    plural = grammar.plural_anaphor.search(sentence.text) if grammar.plural_anaphor else None
    if plural is None and concept.concept in grammar.kinds and grammar.plural_subject is not None:
        plural = grammar.plural_subject.match(sentence.text)
    if plural and len(st.prev_codes) > 1 and view.contrast_of(sentence.start + plural.start()) is None \
            and (concept.concept in grammar.kinds or _DEFINING_VERB.match(sentence.text, plural.end())):
        return st.prev_codes[0], "plural", sentence.start + plural.start()    # "These codes are untimed."
    # "Infrared lamps simply warm the tissue, while this code is reserved for ...": the pointer of another
    # clause points for that clause
    anaphor = next((a for a in view.anaphors if view.contrast_of(a.start) is None
                    and (view.clause(a.start) == view.clause(concept.start)
                         or (a.end <= concept.start and view.segment(a.start) == seg
                             and view.only_relatives_between(a.end, concept.start)))), None)
    if anaphor is not None:
        # "this code" may mean the article's code after a code-less heading; "the code" there is generic
        fallback = article_code if anaphor.text.lower().startswith(("this", "that", "said")) \
            and article_code not in contrasted else None
        code = topic or fallback
        code = _that_code(anaphor, sentence, st, contrasted) or code
        if _ARTICLES_CODE.match(sentence.text, anaphor.start - sentence.start) and article_code \
                and article_code not in contrasted:
            code = article_code           # "the code discussed here": the article's, not the one just named
        return (code, "anaphor", anaphor.start) if code else (None, "", None)
    pronoun = next((p for p in view.pronouns if view.contrast_of(p.start) is None
                    and (p.text.lower() != "its" or concept.concept not in grammar.kinds
                         or 0 <= concept.start - p.end <= 2)), None)     # "its untimed nature", not "its minutes"
    if st.list_code and sentence.block_kind == "list_item" and sentence.block != st.prev_block \
            and pronoun is not None and pronoun.start - sentence.start <= 1 and st.list_code not in contrasted:
        return st.list_code, "anaphor", pronoun.start   # "Key points about 97163: // 2. It is chosen for ..."
    if _NAMED_CODE.match(rest) and _OTHER_NAMED.search(before):
        return None, "", None       # "it is considered inclusive to the CMT code billed": another code, by name
    if topic and pronoun_ok and pronoun is not None and not _conceded(sentence, view, concept, pronoun):
        return topic, "anaphor", pronoun.start     # "its minutes do not count" is no property of the code
    opener = next((c for c in [*view.concept_anaphors, *view.subject_anaphors] if c.start - sentence.start <= 2), None)
    if topic and pronoun_ok and opener is not None and opener.end <= concept.start:
        return topic, "anaphor", opener.start      # "These services are billed once per session."
    if topic and grammar.group_of(concept.concept) is None and _NAMED_CODE.match(rest) \
            and re.search(r"\b(?:the|this|our|your)\s+(?:[\w-]+\s+)?$", before, re.IGNORECASE) \
            and (grammar.fits(topic, concept.concept) or concept.concept in st.believed.get(topic, ())
                 or before.rstrip().lower().endswith(("this", "this cpt", "our"))):
        return topic, "anaphor", concept.start    # "accurate use of the self-care training code": the code, by name
    pointing = next((d for d in view.demonstratives if 0 < concept.start - d.end <= _DEMONSTRATIVE_GAP
                     and not view.comma_between(d.end, concept.start)
                     and not _SUCH_AS.match(sentence.text, d.end - sentence.start)     # "such as": examples
                     and not grammar.verb_in(sentence.text[d.end - sentence.start:concept.start - sentence.start])),
                    None)                       # not "Those are billed as one unit per session": a pronoun
    if topic and pointing is not None and (concept.concept not in grammar.kinds or concept.start - pointing.end <= 1):
        # "these gait sessions", "these low-complexity evaluations"; not "those edits were removed": a
        # property after the pointing phrase is said of what the phrase names
        return topic, "anaphor", pointing.start
    if topic and any(b.end <= concept.start <= b.end + _BILLING_GAP and not view.comma_between(b.end, concept.start)
                     for b in view.billing):
        return topic, "billing", None
    if topic and grammar.kinds.get(concept.concept) == "timing" and not sentence.codes \
            and "unit" in concept.text.lower() \
            and _BILLS_UNITS.search(sentence.text, 0, concept.start - sentence.start) \
            and not _ONLY_IF.match(sentence.text, concept.end - sentence.start) \
            and all(grammar.fits(topic, c.concept) or c.concept in st.believed.get(topic, ())
                    for c in sentence.concepts if c.concept not in grammar.kinds):
        return topic, "billing", None             # "The most frequent error is billing multiple units."
    if topic and grammar.kinds.get(concept.concept) == "timing" and _names_topics_service(
            sentence, view, concept, topic, grammar, frozenset(st.believed.get(topic, ())),
            frozenset(st.head_words.get(topic, ()))):
        return topic, "service", None             # "Each 15 minutes of needling is one unit" in a 20561 article
    if topic and grammar.kinds.get(concept.concept) == "section" and not sentence.codes and any(
            c.end <= concept.start and view.clause(c.start) == view.clause(concept.start)
            and view.contrast_of(c.start) is None and grammar.identifies(topic, c.concept) for c in sentence.concepts):
        return topic, "service", None             # "Occupational therapy evaluations are found in the E/M section"
    if topic and concept.concept.startswith("minutes:") and grammar.has_typical_time(topic) \
            and len(set(_MINUTES_GIVEN.findall(sentence.text))) <= 1 and any(
            view.clause(c.start) == view.clause(concept.start) and view.contrast_of(c.start) is None
            and (grammar.fits(topic, c.concept) or c.concept in st.believed.get(topic, ()))
            for c in sentence.concepts if c.concept not in grammar.kinds):
        # (not "roughly 20 minutes for the low-complexity evaluation, 30 minutes for moderate and 45 for high": a
        # sentence that gives several times gives each to its own level)
        return topic, "service", None             # "the therapist spends about 30 minutes ... performing this evaluation"
    if st.record_code and sentence.block_kind == "list_item" and not sentence.codes:
        return st.record_code, "list", None       # "Code: 97167 // Timed: No, one unit per visit"
    if topic and concept.concept.startswith("minutes:") and not sentence.codes and grammar.has_typical_time(topic) \
            and sentence.block_kind in ("list_item", "paragraph") and topic == st.section_topic \
            and _SPENDS_WITH_PATIENT.search(sentence.text) and view.contrast_of(concept.start) is None:
        # "CPT code 97164 is defined as ... // 3. Lastly, the physician must spend 20 minutes with the patient
        # face-to-face": the time the section's evaluation is said to take
        return topic, "service", None
    if st.answering and not view.others and not _PAYER_RULE.match(sentence.text):
        # not "How does the region count work? // Medicare recognizes five spinal regions": the payer's rule
        return st.answering, "question", None     # "Q: How long is 97162? A: Typically 30 minutes."
    if st.list_code and sentence.block_kind == "list_item" and _field_label(sentence, view) \
            and concept is _first_concept(sentence):
        return st.list_code, "list", None         # "CPT 97140 at a Glance // - Service: therapeutic massage"
    if st.list_code and st.list_ok and sentence.block_kind == "list_item" \
            and len(sentence.text[:concept.start - sentence.start].split()) < _LIST_HEAD \
            and concept is _first_concept(sentence) \
            and not _DEFINES.match(sentence.text, concept.end - sentence.start):
        return st.list_code, "list", None         # not "- Diathermy means deep heat": that defines the word
    if grammar.kinds.get(concept.concept) == "timing" and not sentence.codes and st.section_topic \
            and st.topic == st.section_topic and _THE_SERVICE.search(sentence.text) and not view.others \
            and view.contrast_of(concept.start) is None and sentence.block_kind in ("paragraph", "list_item") \
            and not any(c.start >= concept.end and c.concept not in grammar.kinds for c in sentence.concepts):
        # "Medicare applies the 8-minute rule to the service": how the section's code is billed (not "multiple
        # units of exercise": another service's)
        return st.section_topic, "anaphor", None
    return None, "", None


_DETERMINER = re.compile(r"\s*(?:(?:and|but|so|also),?\s+)?(?:the|a|an|each|every|any|your|our)?\s*$", re.IGNORECASE)
_TIER_JOIN = re.compile(r"[\s-]*")


# "The chiropractic codes", "Both dry needling codes", "The tiered PT evaluation codes", or the bare plural at the
# start ("Chiropractic manipulation codes are ...")
_FAMILY_DETERMINER = re.compile(r"(?:(?:because|since|as|while|although)\b[^,;:]{0,60},)?"
                                r"\s*(?:(?:and|but|so|also),?\s+)?(?:(?:the|both|all|all\s+(?:two|three|four|five)|"
                                r"both\s+of\s+the|all\s+of\s+the|the\s+(?:two|three|four|five))\s+)?"
                                r"(?:(?:current|tiered|new|newer|old|older|deleted|existing|original)\s+)?$", re.IGNORECASE)
_LABELLED_CODES = re.compile(r"[\s-]*(?:cpt\s+)?codes\s*[(:,]?\s*(?:(?:cpt|hcpcs)\s+)?(?:codes?\s+)?(?:[A-Z]\d{4}|\d{4}[0-9A-Z])\b", re.IGNORECASE)
_COUNT_WORDS = {"both": 2, "two": 2, "three": 3, "four": 4, "five": 5}
_CODES_AFTER = re.compile(r"[\s-]*(?:cpt\s+)?codes\b", re.IGNORECASE)


_SUBJECT_VERB = re.compile(r"\s+(?:(?:also|usually|always|often|still|only)\s+)?(?:requires?|allows?|means|needs|involves|uses|"
                           r"is|are|has|have|must|can|works?|delivers?|lets)\b", re.IGNORECASE)


_SERVICE_SUBJECT_VERB = re.compile(r"\s*(?:\([^)]{0,40}\)\s*)?(?:is|are|was|should\s+be|must\s+be|can\s+be|gets|get|runs?|takes?|lasts?|requires?|needs?|"
                           r"typically|usually|generally|normally|always|counts?|bills?|(?:is|are)\s+(?:also\s+)?(?:billed|reported|coded))\b",
                           re.IGNORECASE)


_SAME_SUBJECT_GOES_ON = re.compile(r"^(?:(?![,;:]|\b(?:but|while|whereas|which|that|when|if|because)\b).)*"
                                  r"\band\s+(?:are|is|must\s+be|should\s+be|can\s+be|get|gets)\b", re.IGNORECASE)


def _opening_service(sentence: Sentence, view: SentenceView, grammar: Grammar,
                     verbs: re.Pattern) -> Optional[ConceptMention]:
    """The service a sentence opens with as the subject of one of these verbs ('Attended stimulation requires
    ...', 'Gait training is billed ...'), not negated."""
    first = sentence.concepts[0] if sentence.concepts else None
    text, base = sentence.text, sentence.start
    if first is None or first.concept in grammar.kinds or not _DETERMINER.fullmatch(text, 0, first.start - base) \
            or not verbs.match(text, first.end - base) or view.negated(first, None):
        return None
    return first


def _service_subject(sentence: Sentence, view: SentenceView, concept: ConceptMention,
                     grammar: Grammar) -> Optional[tuple[str, str, int]]:
    """(code, 'service', where) when a sentence that names no code opens with a service that is one current
    code's own ('Gait training is billed once per visit', 'The OT re-evaluation typically runs 45 minutes')."""
    first = _opening_service(sentence, view, grammar, _SERVICE_SUBJECT_VERB)
    if first is None or first is concept or first.start >= concept.start \
            or (view.clause(first.start) != view.clause(concept.start)
                # "Paraffin baths require constant attendance and are billed in 15-minute units": one subject
                and not _SAME_SUBJECT_GOES_ON.search(sentence.text, first.end - sentence.start,
                                                     concept.start - sentence.start)) \
            or view.contrast_of(first.start) is not None or view.contrast_of(concept.start) is not None:
        return None
    codes = grammar.family_of(first.concept)
    if len(codes) != 1 or any(c.start < concept.start and c is not first and c.concept not in grammar.kinds
                              and grammar.group_of(c.concept) is None for c in sentence.concepts):
        return None                       # a family ('dry needling' is 20560 and 20561), or a second service
    return codes[0], "service", first.start


# "three forms of diathermy: shortwave, ultrasound, and microwave", "types of traction include ..."
_KINDS_OF_SERVICE = re.compile(r"\b(?:forms?|types?|kinds?|modes?|methods?|varieties|variants?)\s+of\s+$", re.IGNORECASE)
_KINDS_LISTED = re.compile(r"[^.;]{0,60}?(?::|\b(?:include|includes|including|are|is)\b)", re.IGNORECASE)


def _kinds_of_service_claims(sentence: Sentence, view: SentenceView, st: "_State", grammar: Grammar,
                             found: list[Claim]) -> list[Claim]:
    """'There are three forms of diathermy: shortwave, ultrasound, and microwave', in an article on 97024:
    the forms listed are the code's service, so a service of another code among them is said of it."""
    if sentence.codes or not st.topic or view.negations or len(sentence.concepts) < 2:
        return []
    text, base = sentence.text, sentence.start
    own = next((c for c in sentence.concepts if grammar.identifies(st.topic, c.concept)
                and _KINDS_OF_SERVICE.search(text, 0, c.start - base)), None)
    if own is None:
        return []
    listed = _KINDS_LISTED.match(text, own.end - base)
    if listed is None:
        return []
    after = base + listed.end()
    return [Claim(code=st.topic, kind="identity", value=c.concept, sentence=sentence, evidence=c, via="service")
            for c in sentence.concepts if c.start >= after and c.concept not in grammar.kinds
            and c.concept != own.concept and view.contrast_of(c.start) is None
            and not any(f.code == st.topic and f.value == c.concept for f in found)]


def _code_rule_claims(sentence: Sentence, view: SentenceView, st: "_State", grammar: Grammar) -> list[Claim]:
    """A rule of the code set about some codes (structure.yaml rules with codes: "Manual therapy on the same
    spinal region as the adjustment can also be billed with modifier 59"), said of the code the sentence
    names, or whose own service it names, or of the code under discussion."""
    out = []
    for rule, patterns in grammar.code_rules:
        match = next((m for p in patterns for m in [p.search(sentence.text)] if m), None)   # gated: cheap
        if match is None:
            continue
        start, end = sentence.start + match.start(), sentence.start + match.end()
        codes = [m.code for m in sentence.codes if m.code in rule.codes]
        via = "explicit"
        if not codes:
            codes = [code for c in sentence.concepts for code in rule.codes if grammar.identifies(code, c.concept)]
        if not codes and st.topic in rule.codes and (view.pronouns or view.anaphors):
            codes, via = [st.topic], "anaphor"
        negated = any(start - 12 <= n.start < end for n in view.negations)
        for code in dict.fromkeys(codes):
            out.append(Claim(code=code, kind=rule.kind, value=rule.id, sentence=sentence, via=via,
                             polarity=not negated, evidence=Span_(start, end, match.group(0))))
    return out


def _update_cycle_claims(sentence: Sentence, view: SentenceView, st: "_State", grammar: Grammar) -> list[Claim]:
    """'The edit tables are updated once a year', 'They actually come out every quarter': how often a part of
    the code set is updated (cycles.py), its subject carried from the sentence before when pointed at."""
    cycles = grammar.update_cycles
    if not cycles.may_state(sentence.text):
        return []
    out = []
    for statement in cycles.statements(sentence.text, st.cycle_subject):
        start, end = sentence.start + statement.start, sentence.start + statement.end
        verb = sentence.start + statement.verb
        # "are not updated once a year", "never changes quarterly" (not "..., which cannot be billed together, are")
        negated = any(verb - 12 <= n.start < end for n in view.negations)
        out.append(Claim(code="-", kind="structure", value=statement.rule, sentence=sentence, via="structure",
                         polarity=not negated, evidence=Span_(start, end, sentence.text[statement.start:statement.end])))
    return out


def _modifier_meaning_claims(sentence: Sentence, view: SentenceView, grammar: Grammar) -> list[Claim]:
    """'GN is used when the service is delivered under an occupational therapy plan of care', 'OT evaluations take
    the GN modifier': a discipline or assistant modifier and the one discipline its clause names say what the
    modifier marks (structure.yaml modifier_meanings). Not when the clause names two modifiers or two disciplines
    ('GP and GO mark PT and OT'), nor with 'respectively'."""
    meanings = grammar.modifier_meanings
    if grammar.modifier_token is None:
        return []
    text = sentence.text
    if not any(m in text for m in meanings["modifiers"]):
        return []                         # most sentences: no modifier written at all
    tokens = list(grammar.modifier_token.finditer(text))
    if not tokens or "respectively" in text.lower():
        return []
    named, taken = [], []
    for discipline, patterns in meanings["disciplines"].items():    # assistants first: 'physical therapist assistant'
        for pattern in patterns:
            for m in pattern.finditer(text):
                if not any(a < m.end() and m.start() < b for a, b in taken):
                    taken.append((m.start(), m.end()))
                    named.append((view.clause(sentence.start + m.start()), discipline))
    claims = []
    for token in tokens:
        at = sentence.start + token.start()
        clause = view.clause(at)
        disciplines = {d for c, d in named if c == clause}
        if len(disciplines) != 1 or sum(view.clause(sentence.start + t.start()) == clause for t in tokens) > 1:
            continue
        right = meanings["modifiers"][token.group(1)] == disciplines.pop()
        negated = any(view.clause(n.start) == clause for n in view.negations)
        claims.append(Claim(code="-", kind="structure", value=meanings["right_rule" if right else "wrong_rule"],
                            sentence=sentence, via="structure", polarity=not negated,
                            evidence=Span_(at, at + len(token.group(1)), token.group(1))))
    return claims


_OBJECT_POINTER = re.compile(r"\s+(?:it|this\s+code|that\s+code|the\s+code)\b", re.IGNORECASE)


def _paid_object_claims(sentence: Sentence, view: SentenceView, st: "_State", grammar: Grammar, found: list[Claim],
                        pronoun_ok: bool) -> list[Claim]:
    """'97014 is the unattended e-stim code and Medicare pays it like any other modality', 'Medicare pays it as its
    own line item': a payer's verb with the code as its object pronoun says the payer pays the code the sentence
    (or the paragraph) is about."""
    out = []
    for concept in sentence.concepts:
        if grammar.kinds.get(concept.concept) != "status" or not concept.text.lower().startswith("medicare") \
                or not _OBJECT_POINTER.match(sentence.text, concept.end - sentence.start) \
                or any(c.evidence is concept for c in found) or view.negated(concept, None):
            continue
        before = [m for m in sentence.codes if m.end <= concept.start and view.contrast_of(m.start) is None]
        code = before[-1].code if len({m.code for m in before}) == 1 else (st.topic if not sentence.codes and pronoun_ok else None)
        if code:
            out.append(Claim(code=code, kind="status", value=concept.concept, sentence=sentence, evidence=concept,
                             via="anaphor" if not sentence.codes else "explicit"))
    return out


def _about_other_service(sentence: Sentence, view: SentenceView, st: "_State", grammar: Grammar) -> bool:
    """Does a sentence that writes no code open with a service of another code as its subject, and point back
    to it with a bare 'it' only (no 'this code')?"""
    if sentence.codes or not st.topic:
        return False
    first = _opening_service(sentence, view, grammar, _SUBJECT_VERB)
    if first is None or grammar.fits(st.topic, first.concept) or first.concept in st.believed.get(st.topic, ()):
        return False
    pointers = [c for c in sentence.cues if c.kind in ("anaphor", "subject_anaphor", "demonstrative")]
    return not pointers and any(c.kind == "pronoun" and c.start > first.end for c in sentence.cues)


def _described_subject(sentence: Sentence, view: SentenceView, grammar: Grammar,
                       near: Optional[str] = None) -> Optional[tuple]:
    """(codes, start, its words) when a sentence that writes no code opens with words that name its subject:
    a tier and a service that together name one code ('The moderate-complexity PT evaluation', 'A high
    complexity OT evaluation'), or a service and 'codes' that name its family ('Both dry needling codes',
    'The chiropractic codes')."""
    if sentence.codes or not sentence.concepts:
        return None
    text, base = sentence.text, sentence.start
    first = sentence.concepts[0]
    determiner = _FAMILY_DETERMINER.fullmatch(text, 0, first.start - base)
    if first.concept not in grammar.kinds and determiner \
            and (first.text.lower().endswith("codes") or _CODES_AFTER.match(text, first.end - base)) \
            and not view.negated(first, None) and view.contrast_of(first.start) is None:
        family = grammar.family_of(first.concept)
        # "Both re-evaluation codes" with three in the table: the writer means two of them, not which
        counted = next((n for word, n in _COUNT_WORDS.items() if re.search(r"\b" + word + r"\b", determiner.group(0),
                                                                          re.IGNORECASE)), None)
        return (family, first.start, (first,)) if len(family) >= 2 and counted in (None, len(family)) else None
    tier = first
    if grammar.kinds.get(tier.concept) != "complexity" or not _DETERMINER.fullmatch(text, 0, tier.start - base) \
            or view.negated(tier, None) or view.contrast_of(tier.start) is not None:
        return None
    service = sentence.concepts[1] if len(sentence.concepts) > 1 else None
    if service is not None and _TIER_JOIN.fullmatch(text, tier.end - base, service.start - base):
        code = grammar.described_code(tier.concept, service.concept, near)
        return ([code], tier.start, (tier, service)) if code else None
    if _TIER_AS_SUBJECT.match(text, tier.end - base):
        # "High complexity requires five or more examination elements", in an article about a PT evaluation
        code = grammar.tier_code(tier.concept, near)
        return ([code], tier.start, (tier,)) if code else None
    return None


# a level named alone as the subject of a verb that gives what it takes: "High complexity requires ...",
# "The moderate level involves ..."
_TIER_AS_SUBJECT = re.compile(r"\s*(?:\(\d{5}\)\s*)?(?:requires|require|needs|involves|means|calls\s+for|demands|"
                              r"is\s+(?:for|reserved\s+for|used\s+for|meant\s+for|defined\s+by)|covers|includes|"
                              r"applies\s+(?:to|when)|fits|adds)\b", re.IGNORECASE)


_COPULA_BEFORE = re.compile(r"\b(?:is|are|was|were|'s|\u2019s)\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+)?$", re.IGNORECASE)
_CODE_WORD_AFTER = re.compile(r"[\s-]*(?:cpt\s+)?codes?\b", re.IGNORECASE)


def _defines(claim: Claim) -> bool:
    """'it is an exercise code', 'this code is therapeutic exercise': the words define the code."""
    if claim.evidence is None:
        return False
    text, base = claim.sentence.text, claim.sentence.start
    return _COPULA_BEFORE.search(text, 0, claim.evidence.start - base) is not None \
        or _CODE_WORD_AFTER.match(text, claim.evidence.end - base) is not None


def _line_of(raw: str, pos: int) -> str:
    end = raw.find("\n", pos)
    return raw[raw.rfind("\n", 0, pos) + 1:end if end >= 0 else len(raw)]


_SOAP_LABEL = re.compile(r"\s*[SOAP]\s*:\s")
_SOAP_LABELS = re.compile(r"(?:^|[\s.])[SOAP]:\s")
_LIKENED = re.compile(r"(?:just\s+)?like\b|similar\s+to\b|the\s+same\s+as\b", re.IGNORECASE)


def _likened(sentence: Sentence, view: SentenceView, concept: ConceptMention) -> list[str]:
    """Codes inside a 'like ...' or 'similar to ...' phrase, outside of which the concept stands."""
    base = sentence.start
    out = []
    for scope in view.contrasts:
        if scope.start <= concept.start < scope.end or not _LIKENED.match(sentence.text, scope.start - base):
            continue
        out.extend(m.code for m in sentence.codes if scope.start <= m.start < scope.end and not m.in_range)
    return list(dict.fromkeys(out))


_RELATES = re.compile(r"\b(?:relates?|compares?|differs?|fits?|connects?|interacts?)\s+(?:to|with|from|in)\b", re.IGNORECASE)
_CONCESSIVE = re.compile(r"\s*(?:while|although|though|whereas|even\s+though)\b", re.IGNORECASE)


def _conceded(sentence: Sentence, view: SentenceView, concept: ConceptMention, pronoun: Cue) -> bool:
    """'While spinal adjustment is a primary focus of chiropractic care, it is also ...': the service of a
    conceded clause is not what the pronoun of the main clause is."""
    return _CONCESSIVE.match(sentence.text) is not None and concept.start < pronoun.start \
        and view.comma_between(concept.end, pronoun.start)


_PRONOUN_VERB_GAP = re.compile(r"\s*(?:(?:was|were|has\s+been|had\s+been|is|got|has)\s+(?:\w+ly\s+)?)?", re.IGNORECASE)
_COPULA_BEFORE_POINTER = re.compile(r"\b(?:is|are|was|were|as|be)\s+$", re.IGNORECASE)   # "98943 is this code for ..."
_POINTER_FOR = re.compile(r"\s*(?:is\s+|are\s+)?(?:only\s+|mainly\s+|strictly\s+|really\s+)?(?:for|covers|describes|handles|captures|"
                          r"applies\s+to|is\s+limited\s+to|(?:is\s+)?(?:used|reserved|meant|intended|designed)\s+for)\s+"
                          r"(?:the\s+|a\s+|an\s+)?", re.IGNORECASE)
_WHICH_IS = re.compile(r"\s*,\s*(?:which|that)\s+(?:is|was|remains)\s+(?:also\s+|really\s+|actually\s+)?", re.IGNORECASE)


def _this_code(pointer: Cue, sentence: Sentence, st: _State) -> Optional[str]:
    """'this code' after another code named in the same sentence ("Medicare does not recognize 97014, so it is billed
    with this code" in an article on G0283) is the section's code; otherwise the code under discussion."""
    earlier = {m.code for m in sentence.codes if m.end <= pointer.start}
    if earlier and st.section_topic and st.section_topic not in earlier and st.topic in earlier \
            and pointer.text.lower().startswith("this"):
        return st.section_topic
    return st.topic


def _that_code(pointer: Cue, sentence: Sentence, st: _State, contrasted: set[str]) -> Optional[str]:
    """'that code' is the code named just before it: earlier in the sentence ('... reported with 97012 instead, and
    that code is untimed'), else in the text before; never the section's code by default, never a contrasted one."""
    earlier = [m for m in sentence.codes if m.end <= pointer.start and m.code not in contrasted]
    if earlier and _WHICH_IS.fullmatch(sentence.text, earlier[-1].end - sentence.start, pointer.start - sentence.start):
        return earlier[-1].code           # "Do not confuse 97537 with 97535, which is the code for ...": 97535
    if not pointer.text.lower().startswith("that"):
        return None
    earlier = [m.code for m in sentence.codes if m.end <= pointer.start and m.code not in contrasted]
    if earlier:
        return earlier[-1]
    return st.last_named if st.last_named and st.last_named not in contrasted else None


_DIRECTIVE = re.compile(r"[\s,]*(?:then\s+)?(?:(?:the\s+)?(?:correct|right|proper|appropriate|only|best)\s+code\s+(?:is|to\s+use\s+is)|"
                        r"(?:you\s+(?:should|would|can|must)\s+)?(?:bill|report|use|code|choose|select|reach\s+for)|"
                        r"(?:it|that|this)\s+(?:is|gets|would\s+be|should\s+be)\s+(?:billed|reported|coded)\s+(?:as|with|under)|"
                        r"(?:it|that|this)\s+(?:is|goes\s+under|belongs\s+(?:to|under))|"
                        # "..., your statement will show 97163": what the bill says for that case
                        r"(?:your|the)\s+(?:statement|bill|claim|eob|invoice|superbill|receipt)\s+(?:will|would|should)\s+"
                        r"(?:show|list|say|read|carry))\s+(?:cpt\s+)?(?:code\s+)?$",
                        re.IGNORECASE)


_SUBJECT_LEAD = re.compile(r"[\s,]*(?:then\s+)?(?:(?:the\s+)?(?:cpt\s+)?(?:code\s+)?)?", re.IGNORECASE)
_ASSIGNED = re.compile(r"\s+(?:is|would\s+be|will\s+be|should\s+be)\s+(?:(?:the|your)\s+(?:(?:correct|right|proper|"
                       r"appropriate|only|best|usual)\s+)?(?:cpt\s+)?code\b|(?:used|billed|reported|the\s+one)\b)",
                       re.IGNORECASE)


def _directed_code(sentence: Sentence, view: SentenceView, concept: ConceptMention) -> Optional[CodeMention]:
    """The code a main clause prescribes right after the condition holding the concept."""
    scope = next((sc for sc in view.conditionals if sc.start <= concept.start < sc.end), None)
    if scope is None or any(scope.start <= m.start < scope.end for m in sentence.codes) or view.negations:
        return None
    after = [m for m in sentence.codes if m.start >= scope.end and not m.in_range and view.contrast_of(m.start) is None]
    if not after:
        return None
    first = after[0]
    between = sentence.text[scope.end - sentence.start:first.start - sentence.start]
    if _DIRECTIVE.fullmatch(between):
        return first
    # "If your facility offers water-based rehab, CPT code 97116 is the code you will use": the code is the
    # subject, and its predicate assigns it
    return first if _SUBJECT_LEAD.fullmatch(between) and _ASSIGNED.match(sentence.text, first.end - sentence.start) else None


_DISTRIBUTIVE = re.compile(r"\s*(?:both|all\s+(?:two|three|four|five|of\s+them|of\s+these)|these\s+(?:two|three|four)|"
                           r"the\s+(?:two|three|four)|each)(?:\s+(?:cpt\s+)?codes?)?\s+(?:are|is)\b", re.IGNORECASE)


def _distributed_claims(sentence: Sentence, view: SentenceView, st: _State, grammar: Grammar,
                        claims: list[Claim], bound_codes: set[str]) -> list[Claim]:
    """'Both are re-evaluations, but 97164 belongs to PT and 97167 to OT', 'All three are untimed.': what
    the opening clause says of 'both' is said of each code the sentence (or the one before) names."""
    opening = _DISTRIBUTIVE.match(sentence.text)
    if opening is None or view.negations:
        return []
    if _CODE_LEAD_AFTER.match(sentence.text, opening.end()):
        return []                         # "The four codes are 97810 and 97811 for ..., and 97813 ...": a list
    first_break = min([b for b in view.soft if b > sentence.start + opening.end()], default=sentence.end)
    said = [c for c in sentence.concepts if sentence.start + opening.end() <= c.start < first_break]
    codes = [m.code for m in sentence.codes if not m.in_range and view.contrast_of(m.start) is None] \
        or (st.prev_codes if len(st.prev_codes) > 1 else [])
    out = []
    for concept in said:
        kind = grammar.kinds.get(concept.concept, "identity")
        for code in dict.fromkeys(codes):
            if not any(c.code == code and c.value == concept.concept for c in claims):
                bound_codes.add(code)
                out.append(Claim(code=code, kind=kind, value=concept.concept, sentence=sentence, evidence=concept,
                                 via="explicit" if sentence.codes else "plural"))
    return out


def _total_claims(sentence: Sentence, view: SentenceView, grammar: Grammar, prev_codes: list[str]) -> list[Claim]:
    """'10 minutes of 97112 and 10 minutes of 97116 gets no units', '18 + 22 + 8 = 48 minutes, counting the
    97022 whirlpool, which is 3 units': the total-minutes method, said of each code the sum names. The value
    carries the items ('minutes@code' or 'minutes@~concept'), the writer's total and units, and the codes
    the sentence says it counted."""
    out: list[Claim] = []
    base = sentence.start
    for total in find_totals(sentence.text):
        start, end = base + total.start, base + total.end
        items, codes = [], []
        arithmetic = len({s for _, s, _ in total.items}) == 1
        for index, (n, item_start, item_end) in enumerate(total.items):
            what = ""
            if not arithmetic:
                near = base + item_end
                # "20 minutes of needling billed as 20561 plus 10 minutes of 97110": an item's code may stand
                # further on, before the next item starts
                reach = near + 12 if index + 1 == len(total.items) else min(near + 40, base + total.items[index + 1][1])
                code = next((m for m in sentence.codes if near <= m.start <= reach), None)
                concept = next((c for c in sentence.concepts if near <= c.start <= near + 12
                                and c.concept not in grammar.kinds), None)
                if code is not None:
                    what = code.code
                    codes.append(code.code)
                elif concept is not None:
                    what = "~" + concept.concept
            items.append(f"{n}@{what}")
        counted = []
        if arithmetic:
            # "counting the 97022 whirlpool", "including the hot pack (97010)": codes the writer put in the sum
            counted = [m.code for m in sentence.codes if view.contrast_of(m.start) is None
                       and _COUNTING.search(sentence.text[:m.start - base]) and not view.negations]
            codes.extend(counted)
            if not codes and len(prev_codes) >= 2 and all(grammar.timed(c) for c in prev_codes):
                # "... as 97112 and the walk as 97116. With 15 + 12 + 10 you have 37 timed minutes, which rounds
                # up to three units": a bare sum right after the timed codes it adds up
                codes = list(prev_codes)
        value = f"total:{total.stated_total if total.stated_total is not None else '-'}:{total.units}:" \
                f"{'|'.join(items)}:{','.join(counted)}"
        evidence = Span_(start, end, total.text)
        for code in dict.fromkeys(codes) or ["-"]:
            out.append(Claim(code=code, kind="timing" if code != "-" else "structure", value=value,
                             sentence=sentence, evidence=evidence, via="explicit" if code != "-" else "structure"))
    return out


def _definition_claims(sentence: Sentence, view: SentenceView, st: _State, grammar: Grammar,
                       claims: list[Claim], bound_codes: set[str]) -> list[Claim]:
    """'97112 is for the walking portion of the session', '97535 is for moving and lifting', '97035 is the
    stimulation code': a code defined in plain words, one service word (concepts.yaml 'keywords') where no
    phrase of the lexicon stands."""
    out: list[Claim] = []
    base = sentence.start
    for m in sentence.codes:
        if m.in_range or view.contrast_of(m.start) is not None or _after_other(view, m.start) \
                or view.supposed(m.start) or any(c.code == m.code and c.kind == "identity" and c.value for c in claims):
            continue
        found = grammar.defined_as(sentence.text, m.end - base)
        if found is None:
            k = view.clause(m.start)
            clause_start = (view.soft[k - 1] if k > 0 else base) - base
            found = grammar.named_before(sentence.text, clause_start, m.start - base)
        if found is None:
            continue
        start, end, word, concept = found
        start, end = base + start, base + end
        if any(min(m.end, start) <= c.start < max(end, m.start) for c in sentence.concepts) \
                or any(c.start < end and start < c.end for c in sentence.concepts):
            continue                          # a phrase of the lexicon names it: the concept linking said it
        mention = ConceptMention(start, end, word, concept=concept)
        negated = view.negated(mention, m.start)
        bound_codes.add(m.code)
        out.append(Claim(code=m.code, kind="identity", value=concept, sentence=sentence, evidence=mention,
                         via="explicit", polarity=not negated,
                         tight=not negated or view.tightly_negated(mention, m.start), framed=_framing(view, st, start)))
    return out


# "Untimed codes", "time-based CPT codes", "codes that are untimed", "the following codes are untimed"
_CLASS_AFTER = re.compile(r"(?:\s+(?!(?:and|or|vs|versus|than|like|unlike)\b)[a-z][\w/&-]*){0,3}?\s+"
                          r"(?:cpt\s+|hcpcs\s+)?(?:codes|services|procedures|modalities)\b", re.IGNORECASE)
_CLASS_BEFORE = re.compile(r"\bcodes\s+(?:that\s+|which\s+)?(?:are|were|is)\s+(?:(?:also|all|considered|now)\s+)?$",
                           re.IGNORECASE)
_CLASS_WORD = re.compile(r"\b(?:codes|services|procedures|modalities)$", re.IGNORECASE)   # "Untimed codes" as one phrase
_CLASS_KINDS = ("timing", "status", "section")
_LEADING_CODES = re.compile(r"\s*(?:(?:CPT|HCPCS)\s+)?(?:codes?\s+)?(?:[A-Z]\d{4}|\d{4}[0-9A-Z])\b"
                            r"(?:\s*(?:,|/|&|and|or|to|through|[-\u2013\u2014])\s*(?:(?:CPT|HCPCS)\s+)?(?:[A-Z]\d{4}|\d{4}[0-9A-Z])\b)*",
                            re.IGNORECASE)


_YES_NO = re.compile(r"(yes|no)\b[\s,;:.\u2013\u2014-]*", re.IGNORECASE)


def _cells(sentence: Sentence) -> list[tuple[int, int, str]]:
    """(start, end, text) of each cell of a table row, outer bars dropped."""
    out, pos, text = [], 0, sentence.text
    for piece in text.split("|"):
        stripped = piece.strip()
        lead = len(piece) - len(piece.lstrip())
        out.append((sentence.start + pos + lead, sentence.start + pos + lead + len(stripped), stripped))
        pos += len(piece) + 1
    return [c for i, c in enumerate(out) if c[2] or 0 < i < len(out) - 1]


def _header_cells(sentence: Sentence, grammar: Grammar) -> list[tuple[str, Optional[ConceptMention]]]:
    """'Code | Service | Timed?': each header's words, and the property it asks about, if any."""
    return [(text.lower().rstrip("?: ").strip(),
             next((c for c in sentence.concepts if start <= c.start < end and c.concept in grammar.kinds), None))
            for start, end, text in _cells(sentence)]


def _service_row_claims(sentence: Sentence, view: SentenceView, st: "_State", grammar: Grammar) -> list[Claim]:
    """'Services Covered Under CPT Code 97530 // Service | Description // Therapeutic Exercise | Exercises aimed
    to ...': a row of a table whose first column lists services, under a section about one code, names one
    of the code's services in its first cell."""
    cells = _cells(sentence)
    if not cells or view.negations:
        return []
    start, end, _ = cells[0]
    named = [c for c in sentence.concepts if start <= c.start and c.end <= end and c.concept not in grammar.kinds]
    return [Claim(code=st.section_topic, kind="identity", value=named[0].concept, sentence=sentence,
                  evidence=named[0], via="list")] if named else []


def _table_cell_claims(sentence: Sentence, header: list, grammar: Grammar, found: list[Claim]) -> list[Claim]:
    """A row under a header: 'Yes'/'No' answers a property header ('Timed?'), and a terse cell is the value its
    column gives it (tables.yaml: 'Supervised' under 'Attendance', '1 per visit' under 'Billing unit')."""
    cells = _cells(sentence)
    codes = {m.code for m in sentence.codes if cells and cells[0][0] <= m.start < cells[0][1]}
    if len(codes) != 1:
        return found
    code = codes.pop()
    out = list(found)
    for (start, end, text), (words, asked) in zip(cells[1:], header[1:]):
        answer = _YES_NO.match(text)
        if asked is not None and answer:
            # "No, per session" under "Timed?": the answer is the cell's polarity, not a 'no' denying the rest
            kind = grammar.kinds[asked.concept]
            out = [c for c in out if not (c.code == code and c.kind == kind and c.evidence is not None
                                          and start <= c.evidence.start < end)]
            out.append(Claim(code=code, kind=kind, value=asked.concept, sentence=sentence, via="list",
                             polarity=answer.group(1).lower() == "yes",
                             evidence=ConceptMention(start, end, text, concept=asked.concept)))
        value = (text[answer.end():] if answer else text).lower().strip(" .;")
        concept = grammar.table_cell(words, value)
        if concept is not None and not any(c.code == code and c.value == concept for c in out):
            out.append(Claim(code=code, kind=grammar.kinds.get(concept, "identity"), value=concept,
                             sentence=sentence, via="list", evidence=ConceptMention(start, end, text, concept=concept)))
    return out


def _class_named(sentence: Sentence, view: SentenceView, grammar: Grammar) -> list[tuple]:
    """The kind concepts a code-less sentence names a class of codes by, with their polarity; none when it
    sets two values of one kind against each other ("Timed vs untimed codes")."""
    if sentence.codes or view.is_question():
        return []
    named = []
    for concept in sentence.concepts:
        kind = grammar.kinds.get(concept.concept)
        start, end = concept.start - sentence.start, concept.end - sentence.start
        if kind not in _CLASS_KINDS or view.contrast_of(concept.start) is not None \
                or _OBJECT_OF.search(sentence.text, 0, start):
            continue                      # not "Codes billed with untimed services:"
        if _CLASS_WORD.search(concept.text) or _CLASS_AFTER.match(sentence.text, end) \
                or _CLASS_BEFORE.search(sentence.text, 0, start):
            named.append((kind, concept, not view.negated(concept, None)))
    if len({k for k, _, _ in named}) < len({(k, c.concept) for k, c, _ in named}):
        return []
    return named


def _class_member_claims(sentence: Sentence, named: list[tuple], found: list[Claim], row: bool = False) -> list[Claim]:
    """The codes an item of a class list opens with are members of the class, unless the item says
    otherwise of that kind itself."""
    if row:
        # each cell that opens with codes ("23-37 | 2 | 97112, 97116, 97150 |")
        spans = [(start, start + lead.end()) for start, _, text in _cells(sentence)
                 for lead in [_LEADING_CODES.match(text)] if lead]
    else:
        lead = _LEADING_CODES.match(sentence.text)
        spans = [(sentence.start, sentence.start + lead.end())] if lead else []
    codes = list(dict.fromkeys(m.code for m in sentence.codes if any(a <= m.start < b for a, b in spans)))
    return [Claim(code=code, kind=kind, value=concept.concept, sentence=sentence, evidence=concept, via="list",
                  polarity=polarity)
            for code in codes for kind, concept, polarity in named
            if not any(c.code == code and c.kind == kind and c.value is not None for c in found)]


def _list_keyword_claims(sentence: Sentence, view: SentenceView, st: _State, grammar: Grammar,
                         claims: list[Claim]) -> list[Claim]:
    """'Payers accept the following under 97112: // - Walking on level surfaces with a cane': an item of a
    list that describes the code opens with a plain service word (concepts.yaml 'keywords') where no phrase
    of the lexicon stands."""
    if sentence.block_kind != "list_item" or not (st.list_code and st.list_ok) or sentence.codes \
            or claims or any(c.concept not in grammar.kinds for c in sentence.concepts) or view.others:
        return []
    found = grammar.leading_keyword(sentence.text, _LIST_HEAD)
    if found is None:
        return []
    start, end, word, concept = found
    if _GOAL.search(sentence.text[:start]):
        return []                           # "Clinical applications: // - Correction of posture": an aim
    mention = ConceptMention(sentence.start + start, sentence.start + end, word, concept=concept)
    negated = view.negated(mention, None)
    return [Claim(code=st.list_code, kind="identity", value=concept, sentence=sentence, evidence=mention,
                  via="list", polarity=not negated, tight=not negated or view.tightly_negated(mention, None))]


def _extent(concept: ConceptMention, grammar: Grammar) -> bool:
    """A tier or an extent (regions, muscles, area): what a reason or a condition gives a code."""
    return grammar.kinds.get(concept.concept) == "complexity" or grammar.group_of(concept.concept) is not None


# "the two codes cover different techniques": a plural subject that says what the codes are
_DEFINING_VERB = re.compile(r"\s+(?:\w+ly\s+)?(?:cover|covers|describe|describes|are|include|includes|represent|represents|"
                            r"mean|refer\s+to|report|capture)\b", re.IGNORECASE)
_SIBLING_AFTER_PAREN = re.compile(r"\s*,?\s*(?:and|or|vs\.?|versus|while|but)\s+(?:the\s+|a\s+|an\s+)?"
                                  r"(?:(?!(?:is|are|was|were|be)\b)[\w-]+\s+){0,2}", re.IGNORECASE)
_OPEN_PAREN = re.compile(r"\(\s*(?:(?:cpt|hcpcs)\s+)?(?:codes?\s+)?(?:(?:[A-Z]\d{4}|\d{4}[0-9A-Z])\s*(?:,|and|or|/|-|–)\s*)*$", re.IGNORECASE)


def _labels_other_words(sentence: Sentence, code: CodeMention, concept: ConceptMention, service: bool) -> bool:
    """Is the code inside parentheses that open after other words than the concept's? ('The RTM code set
    (98975, 98976, 98977) allows PTs to bill for the setup, device supply and monitoring': a service after a
    list of codes in parentheses is not said of any one of them.)"""
    before = sentence.text[:code.start - sentence.start]
    opening = _OPEN_PAREN.search(before)
    if opening is None:
        return False
    paren = sentence.start + opening.start()
    if concept.start >= paren:
        inside = sentence.text[paren - sentence.start:]
        close = inside.find(")")
        listed = len(re.findall(r"\b(?:[A-Z]\d{4}|\d{4}[0-9A-Z])\b", inside[:close])) if close > 0 else 0
        if service and close > 0 and listed == 1 and _SIBLING_AFTER_PAREN.fullmatch(
                sentence.text[paren + close + 1 - sentence.start:concept.start - sentence.start]):
            return bool(before[:opening.start()].strip())  # "the attended version (97032) and the unattended one"
        return service and listed >= 2 and concept.start > paren + close   # one service after a list of codes
    gap = sentence.text[concept.end - sentence.start:paren - sentence.start]
    return "," in gap or ";" in gap or len(gap.split()) > 2      # "moderate-complexity evaluation (97163)" is its own


def _reason_for(sentence: Sentence, view: SentenceView, concept: ConceptMention) -> Optional[CodeMention]:
    """'The therapist bills 97161 because his presentation is unstable', 'Two regions were treated, so the
    visit is billed with 98941', 'If three muscles are needled, bill 20561': a reason, consequence or
    condition with no code of its own is said of the one code of the clause it is tied to (tiers and
    extents only: a reason that names a service, 'because the patient was too sore for exercise', is
    about the visit)."""
    soft, text, base = view.soft, sentence.text, sentence.start
    if view.negations:
        return None
    condition = next((sc for sc in view.conditionals if sc.start <= concept.start < sc.end), None)
    if condition is not None:
        # the main clause after "If ...,"
        codes = [m for m in sentence.codes if m.start >= condition.end and not m.in_range
                 and view.clause(m.start) == view.clause(condition.end + 1) and view.contrast_of(m.start) is None
                 and not _after_other(view, m.start)]
        return codes[0] if len({m.code for m in codes}) == 1 and not any(
            condition.start <= m.start < condition.end for m in sentence.codes) else None
    k = view.clause(concept.start)
    if any(view.clause(m.start) == k for m in sentence.codes):
        return None
    if k > 0 and _REASON_OPENING.match(text, soft[k - 1] - base + 1) or \
            k > 0 and _REASON_OPENING.match(text, soft[k - 1] - base):
        other = k - 1                                    # "..., because ..."
    elif k < len(soft) and _CONSEQUENCE_OPENING.match(text, soft[k] - base):
        other = k + 1                                    # "..., so ..."
    else:
        return None
    codes = [m for m in sentence.codes if view.clause(m.start) == other and not m.in_range
             and view.contrast_of(m.start) is None and not _after_other(view, m.start)]
    return codes[0] if len({m.code for m in codes}) == 1 else None


def _names_topics_service(sentence: Sentence, view: SentenceView, near: Span_, topic: str, grammar: Grammar,
                          believed: frozenset = frozenset(), head_words: frozenset = frozenset()) -> bool:
    """Does the clause name the topic code's service, so that what it says of the service is said of the code?
    The service is the code's own, or the one the writer has already said the code is ('G0283 is wound
    stimulation ... A 30-minute wound stimulation session is two units')."""
    if any(c is not near and view.clause(c.start) == view.clause(near.start) and view.contrast_of(c.start) is None
           and (grammar.identifies(topic, c.concept) or c.concept in believed) for c in sentence.concepts):
        return True
    # "Each 15 minutes of needling is one unit" after "20561 is dry needling": the service's own word
    return bool(head_words) and view.contrast_of(near.start) is None and any(
        _word_stem(m.group(0)) in head_words for m in _WORD.finditer(view.clause_text(near.start)))


def _as_minutes(word: str) -> int:
    return int(word) if word.isdigit() else _WORD_MINUTES[word.lower()]


_CODE_TAKES = re.compile(r"\s*(?:\)\s*)?(?:usually\s+|typically\s+|generally\s+|normally\s+|often\s+)?(?:takes?|lasts?|runs?|averages?|"
                         r"requires?|involves?|comes?\s+in\s+at|sits\s+(?:[\w-]+\s+){0,4}?at)\s+"
                         r"(?:(?:about|around|roughly|approximately|some|close\s+to|nearly)\s+)?", re.IGNORECASE)


def _code_end(sentence: Sentence, anchor: int) -> int:
    return next((m.end for m in sentence.codes if m.start == anchor), anchor)


def _typical_or_about(sentence: Sentence, concept: ConceptMention) -> str:
    """A code's own time: with slack when 'about' stands right before it ('about 45 minutes')."""
    about = any(c.kind == "approximately" and 0 <= concept.start - c.end <= 2 for c in sentence.cues)
    return "about" if about else "typical"


def _time_framing(sentence: Sentence, view: SentenceView, concept: ConceptMention,
                  anchor: Optional[int]) -> Optional[str]:
    """'typically 30 minutes' -> 'typical', 'about 30 minutes' -> 'about', 'a 45-minute evaluation' -> 'typical'."""
    clause = view.clause(concept.start)
    text, base = sentence.text, sentence.start
    # "each session lasts 15 minutes", "a 15-minute session": the session's length; not "a session might
    # include 15 minutes of strengthening under 97110" or "a visit with 12 minutes of 97035"
    if any(c.kind == "session_word" and view.clause(c.start) == clause
           and (0 <= c.start - concept.end <= 2
                or (0 <= concept.start - c.end <= 30 and _SESSION_LASTS.fullmatch(text[c.end - base:concept.start - base])))
           for c in sentence.cues):
        return "session"
    near = [c for c in view.typicals if view.clause(c.start) == clause]
    if near:
        # "typically about 30 minutes" has slack; "her evaluation lasted about 45 minutes" is one visit
        return _typical_or_about(sentence, concept)
    if _TABLE_CELL.match(text, concept.end - base) and _CELL_START.search(text, 0, concept.start - base) \
            and anchor is not None and " | " in text:
        return "typical"                  # "| 97163 | High complexity | roughly 60 minutes |": the time column
    if anchor is not None and anchor < concept.start and _CODE_TAKES.fullmatch(text, _code_end(sentence, anchor) - base,
                                                                               concept.start - base):
        # "97162 takes about 30 minutes", "97162 sits in the middle at about 40 minutes": the code's own length
        # (not "the evaluation took 22 minutes": one visit)
        return _typical_or_about(sentence, concept)
    rest = sentence.text[concept.end - sentence.start:]
    if anchor is not None and anchor < concept.start and _CODE_COLUMNS.match(text) and _LINE_END.match(rest) \
            and len({m.code for m in sentence.codes}) == 1 and "\n" not in text:
        # "97163   PT evaluation, high complexity      about 60 min": the last field of a code's line is its time
        return _typical_or_about(sentence, concept)
    if anchor is not None and anchor < concept.start and _CODE_APPOSITION.fullmatch(
            text, _code_end(sentence, anchor) - base, concept.start - base) and len({m.code for m in sentence.codes}) == 1:
        # "97171 (high complexity), about 60 minutes with the patient": the code's field, after a comma
        return _typical_or_about(sentence, concept)
    if anchor is not None and anchor < concept.start and _LINE_END.match(rest) and "\n" not in text \
            and _CODE_LABEL_BEFORE.search(text, 0, concept.start - base) and len({m.code for m in sentence.codes}) == 1:
        # "Moderate complexity (97170): about 45 minutes": the value of the code's field line
        return _typical_or_about(sentence, concept)
    # "97163 is a 45-minute evaluation" describes the code; "A 50-minute evaluation of a stable patient is
    # still 97161" is a case
    if "-" in concept.text and anchor is not None and anchor < concept.start and re.match(r"\s*(?:\w+\s+){0,2}?(?:evaluation|eval|re-evaluation|reevaluation|code|"
                                       r"visit|assessment|service)s?\b", rest, re.IGNORECASE):
        return "typical"
    return None


# a code's line in a list or a text table: the code first, then its fields after a dash, a colon, a bar or a
# run of spaces ("97161   PT evaluation, low complexity   about 20 min")
_CODE_COLUMNS = re.compile(r"\s*(?:(?:CPT|HCPCS)\s+)?(?:code\s+)?(?:[A-Z]\d{4}|\d{4}[0-9A-Z])(?:\s*(?:[-\u2013\u2014:|])\s|\s{2,}|\t)",
                           re.IGNORECASE)
_CODE_LABEL_BEFORE = re.compile(r"(?:\b|\()(?:[A-Z]\d{4}|\d{4}[0-9A-Z])\s*\)?\s*:\s*(?:(?:about|around|approximately|approx\.?|"
                                r"roughly|~|typically|usually)\s*)?$", re.IGNORECASE)
_CODE_APPOSITION = re.compile(r"\s*(?:\([^()]{1,40}\)\s*)?[,:\u2013\u2014-]\s*(?:about|around|approximately|approx\.?|roughly|~|"
                              r"typically|usually)\s+", re.IGNORECASE)
_LINE_END = re.compile(r"\s*(?:face[- ]to[- ]face|typical|typically)?\s*[.)|]?\s*$", re.IGNORECASE)
_TIMED_CODES = re.compile(r"\btimed\s+(?:codes|services|procedures)\b")
_NEW_CLAUSE = re.compile(r",\s*so\b|\bso\s+|;|\b(?:because|but|while|whereas|since|although)\b", re.IGNORECASE)


def _unit_claims(sentence: Sentence, view: SentenceView, st: _State, pronoun_ok: bool,
                 grammar: Grammar) -> list[Claim]:
    """'23 minutes of 97110 is one unit': said of the sentence's code, else of the code set ('-')."""
    out: list[Claim] = []
    lower = sentence.text.lower()
    if view.payer_variant or "min" not in lower and "hour" not in lower:
        return out                                # commercial "rule of eights": not Medicare's count
    for statement in find_statements(sentence.text):
        around = sentence.text[max(0, statement.start - 15):statement.end].lower()
        earlier = [m for m in _MINUTES.finditer(sentence.text[:statement.start])
                   if not _RULE_OR_UNIT.match(sentence.text, m.end())      # not "the 8-minute rule", "15-minute units"
                   and not _NEW_CLAUSE.search(sentence.text, m.end(), statement.start)]
        # ("You need a full 60 minutes before a fourth unit, so 53 minutes is still three units": no sum)
        if "total" not in around and (earlier or "total" in sentence.text.lower()):
            continue                              # "8 minutes of 97110 and 8 minutes of 97140 = 2 units": a sum
        start = sentence.start + statement.start
        code = _subject_code(sentence, view)
        via = "explicit"
        if code is None:
            # "..., you bill two units of 97112": the code the units are of
            code = next((m.code for m in sentence.codes if _OF_CODE.fullmatch(
                sentence.text[statement.end:m.start - sentence.start])), None)
        if code is None and st.topic and (view.anaphors or (pronoun_ok and view.pronouns)):
            code, via = st.topic, "anaphor"
        elif code is None and st.topic and _names_topics_service(sentence, view, _evidence_span(start, statement),
                                                                  st.topic, grammar,
                                                                  frozenset(st.believed.get(st.topic, ()))):
            code, via = st.topic, "service"
        elif code is None and st.topic and _minutes_of_topic(statement.text, start, view, st):
            code, via = st.topic, "service"
        elif code is None and st.topic and not sentence.codes and statement.form == "threshold" and any(
                grammar.identifies(st.topic, c.concept) and view.contrast_of(c.start) is None
                for c in sentence.concepts):
            # "If the soak lasts less than 8 minutes, you do not bill the whirlpool at all": the service
            # the minimum is for is named in the main clause
            code, via = st.topic, "service"
        elif code is None and st.topic and not sentence.codes and sentence.block_kind == "list_item" \
                and st.list_code == st.topic and grammar.timed(st.topic) and grammar.deleted_in(st.topic) is None:
            code, via = st.topic, "list"          # "How We Count 97750 Units // - 8 to 29 minutes: 1 unit"
        if code is None and not sentence.codes:
            # "Fifty minutes of gait training converts to four units": the minutes of one timed code's own service
            named = [c for c in sentence.concepts if start <= c.start < start + len(statement.text)
                     and c.concept not in grammar.kinds and view.contrast_of(c.start) is None]
            family = grammar.family_of(named[0].concept) if len(named) == 1 else []
            if len(family) == 1 and grammar.counted_by_the_rule(family[0]):
                code, via = family[0], "service"
        value = f"units:{statement.form}:{statement.low}:{statement.high}:{statement.units}"
        evidence = Span_(start, start + len(statement.text), statement.text)
        kind = "timing" if code else "structure"
        if code is None and st.section_topic and statement.form == "unit_size" and not _TIMED_CODES.search(lower):
            # "Each unit of therapy is 15 minutes" under 97150: the units of the code the section is about
            code, via, kind = st.section_topic, "anaphor", "timing"
        shown_with = st.section_topic or (st.topic if not sentence.codes and not st.prev_codes else None)
        if code is None and shown_with and grammar.counted_by_the_rule(shown_with):
            # "Fifty-two minutes would push the session to four units" in an article on 97537: the rule's
            # arithmetic, shown with the code the section is about (or, with no heading naming one, the
            # code the text is about)
            code, via = shown_with, "structure"
        out.append(Claim(code=code or "-", kind=kind, value=value, sentence=sentence,
                         evidence=evidence, via=via if kind == "timing" else "structure",
                         framed=_framing(view, st, start, section=False),     # arithmetic under "Mistakes" is often the rule
                         polarity=not any(view.clause(n.start) == view.clause(start) and n.end <= start
                                          for n in view.negations)))
    return out


# a noun that is no code right before a verb of deletion: the thing removed is that noun
_THING_SUBJECT = re.compile(r"\b(?:the|a|an|this|that|its|their)\s+(?![A-Z]?\d{4})(?!codes?\b)[a-z-]+(?:\s+(?:on|of|in)\s+[a-z-]+)?\s+"
                            r"(?:(?:has|have|had|was|were|is|are)\s+(?:been\s+)?)?$", re.IGNORECASE)
_CODE_LEAD_AFTER = re.compile(r"\s*(?:,\s*)?(?:(?:cpt|hcpcs)\s+)?(?:codes?\s+)?(?:[A-Z]\d{4}|\d{4}[0-9A-Z])\b", re.IGNORECASE)
_WHEN_PERFORMED = re.compile(r"\s*(?:\w+\s+)?(?:when|if|where)\s+(?:it\s+is\s+|they\s+are\s+)?(?:performed|provided|applicable|"
                             r"used(?!\s+(?:for|to|as)\b))\b", re.IGNORECASE)   # not "when it is used for deep heating"
_TAUGHT_ABOUT = re.compile(r"\b(?:guidance|instructions?|advice|education|tips|recommendations)\s+(?:on|about|for|regarding)\s+"
                           r"(?:(?:the|any|which|what|home|proper|safe)\s+)*$", re.IGNORECASE)
_BILLS_UNITS = re.compile(r"\b(?:bill|bills|billed|billing|report|reports|reported|reporting|charge|charging|"
                          r"claim|claiming|submit|submitting)\s+(?:for\s+)?(?:only\s+)?(?:the\s+|its\s+|their\s+)?$",
                          re.IGNORECASE)
# ", new codes 98984": codes named as a new subject after a comma (not "For massage, 97124")
_NOUN_BEFORE_CODE = re.compile(r",\s*(?:and\s+|while\s+)?(?:the\s+)?(?:[\w-]+\s+){1,2}codes\s+$", re.IGNORECASE)
_MORE_CODES = re.compile(r"(?:\s*(?:,|and|or|&)\s*(?:and\s+)?(?:[A-Z]\d{4}|\d{4}[0-9A-Z])\b)+")
_VERB_NEXT = re.compile(r"\s+(?:\w+ly\s+)?(?=\w)")
_TABLE_CELL = re.compile(r"\s*(?:face[- ]to[- ]face\s*)?(?:\||$)")
_CELL_START = re.compile(r"\|\s*(?:about|around|roughly|approximately|approx\.?|~|typically|usually)?\s*$", re.IGNORECASE)
_MYTH_LABEL = re.compile(r"\s*(?:myth|misconception|false|mistaken\s+belief)\s*(?:#?\d+\s*)?[:\-\u2013\u2014]\s", re.IGNORECASE)
_ONLY_IF = re.compile(r"[^,;.]{0,30}?\bonly\s+(?:if|when|where)\b", re.IGNORECASE)
_SAME_BEFORE = re.compile(r"\b(?:the\s+)?same\s+$", re.IGNORECASE)
_ANNOUNCED = re.compile(r"\b(?:(?:effective|starting|beginning|as\s+of|from|on)\s+(?:january|jan\.?)\s+1(?:st)?,?\s+|"
                        r"(?:starting|beginning)\s+in\s+)((?:19|20)\d\d)\b[^.;]*\bwill\b|\bwill\s+(?:be\s+)?(?:replaced|deleted|retired|eliminated|discontinued)\b[^.;]*?"
                        r"\b(?:in|on|by|effective)\s+(?:(?:january|jan\.?)\s+1(?:st)?,?\s+)?((?:19|20)\d\d)\b", re.IGNORECASE)
_NOT_THAT = re.compile(r"\s*it(?:'s|\u2019s|\s+is|\s+was)\s+not\s+that\b", re.IGNORECASE)
_QUOTE_OPENS = re.compile(r"[:]\s*[\"\u201c]?|[\"\u201c]")
_WHICH_OF = re.compile(r"\b(?:which|whichever|either|neither)\s+(?:one\s+)?of\s+$", re.IGNORECASE)
_OR_WHICH = re.compile(r"\s*or\s+(?:which|what|is|are|does|do|should|can|would)\b", re.IGNORECASE)
_CODES_WORD = re.compile(r"\bcodes\b", re.IGNORECASE)
_NOUN_THEN_PAREN = re.compile(r"\s+(?:[a-z][\w-]*\s+){1,2}\(\s*(?:cpt\s+|codes?\s+)?", re.IGNORECASE)
_BY_SUCCESSOR = re.compile(r"\s+(?:by|with)\b|\s*[,;:.\u2014-]\s*(?:use|bill|report|now|instead)\b", re.IGNORECASE)
_THAT_PLURAL = re.compile(r"(?:that|this)\s+\w+s$", re.IGNORECASE)
_MISTAKE_AFTER = re.compile(r"[^;:]*?\b(is|are)\s+(?:(?:a|an|the|one\s+of\s+the|among\s+the)\s+)?(?:[\w-]+\s+){0,3}?"
                            r"(?:errors?|mistakes?|pitfalls?|misconceptions?)\b(?!\s+(?:is|are|was)\b)", re.IGNORECASE)
_NUMBERED_MISTAKE = re.compile(r"\s*(?:common\s+)?(?:mistake|error|pitfall)\s*(?:no\.\s*|#\s*)?\d+\s*[:.\-\u2013\u2014]", re.IGNORECASE)
_FACT_LABEL = re.compile(r"\s*(?:fact|the\s+fact|truth|the\s+truth|reality|correct|answer|fix\s+it|the\s+fix|fix|solution|"
                         r"do\s+this\s+instead|instead)\s*(?:#?\d+\s*)?[:\-\u2013\u2014]\s", re.IGNORECASE)
_ASIDE = re.compile(r",\s*which\s+(?:was|were|has\s+been|had\s+been|is|are)\b[^,;:]*$", re.IGNORECASE)
_RECORD_LINE = re.compile(r"\s*(?:(?:CPT|HCPCS)\s+)?(?:code\s+)?(?:[A-Z]\d{4}|\d{4}[0-9A-Z])\s*(?:[-\u2013\u2014:]|\|)\s", re.IGNORECASE)
_CODE_FIRST = re.compile(r"\s*(?:(?:CPT|HCPCS)\s+)?(?:code\s+)?(?:[A-Z]\d{4}|\d{4}[0-9A-Z])\b", re.IGNORECASE)
_LEADS_ON = re.compile(r"\bthe\s+following\b|:\s*$", re.IGNORECASE)
_OF_CODE = re.compile(r"\s+(?:of|for)\s+(?:(?:cpt|hcpcs)\s+)?(?:code\s+)?", re.IGNORECASE)
_RECORD_KEY = re.compile(r"(?:CPT\s+|HCPCS\s+)?(?:code|cpt)(?:\s+number)?", re.IGNORECASE)
_REASON_OPENING = re.compile(r"(?:because|since)\b", re.IGNORECASE)
_CONSEQUENCE_OPENING = re.compile(r"[,;]?\s*(?:so|therefore|thus|which means)\b", re.IGNORECASE)
_FIELD_ANSWER = re.compile(r"\s*:\s*(yes|no|not)\b", re.IGNORECASE)
_RULE_OR_UNIT = re.compile(r"\s*(?:rule|units?|increments?|blocks?|intervals?)\b", re.IGNORECASE)
_COUNTING = gated(r"\b(?:counting|including|includes|include|plus|adding|add)\b[^,;.]{0,30}$", re.IGNORECASE)
_OTHER_NAMED = re.compile(r"\b(?:to|with|under|than|from|by|into|onto|against|alongside|besides|plus|and|or)\s+"
                          r"(?:the|a|an|another|separate)\s+(?:[\w-]+\s+)?$", re.IGNORECASE)
_SET_AGAINST = re.compile(r"\b(?:from|with|than|against|alongside|besides|plus)\s+(?:the|a|an|another|separate)\s+"
                          r"(?:[\w-]+\s+)?$", re.IGNORECASE)
_RELATIVE_AFTER = re.compile(r"(?:\s*[\w-]+){0,3}\s*,\s*(?:which|that)\b[^,;]*$", re.IGNORECASE)
_PAYER_SUBJECT = re.compile(r"\b(?:medicare|cms|medicaid|the\s+payer|payers|insurers?|commercial\s+(?:plans?|payers?)|"
                            r"carriers?|the\s+mac|macs)\s+(?:has\s+|have\s+|had\s+)?(?:\w+ly\s+)?$", re.IGNORECASE)
_PAYER_RULE = re.compile(r"\s*(?:medicare|cms|medicaid|payers|insurers|most\s+payers)\s+(?:recognizes?|defines?|counts?|"
                         r"considers?|divides?|lists?)\b", re.IGNORECASE)
_ANOTHER_THING = gated(r"\b(?:during|alongside|besides|beside|with|plus|than)\s+(?:a|an|another|any|other|the\s+other)\s+$",
                       re.IGNORECASE)
_SAME_AS = gated(r"\bsame\b[^,;.]{0,40}\bas\s+(?:a|an|the|another)\s+$", re.IGNORECASE)
_GOAL = gated(r"\b(?:return(?:s|ing)?\s+to|back\s+to|ability\s+to\s+(?:advance|progress|participate|tolerate)\s+(?:through|in|with)|improv(?:e|es|ed|ing)|restor(?:e|es|ed|ing)|regain(?:s|ed|ing)?|"
                   r"enhanc(?:e|es|ed|ing)|facilitat(?:e|es|ed|ing)|to\s+resume|resum(?:e|es|ing)|to\s+prepare\s+(?:for|the)|"
                   r"(?:correction|improvement|restoration|prevention|recovery)\s+(?:of|in))"
                   r"\s+(?:[\w'\u2019-]+\s+){0,5}?$", re.IGNORECASE)
_KIND_OF = gated(r"\b(?:this|that|these|those|such)\s+(?:kinds?|types?|sorts?|forms?)\s+of\b", re.IGNORECASE)
_WORD = re.compile(r"[A-Za-z][a-z-]{3,}")
_MINUTES_OF = gated(r"\bminutes?\s+of\s+(?:(?:the|this|that|a|an)\s+)?([a-z-]+)", re.IGNORECASE)


def _minutes_of_topic(text: str, start: int, view: SentenceView, st: _State) -> bool:
    """'Each 15 minutes of needling is one unit' in an article that said 20561 is dry needling; '8 to 22
    minutes of the treatment supports one unit': minutes of the topic code's service, by its word or by 'the treatment'."""
    match = _MINUTES_OF.search(text)
    if match is None:
        return False
    at = start + match.start(1)
    if any(c.start <= at < c.end for c in view.subject_anaphors):
        return True
    return _word_stem(match.group(1)) in st.head_words.get(st.topic, ())


_MISUSE = re.compile(r"\s*(?:using|billing|reporting|coding|submitting|charging|choosing|selecting|putting|treating|counting|"
                     r"classifying|listing|the\s+use\s+of)\b",
                     re.IGNORECASE)
_MISUSE_OPENING = re.compile(r"[\s,;:\u2014\"\u201c\u2018'-]*(?:[A-Z][\w ]{0,20}:\s*)?(?:(?:and|but|so|yet)\s+)?(?:(?:today|still|now|simply|just|\w+ly),?\s+)?(?:"
                             + _MISUSE.pattern.lstrip("\\s*") +
                             # "A sentence that calls G0283 a CPT code ... is wrong": what a text says, judged
                             r"|(?:a|an|any|every|the)\s+(?:sentence|article|post|claim|source|writer|blog|page|"
                             r"statement|guide|website|site|template|form|list|fee\s+schedule)s?"
                             r"(?:\s+or\s+[\w-]+)?\s+(?:that|which|who)\s+(?:still\s+)?\w+)", re.IGNORECASE)
_ANSWER_NO = re.compile(r"\s*(?:no|nope)\s*[,.;:!\u2014-]", re.IGNORECASE)
_TIMED = "timed"          # the attribute (reference/attributes.yaml) a count of units implies
_UNTIMED = "untimed"      # ... and one unit an occasion
_PER_OCCASION = re.compile(r"\s+(?:per|each|a|for\s+the|for\s+each)\s+(?:date\s+of\s+service|day|visit|session|encounter|"
                           r"treatment\s+day|calendar\s+day)\b", re.IGNORECASE)
_POINTING = gated(r"\b(?:this|these|that|those|such)\s+(?:[a-z-]+\s+)?([a-z-]{4,})\b", re.IGNORECASE)


@lru_cache(maxsize=1 << 16)     # Snowball is slow and the same few head words come back in every article
def _word_stem(word: str) -> str:
    """'strokes' -> 'stroke', 'walking' -> 'walk': a head word compared across its forms."""
    return stem(base_norm(word))


def _field_label(sentence: Sentence, view: SentenceView) -> bool:
    """A list item that opens with a field name and a colon ('Service: ...', 'Billing unit: ...')."""
    return any(c.start == sentence.start and sentence.text[c.end - c.start:].lstrip().startswith(":")
               for c in view.field_labels)


def _framing(view: SentenceView, st: _State, position: int, section: bool = True) -> Optional[str]:
    """"A mistake is ..." frames its clause; under "Common Mistakes" a sentence that opens with the misuse ("Using
    98941 for spinal adjustments") names a mistake, and so does a contrast there. The other sentences of such a
    section are the writer's own statements ("the payer may question whether the therapeutic exercise billed
    under 97124 took place"), as is the reason a sentence opens with."""
    text, base = view.s.text, view.s.start
    if st.fact_block:
        return None                       # "MYTH 3: ... // FACT: 97036 is the Hubbard tank ...": asserted
    if _ASIDE.search(text, 0, position - base):
        return None                       # "Using the old 97002 code, which was deleted in 2017": the writer's aside
    cue = next((m for m in view.mistakes if m.end <= position and view.segment(m.start) == view.segment(position)), None)
    if cue is not None:
        if _FORGETTING_THAT.search(text, cue.end - base, position - base):
            return None                   # "a common mistake is forgetting that the code is reported per 15 minutes"
        return "cue"
    refuted = _PRACTICE_REFUTED.search(text)
    if refuted and refuted.start() <= position - base < refuted.start("which"):
        # "Some clinics bill 97530 once per visit ..., which ignores the time-based nature of the code"
        return "cue"
    judged = next((m for m in _PRACTICE_JUDGED.finditer(text) if m.start("body") <= position - base < m.end("body")), None)
    if judged is not None:
        # "Clinics that bill a single unit regardless of how long the massage lasted are leaving money on the table"
        return "cue"
    verdict = _MISTAKE_AFTER.match(text, position - base)
    if verdict and (view.clause(base + verdict.start(1)) == view.clause(position)
                    or _MISUSE.match(text) and ";" not in text[:verdict.start(1)]):
        # "A six-minute application billed as a unit ... are the classic errors"; "Billing three units of
        # 97164 because the re-evaluation ran long is a common error": the gerund is the subject
        return "cue"
    if _judged_misuse(view, position):
        return "cue"
    reason = view.opening_reason is not None and position < view.opening_reason
    if not st.framed_section or reason or not section:
        return None
    if st.framed_by_title and view.s.block_kind == "paragraph":
        return None                       # "11 Billing Mistakes" as a title: its introduction is no mistake
    if st.numbered_mistake and view.s.block_kind == "paragraph" and not _MISUSE.match(text):
        return None                       # "Mistake #10: ... // When no code fits, use 97039": the explanation
    if view.contrast_of(position) is not None:
        return "section"                  # "Reporting group sessions here instead of under 97150, the group code"
    # "Common Mistakes // - Using 98941 for spinal adjustments": the item names the misuse itself; what follows
    # it ("- Billing G0283 during a timed block — unattended modalities are not separately timed") explains it
    if _MISUSE.match(text):
        explained = _EXPLANATION.search(text)
        if explained and position - base >= explained.end():
            return None
        return "cue" if view.segment(position) == view.segment(view.s.start) else None
    return None                           # a declarative sentence under the heading: asserted


# what the mistake forgets or ignores is the truth: "forgetting that the code is reported per 15 minutes"
_FORGETTING_THAT = re.compile(r"\b(?:forget(?:ting|s)?|ignor(?:ing|es)|overlook(?:ing|s)?|not\s+realizing|not\s+knowing|"
                              r"fail(?:ing|s)?\s+to\s+(?:note|notice|remember|realize))\s+that\b", re.IGNORECASE)
# a practice others follow, judged wrong in a relative clause after it
_PRACTICE_REFUTED = re.compile(r"\b(?:some|many|a\s+few|other|too\s+many)\s+(?:clinics|providers|practices|therapists|"
                               r"billers|coders|offices|facilities)\b[^.;]*?(?P<which>,\s*which\s+(?:ignores|overlooks|misses|"
                               r"violates|contradicts|defeats|is\s+(?:wrong|incorrect|a\s+mistake|an\s+error|not\s+allowed|"
                               r"not\s+correct|a\s+common\s+error)))", re.IGNORECASE)


# what the people who follow a practice are doing, judged: "those that bill four units for 45 minutes are overbilling"
_PRACTICE_JUDGED = re.compile(r"\b(?:clinics|providers|practices|therapists|billers|coders|offices|facilities|those|anyone|"
                              r"people|teams|clinicians)\s+(?:that|who)\b(?P<body>[^.;]*?)\s(?:are|is|will\s+be|end\s+up)\s+"
                              r"(?:(?:simply|just|probably|likely|actually)\s+)?(?:over-?billing|under-?billing|over-?coding|"
                              r"under-?coding|upcoding|downcoding|leaving\s+money\s+on\s+the\s+table|losing\s+(?:money|revenue)|"
                              r"wrong|in\s+error|making\s+(?:a|an)\s+(?:mistake|error)|asking\s+for\s+(?:a\s+)?(?:denials?|trouble|"
                              r"an\s+audit)|inviting\s+(?:denials?|an\s+audit)|at\s+risk)\b", re.IGNORECASE)


# after the misuse a dash, a semicolon or a colon opens the writer's explanation of it
_EXPLANATION = re.compile(r"\s[\u2014\u2013-]\s|\u2014|;|:\s")


def _labels_code(sentence: Sentence, concept: ConceptMention, grammar: Grammar) -> bool:
    """'Billing the deleted code 97002 instead of 97164': 'deleted' names the code, it is not the misuse."""
    if grammar.kinds.get(concept.concept) != "status":
        return False
    rest = sentence.text[concept.end - sentence.start:]
    return re.match(r"\s*(?:(?:cpt|hcpcs)\s+)?(?:codes?\s+)?(?:[A-Z]\d{4}|\d{4}[0-9A-Z])\b", rest) is not None


def _judged_misuse(view: SentenceView, position: int) -> bool:
    """"..., and using 97799 for the service is no longer appropriate": the clause opens with using (billing,
    reporting ...) a code for a service and judges it wrong."""
    clause = view.clause(position)
    if not any(v.start > position and view.clause(v.start) == clause for v in view.misuse_verdicts):
        return False
    opening = max((p for p in view.soft if p < position), default=view.s.start)
    head = view.s.text[opening - view.s.start:position - view.s.start]
    if _MISUSE_OPENING.match(head) is not None:
        return True
    # 'the APTA stated: "the use of CPT code 97140 for dry needling should not be utilized"': a quoted clause
    quoted = _QUOTE_OPENS.search(head)
    return quoted is not None and _MISUSE_OPENING.match(head, quoted.end()) is not None


def _any_duration_claims(sentence: Sentence, view: SentenceView, st: _State, grammar: Grammar,
                         claims: list[Claim]) -> list[Claim]:
    """'You report one unit for the session whether the stimulation lasted 8 minutes or 25 minutes': the same
    units however long it lasts says the code is untimed; said of the sentence's code, else of the code under
    discussion when the sentence names no other service."""
    spans = any_duration_spans(sentence.text) if "min" in sentence.text.lower() else []
    if not spans:
        return []
    code = _subject_code(sentence, view)
    if code is None and (sentence.codes or not st.topic or not all(
            grammar.fits(st.topic, c.concept) or c.concept in st.believed.get(st.topic, ())
            for c in sentence.concepts if c.concept not in grammar.kinds)):
        return []
    code = code or st.topic
    if any(c.code == code and c.kind == "timing" for c in claims):
        return []                         # "billed once per visit regardless of ..." said it already
    start, end = spans[0]
    start, end = sentence.start + start, sentence.start + end
    return [Claim(code=code, kind="timing", value=_UNTIMED, sentence=sentence,
                  evidence=Span_(start, end, sentence.text[start - sentence.start:end - sentence.start]),
                  via="explicit" if sentence.codes else "service", framed=_framing(view, st, start),
                  polarity=not any(view.clause(n.start) == view.clause(start) and n.end <= start for n in view.negations))]


def _unit_count_claims(sentence: Sentence, view: SentenceView, st: _State, grammar: Grammar) -> list[Claim]:
    """'bill two units of 97012': more than one unit of a code says it is counted in time units (timed);
    an add-on counted by area ('two units of 97598') says nothing about time."""
    out = []
    for m in sentence.codes:
        before = sentence.text[max(0, m.start - sentence.start - 40):m.start - sentence.start]
        found = units_before(before)
        after = units_after(sentence.text, m.end - sentence.start) if found is None else None
        if after is not None and after[0] >= 2 and not m.in_range and grammar.counted_in_units(m.code):
            # "we would have billed 97022 x 2", "billed with 97150 at three units": counted in time units
            start = m.start
            end = sentence.start + after[1]
            out.append(Claim(code=m.code, kind="timing", value=_TIMED, sentence=sentence,
                             evidence=Span_(start, end, sentence.text[start - sentence.start:after[1]]), via="explicit",
                             framed=_framing(view, st, start),
                             polarity=not any(n.end <= m.start and view.clause(n.start) == view.clause(m.start)
                                              for n in view.negations)))
            continue
        if found is not None and found[0] == 1 and not m.in_range:
            per = _PER_OCCASION.match(sentence.text, m.end - sentence.start) \
                if grammar.once_an_occasion_is_checkable(m.code) else None
            if per:
                # "Bill one unit of 97032 per date of service": one unit an occasion is untimed
                phrase = before[found[1]:] + sentence.text[m.start - sentence.start:m.end - sentence.start + per.end()]
                start = m.start - len(before) + found[1]
                out.append(Claim(code=m.code, kind="timing", value=_UNTIMED, sentence=sentence,
                                 evidence=Span_(start, start + len(phrase), phrase), via="explicit",
                                 framed=_framing(view, st, start),
                                 polarity=not any(n.end <= m.start and view.clause(n.start) == view.clause(m.start)
                                                  for n in view.negations)))
            continue
        if found is None or found[0] < 2 or m.in_range or not grammar.counted_in_units(m.code):
            continue
        phrase = before[found[1]:] + m.text
        start = m.start - len(phrase) + len(m.text)
        out.append(Claim(code=m.code, kind="timing", value=_TIMED, sentence=sentence,
                         evidence=Span_(start, m.end, phrase), via="explicit", framed=_framing(view, st, start),
                         polarity=not any(n.end <= m.start and view.clause(n.start) == view.clause(m.start)
                                          for n in view.negations)))
    return out


def _evidence_span(start: int, statement) -> Span_:
    return Span_(start, start + len(statement.text), statement.text)


_THEY = re.compile(r"\s*(?:they|both)\b", re.IGNORECASE)
_SINCE_EVENT = re.compile(r"\b(?:since|after|when|before)\s+(?:the\s+|its\s+|their\s+|our\s+)?[a-z][\w-]*(?:\s+[a-z][\w-]*)?\s+"
                          r"(?:was\s+|were\s+)?[a-z]+ed\s+(?:in\s+|on\s+)?$", re.IGNORECASE)


def _year_claims(sentence: Sentence, view: SentenceView) -> list[Claim]:
    """'In 2015, clinics billed 97161': a dated use of a code, checked against the year it took effect."""
    if not sentence.codes or view.historical or view.negations:
        return []                                 # "before 2017", "was replaced in 2017", "cannot carry it"
    out = []
    for m in _YEAR.finditer(sentence.text):
        if _SINCE_EVENT.search(sentence.text, 0, m.start()):
            continue                              # "since the program launched in 2022": another thing's date
        start = sentence.start + m.start()
        for code in dict.fromkeys(c.code for c in sentence.codes if not c.in_range
                                  and view.contrast_of(c.start) is None and view.clause(c.start) == view.clause(start)):
            out.append(Claim(code=code, kind="status", value=f"year:{m.group(1)}", sentence=sentence,
                             evidence=Span_(start, sentence.start + m.end(), m.group(0))))
    return out


_ANY_YEAR = gated(r"\b(?:19|20)\d\d\b")
# the verb after a service that opens a sentence about when its code came: "Manual therapy has been ...",
# "Gait training was added ..."
_INTRODUCED_SUBJECT_VERB = re.compile(r"\s+(?:code\s+)?(?:has|have|was|were|got|took|came|arrived|became|dates?)\b", re.IGNORECASE)
_INTRODUCED = gated(r"\b(?:(?:was|were|got|been)\s+(?:first\s+|only\s+)?(?:introduced|added|created|launched|released|"
                         r"implemented|established|adopted)(?:\s+(?:to|in|into)\s+(?:the\s+)?(?:cpt|code\s+set|cpt\s+code\s+set|"
                         r"cpt\s+manual))?|(?:took|take)\s+effect|became\s+(?:effective|active|available)|"
                         r"(?:was|were|became)\s+(?:first\s+)?(?:payable|reportable)|went\s+live|"
                         r"(?:is|are|was|were)\s+new|came\s+into\s+(?:use|effect)|debuted|became\s+billable|"
                         # "The management codes came a year later, in 2023"
                         r"(?:came|arrived|appeared)(?:\s+in\b)?(?:\s+(?!in\b|on\b)[\w-]+){0,5}?,?|"
                         # "97140 has been in CPT since 2005", "has existed since 2020", "dates back to 1999"
                         r"(?:has|have)\s+(?:been\s+(?:in\s+(?:cpt|use|the\s+code\s+set|effect|the\s+cpt\s+(?:book|manual|code\s+set))|"
                         r"part\s+of\s+(?:the\s+)?cpt(?:\s+(?:book|manual|code\s+set))?|around|available|active|valid)|"
                         r"existed)|dates?\s+(?:back\s+)?)\s+(?:(?:in|on|for|as\s+of|since|to)\s+)?"
                         # "took effect January 1, 2019": the month may follow the verb directly
                         r"(?:(?:january|jan\.?)\s+(?:1(?:st)?,?\s+)?|1\s+january\s+)?((?:19|20)\d\d)\b", re.IGNORECASE)


# "97001 was deleted in 2017", and the participle of a list entry or an appositive: "97763, deleted in 2018",
# "97762 - checkout for established patients - deleted January 1, 2019", "(deleted on 1/1/2017)"
_DELETED_IN = gated(r"(?:\b(?:was|were|been|got)\s+|(?<=[,(\u2013\u2014-])\s*|(?<=[,(\u2013\u2014-]\s))"
                    r"(?:officially\s+|formally\s+)?(?:deleted|retired|removed|eliminated|"
                    r"discontinued|dropped|terminated)(?:\s+from\s+(?:the\s+)?(?:code\s+set|cpt))?\s+(?:(?:in|on|for|as\s+of|"
                    r"effective|at\s+the\s+(?:start|beginning)\s+of|(at\s+the\s+end\s+of))\s+)?"
                    r"(?:(?:january|jan\.?)\s+(?:1(?:st)?,?\s+)?|1\s+january\s+|0?1/0?1/)?((?:19|20)\d\d)\b", re.IGNORECASE)


_RELATIVE_CODE_FOR = re.compile(r"\b((?:[A-Z]\d{4}|\d{4}[0-9A-Z]))(?:\s+(?:here|instead|too|for\s+this|for\s+it))?\s*,\s*"
                                r"(?:which|that)\s+(?:is|was)\s+(?:really\s+|actually\s+|simply\s+)?(?:the|a|an)\s+"
                                r"(?:[\w-]+\s+){0,2}?code\s+(?:for|used\s+for|that\s+(?:covers|describes)|describing|covering)\s+"
                                r"(?:the\s+|a\s+|an\s+)?$")
_WHICH_AFTER = re.compile(r"\s*,\s*(?:which|that)\b", re.IGNORECASE)


def _range_starts(sentence: Sentence) -> set[int]:
    """Where the ranges of a sentence begin ("97161-97163 and 97165-97167": 97161 and 97165)."""
    return {m.start for m in [m for m in sentence.codes if m.in_range][::2]}


def _year_denied(view: SentenceView, start: int, end: int) -> bool:
    """A negation of a dated statement stands in its clause before its year ("was not introduced until 2020"), not
    after it ("went live in 2019, after years in which there was no code")."""
    return any(view.clause(n.start) == view.clause(start) and n.start < end for n in view.negations)


def _introduced_claims(sentence: Sentence, view: SentenceView, st: _State, pronoun_ok: bool,
                       grammar: Grammar) -> list[Claim]:
    """'The code was introduced in 2018', '97140 took effect in 2015': the year a code took effect; '97001 was
    deleted in 2019': the year it was deleted."""
    if not _ANY_YEAR.search(sentence.text):
        return []
    out = []
    for m in _DELETED_IN.finditer(sentence.text):
        start = sentence.start + m.start()
        year = int(m.group(2)) + (1 if m.group(1) else 0)     # "at the end of 2016": deleted for 2017
        before = [c for c in sentence.codes if not c.in_range and view.contrast_of(c.start) is None
                  and view.clause(c.start) == view.clause(start) and c.start < start]
        nearest = [c for c in sentence.codes if c.start < start][-1:]
        if not m.group(0)[:1].isalpha() and nearest and nearest[0] not in before:
            continue                      # "a code like 97001, deleted in 2017": the participle is the nearest code's
        # "The older codes 97532 and 97127 were retired in 2020": the last code and those joined to it
        chain = before[-1:]
        while chain and len(chain) < len(before) and _COORDINATION.fullmatch(
                sentence.text, before[-len(chain) - 1].end - sentence.start, chain[0].start - sentence.start):
            chain.insert(0, before[-len(chain) - 1])
        codes = [c.code for c in chain]
        # (codes after it, "... and subsequent encounters now go to 97763", are what comes next, not its subject)
        if not codes and not [c for c in sentence.codes if c.start < start] and m.group(0)[:1].isalpha():
            plural = grammar.plural_anaphor.search(sentence.text) if grammar.plural_anaphor else None
            if len(st.prev_codes) > 1 and (plural or _THEY.match(sentence.text)):
                codes = st.prev_codes             # "Both codes were retired on January 1, 2018"
            elif (view.anaphors or view.pronouns) and len([c for c in st.prev_codes if grammar.deleted_in(c)]) == 1:
                # "... the old checkout code 97762. It was deleted on January 1, 2020": the deleted code just named
                codes = [c for c in st.prev_codes if grammar.deleted_in(c)]
            elif st.topic and (view.anaphors or (pronoun_ok and view.pronouns)):
                codes = [st.topic]                # "It was deleted on January 1, 2018"
        for code in dict.fromkeys(codes):
            out.append(Claim(code=code, kind="status", value=f"deleted_in:{year}", sentence=sentence,
                             evidence=Span_(start, sentence.start + m.end(), m.group(0)),
                             polarity=not _year_denied(view, start, sentence.start + m.end())))
    for m in _INTRODUCED.finditer(sentence.text):
        start = sentence.start + m.start()
        # "The RTM codes 98975-98981 were introduced in 2020": a range came in with its first code
        starts = _range_starts(sentence)
        codes = [c.code for c in sentence.codes if view.contrast_of(c.start) is None
                 and view.clause(c.start) == view.clause(start) and c.start < start
                 and (not c.in_range or c.start in starts)]
        if not codes:
            # "encounters use 97763, which took effect in 2018": the code the relative clause hangs from
            codes = [c.code for c in sentence.codes if c.start < start and not c.in_range
                     and _WHICH_AFTER.match(sentence.text, c.end - sentence.start)
                     and view.clause(c.start) + 1 == view.clause(start)][-1:]
        if not codes and not sentence.codes:
            described = _described_subject(sentence, view, grammar)
            if described is not None and described[1] < start:
                # "The acupuncture codes were introduced in 2005": a family came with its first codes
                codes = grammar.first_of_family(described[0])
            opening = _opening_service(sentence, view, grammar, _INTRODUCED_SUBJECT_VERB) if not codes else None
            family = grammar.family_of(opening.concept) if opening is not None and opening.end <= start else []
            if len(family) == 1:
                codes = family                # "Manual therapy has been in the CPT book since 2005": its one code
        plural = grammar.plural_anaphor.search(sentence.text) if grammar.plural_anaphor else None
        if not codes and not sentence.codes and len(st.prev_codes) > 1 and (plural or _THEY.match(sentence.text)):
            codes = st.prev_codes                 # "These codes took effect January 1, 2019"
        elif not codes and not sentence.codes and st.section_topic and _THE_N_CODES.match(sentence.text):
            # "When did the dry needling codes arrive? // The two codes took effect on January 1, 2019": the family
            # of the code the section is about
            numbered = _THE_N_CODES.match(sentence.text)
            size = _COUNT_WORDS.get((numbered.group(1) or numbered.group(0).split()[0]).lower())   # "Both codes": 2
            codes = grammar.family_around(st.section_topic, size)
        elif not codes and st.topic and not sentence.codes and (view.anaphors or (pronoun_ok and view.pronouns)):
            codes = [st.topic]
        for code in dict.fromkeys(codes):
            out.append(Claim(code=code, kind="status", value=f"added:{m.group(1)}", sentence=sentence,
                             evidence=Span_(start, sentence.start + m.end(), m.group(0)),
                             polarity=not _year_denied(view, start, sentence.start + m.end())))
    return out


_TIMED_TOTAL = re.compile(r"\b(?P<way>into|to|toward|towards|in|out\s+of|from)\s+(?:the\s+|your\s+|their\s+|our\s+|a\s+)?"
                          r"(?:other\s+)?(?:day['’]s\s+|visit['’]s\s+)?(?:(?:total\s+)?timed(?:[- ]minutes?|[- ]code)?\s*"
                          r"(?:treatment\s+|therapy\s+)?"
                          r"(?:minutes?|total|count|tally|pool)|(?:8|eight)[- ]minute(?:[- ]rule)?\s+(?:totals?|counts?|"
                          r"calculations?|math|tally))\b", re.IGNORECASE)
_LEFT_UNDONE = re.compile(r"\s*(?:forgetting|failing|neglecting|omitting)\s+to\b", re.IGNORECASE)
_OBJECT_IT = re.compile(r"\b(?:on|under|with|for|of)\s+it\b")
_MINUTES_WORD = gated(r"\bminutes?\b|\btime\s+spent\b", re.IGNORECASE)


def _timed_total_claims(sentence: Sentence, view: SentenceView, st: _State, grammar: Grammar,
                        pronoun_ok: bool) -> list[Claim]:
    """'Add the whirlpool minutes to the total timed minutes', 'keep the stimulation minutes out of your
    timed total', 'the minutes on the hot pack (97010) go into the timed total': whether a service's
    minutes count toward the timed total says whether its code is timed."""
    lower = sentence.text.lower()
    if "timed" not in lower and "minute rule" not in lower:
        return []
    out = []
    for m in _TIMED_TOTAL.finditer(sentence.text):
        start = sentence.start + m.start()
        if not _MINUTES_WORD.search(sentence.text[:m.start()]):
            continue                              # "bill it in the timed total" says nothing of its minutes
        timed = m.group("way").lower() not in ("out of", "from")
        codes = [c.code for c in sentence.codes if c.start < start and not c.in_range and view.contrast_of(c.start) is None
                 and view.clause(c.start) == view.clause(start)]
        via = "explicit"
        if not codes and st.topic and not sentence.codes:
            clause = view.clause_text(start).lower()
            words = {_word_stem(w.group(0)) for w in _WORD.finditer(clause)}
            if words & set(st.head_words.get(st.topic, ())) or any(
                    view.clause(c.start) == view.clause(start) and (grammar.identifies(st.topic, c.concept)
                                                                   or c.concept in st.believed.get(st.topic, ()))
                    for c in sentence.concepts) or (pronoun_ok and view.pronouns) or _OBJECT_IT.search(clause):
                codes, via = [st.topic], "service"      # "the minutes you spend under it are added to ..."
        negated = any(view.clause(n.start) == view.clause(start) and n.end <= start for n in view.negations)
        if _LEFT_UNDONE.match(sentence.text):
            negated = not negated                 # "Forgetting to add whirlpool minutes to the timed total"
        for code in dict.fromkeys(codes):
            out.append(Claim(code=code, kind="timing", value=_TIMED if timed else _UNTIMED, sentence=sentence,
                             evidence=Span_(start, sentence.start + m.end(), m.group(0)), via=via,
                             polarity=not negated, framed=_framing(view, st, start)))
    return out


_PREFIX = r"(?:(?:cpt|hcpcs)\s+)?(?:code\s+)?"
_REPLACED = [
    # "97167 replaced 97004": (new, old)
    # ("97168 replaced the old OT evaluation code 97003": up to four words naming the old code)
    re.compile(r"\b" + _PREFIX + r"(?P<new>(?:[A-Z]\d{4}|\d{4}[0-9A-Z]))\s+(?:has\s+)?(?:replaced|replaces|superseded|supersedes|"
               r"took\s+the\s+place\s+of)\s+(?:the\s+(?:old|older|former|deleted)\s+(?:(?!(?:and|or|but)\b)[A-Za-z/-]+\s+){0,4}?)?"
               + _PREFIX + r"(?P<old>(?:[A-Z]\d{4}|\d{4}[0-9A-Z]))\b", re.IGNORECASE),
    # "97004 was replaced by 97168", "97002 (PT re-evaluation) was replaced by 97163", "97532 was deleted and replaced by"
    re.compile(r"\b" + _PREFIX + r"(?P<old>(?:[A-Z]\d{4}|\d{4}[0-9A-Z]))(?:\s*\([^()]{1,40}\))?\s+(?:was|were|has\s+been|is|got)\s+"
               r"(?:\w+ly\s+)?(?:(?:deleted|retired|removed)\s+and\s+)?(?:replaced|superseded)"
               r"\s+(?:by|with)\s+" + _PREFIX + r"(?P<new>(?:[A-Z]\d{4}|\d{4}[0-9A-Z]))\b", re.IGNORECASE),
    # "97164 is the re-evaluation, and it replaced the old 97004"
    re.compile(r"\b" + _PREFIX + r"(?P<new>(?:[A-Z]\d{4}|\d{4}[0-9A-Z]))\b[^.;]{0,60}?,?\s+and\s+it\s+(?:has\s+)?(?:replaced|replaces|superseded)\s+"
               r"(?:the\s+(?:old|older|former|deleted)\s+)?" + _PREFIX + r"(?P<old>(?:[A-Z]\d{4}|\d{4}[0-9A-Z]))\b", re.IGNORECASE),
    # "97002 gave way to 97168"
    re.compile(r"\b" + _PREFIX + r"(?P<old>(?:[A-Z]\d{4}|\d{4}[0-9A-Z])),?\s+(?:gave\s+way\s+to|made\s+way\s+for|was\s+succeeded\s+by)\s+"
               + _PREFIX + r"(?P<new>(?:[A-Z]\d{4}|\d{4}[0-9A-Z]))\b", re.IGNORECASE),
]


# "CPT code G0283", "the CPT code g0283 vs 97014": a HCPCS Level II code labelled as a CPT code (not "CPT/HCPCS
# code G0283", "HCPCS and CPT code G0283")
_CPT_LABEL = re.compile(r"(?<![/&])(?<!hcpcs\s)(?<!hcpcs\sand\s)(?<!hcpcs\sor\s)\bcpt(?:[- ]4)?\s+(?:code\s+)?$", re.IGNORECASE)


def _labelled_system_claims(sentence: Sentence, grammar: Grammar) -> list[Claim]:
    out = []
    if "cpt" not in sentence.text.lower():
        return out
    for m in sentence.codes:
        label = _CPT_LABEL.search(sentence.text, 0, m.start - sentence.start) \
            if grammar.system_of(m.code) not in (None, "cpt") else None
        if label is not None:
            out.append(Claim(code=m.code, kind="section", value="system_cpt", sentence=sentence,
                             evidence=Span_(sentence.start + label.start(), m.end, sentence.text[label.start():m.end - sentence.start])))
    return out


def _replacement_claims(sentence: Sentence, view: SentenceView) -> list[Claim]:
    """'97167 replaced 97004', '97004 was replaced by 97168': checked against the old code's replacements."""
    lower = sentence.text.lower()
    if "replac" not in lower and "supersed" not in lower and "way" not in lower and "succeed" not in lower:
        return []
    out = []
    for pattern in _REPLACED:
        for m in pattern.finditer(sentence.text):
            start = sentence.start + m.start()
            negated = any(view.clause(n.start) == view.clause(start) and n.start < sentence.start + m.end()
                          for n in view.negations)
            evidence = Span_(start, sentence.start + m.end(), m.group(0))
            out.append(Claim(code=m.group("new"), kind="status", value=f"replaces:{m.group('old')}", sentence=sentence,
                             evidence=evidence, polarity=not negated))
            # and of the old code: "97003 was replaced by 97168" is wrong about 97003 too
            out.append(Claim(code=m.group("old"), kind="status", value=f"replaced_by:{m.group('new')}",
                             sentence=sentence, evidence=evidence, polarity=not negated))
    return out


def _coordinated(sentence: Sentence, code: str, anchor: Optional[int], view: SentenceView, grammar: Grammar,
                 labelled_lists: bool = False, lead_property: bool = False, serial_ok: bool = False) -> list[str]:
    """'97014 and G0283 are untimed': the codes joined to the bound one by 'and', 'or' or commas."""
    scope = view.contrast_of(anchor) if anchor is not None else None
    # "Unlike 97110, 97530 ...": a comma at the edge of a contrast joins nothing
    mentions = [m for m in sentence.codes if view.contrast_of(m.start) is scope]
    index = next((i for i, m in enumerate(mentions) if m.start == anchor), None)
    if index is None:
        return [code]
    if mentions[index].in_range:
        # a property of a family: both ends of the range ("97010 through 97028")
        ends = [m for m in mentions if m.in_range and (m is mentions[index] or _RANGE_JOIN.fullmatch(
            sentence.text[min(m.end, mentions[index].end) - sentence.start:max(m.start, mentions[index].start) - sentence.start]))]
        return list(dict.fromkeys(m.code for m in ends))
    text, base = sentence.text, sentence.start
    # "therapeutic exercise (97110), group sessions (97150) and manual therapy (97140) visits are billed ...":
    # codes that label the nouns of one list, when a property is said after the list
    labelled = lambda a, b: labelled_lists and _PAREN_ITEMS.fullmatch(text[a.end - base:b.start - base]) is not None \
        and not grammar.verb_in(text[a.end - base:b.start - base])  # noqa: E731
    # "the first two hours are 97545, and 97546 is for each hour after": a code that opens its own clause is
    # not joined to the one before
    # "Untimed services include 97010 (hot packs), 97014 (e-stim) and 97116 (gait)": a property said before a
    # list whose codes carry their own labels, each label free of a verb and of a property of that kind
    glossed = lambda a, b: lead_property and _GLOSSED_ITEMS.fullmatch(text[a.end - base:b.start - base]) is not None \
        and not grammar.verb_in(text[a.end - base:b.start - base]) \
        and not any(a.end <= c.start < b.start and c.concept in grammar.kinds for c in sentence.concepts)  # noqa: E731
    gap = lambda a, b: text[a.end - base:b.start - base]  # noqa: E731
    # "97110, 97112, and 97116 are timed": the serial comma ends a list of codes, it opens no clause
    serial = lambda a: serial_ok and any(m.end <= a.start and _BARE_COMMA.fullmatch(gap(m, a)) for m in mentions)  # noqa: E731
    joined = lambda a, b: labelled(a, b) or glossed(a, b) or _COORDINATION.fullmatch(text[a.end - base:b.start - base]) is not None \
        and not (_CLAUSE_AND.match(text, a.end - base) and view.clause(a.start) != view.clause(b.start)
                 and not (serial(a) and not _SINGULAR_VERB.match(text, b.end - base)))  # noqa: E731
    first = last = index
    while first > 0 and joined(mentions[first - 1], mentions[first]):
        # "its own three levels, 97165, 97166 and 97167, and 97168 for re-evaluation": an ', and' after a list
        # that already closed with 'and' starts a new item
        if _CLAUSE_AND.match(gap(mentions[first - 1], mentions[first])) and first >= 2 \
                and _AND_OR.search(gap(mentions[first - 2], mentions[first - 1])):
            break
        first -= 1
    while last + 1 < len(mentions) and joined(mentions[last], mentions[last + 1]):
        last += 1
    group = [m for m in mentions[first:last + 1] if not m.in_range]
    return list(dict.fromkeys(m.code for m in group)) or [code]


def _fronted(view: SentenceView, concept: ConceptMention, code: CodeMention, text: str, base: int) -> bool:
    """'When it comes to therapeutic exercise, CPT code 97124 is the one to use': the clause the sentence opens
    with is about the code that opens the main clause."""
    breaks = [p for p in view.soft if concept.end <= p < code.start]
    return len(breaks) == 1 and text[breaks[0] - base] == "," \
        and _CODE_LEAD.fullmatch(text[breaks[0] - base + 1:code.start - base]) is not None


_COORDINATOR_GAP = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|and|or|&|/|\+)\s*", re.IGNORECASE)


def _respectively(sentence: Sentence, view: SentenceView, concept: ConceptMention, codes: list[str],
                  grammar: Grammar) -> list[str]:
    """'98984, 98985 and 98986 cover respiratory, musculoskeletal and CBT data': a list of codes and a list
    of alternatives of one kind, in the same clause, pair up in order rather than all with all."""
    if concept.concept not in grammar.kinds and _RESPECTIVELY.search(sentence.text):
        # "Codes 97760 and 97761 are used for orthotic and prosthetic training, respectively": the lists pair
        # up from their ends when the services are fewer ("orthotic and prosthetic training" names one)
        services = [c for c in sentence.concepts if c.concept not in grammar.kinds
                    and view.clause(c.start) == view.clause(concept.start)]
        if concept in services and len(services) <= len(codes):
            at = len(codes) - len(services) + services.index(concept)
            return [codes[at]] if at >= 0 else []
    if concept.concept not in grammar.kinds:
        # "Whirlpool and Paraffin Billing FAQ: CPT 97022 and 97018", "hot packs and ice (97010, 97010)": as many
        # coordinated services as coordinated codes, all on one side of them, pair up in order
        services = [c for c in sentence.concepts if c.concept not in grammar.kinds]
        positions = [m.start for m in sentence.codes if m.code in codes]
        text, base = sentence.text, sentence.start
        if 2 <= len(services) == len(codes) == len(positions) and concept in services \
                and (services[-1].end <= min(positions) or services[0].start >= max(positions)) \
                and all(_COORDINATOR_GAP.fullmatch(text, a.end - base, b.start - base)
                        for a, b in zip(services, services[1:])):
            return [codes[services.index(concept)]]
    group = grammar.group_of(concept.concept)
    if group is None:
        return codes
    series = [c for c in sentence.concepts if grammar.group_of(c.concept) == group
              and view.clause(c.start) == view.clause(concept.start)]
    if len(series) < 2 or concept not in series:
        return codes
    index = series.index(concept)
    return [codes[index]] if index < len(codes) else codes


def _subject_of_own_clause(text: str, at: int, grammar: Grammar) -> bool:
    """', new codes 98984, 98985 and 98986 cover 2 to 15 days': codes that open a clause of their own, with
    its own verb, take nothing from the words before the comma."""
    if grammar.any_verb is None:
        return False
    rest = _MORE_CODES.match(text, at)
    gap = _VERB_NEXT.match(text, rest.end() if rest else at)
    return gap is not None and grammar.any_verb.match(text, gap.end()) is not None


def _first_concept(sentence: Sentence) -> Optional[ConceptMention]:
    return sentence.concepts[0] if sentence.concepts else None


def _explicit(found: tuple[Optional[CodeMention], bool]) -> tuple[Optional[str], str, Optional[int]]:
    """(code, 'explicit' or 'attached' when written right against the words, position of the code)."""
    mention, attached = found
    return (mention.code, "attached" if attached else "explicit", mention.start) if mention else (None, "", None)


def _family_span(sentence: Sentence, m: CodeMention) -> int:
    """How many codes the range m is an end of spans (a large number when it is no plain numeric range)."""
    text, base = sentence.text, sentence.start
    for o in sentence.codes:
        if o is m or not o.in_range or not (o.code.isdigit() and m.code.isdigit()):
            continue
        a, b = (o, m) if o.end <= m.start else (m, o)
        if _RANGE_JOIN.fullmatch(text[a.end - base:b.start - base]):
            return abs(int(o.code) - int(m.code))
    return 10 ** 6


def _nearest(sentence: Sentence, concept: ConceptMention, candidates: list[CodeMention],
             view: SentenceView, grammar: Grammar) -> tuple[Optional[CodeMention], bool]:
    """The code a service is written next to: 'massage (97124)' first, then the nearest code before, then after."""
    text = sentence.text
    base = sentence.start
    chosen: Optional[CodeMention] = None
    # a range ("97161-97163") names a family: no one service to check, but a property the whole family
    # shares can be ("the supervised modalities, 97010 through 97028, are billed per 15 minutes")
    family_ok = grammar.kinds.get(concept.concept) in _FAMILY_KINDS
    status_ok = grammar.fields.get(concept.concept) == "status"      # deleted or current, the whole family
    usable = lambda m: m if (not m.in_range or family_ok or (status_ok and _family_span(sentence, m) <= _FAMILY_SPAN)) \
        else None  # noqa: E731
    later = [m for m in candidates if m.start >= concept.end]
    named = next((m for m in reversed(candidates) if m.end <= concept.start
                  and not text[m.end - base:concept.start - base].strip()), None)
    if named is not None and not _OPEN_PAREN_AHEAD.match(text, concept.end - base):
        return usable(named), True      # "98977 device supply with 98980 treatment management": the code's own noun
    # "the high-complexity evaluation is 97167": the words and the noun after them are one phrase
    head = next((c for c in sentence.concepts if 0 <= c.start - concept.end <= 1 and c.end > concept.end), None)
    phrase_end = head.end if head is not None else concept.end
    for m in later:
        between = text[phrase_end - base:m.start - base] if m.start >= phrase_end else text[concept.end - base:m.start - base]
        if _NOUN_THEN_PAREN.fullmatch(between):
            return usable(m), True      # "time-based acupuncture services (97810-97814)": the noun's label
        # "a re-evaluation code: 97169 for low complexity, 97170 ...": a colon opening a list attaches to none
        if grammar.adjacent_code.match(between) and not (between.strip().startswith(":") and len(later) > 1):
            return usable(m), True
        if _APPOSITION.match(between) and _APPOSITION_END.match(text, m.end - base):
            return usable(m), True      # "the cold pack, 97010, is listed once"
    clause = view.clause(concept.start)
    # "24 minutes of 97530 and a cold pack": a second item of a list, not a description of the code before it
    before = [m for m in candidates if m.end <= concept.start and concept.start - m.end <= _MAX_BACK]
    if before and _SIBLING.match(text[before[-1].end - base:concept.start - base]):
        before = []                           # the words open the next item of a list: no code before is theirs
    elif len(before) >= 2 and _COMMA_ITEMS.fullmatch(text[before[-2].end - base:before[-1].start - base]) \
            and _COMMA_ITEMS.fullmatch(text[before[-1].end - base:concept.start - base]) \
            and _ITEM_END.match(text, concept.end - base):
        before = []                           # "(97110, 97530, group, aquatics)": one more item of a list of topics
    after = [m for m in candidates if m.start >= concept.end and m.start - concept.end <= _MAX_AHEAD
             and (view.only_relatives_between(concept.end, m.start) or _fronted(view, concept, m, text, base))
             # "98940 CMT; Spinal, 1-2 regions, CPT Code 98941 ...": a labelled code after a comma opens the next item
             and not (_NEXT_ITEM.fullmatch(text, concept.end - base, m.start - base)
                      and any(b.end <= concept.start for b in sentence.codes))]
    for m in after:
        if _NOUN_BEFORE_CODE.search(text, concept.end - base, m.start - base) \
                and _subject_of_own_clause(text, m.end - base, grammar):
            # ", new codes 98984, 98985 and 98986 cover ...": that list of codes has a clause of its own
            chain = _MORE_CODES.match(text, m.end - base)
            stop = base + (chain.end() if chain else m.end - base)
            after = [a for a in after if not m.start <= a.start < stop]
            break
    same_before = [m for m in before if view.clause(m.start) == clause]
    hanging = [m for m in before if view.only_relatives_between(m.end, concept.start)]
    # the code of the service's own clause first, then the code a relative clause hangs from
    in_relative = bool(view.soft) and any(p in view.relatives and p < concept.start
                                          and view.clause(p + 1) == clause for p in view.soft)
    if in_relative and hanging and not same_before:
        chosen = hanging[-1]                  # "97166 for the OT evaluation, which is untimed, and two units of 97760"
    elif len(same_before) >= 2 and _PARTICIPLE.match(text, same_before[-1].end - base) \
            and same_before[0].start - base <= 25:
        chosen = same_before[0]               # "98981 is an add-on to 98980, covering each additional 20 minutes"
    else:
        chosen = same_before[-1] if same_before else after[0] if after else hanging[-1] if hanging else None
    if chosen is not None and not same_before and not grammar.fits(chosen.code, concept.concept):
        # the words come before the codes, or hang from one: of several codes in one clause, the code the
        # words fit is the one meant (never when a code is the subject before them: "98977 is used for
        # respiratory devices" is a claim, and often a wrong one)
        # ("a 97162 evaluation followed by exercise is billed as one unit of 97162 and one unit of 97110")
        # never a code the sentence sets against the words ("reported with 97024, the diathermy code,
        # not with 97035")
        same_clause = [m for m in before + after if view.clause(m.start) == view.clause(chosen.start)
                       and not m.in_range and m.code != chosen.code
                       and not any(n.end <= m.start and m.start - n.end <= 8 for n in view.negations)]
        chosen = next((m for m in same_clause if grammar.fits(m.code, concept.concept)), chosen)
    return (usable(chosen) if chosen is not None else None), False
