"""How often a part of the code set is updated: 'The edit tables are updated once a year', 'CMS maintains the
CPT code set and publishes updates every quarter', 'They actually come out every quarter'.

The subjects, their real cycles and the words of each are data (structure.yaml update_cycles). A statement is
an update verb and a cycle; its subject is the subject named before the verb in the same clause, else the one
named between the verb and the cycle (its object: 'releases new CPT codes every year'), else, when the clause
points back ('They', 'These codes', 'the set'), the subject the sentence before named. A subject named in a
comparison ('like CPT', 'along with CPT') is not the one the statement is about.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

RULE_PREFIX = "update_cycle_"
_CLAUSE_END = re.compile(r"[;:.!?]")


@dataclass(frozen=True)
class CycleSubject:
    id: str
    label: str
    cycle: str
    truth: str
    names: re.Pattern


@dataclass(frozen=True)
class Statement:
    start: int
    end: int
    subject: str
    cycle: str
    verb: int             # where the update verb starts

    @property
    def rule(self) -> str:
        return rule_id(self.subject, self.cycle)


def rule_id(subject: str, cycle: str) -> str:
    return f"{RULE_PREFIX}{subject}_{cycle}"


@dataclass(frozen=True)
class UpdateCycles:
    subjects: tuple[CycleSubject, ...]
    cycles: tuple[tuple[str, str, re.Pattern], ...]     # (id, label, phrase pattern)
    verbs: re.Pattern
    pointers: re.Pattern
    aside: re.Pattern
    gate: Optional[tuple[str, ...]] = None   # lower-case words some name of every subject holds (gates.py)
    cycle_gate: Optional[tuple[str, ...]] = None   # the same for the cycle phrases

    def may_state(self, text: str) -> bool:
        """False only when the text holds no cycle phrase."""
        if self.cycle_gate is None or not text.isascii():
            return True
        lower = text.lower()
        return any(w in lower for w in self.cycle_gate)

    def named(self, text: str, start: int = 0, end: Optional[int] = None) -> list[tuple[int, str]]:
        """(position, subject id) of each subject named in text[start:end], outside comparisons."""
        end = len(text) if end is None else end
        if self.gate is not None and text.isascii():
            lower = text.lower()
            if not any(w in lower for w in self.gate):
                return []
        found = []
        for subject in self.subjects:
            for m in subject.names.finditer(text, start, end):
                if not self.aside.search(text, max(0, m.start() - 40), m.start()) \
                        and not any(p <= m.start() < q for p, q, _ in found):
                    found.append((m.start(), m.end(), subject.id))
        return sorted((p, s) for p, _, s in found)

    def last_named(self, text: str) -> Optional[str]:
        named = self.named(text)
        return named[-1][1] if named else None

    def statements(self, text: str, carried: Optional[str]) -> list[Statement]:
        out: list[Statement] = []
        floor = 0
        for verb in self.verbs.finditer(text):
            if verb.start() < floor:
                continue
            cycle = self._cycle_after(text, verb.end())
            if cycle is None:
                continue
            cycle_id, cycle_end = cycle
            clause_start = max([floor] + [m.end() for m in _CLAUSE_END.finditer(text, 0, verb.start())])
            before = self.named(text, clause_start, verb.start())
            between = self.named(text, verb.end(), cycle_end)
            subject = before[-1][1] if before else between[0][1] if between else None
            if subject is None and carried is not None and (
                    self.pointers.search(text[clause_start:cycle_end])):
                subject = carried
            if subject is not None:
                out.append(Statement(clause_start, cycle_end, subject, cycle_id, verb.start()))
                floor = cycle_end
        return out

    def _cycle_after(self, text: str, at: int) -> Optional[tuple[str, int]]:
        window_end = at + 80
        stop = _CLAUSE_END.search(text, at, window_end)
        window_end = stop.start() if stop else min(window_end, len(text))
        best = None
        for cycle_id, _, pattern in self.cycles:
            m = pattern.search(text, at, window_end)
            if m and (best is None or m.start() < best[2]):
                best = (cycle_id, m.end(), m.start())
        return (best[0], best[1]) if best else None

    def label(self, cycle: str) -> str:
        return next(label for cid, label, _ in self.cycles if cid == cycle)
