"""The HTML report driven in real headless Chromium (Debian's package, no browser download), from file:// URLs."""
import os
import re
from pathlib import Path

import pytest

from cptaudit.audit import run

ROOT = Path(__file__).resolve().parents[1]
SHOTS = ROOT / "docs" / "screenshots"
CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]

ARTICLES = {
    "massage-97124.txt": (
        "What Is CPT 97124?\n\n"
        "CPT 97124 refers to therapeutic exercises for strength. Therapists use it when a patient needs to "
        "rebuild muscle after an injury.\n\n"
        "How CPT 97124 is billed\n\n"
        "Each unit of CPT 97124 stands for 15 minutes of one-on-one work. If the session is about strength and "
        "range of motion, CPT 97110 covers therapeutic exercise.\n\n"
        "Documentation tips\n\n"
        "Record the minutes, the body region and the patient's response in every note. Payers look for a clear "
        "link between the service and the plan of care.\n"),
    "gait-97116.txt": (
        "CPT 97116 for Gait Training\n\n"
        "CPT 97116 covers gait training, including stair climbing. It is a timed code billed in 15-minute units.\n"),
    "balance-mixup.txt": (
        "Balance work and CPT 97116\n\n"
        "Many clinics bill CPT 97116 for neuromuscular re-education of balance and posture. "
        "CPT 97112 is also used for gait training.\n"),
    "evaluations.txt": (
        "Evaluations in 2024\n\n"
        "The old code 97001 is still used by some clinics for the initial physical therapy evaluation. "
        "CPT 97162 is a therapeutic exercise code for moderate cases.\n"),
    "hostile.txt": (
        "CPT 97124 <script>window.pwned=1</script> refers to therapeutic exercises.\n"
        "<img src=x onerror=\"window.pwned=1\"> CPT 97110 is therapeutic exercise.\n"
        "<svg onload=\"window.pwned=1\"></svg><iframe src=\"javascript:window.pwned=1\"></iframe>\n"
        "Template {{ 7*7 }} and {% if true %}yes{% endif %}; "
        "<a href=\"javascript:window.pwned=1\">click</a> [here](javascript:alert(1)) about 97001.\n"
        "<body onload=\"alert(1)\"><script>alert(document.domain)</script>\n"),
}


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    src = tmp_path_factory.mktemp("run") / "articles"
    src.mkdir()
    for name, text in ARTICLES.items():
        (src / name).write_text(text, encoding="utf-8")
    (src / "unreadable.txt").write_bytes(b"")
    out = tmp_path_factory.mktemp("report")
    here = os.getcwd()
    os.chdir(src.parent)                 # relative paths, so the screenshots do not change from run to run
    try:
        run([src.name], out, ["json", "html"])
    finally:
        os.chdir(here)
    return out


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium package (make test does)", pytrace=False)
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail("playwright is not installed: pip install -e '.[test]' (make test does)", pytrace=False)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield browser
        browser.close()


class Watched:
    """A page that records console errors, page errors, dialogs and every request it makes."""

    def __init__(self, browser):
        self.page = browser.new_page(viewport={"width": 1280, "height": 900})
        self.errors, self.dialogs, self.requests = [], [], []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.on("request", lambda r: self.requests.append(r.url))

    def goto(self, path: Path):
        self.page.goto(path.as_uri())
        self.page.wait_for_load_state("load")
        return self.page


@pytest.fixture
def watched(browser):
    w = Watched(browser)
    yield w
    w.page.close()


def visible_names(page):
    return page.eval_on_selector_all("#articles tbody tr:not([hidden]) td.name a", "els => els.map(e => e.textContent)")


def test_index_loads_without_console_errors(report, watched):
    page = watched.goto(report / "index.html")
    assert re.fullmatch(rf"\d+ wrong claims? in \d+ of {len(ARTICLES)} articles\.", page.locator("h1").inner_text())
    assert page.locator("#articles tbody tr").count() == len(ARTICLES)
    assert "empty file" in page.locator("table.errors").inner_text()
    assert page.locator("svg.chart rect.seg").count() > 0
    assert watched.errors == []
    assert all(u.startswith(("file://", "data:")) for u in watched.requests), watched.requests
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "index.png"), full_page=True)


def test_clicking_a_column_header_sorts_rows(report, watched):
    page = watched.goto(report / "index.html")
    before = visible_names(page)
    page.click("th[data-key=key] button")
    by_name = visible_names(page)
    assert by_name == sorted(before, key=str.lower) and by_name != before
    assert page.get_attribute("th[data-key=key]", "aria-sort") == "ascending"
    page.click("th[data-key=key] button")
    assert visible_names(page) == list(reversed(by_name))
    page.click("th[data-key=claims] button")
    claims = [int(c) for c in page.eval_on_selector_all(
        "#articles tbody tr", "rows => rows.map(r => r.getAttribute('data-claims'))")]
    assert claims == sorted(claims, reverse=True)
    assert watched.errors == []


def test_has_contradictions_and_text_filters_hide_rows(report, watched):
    page = watched.goto(report / "index.html")
    everything = visible_names(page)
    page.check("#has-wrong")
    wrong = visible_names(page)
    assert 0 < len(wrong) < len(everything)
    assert not any("gait-97116" in name for name in wrong)
    assert all(int(c) > 0 for c in page.eval_on_selector_all(
        "#articles tbody tr:not([hidden])", "rows => rows.map(r => r.getAttribute('data-contradicted'))"))
    assert page.inner_text("#shown") == f"Showing {len(wrong)} of {len(everything)} articles"
    page.fill("#filter", "MASSAGE")
    assert visible_names(page) == ["massage-97124.txt"]
    page.fill("#filter", "no such article")
    assert visible_names(page) == [] and page.is_visible("#no-match")
    page.uncheck("#has-wrong")
    page.fill("#filter", "")
    assert visible_names(page) == everything


def test_article_page_shows_contradicted_sentence_and_suggestion(report, watched):
    page = watched.goto(report / "index.html")
    page.click("text=massage-97124.txt")
    page.wait_for_load_state("load")
    wrong = page.locator("mark.v-contradicted")
    assert wrong.count() == 1
    assert re.sub(r"\s+", " ", wrong.inner_text()) == "✗ Wrong CPT 97124 refers to therapeutic exercises for strength."
    card = page.locator("details.card.v-contradicted")
    assert card.is_visible()
    text = card.inner_text()
    assert "97124 is therapeutic exercise" in text and "Therapeutic massage" in text
    assert "97110" in text and "Therapeutic exercise" in text
    assert page.locator("details.card.v-contradicted .suggestions").inner_text().startswith("97110")
    line = page.locator(".line", has=page.locator("mark.v-contradicted")).locator(".ln").inner_text()
    assert line == "3"
    page.click("#next-problem")
    assert page.evaluate("document.activeElement.id") == "c1"
    assert page.inner_text("#problem-status") == "Problem 1 of 1"
    page.screenshot(path=str(SHOTS / "article.png"))
    supported = page.locator("mark.v-supported").first
    assert supported.is_visible()
    page.check("#only-wrong")
    assert not supported.is_visible() and wrong.is_visible() and card.is_visible()
    assert not page.locator("details.card.v-supported").first.is_visible()
    assert watched.errors == []


def test_hostile_article_runs_nothing(report, watched):
    page = watched.goto(report / "index.html")
    page.click("text=hostile.txt")
    page.wait_for_load_state("load")
    page.wait_for_timeout(300)
    assert page.evaluate("typeof window.pwned") == "undefined"
    assert watched.dialogs == []
    assert page.locator(".doc img, .doc script, .doc svg, .doc iframe").count() == 0
    assert page.eval_on_selector_all("a[href^='javascript:']", "els => els.length") == 0
    doc = page.inner_text("#doc")
    assert "<script>window.pwned=1</script>" in doc and "{{ 7*7 }}" in doc and '<img src=x onerror="window.pwned=1">' in doc
    for link in page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))"):
        assert re.match(r"(https?://|#|\.\./index\.html$)", link), link
    assert watched.errors == []
    assert all(u.startswith(("file://", "data:")) for u in watched.requests), watched.requests
