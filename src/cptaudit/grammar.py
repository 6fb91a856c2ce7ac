"""Sentence geometry for the linker: clause boundaries, contrast scopes, negation, built from reference/cues.yaml.

Everything here is grammar (how English marks clauses, contrast and negation); the words
themselves come from the cue lists, never from this file.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from typing import Iterator, Optional

from .gates import Gated, gated
from .model import CodeMention, ConceptMention, Cue, Sentence
from .reference import Reference
from .tiers import read_counts
from .words import NUMBER_WORDS, count_value, narrowing

TIGHT = 45          # characters spanned by a code, a negation and the negated words
TIGHT_WORDS = 5     # or at most this many words on either side of the negation
_CODE_LIST_TAIL = re.compile(r",?\s*(?:(?:and|or)\s+)?(?:cpt\s+|code\s+)*(?:[A-Z]\d{4}|\d{4}[0-9A-Z])\s*[,.;]", re.IGNORECASE)


_CODE_NEXT = re.compile(r"\s+(?:(?:cpt|hcpcs)\s+)?(?:code\s+)?(?:[A-Z]\d{4}|\d{4}[0-9A-Z])\b", re.IGNORECASE)
_ARTICLE_ONLY = re.compile(r"\s*(?:the\s+|a\s+|an\s+)?")
_SUBJECT_NEXT = re.compile(r"\s+(?:it|this\s+code|that\s+code|they)(?:'s|\u2019s|\s+is|\s+are|\s+gets|\s+has|\s+was)\b",
                           re.IGNORECASE)
_CHOSEN_CODE = re.compile(r"\s+(?:(?:you|we|they|providers?|clinicians?|therapists?|chiropractors?)\s+"
                          r"(?:should\s+|would\s+|will\s+|can\s+|must\s+|then\s+)?(?:bill|use|choose|select|report|pick|need)|"
                          r"(?:to|that\s+you)\s+(?:bill|use|choose|select|report)|depends)\b", re.IGNORECASE)
_ASSERTED_IF = re.compile(r"\s+(?:you|we)\s+(?:just\s+|only\s+)?(?:remember|recall|keep\s+in\s+mind|know|note|understand)\s+that\b",
                          re.IGNORECASE)
_INDEFINITE = re.compile(r"\s*(?:a|an)\s", re.IGNORECASE)
_ENDS_WITH_CODE = re.compile(r"\b(?:[A-Z]\d{4}|\d{4}[0-9A-Z])\)?\s*$")


class Grammar:
    """Regular expressions built once from the cue lists in reference/cues.yaml."""

    def system_of(self, code: str) -> Optional[str]:
        entry = self._codes.get(code)
        return entry.system if entry is not None else None

    def has_typical_time(self, code: str) -> bool:
        entry = self._codes.get(code)
        return entry is not None and entry.typical_minutes is not None

    def timed(self, code: str) -> bool:
        entry = self._codes.get(code)
        return entry is not None and entry.timed

    def first_of_family(self, codes) -> list[str]:
        """The codes of a family that came first (the later ones joined it): those with its earliest year."""
        years = {c: str(self._codes[c].added)[:4] for c in codes if c in self._codes and self._codes[c].added}
        if not years:
            return list(codes)
        first = min(years.values())
        return [c for c in codes if years.get(c) == first]

    def counted_by_the_rule(self, code: str) -> bool:
        """Is this code timed in the 8-minute rule's units (15 minutes), so the rule's arithmetic applies to it?"""
        entry = self._codes.get(code)
        return entry is not None and entry.timed and entry.active and entry.unit_minutes == self.rule_unit_minutes

    def counted_in_units(self, code: str) -> bool:
        """Is a count of units of this code a count of time units? Yes for timed codes and for codes billed
        once per occasion (where more than one unit says it is timed); no for add-ons counted by area."""
        entry = self._codes.get(code)
        return entry is not None and (entry.timed or entry.one_unit_per_occasion)

    def deleted_in(self, code: str) -> Optional[int]:
        """The year the code was deleted, if it was."""
        entry = self._codes.get(code)
        return entry.deleted if entry is not None and not entry.active else None

    def once_an_occasion_is_checkable(self, code: str) -> bool:
        """Can 'one unit of CODE per day' be checked? Yes for untimed codes and for timed codes billed in
        repeated units ('each 15 minutes'); no for first-block codes billed once a day though timed (97129)."""
        entry = self._codes.get(code)
        return entry is not None and (not entry.timed or (entry.unit or "").startswith("each"))

    def __init__(self, reference: Reference):
        self._codes = reference.codes
        self.rule_unit_minutes = (reference.unit_rule or {}).get("unit_minutes")
        self._reference = reference
        self._groups = {c.id: c.group for c in reference.concepts.values() if c.group}
        attach = [_alternation(reference.cues.get("attach_forward", []))]
        prepositions = _alternation(reference.cues.get("attach_preposition", []))
        if prepositions:
            attach.append(r"(?:[\w-]+\s+){0,3}(?:" + prepositions + ")")
        linking = "|".join(a for a in attach if a)
        tail = r"(?:the\s+)?(?:(?:cpt|hcpcs)\s*)?(?:code\s*)?(?:#\s*)?"
        # "therapeutic activities, reported as 97530": after a comma only a verb attaches, not a bare "with"
        passive = _alternation(sorted({p.split(" ", 1)[1] for p in reference.cues.get("attach_forward", [])
                                       if p.startswith(("is ", "are ")) and " " in p}))
        # "massage (97124)", "the exercise code, 97110", "massage is reported with 97124" (no comma before a verb)
        # a bare comma is no link: "about 30 minutes, 97166 about 45" lists two codes
        self.adjacent_code = re.compile(
            r"^['\"\u2019\u201d]?\s*(?:(?:(?:cpt|hcpcs)\s+)?codes?\s*,\s*" + tail + r"|[(:\-–—]\s*" + tail +
            r"|(?:\w+ly\s+)?(?:" + linking + r")\s+" + tail
            + (r"|,\s*(?:" + passive + r")\s+" + tail if passive else "") + "|" + tail + r")$", re.IGNORECASE)
        self.kinds = {a.id: a.kind for a in reference.attributes.values()}
        self.fields = {a.id: a.field for a in reference.attributes.values()}
        self._table_columns = reference.table_columns
        self.loose = {c.id for c in reference.concepts.values() if c.loose}
        # "the moderate-complexity PT evaluation": a service and a tier that together name one current code
        self._described: dict[tuple[str, str], list[str]] = {}
        self._described_loosely: dict[tuple[str, str], list[str]] = {}
        for attribute in reference.attributes.values():
            if attribute.kind != "complexity":
                continue
            for entry in reference.codes.values():
                if entry.active and getattr(entry, attribute.field, None) == attribute.value:
                    for service in entry.concepts:
                        self._described.setdefault((attribute.id, service), []).append(entry.code)
                    for service in entry.related:      # "a low-complexity evaluation": narrowed by discipline
                        self._described_loosely.setdefault((attribute.id, service), []).append(entry.code)
        # "PT: 97161 low, 97162 high, 97163 moderate", "97169 (AT, moderate)": a bare tier word right after a code
        # that has tiers is that code's complexity
        self._tier_words = {a.value: a.id for a in reference.attributes.values()
                            if a.kind == "complexity" and isinstance(a.value, str) and a.value.isalpha()}
        self._tiered = {e.code for e in reference.codes.values() if e.complexity}
        self.bare_tier = re.compile(r"\b(\d{4}[0-9A-Z])\s*(?:[-\u2013\u2014:=(,]\s*)?(?:(?:PT|OT|AT)\s*,\s*)?("
                                    + "|".join(sorted(self._tier_words)) + r")\b(?![- ]+(?:back|blood|pressure|cost|"
                                    r"priority|risk|volume|deductible|payer|pay|paying|reimburse))", re.IGNORECASE) \
            if self._tier_words else None
        # "an examination of one to three elements": a count an evaluation level is defined by (tiers.py)
        self.count_scales = reference.count_scales
        self._level_attribute: dict[str, str] = {}
        for a in reference.attributes.values():
            if a.field == "complexity":
                self._level_attribute.setdefault(a.value, a.id)
        self._off_scale = next((a.id for a in reference.attributes.values() if a.field == "complexity_count"), None)
        self.narrowing = narrowing(tuple(reference.cues.get("narrowing", ())))
        self.update_cycles = reference.update_cycles
        self.service_columns = frozenset(w.lower() for w in reference.cues.get("service_column", ()))
        # "97112 is for walking", "97035 is the stimulation code": a definition of the code in plain words
        self.keywords = {w: c.id for c in reference.concepts.values() for w in c.keywords}
        # a keyword as a whole word, or with a plural 's' or a kind-of ending ("exercise-based")
        self._keyword_word = re.compile(r"(?<![\w-])(" + "|".join(sorted(map(re.escape, self.keywords), key=len, reverse=True))
                                        + r")s?(?:-(?:based|focused|oriented|type|style|centered|centred))?(?![\w-])",
                                        re.IGNORECASE) if self.keywords else None
        # "GN is used under an occupational therapy plan of care": discipline and assistant modifiers, as written
        self.modifier_meanings = reference.modifier_meanings
        self.modifier_token = re.compile(r"(?<![\w/-])(" + "|".join(map(re.escape, self.modifier_meanings["modifiers"]))
                                         + r")(?![\w-])") if self.modifier_meanings else None
        frames = _alternation(reference.cues.get("definition_frame", []))
        self.definition = re.compile(r"\s*(?:,\s*)?(?:\w+ly\s+)?(?:" + frames + r")\b", re.IGNORECASE) \
            if frames and self.keywords else None
        self.label_definition = re.compile(r"\s*(?:is|are)\s+(?:the|a|an|our)\s+((?:[\w-]+\s+){1,2}?)code\b",
                                           re.IGNORECASE) if self.keywords else None
        verbal = [p for p in reference.cues.get("attach_forward", [])
                  if re.search(r"\b(?:billed|reported|coded|captured|listed|goes|go|falls?|belongs?)\b", p)]
        self.attached_before = re.compile(r"\b(?:" + _alternation(verbal) + r")\s+(?:the\s+)?(?:(?:cpt|hcpcs)\s*)?"
                                          r"(?:code\s*)?$", re.IGNORECASE) if verbal and self.keywords else None
        populations = _alternation(reference.cues.get("population_object", []))
        self.population = re.compile(r"\s*(?:(?:the|a|an|any|all|most|many|our|your)\s+)?(?:" + populations + r")\b",
                                     re.IGNORECASE) if populations else None
        # "Two regions were treated", "three muscles needled": a number of counted things names a concept
        self._counted: dict[str, list] = {}
        for concept in reference.concepts.values():
            if concept.counts:
                for word in concept.counts.of:
                    self._counted.setdefault(word, []).append((concept.counts.low, concept.counts.high, concept.id))
        nouns = _alternation(list(self._counted))
        # "two to four spinal regions": a range counts from its first number (group 1) to its last (group 2)
        # "four or more regions", "3+ muscles": from the number up (group 'more')
        self.count_phrase = re.compile(r"\b(?:(\d{1,2}|" + "|".join(NUMBER_WORDS) + r")\s*(?:-|\u2013|to|or|through)\s*)?"
                                       r"\b(\d{1,2}|" + "|".join(NUMBER_WORDS) + r")(?P<more>\s*\+|\s+or\s+more|\s+or\s+greater)?"
                                       r"\s+(?:of\s+the\s+)?(?:(?:separate|different|"
                                       r"distinct|individual|more|additional)\s+)?(?P<noun>" + nouns + r")\b",
                                       re.IGNORECASE) if nouns else None
        self.count_words = tuple({w.split()[-1][:5] for w in self._counted})
        # "20560 covers one or two muscles, and 20561 is used for three or more": a count whose noun the sentence
        # gave a count before
        number = r"(\d{1,2}|" + "|".join(NUMBER_WORDS) + r")"
        self.elliptic_count = re.compile(r"\b(?:[A-Z]\d{4}|\d{4}[0-9A-Z]|this\s+code|the\s+other)\s+(?:is\s+|are\s+)?"
                                         r"(?:(?:used|billed|reported|meant)\s+)?(?:for|covers?|handles?)\s+(?:only\s+|just\s+)?"
                                         + number + r"(?:\s*(?:-|\u2013|to|or|through)\s*(?:"
                                         + number[1:-1] + r"|more))?(?=\s*(?:[.,;:)]|$)|\s+(?:and|but|while)\b)",
                                         re.IGNORECASE)
        self.counted_noun = re.compile(r"\b" + number + r"(?:\s*(?:-|\u2013|to|or|through)\s*(?:" + number[1:-1]
                                       + r"|more))?\s+(?:(?:separate|different|distinct|individual|spinal)\s+)?(" + nouns + r")\b",
                                       re.IGNORECASE) if nouns else None
        # "Cervical, thoracic and lumbar: report 98942", "adjust the cervical and thoracic spine", "the lumbar and
        # sacral regions": a run of region names, as a region count (a lone "lumbar pain" names no count)
        names = _alternation(reference.cues.get("spinal_region_name", []))
        run = r"(?:" + names + r")(?:\s*(?:,\s*(?:and\s+|plus\s+)?|and|plus|&|/|\+)\s*(?:the\s+)?(?:" + names + r"))*"
        self.region_names = re.compile(r"\b(?:" + names + r")\b", re.IGNORECASE) if names else None
        self.region_run = re.compile(
            r"^\s*(?P<head>" + run + r")(?:\s+(?:spine|regions?))?(?:\s+only)?(?=\s*:)"
            r"|\b(?:adjust\w*|manipulat\w*|treat\w*|cover\w*|involv\w*|includ\w*)\s+(?:(?:to|of|on)\s+)?(?:both\s+|only\s+)?(?:the\s+)?"
            r"(?P<object>" + run + r")\b(?:\s+(?:spine|spinal\s+regions?|regions?|segments?|areas?))?"
            r"|\b(?P<named>" + run + r")\s+(?:spine|spinal\s+regions?|regions?)(?:\s+only)?\b",
            re.IGNORECASE) if names else None
        self.structure_trigger = re.compile(r"\b(?:" + _alternation(reference.cues.get("structure_trigger", [])) + r")",
                                            re.IGNORECASE)
        # each pattern with its literal gate (gates.py): a sentence holding none of a pattern's words skips it
        self.structure = [(rule.id, [gated(p, re.IGNORECASE) for p in rule.patterns])
                          for rule in reference.structure if not rule.codes]
        # rules about named codes ("97140 in the same spinal region as the adjustment can be billed with 59")
        self.code_rules = [(rule, [gated(p, re.IGNORECASE) for p in rule.patterns])
                           for rule in reference.structure if rule.codes]
        # the same trigger, case-sensitive on lower-cased text: Python's regex engine is three times faster
        # without IGNORECASE. Exact for ASCII text and ASCII trigger words (IGNORECASE also folds a few
        # non-ASCII letters onto ASCII ones); other text takes the regex above.
        triggers = reference.cues.get("structure_trigger", [])
        self._trigger_lower = re.compile(r"\b(?:" + _alternation([p.lower() for p in triggers]) + r")") \
            if all(p.isascii() and p[:1].isalnum() for p in triggers) else None
        self._trigger_plain = re.compile(_alternation([p.lower() for p in triggers]))
        # one scan that says whether any rule's pattern can match (most sentences naming "CPT" match none),
        # tried only when some pattern's gate lets the sentence through
        self._any_structure = _any_of([p for rule in reference.structure if not rule.codes for p in rule.patterns])
        self._structure_gates = [p for _, patterns in self.structure for p in patterns]
        # per rule, (gate words or None, compiled pattern): words of case-insensitive patterns are lower-case
        self._structure_rules = [(rule_id, [(p.words if isinstance(p, Gated) and p.fold else None,
                                             p.re if isinstance(p, Gated) else p) for p in patterns])
                                 for rule_id, patterns in self.structure]
        self._candidates_by_words: dict[frozenset, list] = {}
        self._structure_words = tuple(sorted({w for _, pairs in self._structure_rules for words, _ in pairs if words
                                              for w in words}))
        starts = _alternation(reference.cues.get("clause_start", []))
        self.clause_start = re.compile(r"\s*(?:" + starts + r")\b", re.IGNORECASE) if starts else None
        relative = _alternation(reference.cues.get("relative", []))
        self.relative = re.compile(r"\s*(?:" + relative + r")\b", re.IGNORECASE) if relative else None
        self.verb_after = re.compile(r"\s*(?:'s|’s|\w+ly\s+)?\s*(?:" + _alternation(reference.cues.get("pronoun_verb", []))
                                     + r")\b", re.IGNORECASE)
        coordinators = _alternation(reference.cues.get("coordinator", []))
        verbs = _alternation(reference.cues.get("clause_verb", []))
        # ", and walking goes under 97116": a coordinator opens a clause when a verb follows before the next comma
        plural = _alternation(reference.cues.get("plural_anaphor", []))
        # "these (evaluation) codes", "both codes": the codes the sentence before named
        self.plural_anaphor = re.compile(r"\b(?:" + plural + r")\s+(?:[\w-]+\s+){0,2}?codes\b", re.IGNORECASE) \
            if plural else None
        # "They're timed in 15-minute increments", "All five of these are supervised, untimed codes": a plural
        # subject with no 'codes' after it, opening the sentence before its verb
        subjects = _alternation(reference.cues.get("plural_subject", []))
        self.plural_subject = re.compile(r"\s*(?:(?:and|but|so|also|now|yes|no),?\s+)?(?:" + subjects + r")"
                                         r"(?:\s+(?:are|were|remain)|['\u2019]re)\b", re.IGNORECASE) if subjects else None
        self.any_verb = re.compile(r"\b(?:" + verbs + r")\b", re.IGNORECASE) if verbs else None
        self.coordinated_clause = re.compile(r"\s*(?:" + coordinators + r")\b[^,;]*?\b(?:" + verbs + r")\b",
                                             re.IGNORECASE) if coordinators and verbs else None
        # "This procedure is performed by a therapist, and is typically a supervised modality": a second
        # predicate of the same subject, no new clause
        self.shared_subject = re.compile(r"\s*(?:and|or)\s+(?:\w+ly\s+)?(?:" + verbs + r")\b",
                                         re.IGNORECASE) if verbs else None
        # "on the same day as 98941 requires Modifier 25": the code ends a phrase inside the subject
        self.verb_next = re.compile(r"\s+(?:\w+ly\s+)?(?:" + verbs + r")\b", re.IGNORECASE) if verbs else None
        # "98976 is used for A, 98977 is used for B": after a comma, a code and its verb open a clause
        self.code_clause = re.compile(r"\s*(?:(?:cpt|hcpcs)\s+)?(?:code\s+)?(?:[A-Z]\d{4}|\d{4}[0-9A-Z])\b\s+(?:\w+ly\s+)?(?:"
                                      + verbs + r")\b", re.IGNORECASE) if verbs else None

    def defined_as(self, text: str, after: int) -> Optional[tuple[int, int, str, str]]:
        """(start, end, word, concept id) of the service word that defines the code ending at `after`:
        '97112 is for the walking portion' -> walking / gait_training. Only the first service word of the
        words defined counts, and only when they name no one ('is for patients who ...')."""
        if self.definition is None:
            return None
        label = self.label_definition.match(text, after)
        if label:
            start, end = label.start(1), label.end(1)
        else:
            frame = self.definition.match(text, after)
            if frame is None or (self.population is not None and self.population.match(text, frame.end())):
                return None
            start = frame.end()
            stop = _OBJECT_END.search(text, start)
            end = stop.start() if stop else len(text)
        for word in _OBJECT_WORD.finditer(text, start, end):
            concept = self.keywords.get(word.group(0).lower())
            if concept and not _WITHOUT.search(text, max(start, word.start() - 25), word.start()):
                return word.start(), word.end(), word.group(0), concept
        return None

    def keyword_mentions(self, text: str, offset: int) -> list[tuple[int, int, str, str]]:
        """(start, end, word, concept id) of each plain service word ('walks', 'stretching'), offsets from
        offset: words that name a service only in an article already shown to mean it (link._with_echoes)."""
        if self._keyword_word is None:
            return []
        out = []
        for word in self._keyword_word.finditer(text):
            w = word.group(1).lower()
            concept = self.keywords.get(w) or self.keywords.get(w[:-1])
            if concept and not _WITHOUT.search(text, max(0, word.start() - 25), word.start()):
                out.append((offset + word.start(), offset + word.end(), word.group(0), concept))
        return out

    def leading_keyword(self, text: str, words: int) -> Optional[tuple[int, int, str, str]]:
        """'Walking on level surfaces with a cane', under 'Examples billed as 97112:': the service word a list
        item opens with, when the item's opening words name one service only ('Treadmill walking for
        endurance' names two and says nothing)."""
        found = None
        stop = _HEAD_END.search(text)
        for n, word in enumerate(_OBJECT_WORD.finditer(text, 0, stop.start() if stop else len(text))):
            concept = self.keywords.get(word.group(0).lower())
            if concept is None:
                continue
            if found is not None and found[3] != concept:
                return None               # "Carrying supplies to the bathroom for bathing": two services
            if n >= words or found is not None:
                continue
            if _WITHOUT.search(text, max(0, word.start() - 25), word.start()):
                return None
            found = (word.start(), word.end(), word.group(0), concept)
        return found

    def named_before(self, text: str, clause_start: int, code_start: int) -> Optional[tuple[int, int, str, str]]:
        """'Walking practice is billed with 97112': the service word of the subject a code is given to."""
        if self.attached_before is None:
            return None
        verb = self.attached_before.search(text, clause_start, code_start)
        if verb is None:
            return None
        for word in _OBJECT_WORD.finditer(text, clause_start, verb.start()):
            concept = self.keywords.get(word.group(0).lower())
            if concept:
                return word.start(), word.end(), word.group(0), concept
        return None

    def counted(self, text: str) -> list[tuple[int, int, str, str]]:
        """(start, end, words, concept id) of each count of things that names a concept ('two regions')."""
        if self.count_phrase is None or not any(w in text.lower() for w in self.count_words):
            return self._regions_named(text)
        out, nouns = [], []
        for m in self.count_phrase.finditer(text):
            if _PERIOD_BEFORE.search(text, max(0, m.start() - 14), m.start()) or _PERIOD_AFTER.match(text, m.end()):
                continue                  # "every 30 days", "a 30 day period": how often, not how many
            numbers = [count_value(g) for g in m.group(1, 2) if g]
            noun = re.sub(r"\s+", " ", m.group("noun").lower())
            nouns.append((m.end(), noun))
            # each end of a range names the concept it falls in ("two to four regions": 1-2 and 3-4); "N or
            # more" also names every concept above N ("two or more muscles": 1-2 and 3 or more)
            concepts = [self._count_concept(noun, n) for n in numbers]
            if m.group("more"):
                if max(numbers) <= 1:
                    continue              # "one or more regions": any number, no count
                concepts += [c for low, _, c in self._counted.get(noun, ()) if low > max(numbers)]
            for concept in dict.fromkeys(concepts):
                if concept is not None:
                    out.append((m.start(), m.end(), m.group(0), concept))
        if not nouns and self.counted_noun is not None:
            nouns = [(m.end(), re.sub(r"\s+", " ", m.group(2).lower())) for m in self.counted_noun.finditer(text)]
        for m in self.elliptic_count.finditer(text) if nouns else ():
            noun = next((n for end, n in reversed(nouns) if end <= m.start()), None)
            concept = self._count_concept(noun, count_value(m.group(1))) if noun else None
            if concept is not None:
                out.append((m.start(1), m.end(), text[m.start(1):m.end()], concept))
        return out + self._regions_named(text)

    def complexity_counts(self, text: str) -> list[tuple[int, int, str, str]]:
        """(start, end, words, complexity attribute id) of each count of exam elements or deficits: the level
        whose range it is, or the attribute of a count no level takes."""
        out = []
        for count in read_counts(text, self.count_scales):
            level = count.scale.level_of(count.low, count.high)
            concept = self._level_attribute.get(level) if level else self._off_scale
            if concept is not None:
                out.append((count.start, count.end, count.text, concept))
        return out

    def bare_tiers(self, text: str) -> list[tuple[int, int, str, str]]:
        """(start, end, word, complexity attribute id) of each bare tier word after a tiered code."""
        lower = text.lower()
        if self.bare_tier is None or not any(w in lower for w in self._tier_words):
            return []
        return [(m.start(2), m.end(2), m.group(2), self._tier_words[m.group(2).lower()])
                for m in self.bare_tier.finditer(text) if m.group(1) in self._tiered]

    def _count_concept(self, noun: str, n: int) -> Optional[str]:
        return next((concept for low, high, concept in self._counted.get(noun, ())
                     if low <= n and (high is None or n <= high)), None)

    def _regions_named(self, text: str) -> list[tuple[int, int, str, str]]:
        """Runs of spinal region names, counted as "two regions" would be ("the cervical and thoracic spine")."""
        if self.region_run is None or self.region_names.search(text) is None:
            return []
        out = []
        last_end, last_names, last_kept = -1, set(), False
        for m in self.region_run.finditer(text):
            run = m.group("head") or m.group("object") or m.group("named")
            names = {w.lower() for w in self.region_names.findall(run)}
            start = m.start()
            if last_end >= 0 and _RUN_GOES_ON.fullmatch(text, last_end, m.start()):
                # "adjustments to the cervical, thoracic, and lumbar areas, or including the sacral region": one run
                names |= last_names
                if last_kept:
                    start = out.pop()[0]
            concept = self._count_concept("regions", len(names))
            last_kept = concept is not None
            if last_kept:
                out.append((start, m.end(), text[start:m.end()], concept))
            last_end, last_names = m.end(), names
        return out

    def structure_triggered(self, text: str) -> bool:
        """Does the text hold a structure trigger word (structure_trigger.search)?"""
        if self._trigger_lower is not None and text.isascii():
            # the words without the leading \b, which keeps the regex engine from skipping ahead to the letters
            # a trigger starts with; the word boundary is checked at each place found instead
            lower, pos = text.lower(), 0
            while True:
                m = self._trigger_plain.search(lower, pos)
                if m is None:
                    return False
                at = m.start()
                if at == 0 or not (lower[at - 1].isalnum() or lower[at - 1] == "_"):
                    return True
                pos = at + 1
        return self.structure_trigger.search(text) is not None

    def structure_candidates(self, text: str) -> Iterator[tuple[str, list[re.Pattern]]]:
        """The code-set rules, in file order, with the patterns whose gate words the text holds: each gate word is
        looked for once on the text lower-cased once (non-ASCII text keeps every pattern: case folding)."""
        if not text.isascii():
            for rule_id, pairs in self._structure_rules:
                yield rule_id, [rx for _, rx in pairs]
            return
        lower = text.lower()
        present = frozenset(w for w in self._structure_words if w in lower)
        # which patterns are candidates depends on the gate words present only, and few sets of them recur
        candidates = self._candidates_by_words.get(present)
        if candidates is None:
            candidates = [(rule_id, patterns) for rule_id, pairs in self._structure_rules
                          for patterns in [[rx for words, rx in pairs if words is None or not words.isdisjoint(present)]]
                          if patterns]
            if len(self._candidates_by_words) < 4096:
                self._candidates_by_words[present] = candidates
        yield from candidates

    def may_state_structure(self, text: str) -> bool:
        """False only when no pattern of any structure rule matches the text."""
        return any(rx.search(text) is not None for _, patterns in self.structure_candidates(text) for rx in patterns)

    def fits(self, code: str, concept: str) -> bool:
        """Does the table say this concept describes this code? (The linker's tie-breaker, never its verdict.)"""
        entry = self._codes.get(code)
        return entry is not None and entry.describes(concept)

    def group_of(self, concept: str) -> Optional[str]:
        """The group of alternatives a concept belongs to (body system, attendance, extents), if any."""
        return self._groups.get(concept)

    def table_cell(self, header: str, cell: str) -> Optional[str]:
        """The concept a terse cell says under a header (tables.yaml), if the header names a known column."""
        for column in self._table_columns:
            if any(h == header or re.search(r"\b" + re.escape(h) + r"\b", header) for h in column.headers):
                if cell in column.cells:
                    return column.cells[cell]
        return None

    def addons_of(self, code: str) -> list[str]:
        return self._reference.addons_of(code)

    def family_of(self, service: str) -> list[str]:
        """The current codes whose own service this is ('the dry needling codes': 20560, 20561)."""
        return [e.code for e in self._codes.values() if e.active and service in e.concepts]

    def family_around(self, code: str, size: Optional[int] = None) -> list[str]:
        """The family a code belongs to by its own service ('the two codes' in a 20560 article: 20560, 20561)."""
        entry = self._codes.get(code)
        for concept in (entry.concepts if entry else ()):
            family = self.family_of(concept)
            if len(family) >= 2 and (size is None or len(family) == size):
                return family
        return []

    def described_code(self, tier: str, service: str, near: Optional[str] = None) -> Optional[str]:
        """The one current code a tier and a service name together, if they name exactly one; where they name
        one a discipline ('A low-complexity evaluation' names 97161, 97165 and 97169), the one of the
        discipline of `near`, the code the text is about."""
        codes = self._described.get((tier, service), [])
        if not codes and near is not None:
            codes = self._described_loosely.get((tier, service), [])
        if len(codes) > 1 and near is not None:
            codes = self._same_discipline(codes, near)
        return codes[0] if len(codes) == 1 else None

    def tier_code(self, tier: str, near: Optional[str]) -> Optional[str]:
        """'High complexity requires ...' in an article about 97161: the level of near's own evaluations."""
        codes = {c for (t, _), cs in self._described.items() if t == tier for c in cs}
        codes = self._same_discipline(sorted(codes), near) if near is not None else []
        return codes[0] if len(codes) == 1 else None

    def _same_discipline(self, codes: list[str], near: str) -> list[str]:
        entry = self._codes.get(near)
        if entry is None or entry.discipline is None or entry.complexity is None:
            return []                     # only an evaluation code tells whose levels are meant
        return [c for c in codes if self._codes[c].discipline == entry.discipline]

    def identifies(self, code: str, concept: str) -> bool:
        """Is this concept the code's own service (not only compatible with it)?"""
        entry = self._codes.get(code)
        return entry is not None and concept in entry.concepts

    def subject_pronoun(self, text: str, start: int, end: int) -> bool:
        """'It covers ...', 'Yes, it is ...', '..., and it includes': 'it' before a verb, at a clause start."""
        before = text[:start]
        opens = not before.strip() or re.search(r"(?:^|[,;:(]|\b(?:and|but|so|because|since|while|though|although|"
                                                r"when|if|as|that|yes|no|a))\s*$",
                                                before, re.IGNORECASE) \
            or re.search(r"[;:]\s*(?:\w+\s+){1,2}$", before) \
            or re.search(r"(?:^|[,;]|\band)\s*(?:just\s+)?(?:like|unlike)\s+(?:the\s+|a\s+)?[\w-]+(?:\s+[\w-]+)?,?\s*$",
                         before, re.IGNORECASE)     # "..., and like ultrasound it is billed ..."
        if opens and self.verb_after.match(text, end) is not None:
            return True
        # "Most clinics also use it for balance work": the code as the object of a verb of billing
        return _BILLING_VERB_BEFORE.search(before) is not None and _FOR_AFTER.match(text, end) is not None

    def verb_in(self, piece: str) -> bool:
        return self.any_verb is not None and self.any_verb.search(piece) is not None

    def opens_clause(self, text: str, pos: int) -> bool:
        if self.shared_subject is not None and self.shared_subject.match(text, pos):
            return False
        return any(p is not None and p.match(text, pos)
                   for p in (self.clause_start, self.coordinated_clause, self.code_clause))


_BILLING_VERB_BEFORE = re.compile(r"\b(?:use|uses|used|using|bill|bills|billed|billing|report|reports|reported|reporting|"
                                  r"code|codes|coded|submit|submits|submitted|apply|applies|applied)\s+$", re.IGNORECASE)
_FOR_AFTER = re.compile(r"\s+(?:only\s+|also\s+|mainly\s+|mostly\s+)?(?:for|to\s+(?:bill|report|cover|capture))\b",
                        re.IGNORECASE)
_OBJECT_END = re.compile(r"[.;:!?()\u2014]|,\s*(?:and|but|or|while|so|because|which|when|since)\b|\b(?:and|or)\s+(?:cpt\s+)?"
                         r"(?:[A-Z]\d{4}|\d{4}[0-9A-Z])\b|\b(?:[A-Z]\d{4}|\d{4}[0-9A-Z])\b|\b(?:but|while|whereas|not|rather|instead)\b")
_PARENTHETICAL = re.compile(r"\s*,\s*(?:where|which|who|that|when|whereby)\b[^,;.]*,\s*(?:is|are|was|were|should|must|can|may)?\s*",
                            re.IGNORECASE)
_WITHOUT_THE = re.compile(r"\bwithout\s+(?:the|a|an|any)\s+(?:[\w-]+\s+){0,2}(?:in\s+|of\s+)?$", re.IGNORECASE)
_WITHOUT = re.compile(r"\b(?:without|no|not|non|except|minus)\b[\w\s-]{0,16}$", re.IGNORECASE)   # "without electrical stimulation"
_OBJECT_WORD = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*")
_DENIED = re.compile(r"\s+(?:are|is)\s+(?:not\s+)?(?:denied|payable|allowed|billable|reimbursed|covered|permitted|the\s+same)\b",
                     re.IGNORECASE)
# "constant attendance is not required": the words themselves are denied, whatever code they are said of
_NOT_NEEDED = re.compile(r"\s+(?:is|are)\s+(?:not|never)\s+(?:required|needed|necessary|mandatory|part\s+of|included|involved)\b|"
                         r"\s+(?:isn't|aren't|isn\u2019t|aren\u2019t)\s+(?:required|needed|necessary)\b", re.IGNORECASE)
_NEED_NOT = re.compile(r"\b(?:(?:does|do|did)\s+not|doesn't|don't|doesn\u2019t|don\u2019t|need\s+not|never)\s+(?:need\s+to\s+|have\s+to\s+)?"
                       r"(?:(?:stay|remain|be|provide|require|involve)\s+(?:in\s+|with\s+)?|"
                       # "Do not apply the 8-minute rule to 97032", "you do not need to count minutes for the 8-minute rule"
                       r"(?:apply|use)\s+|(?:count|track|record)\s+(?:the\s+)?minutes\s+(?:for|under|toward)\s+)"
                       r"(?:the\s+|a\s+)?$", re.IGNORECASE)
_PERIOD_BEFORE = re.compile(r"\b(?:every|each|per|within|after|in\s+a|over\s+a|of\s+a|for\s+a|a)\s+$", re.IGNORECASE)
_PERIOD_AFTER = re.compile(r"[\s-]*(?:period|window|cycle|month|span|billing)\b", re.IGNORECASE)
_NON = re.compile(r"\bnon[-\s]?$", re.IGNORECASE)
_HEAD_END = re.compile(r"[,;:(\u2014]|\s[-\u2013]\s")
_RUN_GOES_ON = re.compile(r"[\s,]*(?:or|and|plus|as\s+well\s+as)?\s*(?:also\s+)?", re.IGNORECASE)




def _any_of(patterns: list[str]) -> Optional[re.Pattern]:
    """One regex matching wherever any of the patterns does; None (no shortcut) if they cannot be joined
    safely (group references would be renumbered, global inline flags cannot be nested)."""
    if not patterns or any(re.search(r"\\[1-9]|\(\?P=|\(\?\(|\(\?[aiLmsux-]+\)", p) for p in patterns):
        return None
    try:
        return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)
    except re.error:
        return None


def _alternation(phrases: list[str]) -> str:
    """Cue phrases as one regex: any run of spaces for a space, and a typographic apostrophe for a
    straight one ("it’s"), as the PhraseMatcher's token norms already allow."""
    return "|".join(re.escape(p).replace(r"\ ", r"\s+").replace("'", "['’]")
                    for p in sorted(phrases, key=len, reverse=True))


class cached_property:
    """functools.cached_property without its lock (3.11 takes one on every first access, 5 us a sentence
    property): a view is only ever used by the thread that built it."""

    def __init__(self, func):
        self.func = func
        self.name = func.__name__
        self.__doc__ = func.__doc__

    def __set_name__(self, owner, name):
        self.name = name

    def __get__(self, obj, owner=None):
        if obj is None:
            return self
        value = obj.__dict__[self.name] = self.func(obj)
        return value


@dataclass
class _Scope:
    start: int
    end: int


class SentenceView:
    """Offsets of one sentence's clause breaks and scopes, for quick questions about positions."""

    def __init__(self, sentence: Sentence, grammar: Grammar):
        self.s = sentence
        cues = sentence.cues
        by_kind: dict[str, list[Cue]] = {}
        for c in cues:                       # one pass: a sentence is read once per cue kind below
            by_kind.setdefault(c.kind, []).append(c)
        get = by_kind.get
        # each field worked out only from the cue kinds it needs: most sentences hold none of them, and this
        # view is built for every sentence (its setup was a tenth of the linker's time)
        exempt, expletive, alike = get("negation_exempt", ()), get("expletive", ()), get("other_code_exempt", ())
        self.negations = [c for c in get("negation", ()) if not (exempt and _covered(c, exempt))
                          and not _answer_word(c, sentence)]
        self._grammar = grammar
        self._pronoun_cues = [c for c in get("pronoun", ()) if not (expletive and _covered(c, expletive))]
        # "The CPT code you bill depends on ...": 'the code' a relative clause picks out is any code, not this one
        self.anaphors = [c for c in get("anaphor", ()) if not c.text.lower().endswith("codes")
                         and not (c.text[:3].lower() == "the" and _CHOSEN_CODE.match(sentence.text, c.end - sentence.start))]
        self.mistakes = get("mistake_frame", [])
        self.misuse_verdicts = get("misuse_verdict", [])
        self.concept_anaphors = get("concept_anaphor", [])
        self.field_labels = get("field_label", [])
        subject_exempt = get("subject_anaphor_exempt", ())
        self.subject_anaphors = [c for c in get("subject_anaphor", ())
                                 if not (subject_exempt and _covered(c, subject_exempt))]
        self.demonstratives = get("demonstrative", [])
        self.billing = get("billing_frame", [])
        self.minimums = get("minimum", [])
        # not 'The descriptor only says "typically," so a 25-minute evaluation ...': the word quoted, not used
        self.typicals = [c for c in get("typical", []) if sentence.text[c.start - sentence.start - 1:c.start - sentence.start]
                         not in ('"', "\u201c", "'", "\u2018")] if "typical" in by_kind else []
        self.historical = [c for c in cues if c.kind in ("historical", "status_change")] \
            if "historical" in by_kind or "status_change" in by_kind else []
        self.payer_variant = get("payer_variant", [])
        self.others = [c for c in get("other_code", ()) if not (alike and _covered(c, alike))]
        self.breaks = [c.start for c in get("clause_break", ())]
        self.commas = [c.start for c in get("comma", ())]
        reason, conditional = get("reason", ()), get("conditional", ())
        # "Because ..., " / "Since ..., ": where the reason a sentence opens with ends (its first comma)
        opener = next((c for c in reason if c.start - sentence.start <= 1), None) if reason else None
        self.opening_reason = next((p for p in self.commas if p > opener.end), None) \
            if opener else None
        # a subordinate clause that opens the sentence ("Because it is untimed, the 8-minute rule does not
        # apply") ends at its first comma, whatever follows it
        subordinate = next((c for c in [*reason, *conditional, *get("clause_break", ())]
                            if c.start - sentence.start <= 1), None) if reason or conditional or self.breaks else None
        self.opening_comma = next((p for p in self.commas if p > subordinate.end), None) if subordinate else None
        stops_ = sorted(self.commas + self.breaks) if conditional or "contrast" in by_kind else []
        # "97165 cannot be billed unless the therapist spends at least 30 minutes": after a negation,
        # 'unless' states a requirement, not a supposition
        # "If you remember that 97035 is the stimulation code, ...": what follows 'remember that' is asserted
        self.conditionals = [_Scope(c.start, _condition_end(sentence, stops_, c.end))
                             for c in conditional
                             if not (c.text.lower() == "unless" and any(n.end <= c.start for n in self.negations))
                             and not _ASSERTED_IF.match(sentence.text, c.end - sentence.start)]
        self.requirements = [c for c in conditional if c.text.lower() == "unless"
                             and any(n.end <= c.start for n in self.negations)] if conditional else []
        text, base = sentence.text, sentence.start
        self._sorted_breaks = sorted(self.breaks)
        self.contrasts = []
        if not get("contrast", ()):
            return
        stops = sorted(stops_ + [c.start for c in get("colon", ())] + [c.start for c in get("paren", ())])
        # "Unlike 97110, this code ...", "unlike massage, it ...", "unlike 97014, G0283 ...": a subject after
        # the comma opens the main clause, verb list or not
        subjects = [c.start for c in get("anaphor", []) + get("pronoun", [])] + [m.start for m in sentence.codes]
        codes = [m.start for m in sentence.codes]
        for c in get("contrast", ()):
            if c.text.lower() == "like" and any(0 <= c.start - m.end <= 1 for m in sentence.concepts) \
                    and _CODE_NEXT.match(text, c.end - base):
                continue              # "a moderate-complexity evaluation like 97163": an instance, not a comparison
            end = self._scope_end(c.end, stops, codes, grammar, subjects)
            # "unlike 97161, 97162, and 97163, which are evaluations, ...": the rest of a list of codes
            # and a relative clause hanging from it belong to the scope too
            while end < sentence.end and (_PAREN_AFTER.match(text, end - base) or
                                          _CODE_LIST_TAIL.match(text, end - base) or
                                          re.match(r",\s*(?:which|who|that)\b", text[end - base:]) or
                                          re.match(r",\s*(?:and\s+|or\s+)?(?:from|than|to)\b", text[end - base:])):
                paren = _PAREN_AFTER.match(text, end - base)     # "unlike hot packs (97010), ...": its code
                end = self._scope_end(base + paren.end() if paren else end + 1, stops, codes, grammar, subjects)
            if c.start - base > 1 and grammar.verb_next is not None:
                # "Billing an E/M code on the same day as 98941 requires Modifier 25 ...": a code its verb follows
                # closes the phrase it ends
                closing = next((m for m in sentence.codes if c.end <= m.start and m.end < end
                                and (grammar.verb_next.match(text, m.end - base)
                                     or _SUBJECT_NEXT.match(text, m.end - base))), None)   # "unlike 97014 it's timed"
                # "97113 ..., which like the whirlpool is billed once per visit", "like whirlpool it is billed":
                # a service right after the cue, its verb following, closes the phrase too
                closing = closing or next((m for m in sentence.concepts if m.end < end
                                           and _ARTICLE_ONLY.fullmatch(text, c.end - base, m.start - base)
                                           and (grammar.verb_next.match(text, m.end - base)
                                                or _SUBJECT_NEXT.match(text, m.end - base))), None)
                if closing is not None:
                    end = closing.end
            self.contrasts.append(_Scope(c.start, end))

    # what only sentences with something to link need, worked out on first use
    @cached_property
    def pronouns(self) -> list[Cue]:
        text, base = self.s.text, self.s.start
        return [c for c in self._pronoun_cues if c.text.lower() == "its"
                or self._grammar.subject_pronoun(text, c.start - base, c.end - base)]

    @cached_property
    def soft(self) -> list[int]:
        text, base = self.s.text, self.s.start
        return sorted(set(self.breaks + [p for p in self.commas if self._grammar.opens_clause(text, p - base + 1)]
                          + ([self.opening_comma] if self.opening_comma is not None else [])))

    @cached_property
    def relatives(self) -> set[int]:
        text, base, relative = self.s.text, self.s.start, self._grammar.relative
        return {p for p in self.commas if relative and relative.match(text, p - base + 1)}

    def _scope_end(self, after: int, stops: list[int], codes: list[int], grammar: Grammar,
                   subjects: list[int] = ()) -> int:
        """A contrast scope runs to the next stop, except a comma inside a list of nouns ('the PT, OT and AT codes')."""
        text, base, end = self.s.text, self.s.start, self.s.end
        for i, p in enumerate(stops):
            if p < after:
                continue
            nxt = next((q for q in stops[i + 1:] if q > p), end)
            piece = text[p - base + 1:nxt - base]
            lead = p + 1 + len(piece) - len(piece.lstrip())
            if text[p - base] == "," and _INDEFINITE.match(piece) and _ENDS_WITH_CODE.search(text, 0, p - base) \
                    and not any(p < c < nxt for c in codes) and not grammar.verb_in(piece):
                return nxt          # "replaced by 97127, a cognitive function code reported once per day": its apposition
            if text[p - base] != "," or any(p < c < nxt for c in codes) or grammar.verb_in(piece) \
                    or grammar.opens_clause(text, p - base + 1) or lead in subjects \
                    or len(piece.split()) > 5:    # "Unlike ... 97110, group therapy codes follow ...": no list item
                return p
        return end

    def supposed(self, pos: int) -> bool:
        """Inside 'if ...,': supposed, not asserted."""
        return any(sc.start <= pos < sc.end for sc in self.conditionals)

    def segment(self, pos: int) -> int:
        return bisect_left(self._sorted_breaks, pos)

    def clause(self, pos: int) -> int:
        return bisect_left(self.soft, pos)

    def clause_text(self, pos: int) -> str:
        k = self.clause(pos)
        start = self.soft[k - 1] if k > 0 else self.s.start
        end = self.soft[k] if k < len(self.soft) else self.s.end
        return self.s.text[start - self.s.start:end - self.s.start]

    def only_relatives_between(self, a: int, b: int) -> bool:
        """Is b in a relative clause hanging from a ('97110, which covers exercise')?"""
        return all(p in self.relatives for p in self.soft[bisect_left(self.soft, a):bisect_left(self.soft, b)])

    def contrast_of(self, pos: int) -> Optional[_Scope]:
        """The innermost contrast scope holding pos ('replaced by 97127, ... rather than in 15-minute units')."""
        if not self.contrasts:
            return None                      # most sentences: no scope at all
        return max((sc for sc in self.contrasts if sc.start <= pos < sc.end), key=lambda sc: sc.start, default=None)

    def other_cue(self, pos: int) -> Optional[Cue]:
        if not self.others:
            return None
        seg = self.segment(pos)
        return next((c for c in self.others if self.segment(c.start) == seg), None)

    def negated(self, concept: "Span", anchor: Optional[int] = None) -> bool:
        """Negation in the service's clause before it, or between it and the code it is said of."""
        if _NON.search(self.s.text, 0, concept.start - self.s.start) or _NOT_NEEDED.match(self.s.text, concept.end - self.s.start) \
                or _WITHOUT_THE.search(self.s.text, 0, concept.start - self.s.start):
            # "non-wound care electrical stimulation", "attendance is not required", "without the provider in
            # constant attendance"
            return True
        clause = self.clause(concept.start)
        limit = max(concept.start, anchor or 0)
        # "cannot be billed unless ... at least 30 minutes": the negation and 'unless' make a requirement
        required_after = max((r.end for r in self.requirements if r.end <= concept.start), default=-1)
        # with no code to be said of ("additional units are denied", "... are not billable", "dry needling and
        # acupuncture are not the same"), a denial right after the words (not "... is not tied to a goal")
        denied = anchor is None and bool(self.negations) and _DENIED.match(self.s.text, concept.end - self.s.start) \
            and any(0 <= n.start - concept.end <= 8 for n in self.negations)
        text, base = self.s.text, self.s.start
        # "Manual traction, where the therapist pulls by hand, is not reported with 97012": a relative clause
        # between the words and their verb
        parenthetical = anchor is not None and anchor > concept.end and any(
            concept.end <= n.start < anchor and _PARENTHETICAL.fullmatch(text, concept.end - base, n.start - base)
            for n in self.negations)
        return denied or parenthetical or any(self.clause(n.start) == clause and (n.end <= concept.start or concept.end <= n.start < limit)
                             and not n.end <= required_after
                             # "the billing picture does not change: 97035 stays a one-unit-per-visit code"
                             and not (n.end <= concept.start and ":" in text[n.end - base:concept.start - base])
                             for n in self.negations if not _overlaps(n, concept))

    def tightly_negated(self, concept: "Span", anchor: Optional[int]) -> bool:
        """'97124 is not massage', 'massage is not part of 97124': the negation joins code and words."""
        if anchor is None:
            return False
        if _NON.search(self.s.text, 0, concept.start - self.s.start) or _NOT_NEEDED.match(self.s.text, concept.end - self.s.start) \
                or _NEED_NOT.search(self.s.text, 0, concept.start - self.s.start):
            return True                   # "... does not need to stay in constant attendance for this code"
        lo, hi = min(anchor, concept.start), max(anchor, concept.end)
        # a pointer is measured like a code: "the code is not counted in 15-minute increments"
        pointer = next((len(a.text) - 5 for a in self.anaphors if a.start == anchor), 0)
        negations = [n for n in self.negations if lo <= n.start < hi and not _overlaps(n, concept)]
        if not negations:
            return False
        n = negations[0]
        if not all(w.lower().strip(",") in _DENIAL_LINK
                   for w in self.s.text[n.end - self.s.start:max(anchor, concept.start) - self.s.start].split()):
            return False                  # "... are not specified in the code": the negation is of another verb
        if hi - lo - max(pointer, 0) <= TIGHT:
            return True
        # "Manual traction done by hand is also not part of 97140": a few words on each side of the negation,
        # in one clause, with no other service in between
        n = negations[0]
        if n.text.lower() in ("no", "without"):
            return False                  # "with no complicating comorbidities points to 97161": a noun's negation
        first_end = min(anchor, concept.start) + (concept.end - concept.start if concept.start < anchor else 5)
        second_start = max(anchor, concept.start)
        text, base = self.s.text, self.s.start
        after = text[n.end - base:second_start - base].split()
        return self.clause(lo) == self.clause(hi - 1) \
            and len(text[first_end - base:n.start - base].split()) <= TIGHT_WORDS \
            and len(after) <= TIGHT_WORDS and all(w.lower().strip(",") in _DENIAL_LINK for w in after) \
            and not any(lo < c.start and c.end < hi and c is not concept for c in self.s.concepts)

    def comma_between(self, a: int, b: int) -> bool:
        return any(a <= p < b for p in self.commas)

    def is_question(self) -> bool:
        return self.s.text.rstrip().endswith("?")


Span = ConceptMention | CodeMention


# between a negation and the code it denies a service of, only these ("is also not part of 97140");
# not "... are not specified in the code", where the negation is of another verb
_DENIAL_LINK = {"part", "of", "included", "in", "covered", "by", "billed", "reported", "coded", "with", "under", "as",
                "a", "an", "the", "for", "this", "that", "our", "its", "code", "cpt", "hcpcs", "considered", "really",
                "actually", "technically", "also", "even", "be", "been", "counted", "listed", "what", "described",
                "captured", "same", "service", "required", "needed", "necessary", "describe", "describes", "cover",
                "covers", "include", "includes", "represent", "represents", "involve", "involves", "mean", "means",
                "refer", "refers", "to", "report", "reports", "use", "used", "apply", "applies", "is", "are", "does",
                "do", "it", "about", "meant", "designed", "intended", "reserved", "billable", "reportable"}
_PAREN_AFTER = re.compile(r"\s*\([^()]{1,40}\)")


_CONDITION_GOES_ON = re.compile(r"[,;]?\s*(?:but|and|or)\s+(?:also\s+)?(?:did|does|do|is|was|were|has|had|not|requires?|"
                                r"required|needs?|needed|uses?|used|involves?)\b", re.IGNORECASE)


_ASIDE = re.compile(r"[\s,]*(?:however|though|instead|say|for\s+example|for\s+instance|in\s+turn|on\s+the\s+other\s+hand)\s*",
                    re.IGNORECASE)


_THEN = re.compile(r",\s*then\b", re.IGNORECASE)


def _condition_end(sentence: Sentence, stops: list[int], after: int) -> int:
    """'If ultrasound is given with stimulation, but did not require constant attendance, do not ...': a
    condition goes on over a comma when a second predicate of its subject follows."""
    base = sentence.start
    then = _THEN.search(sentence.text, after - base)
    if then is not None:
        return base + then.start()        # "If ..., ..., then ...": the condition runs up to 'then'
    end = next((p for p in stops if p >= after), sentence.end)
    while end < sentence.end and (_CONDITION_GOES_ON.match(sentence.text, end - base)
                                  or not re.search(r"\w", sentence.text[after - base:end - base])
                                  or _ASIDE.fullmatch(sentence.text[after - base:end - base])):
        after = end + 1                   # "If, however, the therapist ...": an aside is no end of the condition
        end = next((p for p in stops if p > end), sentence.end)
    return end


def _overlaps(cue: Cue, span: "Span") -> bool:
    """A negation that is part of the words themselves ('not timed') negates nothing else."""
    return cue.start < span.end and span.start < cue.end


def _answer_word(cue: Cue, sentence: Sentence) -> bool:
    """'No, it is reported as one unit per session': the answer to a question, not a negation of what follows."""
    if cue.text.lower() not in ("no", "nope"):
        return False
    before = sentence.text[:cue.start - sentence.start].rstrip()
    if before and not (before.endswith(":") and ":" not in before[:-1] and len(before.split()) <= 4):
        return False                      # ... or the value of a field: "Timed: No, one unit per visit"
    return sentence.text[cue.end - sentence.start:].lstrip()[:1] in (",", ".", "!", ";", ":", "\u2014", "-")


def _covered(cue: Cue, by: list[Cue]) -> bool:
    return any(b.start <= cue.start and cue.end <= b.end for b in by)
