"""Statements that tie minutes to billing units ("23 minutes is two units"), computed with the 8-minute rule.

Grammar only: the rule's numbers come from reference/structure.yaml (unit_rule).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

_NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "single": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
                 "seven": 7, "eight": 8, "nine": 9, "ten": 10}
_MINUTE_WORDS = {"seven": 7, "eight": 8, "nine": 9, "ten": 10, "fifteen": 15, "twenty": 20, "thirty": 30}
_N = r"(\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|a single|a|an)"
_M = r"(\d{1,3}|seven|eight|nine|ten|fifteen|twenty|thirty)"
_MIN = _M + r"(?:\s*(?:-|–|to|through)\s*" + _M + r")?[\s-]*(?:(?:total|timed|treatment|billable)\s+)?(?:minutes?|mins?)"
_UNITS = _N + r"\s+(?:billable\s+|timed\s+)?units?\b"
_LINK = (r"(?:=|equals?|is|are|counts?\s+as|bills?\s+as|(?:can\s+be\s+|is\s+)?billed\s+as|qualif\w*\s+(?:for|as)|"
         r"gives?(?:\s+you)?|yields?|results?\s+in|translates?\s+(?:to|into)|supports?|allows?(?:\s+you)?(?:\s+to\s+bill)?|"
         r"(?:[\w,]+\s+){0,4}?(?:can|may|should|would|could|will|to)\s+bill|gets?\s+you|earns?|"
         # "would therefore be reported as", "that means"
         r"(?:(?:can|may|should|would|could|will|must)\s+)?(?:(?:therefore|then|thus|also)\s+)?(?:be\s+)?"
         r"(?:billed|reported|coded|counted|charged|submitted)\s+as|(?:that\s+|which\s+)?means?)")
# between the minutes and the link: "of 97110", "of gait training", or a few words naming the session
# ("evaluation under 97161 would"); never another number of minutes (a sum is not one statement), never a
# relative clause ("the 23-to-37-minute band that Medicare counts as two units" is the rule's table)
_BETWEEN = r"(?:\s+of\s+[\w\s]{1,30}?|(?:\s+(?!\d+\s*min|(?:that|which|where|when)\b)[\w-]+){1,4}?)?"
MINUTES_TO_UNITS = re.compile(_MIN + _BETWEEN + r"\s*(?:,\s*)?" + _LINK + r"\s+(?:only\s+)?" + _UNITS,
                              re.IGNORECASE)
# "I bill those 35 minutes of 98980 as 2 units"
BILLED_AS_UNITS = re.compile(r"\b(?:bill|report|code|charge|submit)(?:s|ed|ing)?\s+(?:the\s+|those\s+|these\s+|all\s+)?"
                             + _MIN + r"(?:\s+of\s+[\w\s-]{1,30}?)?\s+as\s+" + _UNITS, re.IGNORECASE)
UNITS_TO_MINUTES = re.compile(_UNITS + r"\s*(=|equals?|is|for|requires?|needs?|covers?|means)\s+"
                              r"(?:at\s+least\s+|between\s+|from\s+|a\s+full\s+|one\s+full\s+)?" + _MIN,
                              re.IGNORECASE)
THRESHOLD = re.compile(r"(?:need|needs|require|requires|required|must\s+(?:provide|have|spend|deliver)|"
                       r"minimum\s+of|at\s+least)\s+(?:at\s+least\s+)?" + _M + r"\s+(?:\w+\s+)?minutes?"
                       r"[^.;]{0,40}?\bto\s+(?:bill|report|charge|claim)\s+(?:one|a\s+single|a|1)\s+unit", re.IGNORECASE)
FULL_BLOCK = re.compile(r"\b(?:each|every|one|a)\s+(?:billable\s+)?unit\b[^.;]{0,30}?\b(?:(?:must|should|has\s+to|needs\s+to|"
                        r"is\s+required\s+to)\s+(?:be|last|include|represent|equal|contain)\s+(?:at\s+least\s+|a\s+minimum\s+"
                        r"of\s+|one\s+|a\s+)?(?:complete\s+|full\s+|whole\s+)?|"
                        # "each unit equals one complete 15-minute block": a whole block, not the 8-minute rule
                        r"(?:equals?|is|means|represents?)\s+(?:one\s+|a\s+)?(?:complete|full|whole|entire)\s+)"
                        + _M + r"[- ]minutes?", re.IGNORECASE)
UNDER_IS_BILLABLE = re.compile(r"(?:(?:less\s+than|under|fewer\s+than)\s+" + _M + r"\s+minutes?|" + _M + r"\s+minutes?\s+or\s+"
                               r"(?:less|fewer))[^.;]{0,50}?\b(?:(?:can|may|could|should|will)\s+(?:still\s+)?be\s+"
                               r"(?:billed|reported|counted|charged)\s+as|(?:still\s+)?(?:earns?|gets?|counts?\s+as|"
                               r"qualif\w+\s+(?:for|as)|bills?\s+as))\s+(?:one|a|1)\s+(?:full\s+)?unit",
                               re.IGNORECASE)


# "bill two units of 97012", "that's three units of 97165 on the claim": a count of units of the code after it
UNITS_OF_CODE = re.compile(r"\b(\d{1,2}|two|three|four|five|six|seven|eight|nine|ten|multiple|several)\s+"
                           r"(?:billable\s+|timed\s+|separate\s+)?units\s+(?:of|for)\s+(?:(?:cpt|hcpcs)\s+)?(?:code\s+)?$",
                           re.IGNORECASE)


def units_before(text: str) -> Optional[tuple[int, int]]:
    """(count, where the phrase starts) for 'two units of' ending text, or None; 'multiple' and 'several'
    count as 2."""
    m = UNITS_OF_CODE.search(text)
    if m is None:
        return None
    word = m.group(1).lower()
    return (2 if word in ("multiple", "several") else _count(word)), m.start()


@dataclass
class UnitStatement:
    start: int
    end: int
    text: str
    low: int              # minutes stated (a range low-high, or low == high)
    high: int
    units: Optional[int]  # units stated; None for thresholds
    form: str             # "pair" | "threshold" | "under_billable"


def _minutes(word: Optional[str]) -> Optional[int]:
    if word is None:
        return None
    return int(word) if word.isdigit() else _MINUTE_WORDS[word.lower()]


def _count(word: str) -> int:
    word = word.lower()
    return int(word) if word.isdigit() else _NUMBER_WORDS.get(word.replace("a single", "single"), 1)


def find_statements(text: str) -> list[UnitStatement]:
    """Statements in one sentence; a threshold or 'under N minutes' reading wins over a plain pair."""
    found: list[UnitStatement] = []
    if "unit" not in text.lower() and text.isascii():
        return found                          # every pattern below needs the word "unit"
    for m in UNDER_IS_BILLABLE.finditer(text):
        n = _minutes(m.group(1) or m.group(2))
        found.append(UnitStatement(m.start(), m.end(), m.group(0), n, n, 1, "under_billable"))
    for m in FULL_BLOCK.finditer(text):
        n = _minutes(m.group(1))
        found.append(UnitStatement(m.start(), m.end(), m.group(0), n, n, 1, "threshold"))
    for m in THRESHOLD.finditer(text):
        n = _minutes(m.group(1))
        found.append(UnitStatement(m.start(), m.end(), m.group(0), n, n, 1, "threshold"))
    for m in UNITS_TO_MINUTES.finditer(text):
        low = _minutes(m.group(3))
        high = _minutes(m.group(4)) or low
        form = "threshold" if m.group(2).lower().startswith(("require", "need")) and low == high else "pair"
        found.append(UnitStatement(m.start(), m.end(), m.group(0), low, high, _count(m.group(1)), form))
    for m in BILLED_AS_UNITS.finditer(text):
        low = _minutes(m.group(1))
        found.append(UnitStatement(m.start(), m.end(), m.group(0), low, _minutes(m.group(2)) or low,
                                   _count(m.group(3)), "pair"))
    for m in MINUTES_TO_UNITS.finditer(text):
        low = _minutes(m.group(1))
        found.append(UnitStatement(m.start(), m.end(), m.group(0), low, _minutes(m.group(2)) or low,
                                   _count(m.group(3)), "pair"))
    kept: list[UnitStatement] = []
    for statement in found:
        if not any(k.start < statement.end and statement.start < k.end for k in kept):
            kept.append(statement)
    return sorted(kept, key=lambda s: s.start)


def units_for(minutes: int, unit_minutes: int, first_minimum: int) -> int:
    """Units Medicare allows for a total of timed minutes."""
    return 0 if minutes < first_minimum else (minutes - first_minimum) // unit_minutes + 1


def check(statement: UnitStatement, unit_minutes: int, first_minimum: int) -> tuple[bool, str]:
    """(holds, what the rule says) for one statement."""
    if statement.form == "threshold":
        return statement.low == first_minimum, f"one unit needs at least {first_minimum} minutes of timed service"
    if statement.form == "under_billable":
        return False, f"fewer than {first_minimum} minutes of a timed service is not billable on its own"
    low_units = units_for(statement.low, unit_minutes, first_minimum)
    high_units = units_for(statement.high, unit_minutes, first_minimum)
    if low_units == high_units:
        truth = f"{statement.low}" + (f"-{statement.high}" if statement.high != statement.low else "") + \
            f" minutes = {low_units} unit{'s' if low_units != 1 else ''}"
    else:
        truth = f"{statement.low} minutes = {low_units} units and {statement.high} minutes = {high_units} units"
    return low_units == high_units == statement.units, truth + " under the 8-minute rule"
