"""Batches: selection (--include/--exclude, '-'), what is skipped or unreadable, the results cache, jobs, progress."""
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from cptaudit import audit
from cptaudit.cli import main
from cptaudit.ingest import find_inputs
from cptaudit.reference import default_reference_dir

WRONG = "What Is CPT 97124?\n\nCPT 97124 refers to therapeutic exercises for strength.\n"
RIGHT = "What Is CPT 97124?\n\nCPT 97124 is therapeutic massage.\n"


def check(*args, input=None):
    return CliRunner().invoke(main, ["check", *[str(a) for a in args]], input=input)


def report(out):
    return json.loads((Path(out) / "report.json").read_text())


def names(out):
    return [Path(a["path"]).name for a in report(out)["articles"]]


@pytest.fixture
def folder(tmp_path):
    src = tmp_path / "site"
    (src / "drafts").mkdir(parents=True)
    (src / "posts").mkdir()
    (src / "posts" / "right.txt").write_text(RIGHT)
    (src / "posts" / "wrong.md").write_text(WRONG)
    (src / "drafts" / "draft.txt").write_text(WRONG)
    (src / "logo.png").write_bytes(b"\x89PNG\r\n")
    (src / "notes.pdf").write_bytes(b"%PDF-1.4")
    (src / ".hidden.txt").write_text(WRONG)
    return src


def test_folders_are_read_recursively_and_other_formats_are_listed(folder, tmp_path):
    result = check(folder, "--out", tmp_path / "out", "--format", "json", "--no-cache")
    assert result.exit_code == 1, result.output
    assert names(tmp_path / "out") == ["draft.txt", "right.txt", "wrong.md"]
    assert "skipped 2 file(s)" in result.output and "logo.png" in result.output and "notes.pdf" in result.output


def test_include_and_exclude_globs(folder, tmp_path):
    check(folder, "--out", tmp_path / "a", "--format", "json", "--no-cache", "--include", "*.txt")
    assert names(tmp_path / "a") == ["draft.txt", "right.txt"]
    result = check(folder, "--out", tmp_path / "b", "--format", "json", "--no-cache", "--exclude", "drafts")
    assert names(tmp_path / "b") == ["right.txt", "wrong.md"]
    assert "excluded by drafts" in result.output
    check(folder, "--out", tmp_path / "c", "--format", "json", "--no-cache", "--exclude", "posts/*.md",
          "--exclude", "drafts/*")
    assert names(tmp_path / "c") == ["right.txt"]


def test_find_inputs_reports_every_skip_with_a_reason(folder):
    items = {Path(i.path).name: (i.kind, i.reason) for i in find_inputs([folder], include=["posts/*"])}
    assert items["right.txt"] == ("file", None)
    assert items["draft.txt"] == ("skipped", "not matched by --include")
    assert items["notes.pdf"][0] == "skipped" and ".pdf" in items["notes.pdf"][1]
    assert ".hidden.txt" not in items


def test_one_article_from_standard_input(tmp_path):
    result = check("-", "--out", tmp_path / "out", "--format", "json", "--no-cache", input=WRONG)
    assert result.exit_code == 1, result.output
    [article] = report(tmp_path / "out")["articles"]
    assert article["path"] == "<stdin>"
    [finding] = [f for f in article["findings"] if f["verdict"] == "contradicted"]
    assert finding["code"] == "97124" and finding["line"] == 3


def test_standard_input_bytes_are_decoded_like_files(tmp_path):
    data = WRONG.replace("exercises", "exercises – for “strength”").encode("cp1252")
    result = CliRunner().invoke(main, ["check", "-", "--out", str(tmp_path / "out"), "--format",
                                                       "json", "--no-cache"], input=data)
    assert result.exit_code == 1
    assert "“strength”" in report(tmp_path / "out")["articles"][0]["findings"][0]["sentence"]


def test_symlink_loops_and_unreadable_files_are_reported_not_fatal(folder, tmp_path):
    (folder / "posts" / "loop").symlink_to(folder)
    (folder / "posts" / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    result = check(folder, "--out", tmp_path / "out", "--format", "json", "--no-cache")
    assert result.exit_code == 1
    status = {Path(a["path"]).name: (a["status"], a["error"]) for a in report(tmp_path / "out")["articles"]}
    assert status["gone.txt"][0] == "error" and "cannot read" in status["gone.txt"][1]
    assert status["right.txt"] == ("ok", None)
    assert "symlink loop" in result.output


def test_a_file_without_read_permission_is_an_error(folder, tmp_path, monkeypatch):
    locked = folder / "posts" / "locked.txt"
    locked.write_text(WRONG)
    real_read = Path.read_bytes

    def read_bytes(self):
        # chmod 0 does not stop root (CI runs as root), so the operating system's refusal is simulated
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real_read(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    check(folder, "--out", tmp_path / "out", "--format", "json", "--no-cache", "--jobs", "1")
    status = {Path(a["path"]).name: a["error"] for a in report(tmp_path / "out")["articles"]}
    assert status["locked.txt"] == "permission denied"


# ---------------------------------------------------------------- cache

def cached_line(result):
    return next((line for line in result.output.splitlines() if line.startswith("cache:")), "")


def test_unchanged_articles_come_from_the_cache(folder, tmp_path):
    cache = tmp_path / "cache"
    first = check(folder, "--out", tmp_path / "one", "--format", "json", "--cache-dir", cache)
    assert cached_line(first) == "" and any(cache.rglob("*.json"))
    second = check(folder, "--out", tmp_path / "two", "--format", "json", "--cache-dir", cache)
    assert cached_line(second).startswith("cache: 3 of 3")
    assert report(tmp_path / "one")["articles"] == report(tmp_path / "two")["articles"]
    (folder / "posts" / "right.txt").write_text(RIGHT + "\nCPT 97110 covers therapeutic exercise.\n")
    third = check(folder, "--out", tmp_path / "three", "--format", "json", "--cache-dir", cache)
    assert cached_line(third).startswith("cache: 2 of 3")
    right = next(a for a in report(tmp_path / "three")["articles"] if a["path"].endswith("right.txt"))
    assert any(f["code"] == "97110" for f in right["findings"])


def test_a_changed_reference_table_invalidates_the_cache(folder, tmp_path):
    table = tmp_path / "table"
    shutil.copytree(default_reference_dir(), table, ignore=shutil.ignore_patterns("__pycache__", "*.py"))
    cache = tmp_path / "cache"
    args = [folder, "--format", "json", "--cache-dir", cache, "--reference", table]
    check(*args, "--out", tmp_path / "one")
    assert cached_line(check(*args, "--out", tmp_path / "two")).startswith("cache: 3 of 3")
    meta = table / "meta.yaml"
    meta.write_text(meta.read_text() + "\n# reviewed again\n")
    assert cached_line(check(*args, "--out", tmp_path / "three")) == ""


def test_no_cache_neither_reads_nor_writes(folder, tmp_path):
    cache = tmp_path / "cache"
    check(folder, "--out", tmp_path / "one", "--format", "json", "--cache-dir", cache, "--no-cache")
    assert not cache.exists()
    check(folder, "--out", tmp_path / "one", "--format", "json", "--cache-dir", cache)
    result = check(folder, "--out", tmp_path / "two", "--format", "json", "--cache-dir", cache, "--no-cache")
    assert cached_line(result) == ""


def test_a_corrupt_cache_entry_is_a_miss(folder, tmp_path):
    cache = tmp_path / "cache"
    check(folder, "--out", tmp_path / "one", "--format", "json", "--cache-dir", cache)
    entries = sorted(cache.rglob("*.json"))
    entries[0].write_text("{not json")
    entries[1].write_text(json.dumps({"status": "ok", "findings": [{"nonsense": 1}]}))
    result = check(folder, "--out", tmp_path / "two", "--format", "json", "--cache-dir", cache)
    assert result.exit_code == 1 and cached_line(result).startswith("cache: 1 of 3")
    assert report(tmp_path / "one")["articles"] == report(tmp_path / "two")["articles"]
    assert not list(cache.rglob("*.part"))


# ---------------------------------------------------------------- jobs and progress

def test_jobs_1_and_2_write_the_same_report(tmp_path):
    src = tmp_path / "many"
    src.mkdir()
    for i in range(40):
        (src / f"a{i:02d}.txt").write_text((WRONG if i % 3 else RIGHT) + f"\nNote {i}.\n")
    (src / "empty.txt").write_bytes(b"")
    one = check(src, "--out", tmp_path / "one", "--format", "json", "--no-cache", "--jobs", "1")
    two = check(src, "--out", tmp_path / "two", "--format", "json", "--no-cache", "--jobs", "2")
    assert one.exit_code == two.exit_code == 1
    assert (tmp_path / "one" / "report.json").read_text() == (tmp_path / "two" / "report.json").read_text()


def test_results_stream_in_input_order_with_a_bounded_window(tmp_path, reference, monkeypatch):
    monkeypatch.setattr(audit, "CHUNK", 2)
    monkeypatch.setattr(audit, "WINDOW", 1)
    steps = [audit.Task(f"t{i}", data=(WRONG if i % 2 else RIGHT).encode()) for i in range(12)]
    steps.insert(5, audit.ArticleResult("known-error", status="error", error="no such file or directory"))
    results = list(audit.audit_steps(steps, reference, jobs=2))
    assert [r.path for r in results] == [s.name if isinstance(s, audit.Task) else s.path for s in steps]


def test_progress_bar_is_silent_when_stderr_is_not_a_terminal(folder, tmp_path):
    result = check(folder, "--out", tmp_path / "out", "--format", "json", "--no-cache")
    assert result.stderr == ""


def test_progress_bar_when_asked_for(folder, tmp_path, capsys):
    audit.run([folder], tmp_path / "out", ["json"], progress=True)
    assert "/3" in capsys.readouterr().err


def test_an_article_that_trips_a_bug_is_an_error_and_the_batch_goes_on(reference, monkeypatch):
    real = audit.Auditor.audit_articles

    def flaky(self, articles):
        for article in articles:
            if "boom" in article.text:
                raise RuntimeError("boom")
            yield from real(self, [article])

    monkeypatch.setattr(audit.Auditor, "audit_articles", flaky)
    steps = [audit.Task("a", data=WRONG.encode()), audit.Task("b", data=b"boom\n"), audit.Task("c", data=RIGHT.encode())]
    results = list(audit.audit_steps(steps, reference, jobs=1))
    assert [r.status for r in results] == ["ok", "error", "ok"]
    assert results[1].error == "internal error: RuntimeError: boom"


def test_shards_split_a_batch_and_their_caches_merge_into_the_whole_report(tmp_path):
    # machine k audits shard k/n into its own cache; copying the caches together lets one final run
    # write the whole report without analysing anything again
    src = tmp_path / "site"
    src.mkdir()
    # 36 files: the shards hash paths as given (tmp_path differs each run), and with 12 one of three shards
    # was left empty about once in forty runs
    for i in range(36):
        (src / f"a{i:02d}.txt").write_text(WRONG if i % 2 else RIGHT)
    seen = []
    for k in (1, 2, 3):
        result = check(src, "--out", tmp_path / f"out{k}", "--format", "json", "--shard", f"{k}/3",
                       "--cache-dir", tmp_path / f"cache{k}")
        assert result.exit_code in (0, 1), result.output
        seen.append(set(names(tmp_path / f"out{k}")))
    assert sum(len(s) for s in seen) == 36 and set().union(*seen) == {f"a{i:02d}.txt" for i in range(36)}
    assert all(seen)                                          # each machine gets some of the work
    merged = tmp_path / "cache"
    for k in (1, 2, 3):
        shutil.copytree(tmp_path / f"cache{k}", merged, dirs_exist_ok=True)
    final = check(src, "--out", tmp_path / "all", "--format", "json", "--cache-dir", merged)
    assert cached_line(final).startswith("cache: 36 of 36")
    assert report(tmp_path / "all")["summary"]["contradicted"] == 18


@pytest.mark.parametrize("bad", ["0/3", "4/3", "2", "a/b"])
def test_a_bad_shard_is_a_usage_error(folder, tmp_path, bad):
    assert check(folder, "--out", tmp_path / "o", "--shard", bad).exit_code == 2


def test_a_warm_cache_starts_no_worker_processes(folder, tmp_path, reference, monkeypatch):
    cache = str(tmp_path / "cache")
    steps = audit.plan(find_inputs([folder]))
    first = [r.path for r in audit.audit_steps(steps, reference, jobs=2, cache_dir=cache)]

    class NoPool:
        def __init__(self, *args, **kwargs):
            raise AssertionError("a worker pool was started although every result is cached")

    monkeypatch.setattr(audit, "ProcessPoolExecutor", NoPool)
    again = list(audit.audit_steps(audit.plan(find_inputs([folder])), reference, jobs=2, cache_dir=cache))
    assert [r.path for r in again] == first and all(r.cached for r in again)


def test_cached_results_behind_an_unfinished_article_are_bounded(tmp_path, reference, monkeypatch):
    # one changed article at the front, many cached ones behind it: the main process must wait for the
    # worker rather than read the whole folder from the cache into memory
    from concurrent.futures import Future
    src = tmp_path / "site"
    src.mkdir()
    for i in range(40):
        (src / f"a{i:02d}.txt").write_text(RIGHT)
    cache = str(tmp_path / "cache")
    list(audit.audit_steps(audit.plan(find_inputs([src])), reference, jobs=1, cache_dir=cache))
    (src / "a00.txt").write_text(WRONG)
    lookups, seen_when_waited = [0], []
    real_lookup = audit.Worker.lookup
    monkeypatch.setattr(audit.Worker, "lookup", lambda self, task: (lookups.__setitem__(0, lookups[0] + 1),
                                                                    real_lookup(self, task))[1])

    class LazyFuture(Future):
        def __init__(self, fn, args):
            super().__init__()
            self.fn, self.args = fn, args

        def result(self, timeout=None):
            seen_when_waited.append(lookups[0])
            return self.fn(*self.args)

    class InlinePool:
        def __init__(self, max_workers, initializer, initargs, mp_context=None):
            initializer(*initargs)

        def submit(self, fn, *args):
            return LazyFuture(fn, args)

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

    monkeypatch.setattr(audit, "ProcessPoolExecutor", InlinePool)
    monkeypatch.setattr(audit, "CHUNK", 1)
    monkeypatch.setattr(audit, "WINDOW", 1)
    results = list(audit.audit_steps(audit.plan(find_inputs([src])), reference, jobs=2, cache_dir=cache))
    assert [Path(r.path).name for r in results] == [f"a{i:02d}.txt" for i in range(40)]
    assert seen_when_waited and seen_when_waited[0] <= 4          # not all 40 read before the first wait
