"""The verify stage: compare each claim with the reference entry and give a verdict."""
from __future__ import annotations

import re
from typing import Iterable, Optional

from .model import Article, Claim, Finding
from .reference import CodeEntry, Reference
from .tiers import in_words, read_counts
from .units import UnitStatement, check, units_for
from .words import VERSUS, narrowing

_OFFERED_AS_CURRENT = 3     # sentences that offer a deleted code for use before its past-tense cases count as use too
SEVERITY = {"contradicted": "error", "deleted_code": "warning", "unknown_code": "warning",
            "supported": "info", "unverifiable": "info"}


def verify(claims: Iterable[Claim], reference: Reference, article: Article) -> list[Finding]:
    findings: list[Finding] = []
    seen: set[tuple] = set()
    claims = list(claims)
    # what the writer says of a code in so many words, now ("Before the codes existed, clinics reported dry
    # needling with 97799" is history, not a belief a later "using 97799 for it is wrong" goes against)
    believed = {(c.code, c.value, c.qualifier) for c in claims
                if c.value is not None and c.polarity and not c.framed and c.via == "explicit"
                and not any(cue.kind == "status_change" for cue in c.sentence.cues)}
    # "Red flags: - Billing 2 or 3 units of 97010 for a long hot pack": the mistake is the units; the code's own
    # service, named beside a framed claim of another kind, is the setting, not part of the mistake
    framed_kinds: dict[int, set[str]] = {}
    for c in claims:
        if c.framed:
            framed_kinds.setdefault(c.sentence.start, set()).add(c.kind)
    for c in claims:
        if c.framed and c.kind == "identity" and c.polarity and len(framed_kinds[c.sentence.start]) > 1 \
                and c.value in _own_concepts(c.code, reference):
            c.framed = None
            continue
        if c.framed and c.kind == "status" and _attributive(c):
            c.framed = None               # "Mistakes: - Using the retired code 97003 on a current claim": the mistake
            continue                      # is using it; that it is retired is given
        if c.framed and (c.code, c.value, c.qualifier) not in believed:
            # "a common mistake is billing 97112 for strengthening": unless the writer says so elsewhere,
            # the sentence denies what it names
            # "a mistake is billing 97026 for a heat lamp" denies it; "a mistake is using 97032 when the
            # clinician was not in constant attendance" denies a denial
            c.polarity, c.tight = (not c.polarity, True) if c.framed == "cue" else (False, False)
    claims = _first_of_opposites(claims, reference)
    described = {(c.sentence.start, c.code) for c in claims if c.value is not None and c.polarity}
    # deleted codes the article offers for use in several sentences of its own
    offered: dict[str, set[int]] = {}
    for claim in claims:
        entry = reference.codes.get(claim.code)
        if entry is not None and not entry.active and claim.via == "explicit":
            first = _deleted(claim, entry, reference, article, described=(claim.sentence.start, claim.code) in described)
            if first is not None and first.verdict == "contradicted":
                offered.setdefault(claim.code, set()).add(claim.sentence.start)
    believed_current = {code for code, sentences in offered.items() if len(sentences) >= _OFFERED_AS_CURRENT}
    for claim in claims:
        entry = reference.codes.get(claim.code)
        found = [_verify_one(claim, reference, article)]
        if entry is not None and not entry.active:
            found.insert(0, _deleted(claim, entry, reference, article,
                                     described=(claim.sentence.start, claim.code) in described,
                                     believed_current=claim.code in believed_current))
        for finding in found:
            if finding is None:
                continue
            key = (finding.start, finding.code, finding.kind, finding.verdict, finding.claim)
            if key not in seen:
                seen.add(key)
                findings.append(finding)
    own_words: dict[tuple, list[str]] = {}
    for c in claims:
        entry = reference.codes.get(c.code)
        if entry is not None and c.kind == "identity" and c.polarity and c.value in entry.concepts and c.evidence:
            own_words.setdefault((c.sentence.start, c.code), []).append(c.evidence.text)
    return _drop_dominated(findings, reference, own_words)


# the words between a status word and the code it describes inside one noun phrase: "the retired single-level
# code 97003", "deleted CPT 97001"
_ATTRIBUTIVE_GAP = re.compile(r"[\s-]+(?:[\w-]+\s+){0,2}?(?:(?:cpt|hcpcs)\s+)?(?:codes?\s+)?$", re.IGNORECASE)


def _attributive(claim: Claim) -> bool:
    """Is the claim's status word an adjective of the code itself ('the retired code 97003')?"""
    if claim.evidence is None:
        return False
    code = next((m for m in claim.sentence.codes if m.code == claim.code and m.start >= claim.evidence.end), None)
    if code is None:
        return False
    gap = claim.sentence.text[claim.evidence.end - claim.sentence.start:code.start - claim.sentence.start]
    return _ATTRIBUTIVE_GAP.fullmatch(gap) is not None and not re.search(r"[,;:.]", gap)


def _first_of_opposites(claims: list[Claim], reference: Reference) -> list[Claim]:
    """One sentence cannot mean both 'untimed' and 'timed' of one code: the first is said of it, the other of
    something else the sentence names ('97018 is untimed, a warm-up for the timed work that follows')."""
    first: dict[tuple, object] = {}
    kept = []

    def rank(c: Claim) -> tuple:
        # the predicate after the code before a label in front of it ('The high complexity evaluation, 97163,
        # is really a moderate ...'), then the first
        at = c.evidence.start if c.evidence else 0
        code_at = next((m.start for m in c.sentence.codes if m.code == c.code), None)
        return c.sentence.start, code_at is not None and at < code_at, at

    for c in sorted(claims, key=rank):
        attribute = reference.attributes.get(c.value) if c.value else None
        if attribute is not None and c.polarity and not c.framed:
            key = (c.sentence.start, c.code, attribute.field)
            # not a count ("97166 involves an expanded history and five or more performance deficits"): the
            # number is said of the code whatever level the sentence gave it before
            if first.setdefault(key, attribute.value) != attribute.value \
                    and not (attribute.kind == "complexity" and c.evidence is not None
                             and read_counts(c.evidence.text, reference.count_scales)):
                continue
        kept.append(c)
    order = {id(c): i for i, c in enumerate(claims)}
    return sorted(kept, key=lambda c: order[id(c)])


# "Manual lymphatic drainage is usually billed as massage under 97124": the code's own service as the label the
# other service is billed under, which leaves the other service said of the code
# "..., because these are forms of exercise": the writer files the other service under the code's own
_AS_LABEL = re.compile(r"\b(?:billed|reported|coded|counted|classified|charged|submitted|bills?|reports?)\s+as\s+"
                       r"(?:a\s+|an\s+|the\s+)?(?:[\w-]+\s+)?$|\b(?:belongs?|goes|go|is\s+grouped|are\s+grouped|falls?)\s+"
                       r"(?:with|under|alongside)\s+(?:the\s+|other\s+)?$|\b(?:because|since|as)\s+(?:these|they|this|it|those)\s+"
                       r"(?:are|is)\s+(?:simply\s+|just\s+|really\s+|all\s+|also\s+)?(?:an?\s+)?(?:[\w-]+\s+)?"
                       r"(?:forms?|types?|kinds?|versions?|variants?)\s+of\s+$", re.IGNORECASE)


# "Myofascial release is a massage technique, so it belongs under 97124": the code's own service classifies the
# sentence's subject, a service that is not a code
_CLASSIFIES_SUBJECT = re.compile(r"\s*(?:the\s+)?[A-Za-z][\w\s/-]{2,40}?\s+(?:is|are)\s+(?:simply\s+|just\s+|really\s+|basically\s+)?"
                                 r"(?:a|an|a\s+form\s+of|a\s+type\s+of|a\s+kind\s+of)\s+$", re.IGNORECASE)


def _billed_as(finding: Finding) -> bool:
    at = finding.sentence.find(finding.evidence) if finding.evidence else -1
    return at > 0 and (_AS_LABEL.search(finding.sentence, 0, at) is not None
                       or (_CLASSIFIES_SUBJECT.fullmatch(finding.sentence, 0, at) is not None
                           and finding.code not in finding.sentence[:at]))


def _drop_dominated(findings: list[Finding], reference: Reference, own_words: dict[tuple, list[str]]) -> list[Finding]:
    """A sentence that already names a code's own service mentions other services only as context."""
    # not a bare repetition of the article's service ("since these are simply deeper forms of massage"): the
    # writer tied the other service to the code in so many words
    own = [f for f in findings if f.verdict == "supported" and f.kind == "identity"
           and f.concept in reference.codes[f.code].concepts and f.via != "echo" and not _billed_as(f)]
    supported = {(f.start, f.code) for f in own}
    # "97116 is used when the provider trains the patient in functional activities designed to improve
    # ambulation": a word of the code's own service (its concepts' keywords) also makes the rest context
    for f in findings:
        if f.verdict == "contradicted" and f.kind == "identity" and (f.start, f.code) not in supported \
                and f.concept not in reference.codes[f.code].concepts:
            words = [w for w in _own_keywords(f, reference)
                     if not _CLASSIFIES_SUBJECT.fullmatch(f.sentence, 0, max(f.sentence.lower().find(w.lower()), 0))]
            if words:
                supported.add((f.start, f.code))
                own_words.setdefault((f.start, f.code), []).extend(words)
    described = {(f.start, f.code) for f in findings if f.kind == "identity" and f.claim is not None}
    defining = {(f.start, f.code): f.evidence for f in own if f.evidence}
    grouped = {c.id for c in reference.concepts.values() if c.group}
    return [f for f in findings
            if not (f.verdict == "contradicted" and f.kind == "identity" and (f.start, f.code) in supported
                    and f.concept not in grouped and not f.example
                    and f.concept not in reference.codes[f.code].excludes
                    and not _sibling_detail(f, reference)
                    and not _defined_after_name(f, defining.get((f.start, f.code)))
                    and not _named_in_apposition(f, defining.get((f.start, f.code)))
                    and not any(_listed_together(f, words) for words in own_words.get((f.start, f.code), ())))
            and not (f.verdict == "unverifiable" and f.claim is None and (f.start, f.code) in described)]


# between two items of one list: separators, with up to three words of another item between them
_SEP = r"(?:,\s*(?:and\b|or\b)?|/|&|\band\b|\bor\b|\bas\s+well\s+as\b|\bplus\b)"
_LIST_GAP = re.compile(r"\s*(?:" + _SEP + r"\s*(?:[\w-]+\s+){1,3}?)*" + _SEP + r"\s*(?:the\s+|a\s+|an\s+)?(?:[\w-]+\s+)?",
                       re.IGNORECASE)




def _listed_together(f: Finding, own: str) -> bool:
    """'97024 covers shortwave, microwave and ultrasound': a service listed with the code's own one, as one
    more thing the code covers, is a claim and not context (not in a comparison: '97110 vs 97530: therapeutic
    exercise and therapeutic activities')."""
    if not f.evidence or VERSUS.search(f.sentence):
        return False
    a, b = f.sentence.find(own), f.sentence.find(f.evidence)
    if a < 0 or b < 0 or a == b:
        return False
    first = own if a < b else f.evidence
    gap = f.sentence[min(a, b) + len(first):max(a, b)]
    return bool(gap.strip()) and _LIST_GAP.fullmatch(gap) is not None and len(gap) <= 60




def _own_concepts(code: str, reference: Reference) -> list[str]:
    entry = reference.codes.get(code)
    return entry.concepts if entry is not None else []


def _own_keywords(f: Finding, reference: Reference) -> list[str]:
    """Words of the code's own service in the sentence, by its concepts' keywords."""
    entry = reference.codes.get(f.code)
    if entry is None:
        return []
    keywords = {w for c in entry.concepts for w in reference.concepts[c].keywords}
    if not keywords or not f.evidence or len(set(re.findall(r"\b(?:[A-Z]\d{4}|\d{4}[0-9A-Z])\b", f.sentence))) > 1:
        return []                       # "ultrasound goes with 97024 and diathermy goes with 97035": two codes
    # only in the clause that holds the words the finding is about
    clauses = re.split(r"[,;:()\u2014]|\b(?:because|but|while|whereas|although|since)\b", f.sentence, flags=re.IGNORECASE)
    clause = next((c for c in clauses if f.evidence in c), "")
    return [w for w in re.findall(r"[a-z]+(?:-[a-z]+)*", clause.lower()) if w in keywords and w not in f.evidence.lower()]


_DEFINITION_SLOT = r"\b{code}\b(?:\s*,\s*[A-Z]?\d{{4}}[0-9A-Z])*\s*\)?\s*(?::|\||[\u2013\u2014]|\s-\s|=)"


def _defined_after_name(f: Finding, name: Optional[str]) -> bool:
    """'Contrast bath (97034): a whirlpool with jets': a glossary or table row gives the code's name and then
    the writer's definition of it; a service named in the definition is what the writer says the code is."""
    if not name or not f.evidence:
        return False
    slot = re.search(_DEFINITION_SLOT.format(code=re.escape(f.code)), f.sentence)
    if slot is None:
        return False
    at_name, at_words = f.sentence.find(name), f.sentence.find(f.evidence, slot.end())
    return 0 <= at_name < slot.start() and at_words >= slot.end()


def _named_in_apposition(f: Finding, name: Optional[str]) -> bool:
    """'Exercise in a pool is reported with 97022, the whirlpool code': the code's own service only names the code,
    in an apposition; the service said of the code outside it is what the writer claims."""
    if not name or not f.evidence:
        return False
    apposition = re.search(re.escape(f.code) + r"\s*,\s*(?:the|a|an|our)\s+(?:[\w/-]+\s+){0,3}?"
                           + re.escape(name) + r"\s+code\b", f.sentence, re.IGNORECASE)
    if apposition is None:
        # "Soft tissue mobilization is billed the same way, under the massage code 97124": the name before the code
        apposition = re.search(r"\b(?:the|a|an)\s+(?:[\w/-]+\s+){0,2}?" + re.escape(name) + r"\s+code,?\s+"
                               + re.escape(f.code) + r"\b", f.sentence, re.IGNORECASE)
        at = f.sentence.find(f.evidence)
        # only of the sentence's subject ("Soft tissue mobilization is billed ..."), not of an object ("clinics
        # reported dry needling with the unlisted code 97799")
        return apposition is not None and 0 <= at < apposition.start() and not f.sentence[:at].strip(" \t\"'(").lower() \
            .removeprefix("the").strip()
    at = f.sentence.find(f.evidence)
    return apposition is not None and 0 <= at < apposition.start()     # the service is the subject


def _sibling_detail(f: Finding, reference: Reference) -> bool:
    """'98941 describes chiropractic manipulative treatment of extraspinal regions': the words name a sibling
    code (one that shares a service with this one), so they tell the two apart rather than add context."""
    own = set(reference.codes[f.code].concepts)
    return any(own & set(e.concepts) for e in reference.identifying(f.concept) if e.code != f.code)


def _replace_code(claim: Claim, new_code: str) -> str | None:
    """The sentence with the code written in it swapped for the right one."""
    mentions = [m for m in claim.sentence.codes if m.code == claim.code]
    if claim.via != "explicit" or not mentions:
        return None
    text, base = claim.sentence.text, claim.sentence.start
    for m in reversed(mentions):
        text = text[:m.start - base] + new_code + text[m.end - base:]
    return text


def _replace_evidence(claim: Claim, new_words: str) -> str | None:
    if claim.evidence is None:
        return None
    text, base = claim.sentence.text, claim.sentence.start
    return text[:claim.evidence.start - base] + new_words + text[claim.evidence.end - base:]


def _base(source: Claim, article: Article, **fields) -> Finding:
    s = source.sentence
    fields.setdefault("kind", source.kind)
    if source.qualifier == "example":
        fields.setdefault("example", True)
    return Finding(code=source.code, sentence=s.text, start=s.start, end=s.end,
                   line=article.line_of(s.start), via=source.via, concept=source.value,
                   evidence=source.evidence.text if source.evidence is not None else None, **fields)


def _verify_one(claim: Claim, reference: Reference, article: Article) -> Finding | None:
    if claim.value and claim.value.startswith("units:"):
        return _units(claim, reference, article)
    if claim.value and claim.value.startswith("total:"):
        return _total(claim, reference, article)
    if claim.value and claim.value.startswith("year:"):
        return _year(claim, reference, article)
    if claim.value and claim.value.startswith("deleted_in:"):
        return _deleted_in(claim, reference, article)
    if claim.value and claim.value.startswith("added:"):
        return _added(claim, reference, article)
    if claim.value and claim.value.startswith("replaces:"):
        return _replaces(claim, reference, article)
    if claim.value and claim.value.startswith("replaced_by:"):
        return _replaced_by(claim, reference, article)
    if claim.kind == "structure" or claim.value in reference.code_rule_ids:
        return _structure(claim, reference, article)
    entry = reference.codes.get(claim.code)
    if entry is None and claim.value in reference.attributes and reference.attributes[claim.value].field == "section":
        return _section_by_range(claim, reference, article)
    if entry is None:
        return _unknown(claim, reference, article)
    if claim.kind == "identity":
        return _identity(claim, entry, reference, article)
    if claim.kind == "duration":
        return _duration(claim, entry, reference, article)
    if claim.value in reference.attributes:
        return _attribute(claim, entry, reference, article)
    return None


def describe_value(entry: CodeEntry, field: str, reference: Reference) -> str:
    """The entry's value for a field, in words an editor understands."""
    if field in ("timed", "billed_once"):
        if entry.timed:
            return f"timed, billed {entry.unit or f'each {entry.unit_minutes} minutes'}"
        typical = f", typically {entry.typical_minutes} minutes" if entry.typical_minutes else ""
        return f"untimed, billed {entry.unit or 'once per session'}{typical}"
    if field == "add_on":
        return f"an add-on code, billed {entry.unit}" if entry.add_on else "a primary code, billed on its own"
    if field == "complexity":
        return "a re-evaluation" if entry.complexity == "reevaluation" else f"{entry.complexity} complexity"
    if field == "section":
        return reference.sections[entry.section].name
    if field == "system":
        return reference.systems[entry.system]["name"]
    if field == "status":
        if entry.active:
            return "current" + (f" (since {entry.added})" if entry.added else "")
        return f"deleted in {entry.deleted}" + (f", replaced by {', '.join(entry.replaced_by)}" if entry.replaced_by else "")
    if field == "billed_per":
        return "billed once per episode of care" if entry.billed_per == "episode" else "billed per month (30-day period)"
    if field == "medicare_pays":
        return "paid by Medicare" if entry.medicare_pays else "not paid by Medicare on its own"
    return str(getattr(entry, field))


def _attribute(claim: Claim, entry: CodeEntry, reference: Reference, article: Article) -> Finding | None:
    attr = reference.attributes[claim.value]
    if attr.field == "complexity_count":
        return _off_scale_count(claim, entry, reference, article)
    actual = getattr(entry, attr.field)
    if actual is None or (attr.field == "medicare_pays" and not entry.active):
        return None                               # the table states nothing about it for this code
    if attr.field == "section":
        parent = reference.sections[entry.section].parent
        holds = attr.value in (entry.section, parent)
    else:
        holds = actual == attr.value
    said_text = claim.evidence.text if claim.evidence else ""
    length = _UNIT_LENGTH.search(said_text)
    if attr.field == "timed" and attr.value is True and claim.polarity and entry.timed and entry.unit_minutes \
            and length and _minutes_of(length) not in (entry.unit_minutes, 8):
        # "98981 | each additional 15 minutes | Per 15 minutes": a unit of another length
        return _base(claim, article, verdict="contradicted", severity="error", claim=said_text,
                     expected=describe_value(entry, "timed", reference),
                     message=f"{entry.code} is billed {entry.unit}, in units of {entry.unit_minutes} minutes, "
                             f"not {_minutes_of(length)}.")
    if attr.field == "timed" and attr.value is True and not claim.polarity and entry.timed and entry.unit_minutes \
            and length and _minutes_of(length) not in (entry.unit_minutes, 8):
        # "the work hardening codes aren't 15-minute codes, they go by hours": the length is denied, rightly
        return _base(claim, article, verdict="supported", severity="info", claim=f"not {said_text}",
                     expected=describe_value(entry, "timed", reference),
                     message=f"Right: {entry.code} is billed {entry.unit}, not in {_minutes_of(length)}-minute units.")
    if attr.field == "timed" and attr.value is True and claim.polarity and entry.timed and entry.billed_once \
            and _REPEATED_UNITS.search(said_text) and not _FIRST_BLOCK.search(claim.sentence.text) \
            and not any(m.code == entry.code and m.in_range for m in claim.sentence.codes) \
            and not _with_own_addon(claim, entry, reference):   # not the family's
        # "97129 is simply reported for each 15 minutes": a first block billed once a day, more time on its add-on
        addons = reference.addons_of(entry.code)
        return _base(claim, article, verdict="contradicted", severity="error", claim=said_text,
                     expected=describe_value(entry, "timed", reference), suggestion=addons,
                     message=f"{entry.code} is billed {entry.unit}, not for each 15 minutes"
                             + (f"; further time goes on {', '.join(addons)}." if addons else "."))
    opposite = next((a for a in reference.attributes.values() if a.field == attr.field and a.value != attr.value
                     and isinstance(a.value, bool)), None)
    said = attr.label if claim.polarity else (opposite.label if opposite is not None else f"not {attr.label}")
    real = describe_value(entry, attr.field, reference)
    if holds == claim.polarity:
        return _base(claim, article, verdict="supported", severity="info", claim=said, expected=real,
                     message=f"Right: {entry.code} is {real}.")
    if not claim.polarity and not claim.tight:
        return None                               # a 'not' somewhere in the clause is too weak to accuse
    suggestion: list[str] = []
    if attr.field == "complexity" and claim.polarity:
        family = set(entry.concepts)
        suggestion = [e.code for e in reference.codes.values() if e.active and e.complexity == attr.value
                      and e.discipline == entry.discipline and family & set(e.concepts + e.related)][:3]
    hint = f" For {attr.label}, use {', '.join(suggestion)}." if suggestion else ""
    rewrite = _replace_code(claim, suggestion[0]) if suggestion else None
    return _base(claim, article, verdict="contradicted", severity="error", claim=said, expected=real,
                 suggestion=suggestion, rewrite=rewrite,
                 message=(f"{entry.code} is {real}; the text says it is {said}." if real.startswith("not ")
                          else f"{entry.code} is {real}, not {said}.{hint}"))


def _off_scale_count(claim: Claim, entry: CodeEntry, reference: Reference, article: Article) -> Finding | None:
    """'97161 ... an examination of one to three elements': a count that no level of the code's discipline
    takes (tiers.py), so it is wrong for this level whatever the level is."""
    counts = read_counts(claim.evidence.text, reference.count_scales) if claim.evidence else []
    count = counts[0] if counts else None
    if count is None or count.scale.discipline != entry.discipline or entry.complexity is None:
        return None                               # another discipline's count, or no evaluation level
    bounds = count.scale.range_of(entry.complexity)
    if bounds is None:
        return None                               # a re-evaluation: no count defines it
    noun = count.scale.nouns[-1]
    right = f"{in_words(*bounds)} {noun}"
    said = f"{in_words(count.low, count.high)} {noun}"
    real = f"{entry.complexity} complexity, defined by {right}"
    if not claim.polarity:
        if not claim.tight:
            return None
        return _base(claim, article, verdict="supported", severity="info", claim=f"not {said}", expected=real,
                     message=f"Right: {entry.code} is {real}.")
    return _base(claim, article, verdict="contradicted", severity="error", claim=said, expected=real,
                 message=f"{entry.code} is {real}, not {said}; no {entry.discipline.upper()} evaluation level "
                         f"is defined by {said}.")


def _duration(claim: Claim, entry: CodeEntry, reference: Reference, article: Article) -> Finding | None:
    typical = entry.typical_minutes
    if not claim.polarity:
        return None
    low, high = (int(x) for x in claim.value.split(":", 1)[1].split("-"))
    if entry.timed and claim.qualifier == "session" and low == high == entry.unit_minutes:
        return _base(claim, article, verdict="contradicted", severity="error", claim=f"a session of {low} minutes",
                     expected=describe_value(entry, "timed", reference),
                     message=f"{low} minutes is the billing unit of {entry.code}, not the length of a session: "
                             f"a session bills as many units as its timed minutes support.")
    if entry.timed and claim.qualifier == "minimum" and low == high == entry.unit_minutes and reference.unit_rule \
            and entry.unit_minutes == reference.unit_rule["unit_minutes"]:
        need = reference.unit_rule["first_unit_minimum"]
        return _base(claim, article, verdict="contradicted", severity="error", claim=f"at least {low} minutes",
                     expected=describe_value(entry, "timed", reference),
                     message=f"A unit of {entry.code} needs {need} minutes of timed service under the 8-minute rule, "
                             f"not a full {low}.")
    if typical is None or entry.timed:
        return None
    said = f"{low} minutes" if low == high else f"{low}-{high} minutes"
    if claim.qualifier == "minimum":
        said = f"at least {said}"
    real = f"typically {typical} minutes face-to-face (a typical time, not a minimum)"
    if claim.qualifier == "minimum":
        return _base(claim, article, verdict="contradicted", severity="error", claim=said, expected=real,
                     message=f"{entry.code} is chosen by complexity, not time: {typical} minutes is typical, "
                             f"not a required minimum.")
    slack = 5 if claim.qualifier == "about" else 0
    if low - slack <= typical <= high + slack:
        return _base(claim, article, verdict="supported", severity="info", claim=said, expected=real,
                     message=f"Right: {entry.code} is {real}.")
    return _base(claim, article, verdict="contradicted", severity="error", claim=said, expected=real,
                 rewrite=_replace_evidence(claim, f"{typical} minutes"), message=f"{entry.code} is {real}, not {said}.")


def _units(claim: Claim, reference: Reference, article: Article) -> Finding | None:
    form, low, high, units = claim.value.split(":")[1:]
    statement = UnitStatement(0, 0, claim.evidence.text if claim.evidence else "", int(low), int(high),
                              int(units), form)
    said = statement.text
    entry = reference.codes.get(claim.code)
    if entry is not None and not entry.timed:
        if int(units) <= 1 and form == "pair" and low == high:
            return None                           # "15 minutes of traction, billed as one unit of 97012": right
        # "Each unit of therapy is 15 minutes" (97150), "8 to 22 minutes of whirlpool = 1 unit": counting by time
        return _base(claim, article, verdict="contradicted", severity="error", claim=said,
                     expected=describe_value(entry, "timed", reference),
                     message=f"{entry.code} is untimed: it is billed once per session, so minutes do not turn "
                             f"into units for it.")
    rule = reference.unit_rule
    if not rule or (entry is not None and entry.unit_minutes != rule["unit_minutes"]) or not claim.polarity:
        return None
    holds, truth = check(statement, rule["unit_minutes"], rule["first_unit_minimum"])
    return _base(claim, article, verdict="supported" if holds else "contradicted",
                 severity="info" if holds else "error", claim=said, expected=truth,
                 rewrite=None if holds else _replace_evidence(claim, truth.split(" under ")[0]),
                 message=("Right: " if holds else "Wrong: ") + truth + ".")


def _item_timed(what: str, reference: Reference) -> Optional[bool]:
    """Is one item of a sum a timed service? None when the words name nothing the table knows."""
    if what.startswith("~"):
        entries = [e for e in reference.identifying(what[1:]) if e.active]
        return None if not entries else any(e.timed for e in entries)
    entry = reference.codes.get(what)
    return None if entry is None else entry.timed


def _total(claim: Claim, reference: Reference, article: Article) -> Finding | None:
    """The total-minutes method: the minutes of all timed services of a visit are added, then turned into
    units; untimed services add nothing."""
    rule = reference.unit_rule
    if not rule or not claim.polarity:
        return None
    stated, units, items, counted = claim.value.split(":", 1)[1].split(":")
    units = int(units)
    stated = None if stated == "-" else int(stated)
    items = [(int(n), what) for n, what in (item.split("@", 1) for item in items.split("|"))]
    counted = [c for c in counted.split(",") if c]
    unit_minutes, first = rule["unit_minutes"], rule["first_unit_minimum"]
    said = claim.evidence.text if claim.evidence else ""
    entry = reference.codes.get(claim.code)
    timed_only = sum(n for n, w in items if _item_timed(w, reference) is not False)
    # "20 minutes of 20561 plus 10 minutes of 97110 gives you 10 timed minutes": the writer left it out
    excluded = stated is not None and stated == timed_only != sum(n for n, _ in items)
    if entry is not None and not entry.timed and not excluded \
            and (claim.code in counted or any(w == claim.code for _, w in items)):
        return _base(claim, article, verdict="contradicted", severity="error", claim=said,
                     expected=describe_value(entry, "timed", reference),
                     message=f"{entry.code} is untimed: its minutes do not count toward the timed total "
                             f"(only timed services are added up under the 8-minute rule).")
    arithmetic = all(w == "" for _, w in items) and stated is not None
    numbers = [n for n, _ in items]
    if arithmetic and sum(numbers) != stated:
        return _base(claim, article, verdict="contradicted", severity="error", claim=said,
                     expected=f"{' + '.join(map(str, numbers))} = {sum(numbers)}",
                     message=f"The sum is wrong: {' + '.join(map(str, numbers))} = {sum(numbers)}, not {stated}.")
    if counted and any(_item_timed(c, reference) is False for c in counted):
        return None                               # said of the untimed code above; the rest follows from it
    timed = [(n, w) for n, w in items if _item_timed(w, reference) is not False] if not arithmetic else items
    left_out = [w for n, w in items if _item_timed(w, reference) is False]
    total = sum(n for n, _ in timed)
    expected = units_for(total, unit_minutes, first)
    shown = " + ".join(str(n) for n, _ in timed)
    truth = f"{shown} = {total} timed minutes = {expected} unit{'s' if expected != 1 else ''}" if len(timed) > 1 \
        else f"{total} timed minutes = {expected} unit{'s' if expected != 1 else ''}"
    if stated is not None and not arithmetic and stated != total and not left_out:
        return _base(claim, article, verdict="contradicted", severity="error", claim=said, expected=truth,
                     message=f"Wrong: {truth} under the 8-minute rule (the minutes add up to {total}, not {stated}).")
    if units == expected:
        return _base(claim, article, verdict="supported", severity="info", claim=said, expected=truth,
                     message=f"Right: {truth} under the 8-minute rule (minutes of all timed services added first).")
    note = " Untimed services (" + ", ".join(reference.concepts[w[1:]].label if w.startswith("~") else w for w in left_out) \
        + ") add no minutes." if left_out else ""
    return _base(claim, article, verdict="contradicted", severity="error", claim=said, expected=truth,
                 message=f"Wrong: {truth} under the 8-minute rule: the minutes of all timed services are added "
                         f"first, then turned into units.{note}")


def _year(claim: Claim, reference: Reference, article: Article) -> Finding | None:
    entry = reference.codes.get(claim.code)
    year = int(claim.value.split(":", 1)[1])
    if entry is None or entry.added is None or year >= entry.added:
        return None
    return _base(claim, article, verdict="contradicted", severity="error", claim=f"in use in {year}",
                 expected=f"took effect in {entry.added}",
                 suggestion=[e.code for e in reference.codes.values() if entry.code in e.replaced_by],
                 message=f"{entry.code} did not exist in {year}: it took effect on 1 January {entry.added}.")


def _added(claim: Claim, reference: Reference, article: Article) -> Finding | None:
    """'20561 was introduced in 2018': the year a code took effect, where the table knows it."""
    entry = reference.codes.get(claim.code)
    year = int(claim.value.split(":", 1)[1])
    if entry is None or entry.added is None or not claim.polarity:
        return None
    said = f"took effect in {year}"
    real = f"took effect on 1 January {entry.added}"
    if year == entry.added:
        return _base(claim, article, verdict="supported", severity="info", claim=said, expected=real,
                     message=f"Right: {entry.code} {real}.")
    return _base(claim, article, verdict="contradicted", severity="error", claim=said, expected=real,
                 rewrite=_replace_evidence(claim, claim.evidence.text.replace(str(year), str(entry.added)))
                 if claim.evidence else None,
                 message=f"{entry.code} {real}, not in {year}.")


def _deleted_in(claim: Claim, reference: Reference, article: Article) -> Finding | None:
    """'97001 was deleted in 2019': the year a code was deleted, where the table knows it."""
    entry = reference.codes.get(claim.code)
    year = int(claim.value.split(":", 1)[1])
    if entry is None or entry.active or entry.deleted is None or not claim.polarity:
        return None
    said, real = f"deleted in {year}", f"deleted on 1 January {entry.deleted}"
    if year == entry.deleted:
        return _base(claim, article, verdict="supported", severity="info", claim=said, expected=real,
                     message=f"Right: {entry.code} was {real}.")
    return _base(claim, article, verdict="contradicted", severity="error", claim=said, expected=real,
                 suggestion=list(entry.replaced_by),
                 rewrite=_replace_evidence(claim, claim.evidence.text.replace(str(year), str(entry.deleted)))
                 if claim.evidence and str(year) in claim.evidence.text else None,
                 message=f"{entry.code} was {real}, not in {year}.")


def _replaces(claim: Claim, reference: Reference, article: Article) -> Finding | None:
    """'97167 replaced 97004': the table lists what each deleted code was replaced by."""
    old = reference.codes.get(claim.value.split(":", 1)[1])
    if old is None or not old.replaced_by or not claim.polarity or claim.code not in reference.codes:
        return None
    said = f"replaced {old.code}"
    real = f"{old.code} was replaced by {', '.join(old.replaced_by)}"
    if claim.code in old.replaced_by:
        return _base(claim, article, verdict="supported", severity="info", claim=said, expected=real,
                     message=f"Right: {real}.")
    return _base(claim, article, verdict="contradicted", severity="error", claim=said, expected=real,
                 suggestion=list(old.replaced_by), message=f"{real}, not by {claim.code}.")


def _replaced_by(claim: Claim, reference: Reference, article: Article) -> Finding | None:
    """'97003 was replaced by 97168', said of the old code: only a wrong successor is worth a finding there (the
    old code's status has its own)."""
    old, new = reference.codes.get(claim.code), claim.value.split(":", 1)[1]
    if old is None or not old.replaced_by or not claim.polarity or new not in reference.codes or new in old.replaced_by:
        return None
    real = f"{old.code} was replaced by {', '.join(old.replaced_by)}"
    return _base(claim, article, verdict="contradicted", severity="error", claim=f"replaced by {new}", expected=real,
                 suggestion=list(old.replaced_by), message=f"{real}, not by {new}.")


def _structure(claim: Claim, reference: Reference, article: Article) -> Finding | None:
    rule = next((r for r in reference.structure if r.id == claim.value), None)
    if rule is None:
        return None
    holds = rule.holds == claim.polarity          # "there is no check digit" denies a false claim
    said = rule.claim if claim.polarity else f"not: {rule.claim}"
    return _base(claim, article, verdict="supported" if holds else "contradicted",
                 severity="info" if holds else "error", claim=said, expected=rule.truth,
                 message=("Right: " if holds else "Wrong: ") + rule.truth)


def _section_by_range(claim: Claim, reference: Reference, article: Article) -> Finding | None:
    """'The 11042 family belongs to the Medicine section': a code outside the table still sits in a numeric range."""
    code = claim.code
    holding = [sec for sec in reference.sections.values()
               if any(len(lo) == len(code) and lo[0].isdigit() == code[0].isdigit() and lo <= code <= hi
                      for lo, hi in sec.ranges)]
    if not holding:
        return None
    # the most specific section: one with a parent, else the narrowest range
    home = min(holding, key=lambda sec: (sec.parent is None, min(int(hi[1:] if not hi[0].isdigit() else hi)
                                                                 - int(lo[1:] if not lo[0].isdigit() else lo)
                                                                 for lo, hi in sec.ranges)))
    attr = reference.attributes[claim.value]
    holds = attr.value in {sec.id for sec in holding}
    said = attr.label if claim.polarity else f"not {attr.label}"
    if holds == claim.polarity:
        return _base(claim, article, verdict="supported", severity="info", claim=said, expected=home.name,
                     message=f"Right: {code} falls in the {home.name} range.")
    if not claim.polarity and not claim.tight:
        return None
    return _base(claim, article, verdict="contradicted", severity="error", claim=said, expected=home.name,
                 message=f"{code} falls in the {home.name} range of the code set, not {said}.")


_DENIED_CODE = re.compile(r"\b(?:there\s+is|there['\u2019]s|there\s+was)\s+no\s+(?:such\s+(?:code|thing)\s+as\s+)?(?:cpt\s+)?(?:code\s+)?CODE\b"
                          r"|\bno\s+(?:such\s+)?(?:cpt\s+)?code\s+CODE\b|\bCODE\b[^.;]{0,30}\b(?:does\s+not|doesn['\u2019]t|did\s+not|"
                          r"never)\s+(?:ever\s+)?exist|\bCODE\b[^.;]{0,20}\b(?:is\s+not|isn['\u2019]t)\s+a\s+(?:real|valid|actual)\b",
                          re.IGNORECASE)


def _unknown(claim: Claim, reference: Reference, article: Article) -> Finding | None:
    absent = reference.absent.get(claim.code)
    if absent is not None:
        # "97812 is the add-on with electrical stimulation": a number the code set never had ("There is no 97812",
        # "97812 does not exist" say so; a mistake the writer names is no claim of the writer's)
        if _DENIED_CODE.search(claim.sentence.text.replace(claim.code, "CODE")):
            return _base(claim, article, kind="status", verdict="supported", severity="info", claim="not a code",
                         expected=absent.truth, message=f"Right: {absent.truth}")
        if claim.framed or claim.historical or not any(m.code == claim.code for m in claim.sentence.codes):
            return None                   # only where the number is written: not "it" under a heading that names it
        return _base(claim, article, kind="status", verdict="contradicted", severity="error",
                     claim="a current code", expected=absent.truth, suggestion=list(absent.family),
                     message=absent.truth)
    fmt = next((m.system for m in claim.sentence.codes if m.code == claim.code), "")
    fmt_name = next((f.name for f in reference.formats if f.id == fmt), "code")
    close = reference.closest(claim.code)
    return _base(claim, article, verdict="unknown_code", severity=SEVERITY["unknown_code"], suggestion=close,
                 message=f"{claim.code} has the form of a {fmt_name} but is not in the reference table"
                         + (f"; closest codes in the table: {', '.join(close)}" if close else "") + ".")


_YEARS = re.compile(r"\b(?:19|20)\d\d\b")
_SINCE = re.compile(r"\bsince\s+(?:\w+\s+){0,3}$", re.IGNORECASE)


_BE_OR_HAVE = re.compile(r"\b(?:is|are|be|been|being|get|gets|got|have|has|had|'ve|'s|'re)\s+"
                         r"(?:\w+ly\s+|not\s+|still\s+|also\s+|only\s+|never\s+|often\s+|always\s+)?$",
                         re.IGNORECASE)


_PARTICIPLE_AFTER = re.compile(r"\s+(?:for|when|with|by|under|in|on|as|after|during|whenever)\b", re.IGNORECASE)


def _past_tense(sentence) -> bool:
    """A past-tense verb ('therapists billed 97001'), not a passive or perfect ('is billed', 'have billed')."""
    return any(c.kind == "past_verb" and not _BE_OR_HAVE.search(sentence.text[:c.start - sentence.start])
               # "the code, used for any visit": a participle describing the code, not a past use
               and not (c.text.lower() == "used" and _PARTICIPLE_AFTER.match(sentence.text, c.end - sentence.start))
               and not (re.search(r",\s*$", sentence.text[:c.start - sentence.start])
                        and _PARTICIPLE_AFTER.match(sentence.text, c.end - sentence.start))
               for c in sentence.cues)


def _with_own_addon(claim: Claim, entry: CodeEntry, reference: Reference) -> bool:
    """'CPT 97810 and +97811 report acupuncture in 15-minute units': said of a first block together with its
    add-on, the repeated unit describes the pair."""
    addons = set(reference.addons_of(entry.code))
    sentence = claim.sentence
    text = sentence.text
    own = [m for m in sentence.codes if m.code == entry.code]
    return any(_PAIRED.fullmatch(text[min(a.end, b.end) - sentence.start:max(a.start, b.start) - sentence.start])
               for a in own for b in sentence.codes if b.code in addons)


_PAIRED = re.compile(r"\s*(?:,|and|or|&|/|\+|-|\u2013|to|through|plus|with)?\s*(?:(?:cpt|code)\s+)?\+?\s*", re.IGNORECASE)


# a unit of some minutes, repeated ("each 15 minutes", "20-minute increments"), and a first block ("the first
# 15 minutes"); the lengths themselves come from the entry (unit_minutes), not from these patterns
_MINUTES_WORD = r"(?:\d{1,3}|fifteen|twenty|thirty)"
_REPEATED_UNITS = re.compile(r"\b(?:each|every|per)\s+" + _MINUTES_WORD + r"[\s-]*min|\b" + _MINUTES_WORD
                             + r"[\s-]*minute\s+(?:units?|increments?|blocks?)", re.IGNORECASE)
_UNIT_LENGTH = re.compile(r"\b(\d{1,3})[\s-]*min|\b(?:one-|1-)?(hour)", re.IGNORECASE)


def _minutes_of(length: re.Match) -> int:
    return int(length.group(1)) if length.group(1) else 60


_FIRST_BLOCK = re.compile(r"\b(?:first|initial)\s+" + _MINUTES_WORD + r"\b", re.IGNORECASE)
_CODE_LABEL = re.compile(r"\b(?:cpt|hcpcs|code)\b", re.IGNORECASE)     # "CPT 97004:" is a bare mention too
_WEAK_HISTORY = {"was", "were", "before", "until", "prior to"}
_BEFORE_ADVICE = re.compile(r"\s+(?:you|your|the\s+claim|billing|submitting|sending|switching)\b", re.IGNORECASE)
# "before 2017", "before the tiered codes", "before then": a time in the code's past (not "before any modality
# is given": a step of the visit)
_BEFORE_A_TIME = re.compile(r"\s+(?:(?:january|jan\.?)\s+(?:1,?\s+)?)?(?:(?:19|20)\d\d|then|that|those|this\s+change|the\s+"
                            r"(?:(?:19|20)\d\d|new|newer|tiered|change|changes|update|revision|deletion|switch|current|"
                            r"three|evaluation\s+codes|codes?\s+(?:were|was)))\b", re.IGNORECASE)
_STILL_USED_AFTER = re.compile(r"\b(?:but|yet|however|although|though)\b[^.;:]*?\b(?:still|continues?\s+to)\s+(?:\w+\s+)?"
                               r"(?:accept|take|pay|use|bill|recogni[sz]e|cover|allow|reimburse)\w*\s+(?:it|them|the\s+"
                               r"(?:old\s+)?code|this\s+code|\d{5})\b", re.IGNORECASE)
_OPENS_WITH_POINTER = re.compile(r"\s*(?:it\b|this\b|that\b|the\s+(?:cpt\s+)?code\b)", re.IGNORECASE)


def _deleted(claim: Claim, entry: CodeEntry, reference: Reference, article: Article, described: bool,
             believed_current: bool = False) -> Finding | None:
    """History or a warning is fine; advice to use a deleted code is wrong; a bare mention is flagged."""
    replaced = ", ".join(entry.replaced_by) or "no direct replacement"
    text = f"{entry.code} ({entry.title}) was deleted in {entry.deleted}; use {replaced}."
    words, base = claim.sentence.text, claim.sentence.start
    # "check your contracts before you switch" is advice, not history; in an article that offers the code for use,
    # a bare "was" or "before" tells a case, not the code's past
    weak = {id(c) for c in claim.sentence.cues if c.kind in ("historical", "status_change")
            and ((believed_current and c.text.lower() in _WEAK_HISTORY)
                 or (c.text.lower() == "before" and (_BEFORE_ADVICE.match(words, c.end - base)
                                                     or not _BEFORE_A_TIME.match(words, c.end - base))))}
    cues = {c.kind for c in claim.sentence.cues if id(c) not in weak}
    if "current_use" not in cues and not any(m.code == entry.code for m in claim.sentence.codes) \
            and not _OPENS_WITH_POINTER.match(claim.sentence.text):
        # "Identifying barriers ... is a key aspect of this evaluation": the status is judged where the code is
        # written or is the subject ("It's the lowest-level new patient visit")
        return None
    # "in 2015" dates a use to the past; "since 2009" runs to now (but "not updated since 2016" is a warning)
    dated_before = any(int(m.group(0)) <= entry.deleted and ("negation" in cues
                                                             or not _SINCE.search(claim.sentence.text, 0, m.start()))
                       for m in _YEARS.finditer(claim.sentence.text))
    # "The clinic billed one unit of 97762": a past tense tells history, unless the article presents the code as
    # current elsewhere (then it is a case billed with a deleted code)
    if _past_tense(claim.sentence) and not believed_current:
        cues.add("historical")
    labels = {(c.start, c.end) for c in claim.sentence.cues if c.kind == "old_label"}
    said_old = {c.kind for c in claim.sentence.cues if (c.start, c.end) not in labels}
    # "the old code 97003 is still what you put on a Medicare claim": calling it old does not make it history
    # when 'still' or 'today' says it is used now; 'was deleted', 'no longer' still do
    only_labelled = bool(labels) and not (said_old & {"status_change", "historical"})
    present = only_labelled and "present_time" in cues and "negation" not in cues
    # "Medicare stopped accepting 97001 in 2017, but some plans still take it": the history is told to say
    # that the code is in use all the same
    still = _STILL_USED_AFTER.search(words)
    if still is not None and not any(c.kind == "negation" and c.start - base > still.start() for c in claim.sentence.cues):
        present = True
        cues.add("current_use")
    if not present and (cues & {"status_change", "historical"} or dated_before
                        or (claim.historical and "current_use" not in cues and not believed_current)):
        return _base(claim, article, kind="status", verdict="supported", severity="info", claim="history",
                     expected=f"deleted {entry.deleted}", message=f"Presented as history, which is right: {text}")
    if claim.dated:
        # "Effective January 1, 2017 you will see new codes": what was current when the article was written
        return _base(claim, article, kind="status", verdict="deleted_code", severity=SEVERITY["deleted_code"],
                     expected=f"deleted {entry.deleted}", suggestion=list(entry.replaced_by),
                     message=f"The article was written before {entry.code} was deleted (it announces the "
                             f"{entry.deleted} change): {text} Update the article.")
    rewrite = None
    if entry.replaced_by and claim.via == "explicit":
        rewrite = claim.sentence.text.replace(entry.code, entry.replaced_by[0] if len(entry.replaced_by) == 1
                                              else f"{entry.replaced_by[0]}-{entry.replaced_by[-1]}")
    named_with_successor = any(m.code in entry.replaced_by for m in claim.sentence.codes)
    if len(re.sub(r"[\W_]+", "", _CODE_LABEL.sub("", claim.sentence.text.replace(entry.code, "")))) <= 2:
        # "97004" alone as an item (a quiz option, a table cell): a mention, not advice to use it
        return _base(claim, article, kind="status", verdict="deleted_code", severity=SEVERITY["deleted_code"],
                     expected=f"deleted {entry.deleted}", suggestion=list(entry.replaced_by), message=text)
    if described or "current_use" in cues or not named_with_successor:
        # a deleted code named with no word of history is a code the writer offers for use
        # ("New episode after surgery: 97001 with GP"); named next to its successor it is a mapping
        return _base(claim, article, kind="status", verdict="contradicted", severity="error", claim="current",
                     expected=f"deleted {entry.deleted}", suggestion=list(entry.replaced_by), rewrite=rewrite,
                     message=f"Presented as a code to use now, but {text}")
    return _base(claim, article, kind="status", verdict="deleted_code", severity=SEVERITY["deleted_code"],
                 expected=f"deleted {entry.deleted}", suggestion=list(entry.replaced_by), message=text)


# "used for ...", "while performing a therapeutic exercise or functional activity": what the service helps
_PURPOSE = re.compile(r"\b(?:(?:used|uses|use|helps?|aims?|aimed|intended|designed|applied|indicated)\s+(?:to|for|at|in)|"
                      r"(?:while|when)\s+(?:performing|doing|completing)|during)\s+(?:[\w,-]+\s+){0,8}?$", re.IGNORECASE)


def _named_as_aim(claim: Claim, entry: CodeEntry, reference: Reference) -> bool:
    """Is the service named as a purpose ('used for ...') of a service that is used to help it?"""
    if claim.evidence is None or not any(claim.value in reference.concepts[c].aims
                                         for c in entry.concepts + entry.related if c in reference.concepts):
        return False
    before = claim.sentence.text[:claim.evidence.start - claim.sentence.start]
    return _PURPOSE.search(before) is not None


def suggest(concept: str, entry: CodeEntry, reference: Reference, limit: int = 3) -> list[str]:
    """Codes whose service the writer described, same section first."""
    pool = reference.identifying(concept) or reference.compatible(concept)
    pool = [e for e in pool if e.code != entry.code]
    pool.sort(key=lambda e: (e.section != entry.section, e.code))
    return [e.code for e in pool[:limit]]


def _identity(claim: Claim, entry: CodeEntry, reference: Reference, article: Article) -> Finding:
    if claim.value is None:
        if not entry.active or claim.via == "anaphor":
            return None                           # the status finding says all there is to say
        return _base(claim, article, verdict="unverifiable", severity="info", expected=entry.title,
                     message=f"Mentions {entry.code} ({entry.title}) without a statement that can be checked.")
    concept = reference.concepts[claim.value]
    said = concept.label
    fits = entry.describes(claim.value)
    if concept.group and not any(reference.concepts[c].group == concept.group for c in entry.concepts + entry.related) \
            and claim.value not in entry.excludes:
        return None                          # an attribute this code does not have at all: nothing to compare
                                             # (unless its entry rules it out: 98943, extraspinal, and spinal regions)
    if claim.polarity and fits:
        return _base(claim, article, verdict="supported", severity="info", claim=said, expected=entry.title,
                     message=f"{entry.code} is {entry.title}: '{said}' fits.")
    if not claim.polarity:
        # or a broad word the code falls under, that names no code alone: "97162 is not an evaluation code"
        own = claim.value in entry.concepts or (concept.group and claim.value in entry.related) \
            or (claim.value in entry.related and not concept.family and not reference.identifying(claim.value))
        if own and claim.tight:                   # "constant attendance is not required for this code" (97032)
            return _base(claim, article, verdict="contradicted", severity="error", claim=f"not {said}",
                         expected=entry.title, suggestion=[entry.code],
                         message=f"Says {entry.code} is not {said}, but {said} is exactly what {entry.code} "
                                 f"({entry.title}) describes.")
        if fits:
            return _base(claim, article, verdict="unverifiable", severity="info", claim=f"not {said}",
                         expected=entry.title,
                         message=f"Says {entry.code} is not {said}; {entry.code} is {entry.title}. Check the wording.")
        return _base(claim, article, verdict="supported", severity="info", claim=f"not {said}",
                     expected=entry.title, message=f"Right: {entry.code} is {entry.title}, not {said}.")
    if _named_as_aim(claim, entry, reference):
        # "G0283: used for pain modulation, muscle strengthening and neuromuscular re-education": what the
        # stimulation is used to help, not another code's service
        return _base(claim, article, verdict="unverifiable", severity="info", claim=said, expected=entry.title,
                     message=f"{entry.code} is {entry.title}; {said} is named as what it is used for.")
    codes = suggest(claim.value, entry, reference)
    if entry.unlisted and claim.evidence is not None \
            and (concept.group or narrowing(tuple(reference.cues.get("narrowing", ())))
                 .search(claim.sentence.text[:claim.evidence.start - claim.sentence.start])):
        # "unattended ultrasound would be billed via 97039": a kind of the service that has no code of its own
        return _base(claim, article, verdict="unverifiable", severity="info", claim=said, expected=entry.title,
                     message=f"{entry.code} is {entry.title}: it takes a form of a service that no code describes.")
    if not reference.identifying(claim.value) and claim.value not in entry.excludes and not concept.group \
            and not concept.family:
        # a broad word ("evaluation") that no single code is named by cannot prove a code wrong
        return _base(claim, article, verdict="unverifiable", severity="info", claim=said, expected=entry.title,
                     suggestion=codes, message=f"{entry.code} is {entry.title}; '{said}' is too broad to check.")
    where = f" {said.capitalize()} is reported with {', '.join(codes)}." if codes else ""
    return _base(claim, article, verdict="contradicted", severity="error", claim=said, expected=entry.title,
                 suggestion=codes, rewrite=_replace_code(claim, codes[0]) if codes else None,
                 message=f"{entry.code} is {entry.title}, not {said}.{where}")
