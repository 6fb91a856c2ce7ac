"""Word forms shared by the spaCy components and the linker: a cheap singular, the norm, the stem.

Kept out of components.py so that importing the linker does not import spaCy (the main process of a run
whose workers analyse, or whose results all come from the cache, never needs it: 0.7 s).
"""
from __future__ import annotations

import re
from functools import lru_cache

import snowballstemmer

# "97110 vs 97530", "attended versus unattended": a comparison, whose sides are no claims about each other
VERSUS = re.compile(r"\b(?:vs\.?|versus)\s", re.IGNORECASE)



@lru_cache(maxsize=4)
def narrowing(words: tuple[str, ...]) -> re.Pattern:
    """A modifier right before a service that names one kind of it ("'hands-free' ultrasound", "home
    traction", "unattended e-stim", "not provided via the clinician"): the words come from cues.yaml
    ('narrowing'); quoted words and hyphenated compounds narrow too."""
    alternation = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))
    return re.compile(r"(?:['\u2018\u201c\"][\w-]+['\u2019\u201d\"]|\b[a-z]+-[a-z]+|\bnot\s+provided\s+(?:via|by|with)\b[^,.]*"
                      + (r"|\b(?:" + alternation + r")" if alternation else "") + r")\s*['\"\u2019\u201d]?\s*$",
                      re.IGNORECASE)


# counts written as words ("one to three elements", "two regions"), for the count readers (grammar.py, tiers.py)
NUMBER_WORDS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def count_value(word: str) -> int:
    """'3' -> 3, 'three' -> 3."""
    return int(word) if word.isdigit() else NUMBER_WORDS.index(word.lower()) + 1


_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "‐": "-", "‑": "-"})


def singular(word: str) -> str:
    """A cheap English singular, enough to match 'exercises' to 'exercise' without a lemmatizer model."""
    if len(word) < 4 or not word.isalpha():
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "shes", "ches", "xes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is", "ous", "ics", "as")):
        return word[:-1]
    return word


def base_norm(text: str) -> str:
    return singular(text.lower().translate(_APOSTROPHES))


_STEMMER = snowballstemmer.stemmer("english")


# endings a stem may lose: a verb's forms and its action noun, not other derivations
# ('mobility' and 'mobilization' share a Snowball stem and mean different things)
_INFLECTIONS = frozenset(["", "e", "s", "es", "ed", "ing", "ion", "ions", "ation", "ations", "ate", "ates",
                          "ated", "ating", "ment", "ments", "ize", "izes", "ized", "izing", "ization",
                          "izations", "ise", "ises", "ised", "ising", "isation", "isations"])


@lru_cache(maxsize=1 << 16)     # Snowball is slow; the lexicon's 4,000 phrases stem the same words again and again
def stem(norm: str) -> str:
    """The Snowball stem of a norm, where the word is only an inflection of it: concept phrases then
    match every form of their words ('re-evaluates', 'reassessing', 'massaging'), not only the forms
    the lexicon lists. Short words keep their form: their stems collide with everyday words ('timed'
    and 'time', 'billed' and 'bill')."""
    if len(norm) < 7 or not norm.isalpha():
        return norm
    root = _STEMMER.stemWord(norm)
    return root if norm.startswith(root) and norm[len(root):] in _INFLECTIONS else norm
