"""Counts of the things an evaluation level is defined by: 'an examination of one to three elements', 'at
least two performance deficits', 'five or more elements examined'.

Each level of a discipline's evaluations takes a range of them (reference/attributes.yaml `counts`): the
physical therapy levels count exam elements, the occupational therapy levels performance deficits. A count
said of a level is read as a range of numbers and compared with the level's range as a whole: the ranges
of the levels overlap ('three or more' and 'four or more'), so a number alone does not name a level, and a
count that is no level's range ('one to three elements' for the low level, which takes one or two) is wrong
for every level of its discipline. A bare number ('3 elements', as in E/M's '2 of 3 elements') is not read.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

from .words import NUMBER_WORDS, count_value

_NUMBER = r"(?:\d{1,2}|" + "|".join(NUMBER_WORDS) + r")"


@dataclass(frozen=True)
class CountScale:
    """What one discipline's evaluation levels count, and the range of it each level takes."""

    id: str
    nouns: tuple[str, ...]
    discipline: str
    levels: tuple[tuple[str, int, Optional[int]], ...]     # (complexity level, least, most or None)

    def level_of(self, low: int, high: Optional[int]) -> Optional[str]:
        return next((level for level, a, b in self.levels if (a, b) == (low, high)), None)

    def range_of(self, level: str) -> Optional[tuple[int, Optional[int]]]:
        return next(((a, b) for name, a, b in self.levels if name == level), None)


@dataclass(frozen=True)
class Count:
    start: int
    end: int
    text: str
    scale: CountScale
    low: int
    high: Optional[int]      # None: "or more"


@lru_cache(maxsize=8)
def _pattern(nouns: tuple[str, ...]) -> re.Pattern:
    noun = "|".join(re.escape(n) for n in sorted(nouns, key=len, reverse=True))
    # up to three words between the count and its noun ("one to three body-system elements", "five or more
    # examination elements"), none of them a number or a conjunction that starts another phrase
    between = r"(?:(?!(?:and|or|but|to|with|than|" + _NUMBER[3:-1] + r")\b)[a-z]+(?:[-/][a-z]+)*\s+){0,3}?"
    return re.compile(
        r"\b(?:(?P<least>at\s+least|a\s+minimum\s+of|minimum\s+of|no\s+fewer\s+than|no\s+less\s+than)\s+"
        r"|(?P<over>more\s+than|greater\s+than|over)\s+"
        r"|(?P<most>up\s+to|no\s+more\s+than|at\s+most|a\s+maximum\s+of)\s+"
        r"|(?P<under>fewer\s+than|less\s+than)\s+)?"
        r"(?P<a>" + _NUMBER + r")(?:\s*(?:-|\u2013|to|or|through)\s*(?P<b>" + _NUMBER + r")\b)?"
        r"(?P<more>\s*\+|\s+or\s+more\b|\s+or\s+greater\b|\s+and\s+(?:up|above)\b|\s+plus\b)?"
        r"[\s-]+(?P<between>" + between + r")(?P<noun>" + noun + r")\b(?P<after>\s+or\s+more\b)?",
        re.IGNORECASE)


@lru_cache(maxsize=8)
def _by_noun(scales: tuple[CountScale, ...]) -> dict[str, CountScale]:
    return {n.lower(): s for s in scales for n in s.nouns}


def read_counts(text: str, scales: tuple[CountScale, ...]) -> list[Count]:
    """Every count of a scale's noun in the text that is a range (not a bare number)."""
    if not scales:
        return []
    by_noun = _by_noun(scales)
    lower = text.lower()
    if not any(n in lower for n in by_noun):
        return []
    out = []
    for m in _pattern(tuple(by_noun)).finditer(text):
        a = count_value(m.group("a"))
        b = count_value(m.group("b")) if m.group("b") else None
        if b is not None:
            if b <= a:
                continue                  # "2-1 elements": no range
            low, high = a, b
        elif m.group("more") or m.group("after") or m.group("least"):
            low, high = a, None
        elif m.group("over"):
            low, high = a + 1, None
        elif m.group("most"):
            low, high = 1, a
        elif m.group("under"):
            if a < 2:
                continue
            low, high = 1, a - 1
        else:
            continue                      # a bare number
        out.append(Count(m.start(), m.end(), m.group(0), by_noun[m.group("noun").lower()], low, high))
    return out


def in_words(low: int, high: Optional[int]) -> str:
    def word(n: int) -> str:
        return NUMBER_WORDS[n - 1] if 1 <= n <= len(NUMBER_WORDS) else str(n)
    if high is None:
        return f"{word(low)} or more"
    if high == low:
        return word(low)
    return f"{word(low)} or {word(high)}" if high == low + 1 else f"{word(low)} to {word(high)}"
