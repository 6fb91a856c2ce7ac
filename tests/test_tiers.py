"""Counts of exam elements and performance deficits, read as ranges (tiers.py)."""
import pytest

from cptaudit.reference import load_reference
from cptaudit.tiers import in_words, read_counts

SCALES = load_reference().count_scales


@pytest.mark.parametrize("text, scale, low, high", [
    ("an examination of one to three body-system elements", "exam_elements", 1, 3),
    ("1-2 elements", "exam_elements", 1, 2),
    ("at least two elements", "exam_elements", 2, None),
    ("five or more examination elements", "exam_elements", 5, None),
    ("two or more elements examined", "exam_elements", 2, None),
    ("3+ elements", "exam_elements", 3, None),
    ("three elements or more", "exam_elements", 3, None),
    ("more than three performance deficits", "performance_deficits", 4, None),
    ("up to three deficits", "performance_deficits", 1, 3),
    ("3–5 performance deficits", "performance_deficits", 3, 5),
])
def test_a_count_is_read_as_a_range(text, scale, low, high):
    [count] = read_counts(text, SCALES)
    assert (count.scale.id, count.low, count.high) == (scale, low, high)


@pytest.mark.parametrize("text", [
    "MDM needs 2 of 3 elements",             # a bare number names no range
    "an exam of three elements",
    "1-2 regions and four elements",         # the range belongs to 'regions'
    "two codes and more elements",
])
def test_no_range_is_read_from_a_bare_or_foreign_number(text):
    assert read_counts(text, SCALES) == []


def test_a_range_in_words():
    assert [in_words(1, 2), in_words(3, None), in_words(3, 5), in_words(4, 4)] == \
        ["one or two", "three or more", "three to five", "four"]
