"""Regular expressions with a literal gate: words any match must contain, checked with `in` before the regex runs.

Most of the linker's patterns are tried on every sentence and match almost none; Python's regex engine tries a
case-insensitive pattern at every position, while `word in text` is a fast scan. The words are read from the
pattern itself (sre_parse), so a rule edited in link.py or reference/ keeps a correct gate without anyone
writing one. The gate is exact: it only says no when the regex cannot match. Case-insensitive patterns are
gated on ASCII text only (Unicode case folding maps a few non-ASCII letters onto ASCII ones: 'ſ' matches 's').
"""
from __future__ import annotations

import re
from typing import Optional

try:                                      # Python 3.11+
    from re import _parser as sre_parse, _constants as sre
except ImportError:                       # pragma: no cover - Python 3.10
    import sre_parse                      # type: ignore[no-redef]
    import sre_constants as sre           # type: ignore[no-redef]

_MAX_WORDS = 12                           # more alternatives than this cost more to test than the regex


def required_words(pattern: str, flags: int = 0) -> Optional[frozenset[str]]:
    """Strings of which every match holds at least one (lower-cased when the pattern ignores case), or None."""
    try:
        parsed = sre_parse.parse(pattern, flags)
    except re.error:
        return None
    flags = parsed.state.flags
    return _sequence(parsed.data, bool(flags & re.IGNORECASE))


def _sequence(items, fold: bool) -> Optional[frozenset[str]]:
    """The best requirement of a sequence: every item is required, so any one item's words are."""
    options: list[frozenset[str]] = []
    run: list[str] = []

    def close() -> None:
        if run:
            options.append(frozenset(["".join(run)]))
            run.clear()

    for op, av in items:
        if op is sre.LITERAL:
            ch = chr(av)
            if fold and not ch.isascii() and ch.lower() != ch.upper():
                close()                   # a cased non-ASCII letter may fold onto an ASCII one
                continue
            run.append(ch.lower() if fold else ch)
            continue
        close()
        words = _item(op, av, fold)
        if words is not None:
            options.append(words)
    close()
    return _best(options)


def _item(op, av, fold: bool) -> Optional[frozenset[str]]:
    if op is sre.SUBPATTERN:
        _, add, remove, body = av
        if (add | remove) & re.IGNORECASE:
            return None                   # a local case flag: not worth following
        return _sequence(body.data, fold)
    if op is getattr(sre, "ATOMIC_GROUP", None):
        return _sequence(av.data, fold)
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, getattr(sre, "POSSESSIVE_REPEAT", None)):
        low, _, body = av
        return _sequence(body.data, fold) if low >= 1 else None
    if op is sre.BRANCH:
        words: set[str] = set()
        for branch in av[1]:
            found = _sequence(branch.data, fold)
            if not found:
                return None               # a branch that needs no word: the whole needs none
            words |= found
        return _shortest(words)
    return None


def _shortest(words: set[str]) -> Optional[frozenset[str]]:
    """Drop words that hold another word of the set: the shorter one is found whenever the longer one is."""
    kept = {w for w in words if not any(o != w and o in w for o in words)}
    return frozenset(kept) if kept and "" not in kept else None


def _best(options: list[frozenset[str]]) -> Optional[frozenset[str]]:
    """The requirement cheapest to test that still says the most: few words, long ones."""
    usable = [o for o in options if o and len(o) <= _MAX_WORDS and min(map(len, o)) >= 2]
    if not usable:
        return None
    return max(usable, key=lambda o: (min(map(len, o)) >= 4, -len(o), min(map(len, o))))


class Gated:
    """A compiled pattern and its gate; search, match, fullmatch, finditer and findall as re.Pattern has them.

    starts: for a case-insensitive pattern that opens with an alternation (a number as digits or words), a
    case-sensitive regex that finds, on the lower-cased text, every place where a match can begin; the pattern
    is then tried there only (on ASCII text), as finditer would find it. The pattern must not match empty.
    """

    def __init__(self, pattern: str, flags: int = 0, starts: Optional[str] = None):
        self.re = re.compile(pattern, flags)
        self.pattern = self.re.pattern
        self.flags = self.re.flags
        self.words = required_words(pattern, flags)
        self.fold = bool(self.re.flags & re.IGNORECASE)
        self.starts = re.compile(starts) if starts and self.fold else None

    def possible(self, text: str) -> bool:
        """False only when no match can exist in text."""
        words = self.words
        if words is None:
            return True
        if self.fold:
            if not text.isascii():
                return True
            text = text.lower()
        for word in words:
            if word in text:
                return True
        return False

    def search(self, text: str, *args) -> Optional[re.Match]:
        if self.starts is not None and not args:
            return next(self.finditer(text), None)
        return self.re.search(text, *args) if self.possible(text) else None

    def match(self, text: str, *args) -> Optional[re.Match]:
        return self.re.match(text, *args) if self.possible(text) else None

    def fullmatch(self, text: str, *args) -> Optional[re.Match]:
        return self.re.fullmatch(text, *args) if self.possible(text) else None

    def finditer(self, text: str, *args):
        if not self.possible(text):
            return iter(())
        if self.starts is not None and not args and text.isascii():
            return self._from_starts(text)
        return self.re.finditer(text, *args)

    def _from_starts(self, text: str):
        lower, pos, n = text.lower(), 0, len(text)
        while pos <= n:
            candidate = self.starts.search(lower, pos)
            if candidate is None:
                return
            at = candidate.start()
            m = self.re.match(text, at)         # a lookbehind or \b still sees the text before `at`
            if m is None:
                pos = at + 1
                continue
            yield m
            pos = m.end() if m.end() > at else at + 1

    def findall(self, text: str, *args) -> list:
        return self.re.findall(text, *args) if self.possible(text) else []


def gated(pattern: str, flags: int = 0, starts: Optional[str] = None) -> Gated | re.Pattern:
    """The pattern with a gate when words can be read from it (or starts are given), else the plain pattern."""
    gate = Gated(pattern, flags, starts)
    return gate if gate.words is not None or gate.starts is not None else gate.re
