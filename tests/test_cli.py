"""The command line: contracts of DESIGN.md (report.json, exit codes), errors per file, inputs untouched."""
import hashlib
import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from cptaudit.cli import main

WRONG = "What Is CPT 97124?\n\nCPT 97124 refers to therapeutic exercises for strength.\n"
RIGHT = "What Is CPT 97124?\n\nCPT 97124 is therapeutic massage.\n"


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.fixture
def folder(tmp_path):
    src = tmp_path / "articles"
    (src / "sub").mkdir(parents=True)
    (src / "right.txt").write_text(RIGHT)
    return src


def test_clean_folder_exits_0_and_writes_the_contract(folder, tmp_path):
    result = run("check", folder, "--out", tmp_path / "out", "--format", "json")
    assert result.exit_code == 0, result.output
    report = json.loads((tmp_path / "out" / "report.json").read_text())
    assert report["tool"]["name"] == "cptaudit" and report["tool"]["version"]
    assert report["reference"]["codes"] > 50 and report["reference"]["version"]
    assert report["summary"] == {"articles": 1, "findings": 1, "contradicted": 0, "errors": 0}
    [article] = report["articles"]
    assert article["status"] == "ok" and article["error"] is None
    [finding] = article["findings"]
    assert set(finding) >= {"code", "verdict", "kind", "sentence", "start", "end", "line", "claim", "expected",
                            "suggestion", "message", "severity"}
    assert finding["line"] == 3 and finding["sentence"] == "CPT 97124 is therapeutic massage."
    assert "report.json" in result.output and "1 article" in result.output


def test_contradiction_exits_1_with_finding_fields(folder, tmp_path):
    (folder / "sub" / "wrong.txt").write_text(WRONG)
    result = run("check", folder, "--out", tmp_path / "out")
    assert result.exit_code == 1
    report = json.loads((tmp_path / "out" / "report.json").read_text())
    assert [a["path"].endswith(n) for a, n in zip(report["articles"], ["right.txt", "wrong.txt"])] == [True, True]
    [f] = report["articles"][1]["findings"]
    assert (f["code"], f["verdict"], f["kind"], f["claim"], f["suggestion"][0]) == \
        ("97124", "contradicted", "identity", "therapeutic exercise", "97110")
    text = (folder / "sub" / "wrong.txt").read_text()
    assert text[f["start"]:f["end"]] == f["sentence"]


def test_unreadable_files_are_errors_and_the_batch_goes_on(folder, tmp_path):
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02PNG" * 50)
    (folder / "latin.txt").write_bytes("CPT 97124 is massage \xe9t\xe9.".encode("cp1252"))
    result = run("check", folder, "--out", tmp_path / "out")
    assert result.exit_code == 1
    report = json.loads((tmp_path / "out" / "report.json").read_text())
    status = {Path(a["path"]).name: (a["status"], a["error"]) for a in report["articles"]}
    assert status["empty.txt"] == ("error", "empty file")
    assert status["binary.txt"][0] == "error" and "binary" in status["binary.txt"][1]
    assert status["latin.txt"] == ("ok", None) and status["right.txt"] == ("ok", None)
    assert report["summary"]["errors"] == 2


def test_input_files_are_never_modified(folder, tmp_path):
    (folder / "sub" / "wrong.txt").write_text(WRONG)
    before = {p: (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns) for p in folder.rglob("*.txt")}
    run("check", folder, "--out", tmp_path / "out")
    after = {p: (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns) for p in folder.rglob("*.txt")}
    assert before == after


def test_parallel_jobs_give_the_same_report(folder, tmp_path):
    for i in range(6):
        (folder / f"w{i}.txt").write_text(WRONG if i % 2 else RIGHT)
    run("check", folder, "--out", tmp_path / "one", "--jobs", "1")
    run("check", folder, "--out", tmp_path / "two", "--jobs", "2")
    assert (tmp_path / "one" / "report.json").read_text() == (tmp_path / "two" / "report.json").read_text()


def test_usage_errors_exit_2(tmp_path):
    assert run("check", tmp_path / "nope").exit_code == 2
    assert run("check", tmp_path, "--format", "pdf").exit_code == 2
    assert run("check", tmp_path, "--reference", tmp_path).exit_code == 2


def test_no_half_written_report_when_a_run_fails(folder, tmp_path, monkeypatch):
    from cptaudit import audit
    out = tmp_path / "out"

    def boom(*a, **k):
        yield from ()
        raise KeyboardInterrupt

    monkeypatch.setattr(audit, "audit_paths", boom)
    with pytest.raises(KeyboardInterrupt):
        audit.run([folder], out)
    assert not out.exists() or os.listdir(out) == []


def test_code_command_shows_an_entry():
    result = run("code", "97124")
    assert result.exit_code == 0
    assert "97124" in result.output and "massage" in result.output.lower() and "https://" in result.output


def test_code_command_finds_entries_by_words():
    result = run("code", "massage")
    assert result.exit_code == 0 and "97124" in result.output


def test_unknown_code_exits_2_and_names_the_closest_codes():
    result = run("code", "97125")
    assert result.exit_code == 2 and "not in the reference table" in result.output and "97124" in result.output


def test_a_file_name_that_is_not_utf8_is_reported_not_fatal(tmp_path):
    # Linux file names are bytes: a Latin-1 "café.txt" must not take the whole run (and its report) down
    src = tmp_path / "in"
    src.mkdir()
    (src / os.fsdecode(b"caf\xe9.txt")).write_text(WRONG)
    (src / os.fsdecode(b"notes\xe9.pdf")).write_text("x")
    result = run("check", src, "--out", tmp_path / "out")
    assert result.exit_code == 1, result.output
    report = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    [article] = report["articles"]
    assert article["path"].endswith("caf\\xe9.txt") and article["findings"][0]["verdict"] == "contradicted"
    assert "notes\\xe9.pdf" in result.output
    assert (tmp_path / "out" / "index.html").is_file()


def test_report_json_is_readable_by_others_as_the_umask_allows(folder, tmp_path):
    run("check", folder, "--out", tmp_path / "out", "--format", "json")
    mask = os.umask(0)
    os.umask(mask)
    assert (tmp_path / "out" / "report.json").stat().st_mode & 0o777 == 0o666 & ~mask
