"""The same article as .txt, .md, .html (inside site chrome) and .docx gives the same findings at the right lines;
every encoding the issue names is read, and mojibake is repaired."""
import codecs

import docx
import pytest

from cptaudit.ingest import article_from_bytes, decode, read_article, repair_mojibake

TITLE = "What Is CPT 97124?"
BODY = "CPT 97124 refers to therapeutic exercises that build strength and endurance."
LEAD = "Key points"
ITEMS = ["It is billed in 15-minute units.", "Massage includes effleurage and petrissage."]
QUESTION = "Is 97110 the code for massage?"
ANSWER = "No, 97110 covers therapeutic exercise."

TXT = f"""{TITLE}

{BODY}

{LEAD}

- {ITEMS[0]}
- {ITEMS[1]}

Q: {QUESTION}
A: {ANSWER}
"""

MD = f"""---
title: A post with front matter
tags: [97112, massage]
---
# {TITLE}

{BODY}

## {LEAD}

- {ITEMS[0]}
- {ITEMS[1]}

```
97112 is massage (a code sample, not prose)
```

Q: {QUESTION}
A: {ANSWER}
"""

HTML = f"""<!DOCTYPE html>
<html><head><title>Clinic blog</title>
<script>var promo = "97112 is massage";</script><style>.x {{ color: red }}</style></head>
<body class="single-post has-sidebar">
<nav class="menu"><ul><li><a href="/">Home</a></li><li><a href="/97530">97530 is massage</a></li></ul></nav>
<header class="site-header"><div class="logo">Clinic Blog</div></header>
<div class="td-social-counter"><span>22,037</span> <span>Fans</span> <span>Like</span></div>
<main>
<article class="post">
<h1>{TITLE}</h1>
<div class="share-buttons"><a href="#">Share</a> <a href="#">Tweet</a></div>
<p>{BODY}</p>
<h2>{LEAD}</h2>
<ul>
<li>{ITEMS[0]}</li>
<li>{ITEMS[1]}</li>
</ul>
<p>Q: {QUESTION}</p>
<p>A: {ANSWER}</p>
<div>3,912 Followers Follow</div>
<section class="related-posts"><h3>Related Articles</h3>
<ul><li><a href="/a">CPT 97140 is therapeutic exercise</a></li></ul></section>
</article>
</main>
<aside><p>97112 is massage, says the sidebar.</p></aside>
<footer><p>Clinic, 2200 Broadway, Denver, CO 80202. 97150 is massage.</p></footer>
</body></html>
"""

CHROME = ["Home", "Fans", "Like", "Share", "Tweet", "Followers", "Related Articles", "sidebar", "Broadway",
          "promo", "Clinic Blog"]


def write_docx(path):
    document = docx.Document()
    document.add_heading(TITLE, level=1)
    document.add_paragraph(BODY)
    document.add_paragraph("")
    document.add_heading(LEAD, level=2)
    for item in ITEMS:
        document.add_paragraph(item, style="List Bullet")
    document.add_paragraph(f"Q: {QUESTION}")
    document.add_paragraph(f"A: {ANSWER}")
    document.save(path)


@pytest.fixture(scope="module")
def sources(tmp_path_factory):
    folder = tmp_path_factory.mktemp("formats")
    (folder / "a.txt").write_text(TXT, encoding="utf-8")
    (folder / "a.md").write_text(MD, encoding="utf-8")
    (folder / "a.html").write_text(HTML, encoding="utf-8")
    write_docx(folder / "a.docx")
    return folder


def kinds(article):
    return [(b.kind, article.text[b.start:b.end]) for b in article.blocks]


EXPECTED_BLOCKS = [("question", TITLE), ("paragraph", BODY), ("heading", LEAD), ("list_item", ITEMS[0]),
                   ("list_item", ITEMS[1]), ("question", QUESTION), ("paragraph", ANSWER)]


@pytest.mark.parametrize("name", ["a.txt", "a.md", "a.html", "a.docx"])
def test_every_format_gives_the_same_blocks(sources, name):
    article = read_article(sources / name)
    assert article.error is None
    assert kinds(article) == EXPECTED_BLOCKS


def test_html_chrome_and_markdown_code_are_not_prose(sources):
    html = read_article(sources / "a.html").text
    for word in CHROME:
        assert word not in html, word
    md = read_article(sources / "a.md").text
    assert "97112" not in md and "front matter" not in md


def findings(auditor, path):
    result = next(auditor.audit_articles([read_article(path)]))
    return [(f.code, f.verdict, f.claim, f.sentence) for f in result.findings], result


def test_same_findings_in_every_format(sources, auditor):
    expected, _ = findings(auditor, sources / "a.txt")
    assert ("97124", "contradicted", "therapeutic exercise", BODY) in expected
    assert not any(code in ("97112", "97140", "97150", "97530") for code, *_ in expected)
    for name in ("a.md", "a.html", "a.docx"):
        got, _ = findings(auditor, sources / name)
        assert got == expected, name


@pytest.mark.parametrize("name", ["a.txt", "a.md", "a.html"])
def test_finding_lines_are_source_lines(sources, auditor, name):
    _, result = findings(auditor, sources / name)
    lines = (sources / name).read_text(encoding="utf-8").splitlines()
    assert result.findings
    for f in result.findings:
        assert f.sentence[:25] in lines[f.line - 1], (f.line, f.sentence)


def test_docx_line_is_the_paragraph_number(sources, auditor):
    _, result = findings(auditor, sources / "a.docx")
    paragraphs = [p.text for p in docx.Document(sources / "a.docx").paragraphs]
    for f in result.findings:
        assert f.sentence[:25] in paragraphs[f.line - 1]
    body = next(f for f in result.findings if f.code == "97124")
    assert body.line == 2


def test_html_lines_follow_text_across_source_lines(auditor):
    page = "<html><body><article>\n<h1>CPT 97124</h1>\n<p>Massage is gentle.\nCPT 97124 refers to\ntherapeutic " \
           "exercises for strength.</p>\n</article></body></html>\n"
    result = next(auditor.audit_articles([article_from_bytes("p.html", page.encode(), ".html")]))
    wrong = next(f for f in result.findings if f.verdict == "contradicted")
    assert wrong.sentence == "CPT 97124 refers to therapeutic exercises for strength."
    assert wrong.line == 4


def test_html_table_rows_and_markdown_tables_are_one_block_each():
    page = "<html><body><table><tr><th>Code</th><th>Service</th></tr><tr><td>97110</td><td>Therapeutic exercise" \
           "</td></tr></table></body></html>"
    md = "| Code | Service |\n|---|---|\n| 97110 | Therapeutic exercise |\n"
    for article in (article_from_bytes("t.html", page.encode(), ".html"), article_from_bytes("t.md", md.encode(), ".md")):
        assert ("paragraph", "97110 | Therapeutic exercise") in kinds(article)


def test_unreadable_documents_are_errors_not_crashes():
    assert "not a readable .docx" in article_from_bytes("x.docx", b"PK\x03\x04 not really a zip", ".docx").error
    assert article_from_bytes("x.html", b"<html><body><nav>menu</nav></body></html>", ".html").error == \
        "no text found"


# ---------------------------------------------------------------- encodings

TEXT = "CPT 97124 isn’t exercise — it’s “therapeutic massage”: café, naïve, déjà vu."
LATIN = "CPT 97124 est un massage thérapeutique, à l'hôpital; ça coûte très cher."


@pytest.mark.parametrize("data, expected", [
    (TEXT.encode("utf-8"), TEXT),
    (codecs.BOM_UTF8 + TEXT.encode("utf-8"), TEXT),
    (TEXT.encode("utf-16"), TEXT),                       # with a byte order mark
    (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), TEXT),
    (TEXT.encode("utf-16-le"), TEXT),                    # without one
    (TEXT.encode("cp1252"), TEXT),
    (LATIN.encode("latin-1"), LATIN),
    ("Caf\xe9 \xe0 la cr\xe8me: CPT 97124 is massage, \xa9 2024.".encode("latin-1"),
     "Café à la crème: CPT 97124 is massage, © 2024."),
], ids=["utf8", "utf8-bom", "utf16-bom", "utf16be-bom", "utf16le-no-bom", "cp1252", "latin1", "latin1-short"])
def test_encodings_are_detected(data, expected):
    assert decode(data) == expected


@pytest.mark.parametrize("broken, fixed", [
    ("CPT 97124 isnâ€™t exercise â€” itâ€™s massage.", "CPT 97124 isn’t exercise — it’s massage."),
    ("CafÃ© owners bill 97110 for â€œexerciseâ€\x9d.", "Café owners bill 97110 for “exercise”."),
    ("Line one is fine.\nCafÃ© on line two.\nLine three.", "Line one is fine.\nCafé on line two.\nLine three."),
])
def test_mojibake_is_repaired(broken, fixed):
    assert repair_mojibake(broken) == fixed
    assert decode(broken.encode("utf-8")) == fixed


def test_clean_text_is_left_alone():
    assert repair_mojibake(TEXT) == TEXT
    assert repair_mojibake(LATIN) == LATIN


@pytest.mark.parametrize("encode", [
    lambda s: s.encode("utf-8"), lambda s: codecs.BOM_UTF8 + s.encode("utf-8"), lambda s: s.encode("utf-16"),
    lambda s: s.encode("cp1252"), lambda s: s.replace("’", "'").replace("–", "-").encode("latin-1"),
    lambda s: s.encode("utf-8").decode("cp1252", errors="ignore").encode("utf-8"),      # mojibake
], ids=["utf8", "utf8-bom", "utf16", "cp1252", "latin1", "mojibake"])
def test_every_encoding_gives_the_same_findings(auditor, encode):
    text = "What Is CPT 97124?\n\nCPT 97124 refers to therapeutic exercises – it’s for strength, café-style.\n"
    expected = [(f.code, f.verdict, f.claim, f.line) for f in auditor.audit_text(text).findings]
    article = article_from_bytes("e.txt", encode(text), ".txt")
    got = [(f.code, f.verdict, f.claim, f.line) for f in next(auditor.audit_articles([article])).findings]
    assert got == expected and expected
