"""Literal gates on regular expressions (gates.py): a gate may only say no where the regex finds nothing."""
import re
from pathlib import Path

import pytest

from cptaudit import grammar, link, units
from cptaudit.gates import Gated, gated, required_words

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("pattern, flags, words", [
    (r"\bcheck[- ]digit\b", re.IGNORECASE, {"check"}),
    (r"\b(?:this|that|such)\s+(?:kinds?|types?)\s+of\b", re.IGNORECASE, {"kind", "type"}),
    (r"(?:\d+|ten)\s+units?", re.IGNORECASE, {"unit"}),
    (r"(?:a|b)?x", 0, None),                      # no word of two letters or more is required
    (r"(?:word|)\s+", 0, None),                   # an empty branch requires nothing
    (r"Code\b", 0, {"Code"}),                     # case kept when case matters
])
def test_required_words(pattern, flags, words):
    assert (set(required_words(pattern, flags)) if required_words(pattern, flags) else None) == words


def test_gate_passes_non_ascii_text_to_the_regex():
    # with IGNORECASE 'ſ' (long s) matches 's': no lower-case 'such' in the text, yet a match
    pattern = gated(r"such\s+as", re.IGNORECASE)
    assert isinstance(pattern, Gated)
    assert pattern.search("ſuch as massage") is not None


def _sentences() -> list[str]:
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in sorted((ROOT / "corpus").glob("*.*"))
             if p.suffix in (".txt", ".md", ".html")]
    return [s for t in texts for s in re.split(r"(?<=[.!?:])\s+|\n+", t) if s.strip()]


def _all_gated():
    from cptaudit.reference import load_reference
    found = [(f"{mod.__name__}.{name}", v) for mod in (link, units, grammar) for name, v in vars(mod).items()
             if isinstance(v, Gated)]
    g = grammar.Grammar(load_reference())
    found += [(f"structure {rule}", p) for rule, patterns in g.structure for p in patterns if isinstance(p, Gated)]
    return found


def test_gates_never_hide_a_match():
    sentences = _sentences()
    variants = sentences + [s.upper() for s in sentences[::7]]
    gated_patterns = _all_gated()
    assert len(gated_patterns) > 20
    for name, pattern in gated_patterns:
        for text in variants:
            plain = [m.span() for m in pattern.re.finditer(text)]
            assert [m.span() for m in pattern.finditer(text)] == plain, (name, text)
            assert (pattern.search(text) is not None) == bool(plain), (name, text)


def test_structure_trigger_scan_agrees_with_the_regex():
    from cptaudit.reference import load_reference
    g = grammar.Grammar(load_reference())
    for text in _sentences() + ["subcpt codes", "a_cpt code", "CPT", "x hcpcs"]:
        assert g.structure_triggered(text) == (g.structure_trigger.search(text) is not None), text
        assert g.may_state_structure(text) == (g._any_structure.search(text) is not None), text
