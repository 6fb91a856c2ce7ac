"""The HTML report: escaping of hostile articles, determinism, atomic writes, errors, scale."""
import base64
import hashlib
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from cptaudit import audit, html_report
from cptaudit.audit import run
from cptaudit.cli import main
from cptaudit.html_report import HtmlWriter, page_name
from cptaudit.model import ArticleResult, Finding
from cptaudit.report import WRITERS, Summary

MASSAGE = "What Is CPT 97124?\n\nCPT 97124 refers to therapeutic exercises for strength.\n"
GOOD = "CPT 97110 covers therapeutic exercise to build strength and range of motion.\n"
HOSTILE = (
    "CPT 97124 <script>window.pwned=1</script> refers to therapeutic exercises.\n"
    "<img src=x onerror=\"window.pwned=1\"> CPT 97110 is therapeutic exercise.\n"
    "Template {{ 7*7 }} and {% if true %}yes{% endif %} and {{ self.__init__ }}.\n"
    "Click [here](javascript:window.pwned=1) or <a href=\"javascript:window.pwned=1\">this</a> about 97001.\n"
    "<svg onload=\"window.pwned=1\"></svg><iframe src=\"javascript:window.pwned=1\"></iframe> ]]> --> </textarea>\n"
)
HOSTILE_NAME = "x<img src=x onerror=window.pwned=1>.txt"


class Tags(HTMLParser):
    """Every start tag with its attributes, and the text of script and style elements."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags, self.raw, self._in = [], {"script": [], "style": []}, None

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in = tag if tag in self.raw else None

    def handle_endtag(self, tag):
        self._in = None

    def handle_data(self, data):
        if self._in:
            self.raw[self._in].append(data)


def parse(html: str) -> Tags:
    parser = Tags()
    parser.feed(html)
    return parser


def write(folder: Path, name: str, text) -> Path:
    path = folder / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return path


@pytest.fixture(scope="module")
def inputs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("articles")
    write(folder, "01-massage.txt", MASSAGE)
    write(folder, "02-good.txt", GOOD)
    write(folder, "03-hostile.txt", HOSTILE)
    write(folder, HOSTILE_NAME, HOSTILE)
    write(folder, "04-empty.txt", b"")
    write(folder, "05-binary.txt", b"\x00\x01\x02binary")
    return folder


@pytest.fixture(scope="module")
def report(inputs, tmp_path_factory):
    out = tmp_path_factory.mktemp("report")
    summary = run([inputs], out, ["json", "html"])
    return out, summary


def pages(out: Path) -> dict[str, Path]:
    """Article pages by the file name they show."""
    found = {}
    for page in (out / "articles").glob("*.html"):
        title = re.search(r"<h1>(.*?)</h1>", page.read_text(encoding="utf-8")).group(1)
        found[title] = page
    return found


def test_registered_and_index_path_returned(report):
    out, summary = report
    assert WRITERS["html"] is HtmlWriter
    assert str(out / "index.html") in summary.outputs
    assert (out / "report.json").is_file()


def test_every_page_is_self_contained_with_csp(report):
    out, _ = report
    for page in [out / "index.html", *(out / "articles").glob("*.html")]:
        html = page.read_text(encoding="utf-8")
        tags = parse(html)
        csp = next(a["content"] for t, a in tags.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy")
        assert "default-src 'none'" in csp
        (js,), (css,) = tags.raw["script"], tags.raw["style"]
        for source, directive in ((js, "script-src"), (css, "style-src")):
            digest = base64.b64encode(hashlib.sha256(source.encode()).digest()).decode()
            assert f"{directive} 'sha256-{digest}'" in csp
        assert [t for t, _ in tags.tags].count("script") == 1
        for tag, attrs in tags.tags:
            assert "src" not in attrs or tag != "script"
            if tag == "link":
                assert attrs["href"].startswith("data:")
        assert "http://" not in html.split("<main")[0] and "https://" not in html.split("<main")[0]


def test_hostile_article_is_inert(report):
    out, _ = report
    html = pages(out)["03-hostile.txt"].read_text(encoding="utf-8")
    tags = parse(html)
    assert not [t for t, _ in tags.tags if t in ("img", "iframe", "svg", "object", "embed", "form", "base")]
    for tag, attrs in tags.tags:
        assert not [a for a in attrs if a.startswith("on")], (tag, attrs)
        if "href" in attrs:
            assert re.match(r"(https?://|#|\.\./index\.html$|data:)", attrs["href"]), attrs["href"]
    assert "javascript:" not in " ".join(a.get("href", "") for _, a in tags.tags)
    assert "&lt;script&gt;window.pwned=1&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=&#34;window.pwned=1&#34;&gt;" in html
    assert "{{ 7*7 }}" in html and "{% if true %}yes{% endif %}" in html and "{{ self.__init__ }}" in html
    assert "&lt;/textarea&gt;" in html and "window.pwned" not in "".join(tags.raw["script"])


def test_hostile_file_name_is_escaped(report):
    out, _ = report
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "x&lt;img src=x onerror=window.pwned=1&gt;.txt" in index
    assert not [t for t, _ in parse(index).tags if t == "img"]
    page = pages(out)["x&lt;img src=x onerror=window.pwned=1&gt;.txt"]
    assert re.fullmatch(r"\d{4}-[a-z0-9-]+-[0-9a-f]{6}\.html", page.name)


def test_source_links_are_only_http_from_the_reference(report):
    out, _ = report
    tags = parse(pages(out)["01-massage.txt"].read_text(encoding="utf-8")).tags
    external = [a["href"] for t, a in tags if t == "a" and a.get("href", "").startswith("http")]
    assert external and all(re.match(r"https?://", h) for h in external)
    assert all("noopener" in a["rel"] for t, a in tags if t == "a" and a.get("href", "").startswith("http"))
    assert html_report._http_links(["javascript:alert(1)", "data:text/html,x", "/relative", "https://ok.example/a"]) \
        == [html_report.Link("https://ok.example/a", "ok.example/a")]


def test_a_right_claim_names_its_code_and_the_entry_is_written_once(report):
    out, _ = report
    html = pages(out)["02-good.txt"].read_text(encoding="utf-8")
    card = html[html.index('<details class="card v-supported"'):]
    card = card[:card.index("</details>")]
    assert "97110 · Therapeutic exercise" in card and 'href="#ref-97110"' in card and "Sources" not in card
    entry = html[html.index('id="ref-97110"'):]
    entry = entry[:entry.index("</details>")]
    assert "Timed: one unit per 15 minutes" in entry and 'class="sources"' in entry
    assert html.count('id="ref-97110"') == 1


def test_contradicted_sentence_is_marked_with_badge_card_and_line(report):
    out, _ = report
    html = pages(out)["01-massage.txt"].read_text(encoding="utf-8")
    line = re.search(r'<span class="ln"[^>]*>3</span><div class="lt"><mark class="claim v-contradicted jump problem" '
                     r'id="c1" tabindex="-1"><span class="badge b-contradicted">✗ Wrong</span> '
                     r"CPT 97124 refers to therapeutic exercises for strength.</mark></div>", html)
    assert line, html
    card = html[html.index('id="c1-1"'):]
    card = card[:card.index("</dl>")]
    assert "97124 is therapeutic exercise" in card
    assert "Therapeutic massage" in card
    assert "<code>97110</code> Therapeutic exercise" in card
    assert "Timed: one unit per 15 minutes" in card
    assert "What to write instead" in card


def test_index_totals_rows_and_errors(report):
    out, summary = report
    html = (out / "index.html").read_text(encoding="utf-8")
    assert summary.errors == 2
    errors = html[html.index("Files that could not be read"):]
    assert "04-empty.txt</td><td>empty file" in errors
    assert "05-binary.txt</td><td>binary file" in errors
    assert len(list((out / "articles").glob("*.html"))) == 4        # no page for unreadable files
    rows = re.findall(r"<tr data-key=\"([^\"]+)\"", html)
    assert len(rows) == 4
    assert '<span class="tile-value">6</span><span class="tile-label">Articles' in html
    assert "97124</code> Therapeutic massage</span></span> <span class=\"md-said\">described as <q>therapeutic exercise</q>" in html
    assert '<svg class="chart"' in html and 'class="seg s-contradicted"' in html


def test_report_is_byte_identical_across_runs(inputs, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    runs = []
    for n in range(2):
        out = tmp_path / f"run{n}"
        run([inputs], out, ["html"])
        runs.append({p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()})
    assert runs[0] == runs[1]
    assert b"generated 2026-01-01 00:00 UTC" in runs[0]["index.html"]
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    out = tmp_path / "undated"
    run([inputs], out, ["html"])
    assert b"generated" not in (out / "index.html").read_bytes()


def _result(n: int, text: str = MASSAGE) -> ArticleResult:
    start = text.index("CPT 97124 refers")
    end = text.index("\n", start)
    finding = Finding("97124", "contradicted", "identity", text[start:end], start, end, text.count("\n", 0, start) + 1,
                      claim="therapeutic exercise", expected="Therapeutic massage", suggestion=["97110"],
                      message="97124 is Therapeutic massage, not therapeutic exercise.", severity="error")
    return ArticleResult(f"corpus/{n:05d}-article.txt", findings=[finding], text=text)


def test_abort_removes_pages_written_in_this_run(reference, tmp_path):
    writer = HtmlWriter(tmp_path, reference)
    for n in range(3):
        writer.add(_result(n))
    assert len(list((tmp_path / "articles").glob("*.html"))) == 3
    writer.abort()
    assert not [p for p in tmp_path.rglob("*") if p.is_file()]


def test_failed_run_leaves_no_report(inputs, tmp_path, monkeypatch):
    real = audit.audit_paths

    def failing(*args, **kwargs):
        results = real(*args, **kwargs)
        yield next(results)
        yield next(results)
        raise RuntimeError("killed")

    monkeypatch.setattr(audit, "audit_paths", failing)
    with pytest.raises(RuntimeError):
        run([inputs], tmp_path, ["json", "html"])
    assert not [p for p in tmp_path.rglob("*") if p.is_file()]


def test_stale_pages_and_parts_of_a_killed_run_are_removed(reference, tmp_path):
    stale = tmp_path / "articles" / "0099-old-abcdef.html"
    part = tmp_path / "articles" / ".0001-old-abcdef.html.x1y2.part"
    mine = tmp_path / "articles" / "notes.html"
    for path in (stale, part, mine):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("old")
    writer = HtmlWriter(tmp_path, reference)
    writer.add(_result(1))
    writer.close(Summary(articles=1))
    assert not stale.exists() and not part.exists()
    assert mine.exists()                                 # not a file this writer names


def test_sentence_over_two_lines_is_marked_on_both_with_one_badge(reference, tmp_path):
    text = "Intro line.\nCPT 97124 refers to\ntherapeutic exercises for strength.\nEnd.\n"
    start, end = text.index("CPT"), text.index("strength.") + len("strength.")
    finding = Finding("97124", "contradicted", "identity", text[start:end], start, end, 2,
                      claim="therapeutic exercise", suggestion=["97110"])
    describer = html_report.Describer(reference)
    page = html_report.build_article(ArticleResult("a.txt", findings=[finding], text=text), "articles/x.html",
                                     describer, html_report.Renderer(reference).meta_for("../"))
    marked = [(line.number, p.text, p.first) for line in page.lines for p in line.pieces if p.mark]
    assert marked == [(2, "CPT 97124 refers to", True), (3, "therapeutic exercises for strength.", False)]
    assert [len(line.groups) for line in page.lines] == [0, 0, 1, 0, 0]
    assert [line.number for line in page.lines] == [1, 2, 3, 4, 5]


def test_line_numbers_follow_the_findings_source_lines(reference):
    text = "Heading\nCPT 97124 refers to therapeutic exercises.\n"
    start = text.index("CPT")
    finding = Finding("97124", "contradicted", "identity", text[start:-1], start, len(text) - 1, 12,
                      claim="therapeutic exercise")
    page = html_report.build_article(ArticleResult("a.html", findings=[finding], text=text), "articles/x.html",
                                     html_report.Describer(reference),
                                     html_report.Renderer(reference).meta_for("../"))
    assert [line.number for line in page.lines] == [11, 12, 13]


def test_page_names_are_stable_and_safe():
    assert page_name(3, "corpus/97124 Massage!.txt") == page_name(3, "corpus/97124 Massage!.txt")
    assert re.fullmatch(r"articles/0003-97124-massage-[0-9a-f]{6}\.html", page_name(3, "corpus/97124 Massage!.txt"))
    assert page_name(1, "a/x.txt") != page_name(1, "b/x.txt")
    assert re.fullmatch(r"articles/0001-script-[0-9a-f]{6}\.html", page_name(1, "<script>.txt"))
    assert re.fullmatch(r"articles/0001-article-[0-9a-f]{6}\.html", page_name(1, "<>.txt"))


def test_two_thousand_articles_give_small_pages(reference, tmp_path):
    writer = HtmlWriter(tmp_path, reference)
    summary = Summary()
    for n in range(2000):
        result = _result(n)
        summary.add(result)
        writer.add(result)
    index = writer.close(summary)
    assert len(list((tmp_path / "articles").glob("*.html"))) == 2000
    assert index.stat().st_size < 3_000_000
    assert max(p.stat().st_size for p in (tmp_path / "articles").glob("*.html")) < 100_000
    assert len(writer.index.rows) == 2000 and not hasattr(writer.index, "results")


def test_cli_writes_html_by_default_and_prints_index(inputs, tmp_path):
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["check", str(inputs / "01-massage.txt"), "--out", str(out)])
    assert result.exit_code == 1, result.output
    assert f"report: {out / 'index.html'}" in result.output
    assert (out / "report.json").is_file() and (out / "index.html").is_file()


def test_a_rerun_keeps_the_pages_of_unchanged_articles_and_redraws_changed_ones(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    write(folder, "a.txt", MASSAGE)
    write(folder, "b.txt", GOOD)
    out, cache = tmp_path / "out", tmp_path / "cache"
    run([folder], out, ["json", "html"], cache_dir=str(cache))
    first = {p.name: (p.stat().st_mtime_ns, p.read_bytes()) for p in (out / "articles").glob("*.html")}
    write(folder, "b.txt", GOOD + "\nCPT 97110 is untimed.\n")
    run([folder], out, ["json", "html"], cache_dir=str(cache))
    second = {p.name: (p.stat().st_mtime_ns, p.read_bytes()) for p in (out / "articles").glob("*.html")}
    assert first.keys() == second.keys()
    kept = [name for name in first if first[name] == second[name]]
    redrawn = [name for name in first if first[name][1] != second[name][1]]
    assert len(kept) == 1 and len(redrawn) == 1 and "a" in kept[0]


# ---------------------------------------------------------------- pages drawn by the worker processes

def _files(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def many(tmp_path_factory):
    folder = tmp_path_factory.mktemp("many")
    for i in range(24):
        write(folder, f"a{i:02d}.txt", (MASSAGE if i % 3 else GOOD) + f"\nNote {i}: CPT 97110 is timed.\n")
    write(folder, "b-hostile.txt", HOSTILE)
    write(folder, "c-empty.txt", b"")
    return folder


def test_pages_are_the_same_whatever_the_number_of_jobs(many, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    run([many], tmp_path / "one", ["json", "html"], jobs=1)
    run([many], tmp_path / "two", ["json", "html"], jobs=2)
    one, two = _files(tmp_path / "one"), _files(tmp_path / "two")
    assert len([name for name in one if name.startswith("articles/")]) == 25
    assert one == two
    # the workers stamp the time of the main process, whenever their fork server was started
    assert all(b"generated 2026-01-01 00:00 UTC" in data for name, data in two.items() if name.endswith(".html"))


def test_with_several_jobs_the_workers_draw_the_pages(many, tmp_path, monkeypatch):
    drawn_here = []
    real = html_report.PageMaker.draw
    monkeypatch.setattr(html_report.PageMaker, "draw", lambda self, n, r: (drawn_here.append(n), real(self, n, r))[1])
    run([many], tmp_path / "two", ["html"], jobs=2)
    assert len(list((tmp_path / "two" / "articles").glob("*.html"))) == 25
    assert drawn_here == []                            # every page came drawn with its result
    run([many], tmp_path / "one", ["html"], jobs=1)
    assert len(drawn_here) == 25                       # one process: the writer draws them


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_cached_article_still_gets_its_page(many, tmp_path, jobs):
    cache = str(tmp_path / "cache")
    run([many], tmp_path / "first", ["html"], jobs=jobs, cache_dir=cache)
    again = run([many], tmp_path / "second", ["html"], jobs=jobs, cache_dir=cache)     # a new report folder
    assert again.cached == 26                           # the empty file's error is cached too
    assert _files(tmp_path / "first") == _files(tmp_path / "second")


def test_cached_articles_behind_a_changed_one_get_their_pages_from_the_workers(many, tmp_path):
    # the changed article starts the workers; the cached ones after it have no page in the new folder yet
    folder = tmp_path / "in"
    shutil.copytree(many, folder)
    cache = str(tmp_path / "cache")
    run([folder], tmp_path / "first", ["html"], jobs=2, cache_dir=cache)
    write(folder, "a00.txt", MASSAGE + "\nCPT 97110 is untimed.\n")
    summary = run([folder], tmp_path / "second", ["html"], jobs=2, cache_dir=cache)
    assert summary.cached == 25
    run([folder], tmp_path / "fresh", ["html"], jobs=1)
    assert _files(tmp_path / "second") == _files(tmp_path / "fresh")


def test_a_rerun_with_several_jobs_keeps_current_pages_and_starts_no_workers(many, tmp_path, monkeypatch):
    cache, out = str(tmp_path / "cache"), tmp_path / "out"
    run([many], out, ["html"], jobs=2, cache_dir=cache)
    before = {p.name: p.stat().st_mtime_ns for p in (out / "articles").glob("*.html")}

    class NoPool:
        def __init__(self, *args, **kwargs):
            raise AssertionError("a worker pool was started although every result and page is current")

    monkeypatch.setattr(audit, "ProcessPoolExecutor", NoPool)
    run([many], out, ["html"], jobs=2, cache_dir=cache)
    assert {p.name: p.stat().st_mtime_ns for p in (out / "articles").glob("*.html")} == before


def test_a_page_maker_travels_as_its_settings(reference, tmp_path):
    import pickle
    maker = html_report.PageMaker(tmp_path, reference, generated="2026-01-01 00:00 UTC")
    copy = pickle.loads(pickle.dumps(maker))
    assert len(pickle.dumps(maker)) < 1000
    assert copy.out == maker.out and copy.renderer.stamp == maker.renderer.stamp
    assert copy.draw(7, _result(7)) == maker.draw(7, _result(7))
    (tmp_path / maker.draw(7, _result(7)).href).parent.mkdir(parents=True)
    (tmp_path / maker.draw(7, _result(7)).href).write_bytes(maker.draw(7, _result(7)).html)
    assert copy.draw(7, _result(7)).html is None          # the page on disk is current: kept
    assert copy.kept(7, _result(7)) is not None and copy.kept(8, _result(7)) is None


def test_fragments_are_drawn_once_per_value_and_escaped(reference):
    once = html_report.Renderer(reference).env.globals["once"]
    hostile = html_report.CodeInfo("97124", "<b>Massage</b>", "<script>window.pwned=1</script>", "Section", "Timed",
                                   "", "Active", True, ("<i>note</i>",),
                                   (html_report.Link("https://example.org/a?x=<y>", "example.org/a"),))
    facts = once.code_facts(hostile)
    assert "<script>" not in facts and "&lt;script&gt;window.pwned=1&lt;/script&gt;" in facts
    assert "&lt;b&gt;Massage&lt;/b&gt;" in facts and "&lt;i&gt;note&lt;/i&gt;" in facts
    assert "x=&lt;y&gt;" in once.code_sources(hostile) and "<b>" not in once.code_entry(hostile)
    assert once.code_facts(hostile) is facts                             # drawn once, then reused
    badge = html_report.Badge.of("contradicted")
    assert once.badge(badge) is once.badge(html_report.Badge("contradicted", "✗", "Wrong"))
    assert str(once.badge(badge)) == '<span class="badge b-contradicted">✗ Wrong</span>'


def test_a_claim_about_a_code_the_sentence_does_not_name_says_how_it_was_read(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    write(folder, "gait.txt", "# What Is CPT Code 97112?\n\nCPT 97112 describes gait training.\n\n"
                              "## Documentation\n\nAuditors want to see that the gait training was billed with care.\n")
    out = tmp_path / "out"
    run([folder], out, ["html"])
    html = pages(out)["gait.txt"].read_text(encoding="utf-8")
    cards = re.findall(r'<details class="card.*?</details>', html, re.S)
    echo = [c for c in cards if "How we read it" in c]
    assert echo and "the article has said 97112 is this service" in echo[0]
    named = [c for c in cards if "CPT 97112 describes" in c or "line 3" in c]
    assert named and all("How we read it" not in c for c in named)
