"""The loader validates everything and names file:line for each problem."""
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from cptaudit.cli import main
from cptaudit.errors import ReferenceDataError
from cptaudit.reference import default_reference_dir, load_reference


def test_bundled_table_loads_and_covers_the_families(reference):
    for code in ["97010", "97110", "97124", "97140", "97161", "97172", "98940", "98943", "20560", "20561",
                 "98975", "98977", "G0283", "97001", "97004", "97762"]:
        assert code in reference.codes, code
    assert reference.codes["97762"].status == "deleted" and reference.codes["97762"].replaced_by == ["97763"]
    assert all(e.sources for e in reference.codes.values())


def test_every_concept_and_replacement_points_somewhere(reference):
    for entry in reference.codes.values():
        assert set(entry.concepts) | set(entry.related) <= set(reference.concepts)
        assert set(entry.replaced_by) <= set(reference.codes)


@pytest.fixture
def table(tmp_path):
    target = tmp_path / "ref"
    shutil.copytree(default_reference_dir(), target, ignore=shutil.ignore_patterns("__pycache__"))
    return target


def break_file(path: Path, old: str, new: str) -> int:
    text = path.read_text()
    assert old in text, old
    line = text[:text.index(old)].count("\n") + 1
    path.write_text(text.replace(old, new, 1))
    return line


def errors_of(table):
    with pytest.raises(ReferenceDataError) as info:
        load_reference(table)
    return [str(i) for i in info.value.issues]


def first_code_file(table):
    return sorted((table / "codes").glob("*.yaml"))[0]


def test_missing_required_field_is_reported_with_file_and_line(table):
    path = first_code_file(table)
    line = break_file(path, "  title:", "  tilte:")
    errors = errors_of(table)
    assert any(e.startswith(f"codes/{path.name}:") and "missing required field 'title'" in e for e in errors)
    assert any(e == f"codes/{path.name}:{line}: " + e.split(": ", 1)[1] and "unknown field 'tilte'" in e
               for e in errors)


def test_wrong_type_unknown_concept_bad_format_and_duplicates(table):
    path = first_code_file(table)
    text = path.read_text()
    first_code = text.split('code: "', 1)[1].split('"', 1)[0]
    break_file(path, "\n  timed: ", "\n  timed: maybe #")
    path.write_text(path.read_text() + f'\n- code: "{first_code}"\n  system: cpt\n  title: T\n  description: D\n'
                    f'  section: nowhere\n  concepts: [no_such_concept]\n  timed: false\n  status: active\n'
                    f'  sources: ["https://example.org"]\n- code: "9712"\n  system: cpt\n  title: T\n'
                    f'  description: D\n  section: nowhere\n  concepts: []\n  timed: false\n  status: active\n'
                    f'  sources: ["https://example.org"]\n')
    joined = "\n".join(errors_of(table))
    assert "field 'timed' must be bool" in joined
    assert "unknown concept id 'no_such_concept'" in joined
    assert "unknown section 'nowhere'" in joined
    assert "'9712' matches no code format" in joined


def test_duplicate_code_names_the_first_place(table):
    path = first_code_file(table)
    text = path.read_text()
    entry = "- code:" + text.split("- code:", 2)[1]
    path.write_text(text.rstrip("\n") + "\n" + entry)
    assert any("duplicate code" in e and "(first at codes/" in e for e in errors_of(table))


def test_replacement_must_exist(table):
    deleted = table / "codes" / "deleted.yaml"
    text = deleted.read_text()
    import re
    target = re.search(r"replaced_by: \[\"?(\w+)", text).group(1)
    deleted.write_text(text.replace(target, "97999", 1) if f'code: "{target}"' not in text else text)
    path = next(p for p in (table / "codes").glob("*.yaml") if "replaced_by: [" in p.read_text()
                and re.search(r"replaced_by: \[\"?\w", p.read_text()))
    t = path.read_text()
    m = re.search(r"replaced_by: \[\"?(\w+)\"?", t)
    path.write_text(t[:m.start()] + 'replaced_by: ["99999"' + t[m.end():])
    assert any("replaced_by 99999 is not in the table" in e for e in errors_of(table))


def test_yaml_syntax_error_has_a_line(table):
    (table / "cues.yaml").write_text("negation:\n  - not\n  - [unclosed\n")
    assert any(e.startswith("cues.yaml:") and "YAML error" in e for e in errors_of(table))


def test_unknown_cue_kind_is_an_error(table):
    with (table / "cues.yaml").open("a") as fh:
        fh.write("\nmystery:\n  - x\n")
    assert any("unknown cue kind 'mystery'" in e for e in errors_of(table))


def test_reference_check_command_exit_codes(table):
    runner = CliRunner()
    ok = runner.invoke(main, ["reference", "check", "--reference", str(table)])
    assert ok.exit_code == 0 and "OK" in ok.output
    break_file(first_code_file(table), "  title:", "  tilte:")
    bad = runner.invoke(main, ["reference", "check", "--reference", str(table)])
    assert bad.exit_code == 2 and "unknown field 'tilte'" in bad.output


def test_concept_inflect_flag_must_be_a_boolean(table):
    path = table / "concepts.yaml"
    line = break_file(path, "    inflect: false", "    inflect: sometimes")
    errors = errors_of(table)
    assert any(e.startswith("concepts.yaml:") and "'inflect', 'family' and 'loose' must be true or false" in e for e in errors)
    assert line > 1


def test_a_concept_count_needs_words_and_a_number(table):
    path = table / "concepts.yaml"
    break_file(path, "counts: {of: [region, regions, spinal region, spinal regions, spinal area, spinal areas], from: 1, to: 2}",
               "counts: {of: [region, regions], from: one}")
    errors = errors_of(table)
    assert any(e.startswith("concepts.yaml:") and "'counts' needs 'of'" in e for e in errors)


def test_a_keyword_belongs_to_one_concept(table):
    path = table / "concepts.yaml"
    break_file(path, "keywords: [kneading, strokes, massage, massages]", "keywords: [kneading, strokes, walking]")
    assert any("keyword 'walking' is in both" in e for e in errors_of(table))


def test_a_table_column_that_names_an_unknown_id_is_reported(tmp_path):
    import shutil
    from cptaudit.reference import ReferenceDataError, default_reference_dir, load_reference
    root = tmp_path / "ref"
    shutil.copytree(default_reference_dir(), root)
    (root / "tables.yaml").write_text("columns:\n  - headers: [attendance]\n    cells:\n      supervised: no_such_id\n")
    with pytest.raises(ReferenceDataError) as raised:
        load_reference(root)
    assert any("tables.yaml" in str(i) and "no_such_id" in str(i) for i in raised.value.issues)


def test_an_absent_code_must_not_be_in_the_table_and_its_family_must_be(tmp_path):
    import shutil
    from cptaudit.reference import ReferenceDataError, default_reference_dir, load_reference
    root = tmp_path / "ref"
    shutil.copytree(default_reference_dir(), root)
    meta = root / "meta.yaml"
    meta.write_text(meta.read_text().replace('code: "97812"', 'code: "97810"'))
    with pytest.raises(ReferenceDataError) as err:
        load_reference(root)
    assert "absent code 97810 is in the table" in str(err.value)


def test_modifier_meanings_must_point_at_patterns_and_rules(table):
    path = table / "structure.yaml"
    break_file(path, "    GN: speech_language_pathology", "    GN: speech")
    errors = errors_of(table)
    assert any(e.startswith("structure.yaml:") and "'GN' marks 'speech'" in e for e in errors)


def test_modifier_meanings_rules_must_exist(table):
    path = table / "structure.yaml"
    break_file(path, "  wrong_rule: modifier_meaning_swapped", "  wrong_rule: no_such_rule")
    assert any("no rule 'no_such_rule'" in e for e in errors_of(table))


def test_an_evaluation_count_level_must_be_a_complexity_with_least_before_most(table):
    path = table / "attributes.yaml"
    break_file(path, "    levels: {low: [1, 2], moderate: [3, null], high: [4, null]}",
               "    levels: {low: [2, 1], moderate: [3, null], simple: [4, null]}")
    errors = errors_of(table)
    assert any(e.startswith("attributes.yaml:") and "count 'exam_elements'" in e for e in errors)


def test_the_evaluation_counts_are_loaded_per_discipline():
    scales = {s.id: s for s in load_reference().count_scales}
    assert scales["exam_elements"].discipline == "pt"
    assert scales["exam_elements"].range_of("low") == (1, 2)
    assert scales["performance_deficits"].range_of("high") == (5, None)


def test_an_update_cycle_subject_must_name_a_known_cycle(table):
    path = table / "structure.yaml"
    break_file(path, "      cycle: semiannual\n", "      cycle: biannual\n")
    errors = errors_of(table)
    assert any(e.startswith("structure.yaml:") and "unknown cycle 'biannual'" in e for e in errors)


def test_each_update_cycle_subject_gets_one_true_rule():
    ref = load_reference()
    cycles = [r for r in ref.structure if r.id.startswith("update_cycle_")]
    assert {r.id for r in cycles if r.holds} == {"update_cycle_cpt_yearly", "update_cycle_category_iii_semiannual",
                                                 "update_cycle_hcpcs_level_ii_quarterly", "update_cycle_ncci_quarterly"}
