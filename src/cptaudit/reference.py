"""Load and validate the descriptor table in reference/ (YAML), naming file:line for every problem."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Optional

import yaml

from .errors import ReferenceDataError, ReferenceIssue
from .cycles import CycleSubject, UpdateCycles, rule_id
from .gates import required_words
from .tiers import CountScale

STATUSES = {"active", "deleted"}
COMPLEXITIES = {"low", "moderate", "high", "reevaluation"}
BILLING_PERIODS = {"episode", "month"}      # how often a code may be billed, where the sources say
DISCIPLINES = {"pt", "ot", "at"}
CUE_KINDS = {
    "negation", "negation_exempt", "contrast", "other_code", "hedge", "clause_break",
    "anaphor", "pronoun", "expletive", "billing_frame", "status_change",
    "code_word", "count_noun", "address", "clause_start", "concept_anaphor", "attach_forward",
    "attach_preposition", "minimum", "relative", "coordinator", "clause_verb",
    "typical", "historical", "payer_variant", "current_use", "other_code_exempt", "pronoun_verb", "reported", "plural_anaphor", "plural_subject", "conditional", "session_word",
    "structure_trigger", "mistake_frame", "approximately", "section_frame", "list_lead", "demonstrative", "reason", "present_time", "old_label",
    "subject_anaphor", "subject_anaphor_exempt", "past_verb",
    "field_label", "billing_context", "misuse_verdict", "definition_frame", "population_object", "cross_reference",
    "narrowing", "list_not_service", "spinal_region_name", "service_column",
}


@dataclass
class Section:
    id: str
    name: str
    ranges: list[tuple[str, str]] = field(default_factory=list)
    parent: Optional[str] = None


@dataclass
class CodeFormat:
    id: str
    name: str
    pattern: str
    needs_context: bool = False     # a bare match is only a code when code words stand near it


@dataclass
class CodeEntry:
    code: str
    system: str
    title: str
    description: str
    section: str
    concepts: list[str]
    timed: bool
    status: str
    sources: list[str]
    related: list[str] = field(default_factory=list)
    unit_minutes: Optional[int] = None
    unit: Optional[str] = None
    typical_minutes: Optional[int] = None
    complexity: Optional[str] = None
    discipline: Optional[str] = None
    added: Optional[int] = None
    deleted: Optional[int] = None
    replaced_by: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    excludes: list[str] = field(default_factory=list)   # services writers wrongly ascribe to it
    medicare_pays: Optional[bool] = None                # Medicare pays it on its own (null: not stated)
    billed_per: Optional[str] = None                    # once per episode of care | per month (null: not stated)
    unlisted: bool = False                              # an unlisted code: any service with no code of its own
    file: str = ""
    line: int = 0

    @property
    def active(self) -> bool:
        return self.status == "active"

    @property
    def one_unit_per_occasion(self) -> bool:
        """Billed once per session, evaluation, visit or period: the `unit` text starts 'per', 'once' or
        'one unit' (reference/README.md), unlike add-ons counted by area or by time."""
        return not self.timed and bool(self.unit) and self.unit.lower().startswith(("per ", "once ", "one unit"))

    @property
    def add_on(self) -> bool:
        """Reported only with its primary code: the unit is 'each additional ...' (reference/README.md)."""
        return (self.unit or "").lower().startswith("each additional")

    @property
    def billed_once(self) -> bool:
        """Reported once a session, day or encounter: untimed codes, and timed codes whose unit is a first
        block ('initial 15 minutes (once per day)'), whose further time goes on an add-on."""
        unit = (self.unit or "").lower()
        return not self.timed or unit.startswith(("initial ", "first ")) or "once per" in unit

    def describes(self, concept: str) -> bool:
        return concept in self.concepts or concept in self.related


@dataclass
class Concept:
    id: str
    label: str
    phrases: list[str]
    group: Optional[str] = None     # an attribute (e.g. body system) checked only against codes that have one of its group
    inflect: bool = True            # phrases also match other forms of their words ('re-evaluates')
    family: bool = False            # names a family of codes: a code outside it is wrong ('97035 is e-stim')
    counts: Optional["Count"] = None  # a number of things that names it: 'two regions were adjusted'
    keywords: list[str] = field(default_factory=list)   # single words that name it only where a code is
                                                        # defined: '97112 is for walking'
    aims: list[str] = field(default_factory=list)       # services it is used to help ('e-stim used for muscle
                                                        # strengthening'): named as a purpose, no other code
    loose: bool = False             # writers also use its words loosely for other services ('therapeutic activities')


@dataclass(frozen=True)
class Count:
    """'Two regions were treated', 'three muscles needled': a number of these things, in this range."""

    of: tuple[str, ...]             # the things counted, singular and plural ('region', 'regions')
    low: int
    high: Optional[int] = None      # no upper bound when None


ATTRIBUTE_FIELDS = {"timed", "billed_once", "add_on", "complexity", "section", "system", "status", "medicare_pays", "billed_per",
                    "complexity_count"}   # complexity_count: a count of exam elements or deficits no level takes (tiers.py)


@dataclass
class Attribute:
    """A phrase family that claims a property (field = value) of a code, e.g. 'untimed' -> timed = false."""

    id: str
    kind: str
    label: str
    field: str
    value: object
    phrases: list[str]


@dataclass
class StructureRule:
    """A pattern for a general statement about the code set, true or false."""

    id: str
    holds: bool
    claim: str
    truth: str
    patterns: list[str]
    sources: list[str] = field(default_factory=list)
    codes: list[str] = field(default_factory=list)   # a rule about these codes: said of the one the sentence names
    kind: str = "structure"                          # the kind of those claims


@dataclass
class TableColumn:
    """A column of a table, by the words of its header cell, and the concept each terse cell value says."""
    headers: list[str]
    cells: dict[str, str]


@dataclass
class AbsentCode:
    """A code number writers use that does not exist ('97812'), with the real codes it is mistaken among."""
    code: str
    family: list[str]
    truth: str
    sources: list[str] = field(default_factory=list)


@dataclass
class Reference:
    version: str
    date: str
    systems: dict[str, dict]
    sections: dict[str, Section]
    formats: list[CodeFormat]
    codes: dict[str, CodeEntry]
    concepts: dict[str, Concept]
    cues: dict[str, list[str]]
    attributes: dict[str, Attribute] = field(default_factory=dict)
    ignore: list[str] = field(default_factory=list)
    structure: list[StructureRule] = field(default_factory=list)
    unit_rule: dict = field(default_factory=dict)     # the 8-minute rule's numbers (structure.yaml)
    modifier_meanings: dict = field(default_factory=dict)   # what each discipline/assistant modifier marks (structure.yaml)
    table_columns: list[TableColumn] = field(default_factory=list)   # tables.yaml
    cue_patterns: dict[str, list[list[dict]]] = field(default_factory=dict)   # cues.yaml token_patterns
    absent: dict[str, "AbsentCode"] = field(default_factory=dict)   # meta.yaml: numbers that are no code at all
    count_scales: tuple = ()          # attributes.yaml counts: what each discipline's evaluation levels count
    update_cycles: Optional[UpdateCycles] = None     # structure.yaml update_cycles: how often each part is updated
    code_rule_ids: frozenset = frozenset()           # structure.yaml rules about named codes (their claims carry the code)
    directory: str = ""

    def addons_of(self, code: str) -> list[str]:
        """The current add-on codes whose unit names this code ('each additional 15 minutes (add-on to 97810)')."""
        return [e.code for e in self.codes.values() if e.active and code in (e.unit or "")]

    def closest(self, code: str, limit: int = 3) -> list[str]:
        """Known codes nearest to a code-shaped string: fewest differing characters, then nearest number."""
        def distance(other: str) -> tuple:
            diff = sum(a != b for a, b in zip(code, other)) + abs(len(code) - len(other))
            gap = abs(int(code) - int(other)) if code.isdigit() and other.isdigit() else 10**6
            return diff, gap, other
        ranked = sorted((c for c in self.codes if len(c) == len(code)), key=distance)
        return [c for c in ranked if distance(c)[0] <= 2][:limit]

    def identifying(self, concept: str) -> list[CodeEntry]:
        """Active codes whose service this concept names."""
        return self._index("concepts").get(concept, [])

    def compatible(self, concept: str) -> list[CodeEntry]:
        return self._index("related").get(concept, [])

    def _index(self, field_name: str) -> dict[str, list[CodeEntry]]:
        cache = self.__dict__.setdefault("_indexes", {})
        if field_name not in cache:
            index: dict[str, list[CodeEntry]] = {}
            for entry in self.codes.values():
                if entry.active:
                    for cid in getattr(entry, field_name):
                        index.setdefault(cid, []).append(entry)
            cache[field_name] = index
        return cache[field_name]


# ---------------------------------------------------------------- YAML with line numbers

class _LineDict(dict):
    line = 0
    key_lines: dict


# libyaml's parser when PyYAML has it (five times faster: every worker process loads the table), else Python's
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _LineLoader(_BaseLoader):
    pass


def _construct_mapping(loader: _BaseLoader, node: yaml.MappingNode) -> _LineDict:
    mapping = _LineDict(loader.construct_mapping(node, deep=True))
    mapping.line = node.start_mark.line + 1
    mapping.key_lines = {k.value: v.start_mark.line + 1 for k, v in node.value if hasattr(k, "value")}
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def _read_yaml(path: Path, rel: str, issues: list[ReferenceIssue]) -> Any:
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_LineLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        issues.append(ReferenceIssue(rel, (mark.line + 1) if mark else 1, f"YAML error: {exc.problem}"))
    except (OSError, UnicodeDecodeError) as exc:
        issues.append(ReferenceIssue(rel, 1, f"cannot read: {exc}"))
    return None


# ---------------------------------------------------------------- field checking

_CODE_FIELDS: dict[str, tuple[tuple[type, ...], bool]] = {
    # name: (allowed types, required)
    "code": ((str,), True), "system": ((str,), True), "title": ((str,), True),
    "description": ((str,), True), "section": ((str,), True), "concepts": ((list,), True),
    "timed": ((bool,), True), "status": ((str,), True), "sources": ((list,), True),
    "related": ((list,), False), "unit_minutes": ((int, type(None)), False),
    "unit": ((str, type(None)), False), "typical_minutes": ((int, type(None)), False),
    "complexity": ((str, type(None)), False), "discipline": ((str, type(None)), False),
    "added": ((int, type(None)), False), "deleted": ((int, type(None)), False),
    "replaced_by": ((list,), False), "notes": ((list,), False), "excludes": ((list,), False),
    "medicare_pays": ((bool, type(None)), False), "billed_per": ((str, type(None)), False),
    "unlisted": ((bool,), False),
}


def _check_fields(item: _LineDict, spec: dict, rel: str, what: str, issues: list[ReferenceIssue]) -> bool:
    ok = True
    for key in item:
        if key not in spec:
            issues.append(ReferenceIssue(rel, item.key_lines.get(key, item.line), f"{what}: unknown field '{key}'"))
            ok = False
    for key, (types, required) in spec.items():
        if key not in item:
            if required:
                issues.append(ReferenceIssue(rel, item.line, f"{what}: missing required field '{key}'"))
                ok = False
            continue
        value = item[key]
        if not isinstance(value, types) or (bool not in types and isinstance(value, bool)):
            names = " or ".join("null" if t is type(None) else t.__name__ for t in types)
            issues.append(ReferenceIssue(rel, item.key_lines.get(key, item.line),
                                         f"{what}: field '{key}' must be {names}, got {type(value).__name__} {value!r}"))
            ok = False
    return ok


# ---------------------------------------------------------------- loading

def default_reference_dir() -> Path:
    """The table shipped inside the installed package."""
    return Path(str(resources.files("cptaudit.data")))


def load_reference(directory: Optional[str | Path] = None) -> Reference:
    """Load and validate; raise ReferenceDataError listing every problem."""
    root = (Path(directory) if directory else default_reference_dir()).resolve()
    stamp = tuple(sorted((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in root.rglob("*.yaml"))) \
        if root.is_dir() else ()
    return _load_cached(str(root), stamp)


@lru_cache(maxsize=4)
def _load_cached(directory: str, stamp: tuple = ()) -> Reference:
    """Cached per directory and file stamps, so an edited table is read again."""
    root = Path(directory)
    issues: list[ReferenceIssue] = []
    if not root.is_dir():
        raise ReferenceDataError([ReferenceIssue(str(root), 0, "reference directory not found")])

    meta = _read_yaml(root / "meta.yaml", "meta.yaml", issues) or {}
    systems, sections, formats = _load_meta(meta, issues)
    concepts = _load_concepts(_read_yaml(root / "concepts.yaml", "concepts.yaml", issues) or {}, issues)
    cue_data = _read_yaml(root / "cues.yaml", "cues.yaml", issues) or {}
    cues = _load_cues(cue_data, issues)
    cue_patterns = _load_cue_patterns(cue_data, issues)
    attribute_data = _read_yaml(root / "attributes.yaml", "attributes.yaml", issues) or {}
    attributes, ignore = _load_attributes(attribute_data, concepts, sections, issues)
    count_scales = _load_count_scales(attribute_data, issues)
    structure_data = _read_yaml(root / "structure.yaml", "structure.yaml", issues) or {}
    structure = _load_structure(structure_data, issues)
    update_cycles = _load_update_cycles(structure_data, structure, issues)
    table_columns = _load_table_columns(_read_yaml(root / "tables.yaml", "tables.yaml", issues) or {},
                                        set(concepts) | set(attributes), issues)
    unit_rule = structure_data.get("unit_rule") if isinstance(structure_data, dict) else None
    if not (isinstance(unit_rule, dict) and isinstance(unit_rule.get("unit_minutes"), int)
            and isinstance(unit_rule.get("first_unit_minimum"), int)):
        issues.append(ReferenceIssue("structure.yaml", 1, "unit_rule needs integer unit_minutes and first_unit_minimum"))
        unit_rule = {}

    modifier_meanings = _load_modifier_meanings(structure_data, {r.id for r in structure}, issues)

    codes: dict[str, CodeEntry] = {}
    code_files = sorted((root / "codes").glob("*.yaml"))
    if not code_files:
        issues.append(ReferenceIssue("codes/", 0, "no code files (codes/*.yaml)"))
    for path in code_files:
        rel = f"codes/{path.name}"
        data = _read_yaml(path, rel, issues)
        if data is None:
            continue
        if not isinstance(data, list):
            issues.append(ReferenceIssue(rel, 1, "a code file must be a YAML list of entries"))
            continue
        for item in data:
            entry = _load_code(item, rel, systems, sections, formats, concepts, issues)
            if entry is None:
                continue
            if entry.code in codes:
                first = codes[entry.code]
                issues.append(ReferenceIssue(rel, entry.line,
                                             f"duplicate code {entry.code} (first at {first.file}:{first.line})"))
                continue
            codes[entry.code] = entry

    for rule in structure:
        unknown = [c for c in rule.codes if c not in codes]
        if unknown:
            issues.append(ReferenceIssue("structure.yaml", 1, f"rule '{rule.id}': codes not in the table: {unknown}"))
    absent = _load_absent(meta.get("absent") if isinstance(meta, dict) else None, codes, formats, issues)
    for entry in codes.values():
        for target in entry.replaced_by:
            if target not in codes:
                issues.append(ReferenceIssue(entry.file, entry.line,
                                             f"{entry.code}: replaced_by {target} is not in the table"))
    if issues:
        raise ReferenceDataError(issues)
    return Reference(version=str(meta.get("version")), date=str(meta.get("date", "")), systems=systems,
                     sections=sections, formats=formats, codes=codes, concepts=concepts, cues=cues, cue_patterns=cue_patterns,
                     attributes=attributes, ignore=ignore, structure=structure, unit_rule=dict(unit_rule),
                     modifier_meanings=modifier_meanings, count_scales=count_scales, update_cycles=update_cycles,
                     code_rule_ids=frozenset(r.id for r in structure if r.codes),
                     table_columns=table_columns, absent=absent, directory=directory)


def _load_table_columns(data, ids: set[str], issues: list[ReferenceIssue]) -> list[TableColumn]:
    rel = "tables.yaml"
    columns: list[TableColumn] = []
    if not data:
        return columns
    if not isinstance(data, dict) or not isinstance(data.get("columns"), list):
        issues.append(ReferenceIssue(rel, 1, "expected a 'columns:' list"))
        return columns
    for item in data["columns"]:
        line = getattr(item, "line", 1)
        headers, cells = (item.get("headers"), item.get("cells")) if isinstance(item, dict) else (None, None)
        if not (isinstance(headers, list) and headers and all(isinstance(h, str) for h in headers)):
            issues.append(ReferenceIssue(rel, line, "a column needs 'headers', a list of strings"))
            continue
        if not (isinstance(cells, dict) and cells and all(isinstance(k, str) and isinstance(v, str)
                                                          for k, v in cells.items())):
            issues.append(ReferenceIssue(rel, line, "a column needs 'cells', a mapping of cell text to an id"))
            continue
        unknown = sorted({v for v in cells.values() if v not in ids})
        if unknown:
            issues.append(ReferenceIssue(rel, line, f"cells name unknown concept or attribute ids: {', '.join(unknown)}"))
            continue
        columns.append(TableColumn(headers=[h.lower() for h in headers],
                                   cells={k.lower(): v for k, v in cells.items()}))
    return columns


def _load_meta(meta: dict, issues: list[ReferenceIssue]):
    systems: dict[str, dict] = {}
    sections: dict[str, Section] = {}
    formats: list[CodeFormat] = []
    if not isinstance(meta, dict) or "version" not in meta:
        issues.append(ReferenceIssue("meta.yaml", getattr(meta, "line", 1), "missing 'version'"))
        return systems, sections, formats
    for item in meta.get("systems") or []:
        if isinstance(item, dict) and isinstance(item.get("id"), str):
            systems[item["id"]] = dict(item)
        else:
            issues.append(ReferenceIssue("meta.yaml", getattr(item, "line", 1), "a system needs an 'id'"))
    for item in meta.get("sections") or []:
        if not (isinstance(item, dict) and isinstance(item.get("id"), str) and isinstance(item.get("name"), str)):
            issues.append(ReferenceIssue("meta.yaml", getattr(item, "line", 1), "a section needs 'id' and 'name'"))
            continue
        ranges = [tuple(map(str, r)) for r in item.get("ranges") or [] if isinstance(r, list) and len(r) == 2]
        sections[item["id"]] = Section(item["id"], item["name"], ranges, item.get("parent"))
    for item in meta.get("formats") or []:
        try:
            re.compile(item["pattern"])
            formats.append(CodeFormat(item["id"], item["name"], item["pattern"], bool(item.get("needs_context"))))
        except (KeyError, TypeError, re.error) as exc:
            issues.append(ReferenceIssue("meta.yaml", getattr(item, "line", 1), f"bad code format: {exc}"))
    if not formats:
        issues.append(ReferenceIssue("meta.yaml", meta.line, "no code 'formats' defined"))
    return systems, sections, formats


def _load_absent(data, codes: dict, formats: list, issues: list[ReferenceIssue]) -> dict[str, AbsentCode]:
    absent: dict[str, AbsentCode] = {}
    for item in data or []:
        line = getattr(item, "line", 1)
        if not (isinstance(item, dict) and isinstance(item.get("code"), str) and isinstance(item.get("truth"), str)
                and isinstance(item.get("family", []), list)):
            issues.append(ReferenceIssue("meta.yaml", line, "an absent code needs 'code', 'truth' and a 'family' list"))
            continue
        code = item["code"]
        if not any(re.fullmatch(f.pattern, code) for f in formats):
            issues.append(ReferenceIssue("meta.yaml", line, f"absent code {code!r} has no code format"))
        elif code in codes:
            issues.append(ReferenceIssue("meta.yaml", line, f"absent code {code} is in the table"))
        elif any(c not in codes for c in item.get("family", [])):
            issues.append(ReferenceIssue("meta.yaml", line, f"absent code {code}: its family names codes not in the table"))
        else:
            absent[code] = AbsentCode(code, list(item.get("family", [])), item["truth"], list(item.get("sources") or []))
    return absent


def _load_code(item, rel, systems, sections, formats, concepts, issues) -> Optional[CodeEntry]:
    if not isinstance(item, _LineDict):
        issues.append(ReferenceIssue(rel, 1, f"entry must be a mapping, got {item!r}"))
        return None
    what = f"code {item.get('code', '?')}"
    if not _check_fields(item, _CODE_FIELDS, rel, what, issues):
        return None
    line = item.line
    at = lambda key: item.key_lines.get(key, line)  # noqa: E731
    entry = CodeEntry(**{k: item[k] for k in _CODE_FIELDS if k in item}, file=rel, line=line)
    bad = len(issues)
    if entry.system not in systems:
        issues.append(ReferenceIssue(rel, at("system"), f"{what}: unknown system '{entry.system}'"))
    if not any(re.fullmatch(f.pattern, entry.code) for f in formats):
        issues.append(ReferenceIssue(rel, at("code"), f"{what}: '{entry.code}' matches no code format in meta.yaml"))
    if entry.section not in sections:
        issues.append(ReferenceIssue(rel, at("section"), f"{what}: unknown section '{entry.section}'"))
    for key in ("concepts", "related", "excludes"):
        for cid in getattr(entry, key):
            if cid not in concepts:
                issues.append(ReferenceIssue(rel, at(key), f"{what}: unknown concept id '{cid}' in {key}"))
    if entry.status not in STATUSES:
        issues.append(ReferenceIssue(rel, at("status"), f"{what}: status must be one of {sorted(STATUSES)}"))
    if entry.status == "deleted" and entry.deleted is None:
        issues.append(ReferenceIssue(rel, at("status"), f"{what}: a deleted code needs the year in 'deleted'"))
    if entry.billed_per is not None and entry.billed_per not in BILLING_PERIODS:
        issues.append(ReferenceIssue(rel, at("billed_per"), f"{what}: billed_per must be one of {sorted(BILLING_PERIODS)}"))
    if entry.complexity is not None and entry.complexity not in COMPLEXITIES:
        issues.append(ReferenceIssue(rel, at("complexity"), f"{what}: complexity must be one of {sorted(COMPLEXITIES)}"))
    if entry.discipline is not None and entry.discipline not in DISCIPLINES:
        issues.append(ReferenceIssue(rel, at("discipline"), f"{what}: discipline must be one of {sorted(DISCIPLINES)}"))
    if entry.timed and not entry.unit_minutes:
        issues.append(ReferenceIssue(rel, at("timed"), f"{what}: a timed code needs unit_minutes"))
    if not entry.sources or not all(isinstance(s, str) and s.startswith(("http://", "https://")) for s in entry.sources):
        issues.append(ReferenceIssue(rel, at("sources"), f"{what}: sources must be a non-empty list of http(s) URLs"))
    if not all(isinstance(c, str) for c in entry.replaced_by):
        issues.append(ReferenceIssue(rel, at("replaced_by"), f"{what}: replaced_by must list codes as strings"))
    return entry if len(issues) == bad else None


def _load_concepts(data, issues: list[ReferenceIssue]) -> dict[str, Concept]:
    concepts: dict[str, Concept] = {}
    owner: dict[str, str] = {}
    items = data.get("concepts") if isinstance(data, dict) else None
    if not isinstance(items, list):
        issues.append(ReferenceIssue("concepts.yaml", 1, "expected a 'concepts:' list"))
        return concepts
    for item in items:
        line = getattr(item, "line", 1)
        if not (isinstance(item, dict) and isinstance(item.get("id"), str) and isinstance(item.get("label"), str)
                and isinstance(item.get("phrases"), list) and item["phrases"]
                and all(isinstance(p, str) and p.strip() for p in item["phrases"])):
            issues.append(ReferenceIssue("concepts.yaml", line, "a concept needs 'id', 'label' and non-empty 'phrases'"))
            continue
        if item["id"] in concepts:
            issues.append(ReferenceIssue("concepts.yaml", line, f"duplicate concept id '{item['id']}'"))
            continue
        for phrase in item["phrases"]:
            key = phrase.strip().lower()
            if key in owner and owner[key] != item["id"]:
                issues.append(ReferenceIssue("concepts.yaml", line,
                                             f"phrase '{phrase}' is in both '{owner[key]}' and '{item['id']}'"))
            owner[key] = item["id"]
        unknown = set(item) - {"id", "label", "phrases", "group", "inflect", "family", "counts", "keywords", "aims", "loose"}
        if unknown:
            issues.append(ReferenceIssue("concepts.yaml", line, f"concept '{item['id']}': unknown field(s) {sorted(unknown)}"))
            continue
        if not all(isinstance(item.get(flag, False), bool) for flag in ("inflect", "family", "loose")):
            issues.append(ReferenceIssue("concepts.yaml", line,
                                         f"concept '{item['id']}': 'inflect', 'family' and 'loose' must be true or false"))
            continue
        counts = item.get("counts")
        if counts is not None:
            ok = isinstance(counts, dict) and set(counts) <= {"of", "from", "to"} \
                and isinstance(counts.get("of"), list) and counts["of"] and all(isinstance(w, str) for w in counts["of"]) \
                and isinstance(counts.get("from"), int) and isinstance(counts.get("to", 0), int)
            if not ok:
                issues.append(ReferenceIssue("concepts.yaml", line, f"concept '{item['id']}': 'counts' needs 'of' "
                                             "(a list of words), 'from' (a number) and optionally 'to'"))
                continue
            counts = Count(tuple(w.lower() for w in counts["of"]), counts["from"], counts.get("to"))
        keywords = item.get("keywords", [])
        if not (isinstance(keywords, list) and all(isinstance(w, str) and w.strip() and " " not in w.strip()
                                                    for w in keywords)):
            issues.append(ReferenceIssue("concepts.yaml", line, f"concept '{item['id']}': 'keywords' must be a list of single words"))
            continue
        for word in keywords:
            key = "keyword " + word.strip().lower()
            if key in owner and owner[key] != item["id"]:
                issues.append(ReferenceIssue("concepts.yaml", line,
                                             f"keyword '{word}' is in both '{owner[key]}' and '{item['id']}'"))
            owner[key] = item["id"]
        aims = item.get("aims", [])
        if not (isinstance(aims, list) and all(isinstance(a, str) for a in aims)):
            issues.append(ReferenceIssue("concepts.yaml", line, f"concept '{item['id']}': 'aims' must be a list of concept ids"))
            continue
        concepts[item["id"]] = Concept(item["id"], item["label"], list(item["phrases"]), item.get("group"),
                                       item.get("inflect", True), item.get("family", False), counts,
                                       [w.strip().lower() for w in keywords], list(aims), item.get("loose", False))
    for concept in concepts.values():
        for aim in concept.aims:
            if aim not in concepts:
                issues.append(ReferenceIssue("concepts.yaml", 1, f"concept '{concept.id}': aim '{aim}' is no concept id"))
    return concepts


_TOKEN_PATTERNS = "token_patterns"


def _plain(value):
    """Line-numbered YAML mappings as plain dicts (spaCy's pattern validator wants plain types)."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return [_plain(v) for v in value] if isinstance(value, list) else value


def _load_cue_patterns(data, issues: list[ReferenceIssue]) -> dict[str, list[list[dict]]]:
    """Cues whose words vary ("some newer billers think"): spaCy Matcher token patterns, per cue kind."""
    patterns: dict[str, list[list[dict]]] = {}
    block = data.get(_TOKEN_PATTERNS) if isinstance(data, dict) else None
    if block is None:
        return patterns
    line = data.key_lines.get(_TOKEN_PATTERNS, 1) if isinstance(data, _LineDict) else 1
    if not isinstance(block, dict):
        issues.append(ReferenceIssue("cues.yaml", line, "token_patterns: expected a mapping of cue kind to patterns"))
        return patterns
    for kind, items in block.items():
        if kind not in CUE_KINDS:
            issues.append(ReferenceIssue("cues.yaml", line, f"token_patterns: unknown cue kind '{kind}'"))
        elif not isinstance(items, list) or not all(
                isinstance(p, list) and p and all(isinstance(t, dict) and t for t in p) for p in items):
            issues.append(ReferenceIssue("cues.yaml", line,
                                         f"token_patterns: '{kind}' must list patterns, each a list of token mappings"))
        else:
            patterns[kind] = [[_plain(t) for t in p] for p in items]
    return patterns


def _load_cues(data, issues: list[ReferenceIssue]) -> dict[str, list[str]]:
    cues: dict[str, list[str]] = {}
    if not isinstance(data, dict):
        issues.append(ReferenceIssue("cues.yaml", 1, "expected a mapping of cue kind to phrases"))
        return cues
    for kind, phrases in data.items():
        line = data.key_lines.get(kind, 1) if isinstance(data, _LineDict) else 1
        if kind == _TOKEN_PATTERNS:
            continue
        if kind not in CUE_KINDS:
            issues.append(ReferenceIssue("cues.yaml", line, f"unknown cue kind '{kind}' (known: {sorted(CUE_KINDS)})"))
        elif not isinstance(phrases, list) or not all(isinstance(p, str) for p in phrases):
            issues.append(ReferenceIssue("cues.yaml", line, f"cue kind '{kind}' must list strings"))
        else:
            cues[kind] = phrases
    return cues


_KINDS = {"timing", "complexity", "section", "status"}


def _load_attributes(data, concepts: dict[str, Concept], sections: dict[str, Section],
                     issues: list[ReferenceIssue]) -> tuple[dict[str, Attribute], list[str]]:
    attributes: dict[str, Attribute] = {}
    rel = "attributes.yaml"
    if not isinstance(data, dict) or not isinstance(data.get("attributes"), list):
        issues.append(ReferenceIssue(rel, 1, "expected an 'attributes:' list"))
        return attributes, []
    ignore = data.get("ignore") or []
    if not all(isinstance(p, str) for p in ignore):
        issues.append(ReferenceIssue(rel, data.key_lines.get("ignore", 1), "'ignore' must list strings"))
        ignore = []
    concept_phrases = {p.lower() for c in concepts.values() for p in c.phrases}
    for item in data["attributes"]:
        line = getattr(item, "line", 1)
        missing = [k for k in ("id", "kind", "label", "field", "value", "phrases") if not isinstance(item, dict) or k not in item]
        if missing:
            issues.append(ReferenceIssue(rel, line, f"an attribute needs {', '.join(missing)}"))
            continue
        where = f"attribute '{item['id']}'"
        if item["id"] in concepts or item["id"] in attributes:
            issues.append(ReferenceIssue(rel, line, f"{where}: id already used"))
            continue
        if item["kind"] not in _KINDS:
            issues.append(ReferenceIssue(rel, line, f"{where}: kind must be one of {sorted(_KINDS)}"))
            continue
        if item["field"] not in ATTRIBUTE_FIELDS:
            issues.append(ReferenceIssue(rel, line, f"{where}: field must be one of {sorted(ATTRIBUTE_FIELDS)}"))
            continue
        if item["field"] == "section" and item["value"] not in sections:
            issues.append(ReferenceIssue(rel, line, f"{where}: unknown section '{item['value']}'"))
            continue
        clash = [p for p in item["phrases"] if str(p).lower() in concept_phrases]
        if clash:
            issues.append(ReferenceIssue(rel, line, f"{where}: phrase(s) also in concepts.yaml: {clash}"))
            continue
        attributes[item["id"]] = Attribute(item["id"], item["kind"], item["label"], item["field"], item["value"],
                                           [str(p) for p in item["phrases"]])
    return attributes, ignore


def _gate_words(patterns: list[re.Pattern]) -> Optional[tuple[str, ...]]:
    """Lower-case words one of which every match of any of the patterns holds (gates.py), or None."""
    words = [required_words(p.pattern, re.IGNORECASE) for p in patterns]
    return None if any(w is None for w in words) else tuple(sorted(set().union(*words)))


def _load_update_cycles(data, structure: list[StructureRule], issues: list[ReferenceIssue]) -> Optional[UpdateCycles]:
    """structure.yaml update_cycles; adds one rule per subject and cycle to `structure` (true for its own cycle)."""
    spec = data.get("update_cycles") if isinstance(data, dict) else None
    if spec is None:
        return None
    line = getattr(spec, "line", 1)
    try:
        cycles = tuple((str(cid), str(c["label"]), re.compile(r"\b(?:" + "|".join(c["phrases"]) + r")\b", re.IGNORECASE))
                       for cid, c in dict(spec["cycles"]).items())
        subjects = tuple(CycleSubject(str(s["id"]), str(s["label"]), str(s["cycle"]), str(s["truth"]).strip(),
                                      re.compile("|".join(s["names"]), re.IGNORECASE)) for s in spec["subjects"])
        cycles_data = UpdateCycles(subjects, cycles, re.compile(spec["verbs"], re.IGNORECASE),
                                   re.compile(spec["pointers"], re.IGNORECASE), re.compile(spec["aside"], re.IGNORECASE),
                                   _gate_words([s.names for s in subjects]), _gate_words([p for _, _, p in cycles]))
    except (KeyError, TypeError, ValueError) as exc:
        issues.append(ReferenceIssue("structure.yaml", line, f"update_cycles needs subjects (id, label, cycle, truth, "
                                                             f"names), cycles (label, phrases), verbs, pointers, aside ({exc})"))
        return None
    except re.error as exc:
        issues.append(ReferenceIssue("structure.yaml", line, f"update_cycles: bad pattern: {exc}"))
        return None
    known = {cid for cid, _, _ in cycles}
    for subject in subjects:
        if subject.cycle not in known:
            issues.append(ReferenceIssue("structure.yaml", line, f"update_cycles: subject '{subject.id}' has unknown "
                                                                 f"cycle '{subject.cycle}'"))
            return None
        for cid, label, _ in cycles:
            structure.append(StructureRule(rule_id(subject.id, cid), cid == subject.cycle,
                                           f"{subject.label}, updated {label}", subject.truth, []))
    return cycles_data


def _load_count_scales(data, issues: list[ReferenceIssue]) -> tuple[CountScale, ...]:
    """attributes.yaml counts: per discipline, the noun its evaluation levels count and each level's range."""
    items = data.get("counts") if isinstance(data, dict) else None
    if items is None:
        return ()
    rel = "attributes.yaml"
    if not isinstance(items, list):
        issues.append(ReferenceIssue(rel, getattr(data, "key_lines", {}).get("counts", 1), "'counts' must be a list"))
        return ()
    scales = []
    for item in items:
        line = getattr(item, "line", 1)
        try:
            levels = tuple((str(level), int(bounds[0]), None if bounds[1] is None else int(bounds[1]))
                           for level, bounds in dict(item["levels"]).items())
            nouns = tuple(str(n).lower() for n in item["nouns"])
            scale = CountScale(str(item["id"]), nouns, str(item["discipline"]), levels)
        except (KeyError, TypeError, ValueError, IndexError):
            issues.append(ReferenceIssue(rel, line, "a count needs id, nouns (a list), discipline and levels "
                                                    "(level: [least, most or null])"))
            continue
        if not nouns or not levels or any(level not in COMPLEXITIES for level, _, _ in levels) \
                or any(b is not None and b < a for _, a, b in levels):
            issues.append(ReferenceIssue(rel, line, f"count '{scale.id}': needs nouns, and levels among "
                                                    f"{sorted(COMPLEXITIES)} with least <= most"))
            continue
        scales.append(scale)
    return tuple(scales)


def _load_modifier_meanings(data, rule_ids: set[str], issues: list[ReferenceIssue]) -> dict:
    """structure.yaml modifier_meanings: modifiers to discipline ids, each discipline's patterns, the two rules."""
    meanings = data.get("modifier_meanings") if isinstance(data, dict) else None
    if meanings is None:
        return {}
    line = getattr(meanings, "line", 1)
    try:
        modifiers, disciplines = dict(meanings["modifiers"]), dict(meanings["disciplines"])
        wrong, right = meanings["wrong_rule"], meanings["right_rule"]
        compiled = {d: [re.compile(p, re.IGNORECASE) for p in ps] for d, ps in disciplines.items()}
    except (KeyError, TypeError, ValueError) as exc:
        issues.append(ReferenceIssue("structure.yaml", line, f"modifier_meanings needs modifiers, disciplines, "
                                                             f"wrong_rule and right_rule ({exc})"))
        return {}
    except re.error as exc:
        issues.append(ReferenceIssue("structure.yaml", line, f"modifier_meanings: bad pattern: {exc}"))
        return {}
    for rule in (wrong, right):
        if rule not in rule_ids:
            issues.append(ReferenceIssue("structure.yaml", line, f"modifier_meanings: no rule '{rule}'"))
            return {}
    for modifier, discipline in modifiers.items():
        if discipline not in compiled:
            issues.append(ReferenceIssue("structure.yaml", line, f"modifier_meanings: '{modifier}' marks "
                                                                 f"'{discipline}', which has no patterns"))
            return {}
    return {"modifiers": modifiers, "disciplines": compiled, "wrong_rule": wrong, "right_rule": right}


KINDS_OF_RULES = {"structure", "status", "timing", "identity"}


def _load_structure(data, issues: list[ReferenceIssue]) -> list[StructureRule]:
    rules: list[StructureRule] = []
    rel = "structure.yaml"
    if not isinstance(data, dict) or not isinstance(data.get("rules"), list):
        issues.append(ReferenceIssue(rel, 1, "expected a 'rules:' list"))
        return rules
    for item in data["rules"]:
        line = getattr(item, "line", 1)
        try:
            rule = StructureRule(item["id"], bool(item["holds"]), item["claim"], item["truth"].strip(),
                                 list(item["patterns"]), list(item.get("sources") or []),
                                 [str(c) for c in item.get("codes") or []], str(item.get("kind", "structure")))
            if rule.kind not in KINDS_OF_RULES:
                raise TypeError(f"kind must be one of {sorted(KINDS_OF_RULES)}")
            for pattern in rule.patterns:
                re.compile(pattern, re.IGNORECASE)
        except (KeyError, TypeError) as exc:
            issues.append(ReferenceIssue(rel, line, f"a rule needs id, holds, claim, truth, patterns ({exc})"))
            continue
        except re.error as exc:
            issues.append(ReferenceIssue(rel, line, f"rule '{item.get('id')}': bad pattern: {exc}"))
            continue
        rules.append(rule)
    return rules
