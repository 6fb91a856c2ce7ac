import codecs

import pytest

from cptaudit.ingest import IngestError, decode, iter_files, parse_text, read_article

ARTICLE = """What Is CPT 97110?

CPT 97110 covers therapeutic exercise. It is billed in units.

Key points
  • Strength and endurance work
  2. Range of motion

Q: Is 97110 timed?
A: Yes, it is timed.
"""


def kinds(article):
    return [(b.kind, article.text[b.start:b.end]) for b in article.blocks]


def test_blocks_are_headings_paragraphs_list_items_and_questions():
    article = parse_text("a.txt", ARTICLE)
    assert kinds(article) == [
        ("question", "What Is CPT 97110?"),
        ("paragraph", "CPT 97110 covers therapeutic exercise. It is billed in units."),
        ("heading", "Key points"),
        ("list_item", "Strength and endurance work"),
        ("list_item", "Range of motion"),
        ("question", "Is 97110 timed?"),
        ("paragraph", "Yes, it is timed."),
    ]


def test_line_numbers_map_offsets_to_source_lines():
    article = parse_text("a.txt", ARTICLE)
    offset = article.text.index("Range of motion")
    assert article.line_of(offset) == 7
    assert article.line_of(0) == 1


def test_markdown_headings_lists_and_code_fences():
    md = "# CPT 97124\n\nMassage is 97124.\n\n```\n97110 is massage\n```\n\n- item one\n"
    article = parse_text("a.md", md, markdown=True)
    assert kinds(article) == [("heading", "CPT 97124"), ("paragraph", "Massage is 97124."), ("list_item", "item one")]


def test_windows_newlines_are_normalised():
    article = parse_text("a.txt", "Title line\r\n\r\nBody text here.\r\n")
    assert kinds(article) == [("heading", "Title line"), ("paragraph", "Body text here.")]


@pytest.mark.parametrize("data, expected", [
    ("Café 97124 – massage".encode("utf-8"), "Café 97124 – massage"),
    (codecs.BOM_UTF8 + "Café".encode("utf-8"), "Café"),
    ("Café’s code".encode("utf-16"), "Café’s code"),
    ("Café’s code".encode("cp1252"), "Café’s code"),
])
def test_decode_encodings(data, expected):
    assert decode(data) == expected


@pytest.mark.parametrize("data, reason", [
    (b"", "empty file"),
    (b"  \n\n ", "empty file"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
    (bytes(range(1, 32)) * 20, "binary file"),
])
def test_decode_refuses_empty_and_binary(data, reason):
    with pytest.raises(IngestError, match=reason):
        decode(data)


def test_read_article_reports_errors_instead_of_raising(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "dir.txt").mkdir()
    assert read_article(tmp_path / "empty.txt").error == "empty file"
    assert read_article(tmp_path / "dir.txt").error == "is a directory"
    assert "cannot read" in read_article(tmp_path / "missing.txt").error


def test_iter_files_is_sorted_recursive_and_survives_symlink_loops(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.txt").write_text("x")
    (tmp_path / "a.md").write_text("x")
    (tmp_path / "skip.pdf").write_text("x")
    (tmp_path / "b" / "loop").symlink_to(tmp_path)
    found = [p.relative_to(tmp_path).as_posix() for p, reason in iter_files([tmp_path]) if reason is None]
    assert found == ["a.md", "b/z.txt"]


def test_plain_text_table_rows_are_blocks_of_their_own():
    text = "Code | Level | Typical time\n---|---|---\n97161 | Low complexity | 20 min\n97162 | Moderate | 30 min\n"
    assert kinds(parse_text("t.txt", text)) == [
        ("paragraph", "Code | Level | Typical time"),
        ("paragraph", "97161 | Low complexity | 20 min"),
        ("paragraph", "97162 | Moderate | 30 min"),
    ]


def test_a_table_without_outer_bars_is_one_block_per_row():
    from cptaudit.ingest import parse_text
    article = parse_text("t.txt", "Codes:\n\n98940 | CMT, spinal, one to two regions\n98941 | CMT, spinal, three to four regions\n")
    rows = [article.text[b.start:b.end] for b in article.blocks][1:]
    assert rows == ["98940 | CMT, spinal, one to two regions", "98941 | CMT, spinal, three to four regions"]


def test_field_lines_of_a_record_are_sentences_of_their_own():
    from cptaudit.ingest import parse_text
    text = "Intro.\n\nCode: 97167\nTimed: No, one unit per visit\nCounts toward the 8-minute rule: No\n\nA paragraph\nthat wraps: twice.\n"
    article = parse_text("t.txt", text)
    kinds = [(b.kind, text[b.start:b.end]) for b in article.blocks]
    assert kinds == [("paragraph", "Intro."), ("list_item", "Code: 97167"),
                     ("list_item", "Timed: No, one unit per visit"),
                     ("list_item", "Counts toward the 8-minute rule: No"),
                     ("paragraph", "A paragraph\nthat wraps: twice.")]


def test_short_lines_without_end_punctuation_pasted_from_a_page_are_blocks():
    from cptaudit.ingest import parse_text
    text = "CPT 97163: PT eval, high complexity\nCPT 97163 covers a long evaluation of a complex patient.\n" \
           "Billing tips\nDocument every element.\n\nA wrapped paragraph of prose that runs on past sixty characters and\n" \
           "Continues on the next line.\n"
    blocks = [text[b.start:b.end] for b in parse_text("t.txt", text).blocks]
    assert blocks == ["CPT 97163: PT eval, high complexity",
                      "CPT 97163 covers a long evaluation of a complex patient.",
                      "Billing tips",              # a heading line after prose, over prose
                      "Document every element.",
                      "A wrapped paragraph of prose that runs on past sixty characters and\nContinues on the next line."]


def test_lines_pasted_from_a_page_layout_are_blocks_of_their_own():
    from cptaudit.ingest import parse_text

    def blocks(text):
        return [text[b.start:b.end] for b in parse_text("t.txt", text).blocks]

    # a tip, its impact and the next tip, in a paragraph that also holds a sentence
    text = ("CPT 97022 covers whirlpool therapy.\nAlways bill 97022 with a discipline-specific modifier on Medicare claims\n"
            "Impact: Prevents claim rejection and keeps payment posting correctly\n"
            "Bill only one unit of 97022 per session regardless of treatment duration\n")
    assert blocks(text) == ["CPT 97022 covers whirlpool therapy.\nAlways bill 97022 with a discipline-specific modifier "
                            "on Medicare claims", "Impact: Prevents claim rejection and keeps payment posting correctly",
                            "Bill only one unit of 97022 per session regardless of treatment duration"]
    # lines that open with a code, and lines that open with the same word, whatever their length
    text = ("They are:\n97161   Physical Therapy Evaluation low-complexity\n97162   Physical Therapy Evaluation "
            "moderate-complexity\n\nVisit A - 97110 22 min + 97140 16 min = 38 timed min -> 3 units\n"
            "Visit B - 97530 15 min + 97112 8 min = 23 timed min -> 1 unit\n")
    # (the lead-in ending in ':' is a block of its own, and the lines after it are the items of its list)
    assert blocks(text) == ["They are:", "97161   Physical Therapy Evaluation low-complexity",
                            "97162   Physical Therapy Evaluation moderate-complexity",
                            "Visit A - 97110 22 min + 97140 16 min = 38 timed min -> 3 units",
                            "Visit B - 97530 15 min + 97112 8 min = 23 timed min -> 1 unit"]
    # three or more capitalised lines, none of which closes a sentence
    text = ("Common denials\nMedical necessity not established for the whirlpool service on that date\n"
            "Maintenance therapy billed without a functional goal in the plan of care\n")
    assert len(blocks(text)) == 3


def test_question_lines_of_a_page_pasted_without_blank_lines_are_questions_of_their_own():
    from cptaudit.ingest import parse_text
    text = ("Is 97750 a timed code?\nAs code 97750 is a time-based code, units follow the minutes.\n"
            "It is a much longer examination.\nWhat does CPT code 97163 mean?\n97163 is a PT evaluation.\n"
            "Do I have to go to a functional capacity evaluation?\nFunctional capacity evaluations help.\n")
    blocks = [(b.kind, text[b.start:b.end]) for b in parse_text("t.txt", text).blocks]
    assert blocks == [("question", "Is 97750 a timed code?"),
                      ("paragraph", "As code 97750 is a time-based code, units follow the minutes.\n"
                                    "It is a much longer examination."),
                      ("question", "What does CPT code 97163 mean?"),
                      ("paragraph", "97163 is a PT evaluation."),
                      ("question", "Do I have to go to a functional capacity evaluation?"),
                      ("paragraph", "Functional capacity evaluations help.")]


def test_a_line_that_only_wraps_a_question_mark_inside_prose_stays_in_its_paragraph():
    from cptaudit.ingest import parse_text
    text = "Why does this matter? Because units\nfollow the minutes, not the session.\n"
    assert [b.kind for b in parse_text("t.txt", text).blocks] == ["paragraph"]


def test_a_list_that_lost_its_bullets_after_a_blank_line_under_its_lead_in():
    from cptaudit.ingest import parse_text
    text = ("A session billed with CPT Code 97035 might include:\n\nProgressive resistance work with bands\n"
            "Closed-chain exercises such as mini-squats\n")
    article = parse_text("t.txt", text)
    assert [b.kind for b in article.blocks] == ["paragraph", "list_item", "list_item"]


def test_a_paragraph_after_a_lead_in_is_still_prose_when_its_lines_end_sentences():
    from cptaudit.ingest import parse_text
    text = "Here is what it covers:\n\nThe first part is the evaluation.\nThe second part is the plan.\n"
    assert [b.kind for b in parse_text("t.txt", text).blocks][1:] != ["list_item", "list_item"]


def test_a_short_line_that_opens_like_a_sentence_is_no_heading():
    from cptaudit.ingest import parse_text
    article = parse_text("t.txt", "Intro text here.\n\nThere are 10 main sections\n\nMore text.\n")
    assert [b.kind for b in article.blocks] == ["paragraph", "paragraph", "paragraph"]
    article = parse_text("t.txt", "Intro text here.\n\nCommon Billing Mistakes\n\nMore text.\n")
    assert [b.kind for b in article.blocks][1] == "heading"


@pytest.mark.parametrize("line", ["Source: https://example.com/cpt-97035", "https://example.com/97035-ultrasound",
                                  "URL: <https://example.com/a>"])
def test_a_line_that_only_gives_where_the_page_came_from_is_no_block(line):
    # a page saved with its address on top: the address is no title, so the heading after it is the title
    article = parse_text("a.txt", f"{line}\n\n97035\n\nIt is timed.\n")
    assert kinds(article) == [("heading", "97035"), ("paragraph", "It is timed.")]


def test_a_title_line_over_lines_that_open_with_codes_is_a_heading_and_its_list():
    text = ("UNTIMED CODES (billed once per visit)\n97010   Hot or cold pack\nG0283   Unattended electrical stimulation"
            " (Medicare)\n97035   Ultrasound\n")
    assert kinds(parse_text("a.txt", text)) == [
        ("heading", "UNTIMED CODES (billed once per visit)"), ("list_item", "97010   Hot or cold pack"),
        ("list_item", "G0283   Unattended electrical stimulation (Medicare)"), ("list_item", "97035   Ultrasound")]


def test_headings_of_a_page_pasted_without_blank_lines_are_headings():
    text = ("97150 CPT code\n97150 CPT code is one of many CPT codes. It describes group therapy.\n97150 CPT code\n"
            "For the 97150 CPT code, clinicians supervise a group.\nComponents of 97150 CPT code\n- It is for two or more "
            "patients.\n")
    assert [k for k, _ in kinds(parse_text("a.txt", text))] == ["heading", "paragraph", "heading", "paragraph", "heading",
                                                                "list_item"]
