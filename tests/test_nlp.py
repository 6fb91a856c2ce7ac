"""Code mentions, service mentions and sentences, component by component."""
import pytest


def codes(analyse_text, text):
    return [m.code for s in analyse_text(text).sentences for m in s.codes]


def concepts(analyse_text, text):
    return [m.concept for s in analyse_text(text).sentences for m in s.concepts]


@pytest.mark.parametrize("text, expected", [
    ("Bill CPT 97110 per unit.", ["97110"]),
    ("Use 97161, 97162 or 97163.", ["97161", "97162", "97163"]),
    ("Medicare wants G0283 instead.", ["G0283"]),
    ("Report performance code 1234F and code 0042T.", ["1234F", "0042T"]),
    ("CPT code 97999 is made up.", ["97999"]),              # unknown but written as a code
    ("Codes 97161-97163 are evaluations.", ["97161", "97163"]),
])
def test_code_mentions(analyse_text, text, expected):
    assert codes(analyse_text, text) == expected


@pytest.mark.parametrize("text", [
    "Our office is at 100 Main St, Austin, TX 78701.",
    "Mail it to ZIP 90210 today.",
    "The page has 22,037 Fans Like it.",
    "We surveyed 12500 patients in 2019.",
    "Call (512) 555-0143 or 1-800-555-0199.",
    "It costs $97110 per year.",
    "Only 97110 readers replied.",
    "The number 55555 means nothing here.",
    "Send to 78701-1234 please.",
])
def test_numbers_that_are_not_codes(analyse_text, text):
    assert codes(analyse_text, text) == []


@pytest.mark.parametrize("text, expected", [
    ("Therapeutic exercises build strength.", "therapeutic_exercise"),
    ("Neuromuscular re-education improves balance.", "neuromuscular_reeducation"),
    ("Neuromuscular reeducation improves balance.", "neuromuscular_reeducation"),
    ("Theraputic excercises build strength.", "therapeutic_exercise"),
    ("Soft tissue mobilization helps.", "manual_therapy"),
    ("Effleurage and petrissage are strokes.", "massage"),
])
def test_concept_mentions_with_plurals_hyphens_and_misspellings(analyse_text, text, expected):
    assert expected in concepts(analyse_text, text)


def test_misspelling_repair_is_marked_fuzzy(analyse_text):
    [mention] = [m for s in analyse_text("Theraputic excercises help.").sentences for m in s.concepts]
    assert mention.fuzzy


@pytest.mark.parametrize("word", ["message", "immobilization", "education"])
def test_near_words_are_not_repaired_into_concepts(analyse_text, word):
    assert concepts(analyse_text, f"The {word} matters.") == []


def test_sentences_split_on_terminal_punctuation_not_abbreviations(analyse_text):
    text = "Use 97110 for exercise, e.g. squats. It is timed! Is it? Yes."
    sentences = [s.text for s in analyse_text(text).sentences]
    assert sentences == ["Use 97110 for exercise, e.g. squats.", "It is timed!", "Is it?", "Yes."]


def test_sentence_offsets_point_into_the_article_text(analyse_text):
    analysed = analyse_text("Heading\n\nFirst one. Second one.")
    for s in analysed.sentences:
        assert analysed.article.text[s.start:s.end] == s.text


def test_negation_cue_found_and_exempt_phrases_marked(analyse_text):
    [s] = analyse_text("97162 is not only an evaluation; it isn't exercise.").sentences
    kinds = [c.kind for c in s.cues]
    assert "negation" in kinds and "negation_exempt" in kinds


def test_blocks_of_one_doc_stay_apart(analyse_text):
    # the blocks of an article share a Doc: a heading without a full stop still ends at its blank line,
    # and every sentence keeps its own block and kind
    analysed = analyse_text("CPT code 97110 explained\n\nThe code covers exercise. it is timed.\n\n- Gait training\n")
    found = [(s.text, s.block_kind) for s in analysed.sentences]
    assert found == [("CPT code 97110 explained", "heading"), ("The code covers exercise. it is timed.", "paragraph"),
                     ("Gait training", "list_item")]
    for s in analysed.sentences:
        assert analysed.article.text[s.start:s.end] == s.text
        for m in s.codes + s.concepts + s.cues:
            assert analysed.article.text[m.start:m.end] == m.text


def test_code_context_does_not_reach_into_the_block_before(analyse_text):
    # "code" in the heading must not make the number that opens the next paragraph a code
    assert codes(analyse_text, "Which CPT code\n\n12345 was our total for the year.") == []
    assert codes(analyse_text, "Which number\n\nCPT code 12345 was our total for the year.") == ["12345"]


def test_a_long_article_is_split_over_several_docs(analyse_text, monkeypatch):
    from cptaudit import nlp
    monkeypatch.setattr(nlp, "DOC_CHARS", 200)
    paragraphs = [f"Paragraph {i} says that 97110 is therapeutic exercise." for i in range(40)]
    analysed = analyse_text("\n\n".join(paragraphs))
    assert [s.text for s in analysed.sentences] == paragraphs
    assert [m.code for s in analysed.sentences for m in s.codes] == ["97110"] * 40
    assert all(analysed.article.text[s.start:s.end] == s.text for s in analysed.sentences)


def test_a_sentence_goes_on_after_etc_and_a_comma(analyse_text):
    sentences = analyse_text("It covers movement (ROM, exercises, gait training, etc.), then the modality is attended.").sentences
    assert len(sentences) == 1
