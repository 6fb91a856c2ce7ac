"""Claims beyond identity: timing, duration, complexity, section, status, structure."""
import pytest


def found(auditor, text, kind):
    return [(f.code, f.verdict) for f in auditor.audit_text(text).findings if f.kind == kind]


# ---- timing

@pytest.mark.parametrize("text, verdict", [
    ("CPT 97110 is a timed code billed in 15-minute units.", "supported"),
    ("Because 97110 is time-based, document the minutes.", "supported"),
    ("97140 is billed per 15 minutes of hands-on work.", "supported"),
    ("CPT 97162 represents each 15 minutes of skilled time.", "contradicted"),
    ("The 97010 hot pack code is billed in 15-minute increments.", "contradicted"),
    ("97035 is untimed and reported once per session.", "contradicted"),
    ("CPT 97161 is untimed, so it is billed once per session.", "supported"),
    ("Evaluation code 97163 is billed once regardless of duration.", "supported"),
    ("97162 is not a timed code.", "supported"),
    ("97110 is not a timed code.", "contradicted"),
])
def test_timing_claims(auditor, text, verdict):
    assert verdict in {v for _, v in found(auditor, text, "timing")}


def test_timed_up_and_go_is_not_a_timing_claim(auditor):
    assert found(auditor, "For 97161, record the Timed Up and Go score.", "timing") == []


# ---- duration

@pytest.mark.parametrize("code, text, verdict", [
    ("97162", "CPT 97162 typically involves 30 minutes face-to-face with the patient.", "supported"),
    ("97163", "A 97163 evaluation typically takes about 45 minutes.", "supported"),
    ("97161", "97161 usually takes 60 minutes of face-to-face time.", "contradicted"),
    ("97165", "The 97165 evaluation must last at least 30 minutes.", "contradicted"),
    ("97164", "For 97164, the therapist is required to spend a minimum of 20 minutes.", "contradicted"),
])
def test_duration_claims(auditor, code, text, verdict):
    assert found(auditor, text, "duration") == [(code, verdict)]


def test_minutes_of_a_timed_code_are_not_a_typical_time_claim(auditor):
    assert found(auditor, "Bill 97110 for 23 minutes of exercise.", "duration") == []


# ---- complexity

@pytest.mark.parametrize("text, verdict", [
    ("CPT 97161 is the low-complexity physical therapy evaluation.", "supported"),
    ("97162 covers a moderate complexity evaluation.", "supported"),
    ("97162 is reserved for high complexity patients.", "contradicted"),
    ("CPT 97167 is the low complexity OT evaluation.", "contradicted"),
])
def test_complexity_claims(auditor, text, verdict):
    assert verdict in {v for _, v in found(auditor, text, "complexity")}


def test_complexity_contradiction_suggests_the_right_level(auditor):
    [f] = [f for f in auditor.audit_text("97162 is reserved for high complexity patients.").findings
           if f.kind == "complexity"]
    assert f.suggestion == ["97163"]


def test_a_list_of_levels_is_matched_level_by_level(auditor):
    text = "OT evaluations use 97165, 97166, and 97167 for low, moderate, and high complexity, with 97168 for re-evaluations."
    assert found(auditor, text, "complexity") == [("97167", "supported")]


@pytest.mark.parametrize("text, expected", [
    # a count no level takes is wrong for the code it is said of
    ("CPT 97161, the low-complexity evaluation, examines one to three body-system elements.",
     ("97161", "contradicted", "one to three elements")),
    ("97163 is reserved for an unstable presentation with two or more elements examined.",
     ("97163", "contradicted", "two or more elements")),
    ("97165 covers one or two deficits.", ("97165", "contradicted", "one or two deficits")),
    # a count that is one level's range says that level
    ("97162 requires an examination of three or more elements.", ("97162", "supported", "moderate complexity")),
    ("The moderate-complexity OT code, 97166, involves an expanded history and five or more performance deficits.",
     ("97166", "contradicted", "high complexity")),
    # denied
    ("97161 does not require three or more elements.", ("97161", "supported", "not moderate complexity")),
])
def test_element_and_deficit_counts(auditor, text, expected):
    findings = [(f.code, f.verdict, f.claim) for f in auditor.audit_text(text).findings if f.kind == "complexity"]
    assert expected in findings


def test_a_count_of_another_discipline_is_not_compared(auditor):
    # exam elements count the PT levels; an OT evaluation is not measured by them
    assert not [f for f in auditor.audit_text("97167 covers one to three elements.").findings
                if f.kind == "complexity" and f.verdict == "contradicted"]


def test_a_level_named_alone_is_read_in_the_discipline_of_the_article(auditor):
    text = ("What Is CPT Code 97161?\n\n97161 is the low-complexity physical therapy evaluation. "
            "High complexity requires five or more examination elements.")
    found_ = [(f.code, f.verdict) for f in auditor.audit_text(text).findings if f.kind == "complexity"
              and f.sentence.startswith("High")]
    assert found_ == [("97163", "contradicted")]


def test_a_second_subject_in_its_own_clause_takes_its_own_level(auditor):
    text = ("What Is CPT Code 97162?\n\nCPT 97162 is the moderate-complexity PT evaluation. A moderate-complexity "
            "evaluation does not have to last 30 minutes, and a low-complexity evaluation that took 35 minutes "
            "is not automatically upgraded.")
    assert not [f for f in auditor.audit_text(text).findings if f.kind == "complexity" and f.verdict == "contradicted"]


# ---- section and code system

@pytest.mark.parametrize("text, verdict", [
    ("CPT 97124 falls under the Physical Medicine and Rehabilitation section.", "supported"),
    ("CPT 97110 sits in the Evaluation and Management section.", "contradicted"),
    ("G0283 is a CPT code for electrical stimulation.", "contradicted"),
    ("G0283 is a HCPCS Level II code.", "supported"),
    ("Because 20560 sits inside the rehab section, it is handled like therapy.", "contradicted"),
    ("CPT 20560 belongs to the surgery chapter of CPT.", "supported"),
    ("CPT 97530 belongs to the physical medicine chapter of CPT.", "supported"),
    ("98977 is classified as a Category III code rather than a standard Category I code.", "contradicted"),
    ("97110 is a Category I code, not a Category III code.", "supported"),
])
def test_section_claims(auditor, text, verdict):
    assert verdict in {v for _, v in found(auditor, text, "section")}


# ---- status

@pytest.mark.parametrize("text, verdict", [
    ("CPT 97001 is still valid for physical therapy evaluations.", "contradicted"),
    ("97001 was deleted and replaced by the tiered evaluation codes.", "supported"),
    ("CPT 97110 was retired years ago.", "contradicted"),
])
def test_status_claims(auditor, text, verdict):
    assert verdict in {v for _, v in found(auditor, text, "status")}


def test_deleted_code_presented_as_current_is_contradicted_with_replacement(auditor):
    [f] = [f for f in auditor.audit_text("Clinics bill 97002 for a re-evaluation.").findings if f.kind == "status"]
    assert f.verdict == "contradicted" and f.suggestion == ["97164"]
    assert f.rewrite == "Clinics bill 97164 for a re-evaluation."


# ---- structure of the code set

@pytest.mark.parametrize("text, verdict", [
    ("The third section of the CPT code denotes any additional modifications.", "contradicted"),
    ("The first two digits of a CPT code indicate the body system.", "contradicted"),
    ("The fifth character serves as a check digit.", "contradicted"),
    ("CPT codes are maintained by the AMA and the American Massage Therapy Association.", "contradicted"),
    ("Modifiers are two-digit additions to the code.", "contradicted"),
    ("CPT stands for Current Procedural Terminology.", "supported"),
    ("CPT codes consist of five digits.", "supported"),
    ("The code set is maintained by the American Medical Association.", "supported"),
    ("Modifiers are two-character codes such as GP or 59.", "supported"),
    ("The first two digits of every CPT code are the section number.", "contradicted"),
    ("The modifier is effectively the sixth and seventh digit of the code.", "contradicted"),
    ("Every CPT code is built from meaningful digits.", "contradicted"),
    ("Both include codes beginning with 99, so the first digit by itself tells you very little.", "supported"),
    ("Category III codes are released twice a year rather than quarterly.", "supported"),
    ("When a code alone does not tell the whole story, providers attach a modifier, a two-character add-on "
     "such as 59 or GP.", "supported"),
])
def test_structure_claims(auditor, text, verdict):
    findings = [f for f in auditor.audit_text(text).findings if f.kind == "structure"]
    assert [(f.code, f.verdict) for f in findings] == ([("-", verdict)] if verdict else [])


# ---- the 8-minute rule

@pytest.mark.parametrize("text, code, kind, verdict", [
    ("23 minutes of 97110 is one unit.", "97110", "timing", "contradicted"),
    ("Under the rule, 23 minutes of 97140 equals two units.", "97140", "timing", "supported"),
    ("You need at least 8 minutes to bill one unit.", "-", "structure", "supported"),
    ("A therapist must spend 15 minutes to bill a single unit.", "-", "structure", "contradicted"),
    ("Any service provided in eight minutes or less can be billed as one unit.", "-", "structure", "contradicted"),
    ("38 to 52 minutes = 3 units.", "-", "structure", "supported"),
    ("38 to 55 minutes = 3 units.", "-", "structure", "contradicted"),
    ("A total of 53 minutes gives you four units.", "-", "structure", "supported"),
    ("For group therapy 97150, 23 minutes equals two units.", "97150", "timing", "contradicted"),
    ("A 45-minute evaluation under 97161 would therefore be billed as 3 units.", "97161", "timing", "contradicted"),
    ("A 30-minute session of G0283 would be reported as two units.", "G0283", "timing", "contradicted"),
    ("A 30-minute session of 97110 would be reported as two units.", "97110", "timing", "supported"),
    ("We bill those 40 minutes of 97110 as 3 units.", "97110", "timing", "supported"),
    ("We bill those 40 minutes of 97110 as 2 units.", "97110", "timing", "contradicted"),
    ("Forty-five minutes of timed care converts to four units under the Medicare table.", "-", "structure", "contradicted"),
    ("Fifty minutes of timed care converts to three units.", "-", "structure", "supported"),
    ("At 37 minutes the session has already earned three units.", "-", "structure", "contradicted"),
    ("The total would be 33 timed minutes, or three units.", "-", "structure", "contradicted"),
    ("The total would be 33 timed minutes, or two units.", "-", "structure", "supported"),
    ("If the therapist had stopped at 36 total minutes, the visit would still support three units.", "-", "structure",
     "contradicted"),
    ("A patient receives 33 minutes of therapeutic activities (97530), which is billed as 3 units.", "97530", "timing",
     "contradicted"),
    ("A patient receives 33 minutes of therapeutic activities (97530), which is billed as 2 units.", "97530", "timing",
     "supported"),
    ("That leaves a 25-minute total that bills as a single unit.", "-", "structure", "contradicted"),
    ("Fifty-two minutes of timed care produces 4 units.", "-", "structure", "contradicted"),
    ("This is billed as one unit, since anything under 15 minutes rounds up.", "-", "structure", "contradicted"),
    ("A patient who receives 20 minutes of balance retraining in a session can be billed for two units of 97112.",
     "97112", "timing", "contradicted"),
    ("For 97110 the third unit only starts once you reach 45 minutes.", "97110", "timing", "contradicted"),
    ("For 97110 the third unit starts once you reach 38 minutes.", "97110", "timing", "supported"),
    ("For 97110 a second unit can be added once the session passes 22 minutes.", "97110", "timing", "supported"),
    ("With 97110 the total is 30 timed minutes, which supports three units.", "97110", "timing", "contradicted"),
])
def test_minutes_to_units_statements(auditor, text, code, kind, verdict):
    findings = [(f.code, f.kind, f.verdict) for f in auditor.audit_text(text).findings if f.kind in ("timing", "structure")]
    assert (code, kind, verdict) in findings


@pytest.mark.parametrize("text, verdict", [
    ("# CPT 97533\n\nHow many units? Just one, because the code is not counted in 15-minute increments.",
     "contradicted"),                                            # a pointer is as close as a code
    ("# CPT 97036\n\nIt is billed once per date of service regardless of how many minutes it lasts.",
     "contradicted"),
    ("# CPT 97012\n\nThe code is not counted in 15-minute increments.", "supported"),
])
def test_timing_said_through_a_pointer(auditor, text, verdict):
    assert verdict in {f.verdict for f in auditor.audit_text(text).findings if f.kind == "timing"}


def test_the_rules_table_in_a_relative_clause_is_not_said_of_the_sentences_first_code(auditor):
    text = ("The claim shows 97166 for the OT evaluation, which is untimed, and two units of 97760, because 25 "
            "timed minutes fall in the 23-to-37-minute band that Medicare counts as two units.")
    assert not [f for f in auditor.audit_text(text).findings if f.code == "97166" and f.verdict == "contradicted"]


def test_a_code_used_before_it_existed(auditor):
    [f] = [f for f in auditor.audit_text("In 2015, clinics billed 97161 for every new evaluation.").findings
           if f.kind == "status"]
    assert f.verdict == "contradicted" and "2017" in f.message and f.suggestion == ["97001"]


def test_a_dated_statement_after_the_code_existed_is_fine(contradicted):
    assert contradicted("Since 2020, dry needling is billed with 20560.") == []
    assert contradicted("97161 replaced 97001 in 2017.") == []


def test_contradiction_carries_a_corrected_sentence(auditor):
    [f] = auditor.audit_text("CPT Code 97124 refers to therapeutic exercises.").findings
    assert f.rewrite == "CPT Code 97110 refers to therapeutic exercises."


# ---- Medicare payment

@pytest.mark.parametrize("text, code, verdict", [
    ("Medicare pays 97014 at roughly the same rate as G0283.", "97014", "contradicted"),
    ("Yes, Medicare pays 97010 separately.", "97010", "contradicted"),
    ("Medicare does not pay for 97014; use G0283.", "97014", "supported"),
    ("98943 is not a Medicare benefit.", "98943", "supported"),
    ("Extremity adjustments (98943), which Medicare covers like any other manipulation, are common.", "98943", "contradicted"),
    ("97010 is bundled under Medicare.", "97010", "supported"),
])
def test_medicare_payment_claims(auditor, text, code, verdict):
    assert (code, verdict) in found(auditor, text, "status")


@pytest.mark.parametrize("text", [
    "Category II codes are used for new and emerging technology.",
    "A modifier changes the code into a different code.",
    "The 8-minute rule applies to all Medicare services.",
    "In 2026, the therapy cap was officially repealed.",
    "HCPCS Level II codes are created by the AMA and updated once a year.",
])
def test_more_code_set_myths(auditor, text):
    assert [(f.code, f.verdict) for f in auditor.audit_text(text).findings if f.kind == "structure"] == \
        [("-", "contradicted")]


def test_a_negated_myth_is_right(auditor):
    [f] = [f for f in auditor.audit_text("There is no check digit at the end of a CPT code.").findings]
    assert (f.kind, f.verdict) == ("structure", "supported")


@pytest.mark.parametrize("text", [
    "Each 97110 session lasts 15 minutes.",
    "For 97755, each session should last for a minimum of 15 minutes.",
])
def test_the_billing_unit_is_not_a_session_length(auditor, text):
    assert [f.verdict for f in auditor.audit_text(text).findings if f.kind == "duration"] == ["contradicted"]


def test_a_unit_said_to_be_a_complete_15_minute_block_is_wrong(contradicted):
    found = contradicted("For 97033 each unit equals one complete 15-minute block, so 25 minutes is one unit.")
    assert found


@pytest.mark.parametrize("text", [
    "To bill 97162, the evaluation has to last at least 30 minutes.",
    "97165 has a 30-minute minimum for the low complexity OT evaluation.",
])
def test_a_typical_time_stated_as_a_minimum_in_other_word_orders(contradicted, text):
    assert any(claim and "at least" in claim for _, claim in contradicted(text))


def test_a_requirement_in_a_condition_is_not_a_minimum(contradicted):
    assert contradicted("A re-evaluation that takes 22 minutes can still be billed as 97168 if the required "
                        "elements are documented.") == []


@pytest.mark.parametrize("text", [
    "Every CPT code, whatever its category, is made up of five numeric digits.",
    "Modifiers are always two numeric digits, such as 59 or 76.",
    "CPT is maintained jointly by the American Medical Association and the American Chiropractic Association.",
    "HCPCS Level II codes are updated once a year, on January 1.",
])
def test_more_wrong_code_set_statements(contradicted, text):
    assert [code for code, _ in contradicted(text)] == ["-"]


@pytest.mark.parametrize("text", [
    "All CPT Category I codes are five digits.",
    "Every CPT code you will bill for therapy is five digits long.",
    "CPT is maintained by the American Medical Association.",
])
def test_right_code_set_statements_stay_right(contradicted, text):
    assert contradicted(text) == []


@pytest.mark.parametrize("text, code, verdict", [
    ("- 23 to 37 minutes on the lumbar table: bill two units of 97012", "97012", "contradicted"),
    ("That's three units of 97165 on the claim.", "97165", "contradicted"),
    ("Never bill two units of 97012.", "97012", "supported"),                  # negated: right
    ("Bill three units of 97110.", "97110", "supported"),                      # timed
    ("Bill 97597 once and two units of 97598.", "97598", None),                # an add-on counted by area
])
def test_a_count_of_units_is_checked_against_how_the_code_is_counted(auditor, text, code, verdict):
    found = [f.verdict for f in auditor.audit_text(text).findings if f.code == code and f.kind == "timing"]
    assert found == ([verdict] if verdict else [])


def test_a_count_of_units_under_a_mistakes_heading_names_the_mistake(auditor):
    text = "# Common mistakes\n\n- Billing multiple units of 97022 because the session ran long."
    assert not [f for f in auditor.audit_text(text).findings if f.verdict == "contradicted"]


_RECORD = "# Quick card\n\nCode: {code}\nPartner code: 97002, the re-evaluation\nTimed: {value}\n"


@pytest.mark.parametrize("code, value, expected", [
    ("97167", "No, one unit per visit", ("97167", "supported", "untimed (one unit per session)")),
    ("97110", "No, one unit per visit", ("97110", "contradicted", "untimed (one unit per session)")),
    ("97167", "Yes", ("97167", "contradicted", "timed (billed in 15-minute units)")),
    ("97167", "No", ("97167", "supported", "untimed (one unit per session)")),
])
def test_a_record_of_field_lines_speaks_of_its_code(verdicts, code, value, expected):
    assert expected in verdicts(_RECORD.format(code=code, value=value))


@pytest.mark.parametrize("text, expected", [
    ("The therapist bills 97161 because his presentation is unstable.", ("97161", "contradicted", "high complexity")),
    ("Bill 97163 since her presentation is stable.", ("97163", "contradicted", "low complexity")),
    ("Bill 97161 because the presentation is stable.", ("97161", "supported", "low complexity")),
    ("CPT 97161 is reserved for the medically complex patient.", ("97161", "contradicted", "high complexity")),
])
def test_a_reason_clause_gives_the_tier_of_the_code_it_hangs_from(verdicts, text, expected):
    assert expected in verdicts(text)


def test_a_reason_clause_that_names_its_own_code_keeps_its_tier(verdicts):
    found = verdicts("Do not bill 97161 here because 97163 covers an unstable presentation.")
    assert ("97161", "contradicted", "high complexity") not in found


@pytest.mark.parametrize("text, expected", [
    ("I bill 98975 every month for each patient who stays on the program.",
     ("98975", "contradicted", "billed every month")),
    ("98975 can be billed once every 30 days while the patient continues monitoring.",
     ("98975", "contradicted", "billed every month")),
    ("98975 is billed once per episode of care.", ("98975", "supported", "billed once per episode of care")),
    ("98977 is billed every 30 days.", ("98977", "supported", "billed every month")),
    ("98980 is billed once per episode of care.", ("98980", "contradicted", "billed once per episode of care")),
])
def test_how_often_a_monitoring_code_is_billed(verdicts, text, expected):
    assert expected in verdicts(text)


def test_how_often_is_not_compared_where_the_table_says_nothing(verdicts):
    assert not any(v[1] == "contradicted" for v in verdicts("Most clinics bill 97110 every month."))


def test_a_property_said_before_two_codes_is_said_of_both(verdicts):
    found = verdicts("For other conditions, Medicare accepts 97032 or 97014.")
    assert ("97014", "contradicted", "paid by Medicare") in found


# ---- the total-minutes method across several services

@pytest.mark.parametrize("text, expected", [
    ("A visit with 10 minutes of 97112 and 10 minutes of 97116 gets no units at all.",
     {("97112", "contradicted"), ("97116", "contradicted")}),
    ("30 minutes of 97110 and 10 minutes of 97116 is 40 timed minutes, which is three units.",
     {("97110", "supported"), ("97116", "supported")}),
    ("8 minutes of 97110 and 8 minutes of 97140 = 2 units.", {("97110", "contradicted"), ("97140", "contradicted")}),
    ("With 20 minutes of 97110 and 15 minutes of 97140, we bill one unit of 97110 and one unit of 97140.",
     {("97110", "supported"), ("97140", "supported")}),
    ("Total timed minutes, counting the 97022 whirlpool: 18 + 22 + 8 = 48 minutes, which is 3 units.",
     {("97022", "contradicted")}),
])
def test_minutes_of_several_services_are_added_before_units(auditor, text, expected):
    assert expected <= {(f.code, f.verdict) for f in auditor.audit_text(text).findings if f.kind == "timing"}


@pytest.mark.parametrize("text, verdict", [
    ("She did 20 minutes of therapeutic exercise, 15 minutes of manual therapy and 10 minutes of hot pack, "
     "so bill 2 units.", "supported"),
    ("She did 20 minutes of therapeutic exercise, 15 minutes of manual therapy and 10 minutes of hot pack, "
     "so bill 3 units.", "contradicted"),
    ("The minutes are 15 + 8 + 15 = 40, which is three units.", "contradicted"),     # the sum itself is wrong
])
def test_untimed_services_add_no_minutes_to_the_total(auditor, text, verdict):
    assert ("-", verdict) in found(auditor, text, "structure")


@pytest.mark.parametrize("text, verdict", [
    ("Iontophoresis, 97033, is billed in 15-minute units, so 12 minutes of iontophoresis cannot be billed.",
     "contradicted"),
    ("Five minutes of 97110 cannot be billed.", "supported"),
])
def test_minutes_said_not_billable(auditor, text, verdict):
    assert any(v == verdict for c, v in found(auditor, text, "timing") if c in ("97033", "97110"))


def test_the_rule_itself_is_no_statement_about_some_minutes(auditor):
    text = "Under Medicare's rule, timed services that add up to fewer than eight minutes are not billed."
    assert not any(v == "contradicted" for _, v in found(auditor, text, "structure"))


@pytest.mark.parametrize("text, expected", [
    ("# CPT 20561\n\n20561 is dry needling of three or more muscles.\n\nThe code was introduced in 2018.",
     ("20561", "contradicted")),
    ("20560 and 20561 took effect on January 1, 2020.", ("20560", "supported")),
    ("20560 and 20561 took effect on January 1, 2020.", ("20561", "supported")),
    ("97140 was added in 2015.", ("97140", "contradicted")),
    ("97140 was not added in 2015.", None),
])
def test_the_year_a_code_took_effect(auditor, text, expected):
    status = [(f.code, f.verdict) for f in auditor.audit_text(text).findings if f.kind == "status"]
    assert expected in status if expected else not status


@pytest.mark.parametrize("text, expected", [
    ("Your therapist probably chose 97163 because your condition fell in the middle range.", ("97163", "contradicted")),
    ("Notice that 97168 is the top of the ladder.", ("97168", "contradicted")),
    ("A moderately complicated case fits 97162.", ("97162", "supported")),
])
def test_everyday_tier_words(auditor, text, expected):
    assert expected in found(auditor, text, "complexity")


@pytest.mark.parametrize("text, expected", [
    ("Always add the minutes on the hot pack (97010) and the traction unit (97012) into the timed total.",
     {("97010", "contradicted"), ("97012", "contradicted")}),
    ("Do not add the minutes of 97010 to the timed total.", {("97010", "supported")}),
    ("# CPT 97032\n\n97032 is attended electrical stimulation.\n\nKeep the stimulation minutes out of your timed total.",
     {("97032", "contradicted")}),
])
def test_minutes_counted_toward_the_timed_total_say_the_code_is_timed(auditor, text, expected):
    assert expected <= set(found(auditor, text, "timing"))


@pytest.mark.parametrize("text, verdict", [
    ("For 97163, you would expect around 30 minutes.", "contradicted"),
    ("For 97163, you would expect around 45 minutes.", "supported"),
])
def test_an_expected_time_is_a_typical_time(auditor, text, verdict):
    assert ("97163", verdict) in found(auditor, text, "duration")


@pytest.mark.parametrize("text, expected", [
    ("Answer: 97167 replaced 97004, the old OT re-evaluation code.", ("97167", "contradicted")),
    ("97004 was replaced by 97168 in 2017.", ("97168", "supported")),
])
def test_which_code_replaced_a_deleted_one(auditor, text, expected):
    assert expected in found(auditor, text, "status")


@pytest.mark.parametrize("text", [
    "In the physical medicine codes, a 0 in the fourth position means the code applies to one or more areas.",
    "My professor said the whole CPT book is updated every quarter.",
    "Category III codes, which end in F, show up for newer technology.",
    "HCPCS Level II codes are two letters followed by three digits.",
    "The AMA maintains CPT together with the American Physical Therapy Association.",
    "On some claims modifiers replace the last two digits of the code.",
    "A modifier works as the sixth and seventh digits of the code.",
])
def test_more_code_set_myths(auditor, text):
    assert ("-", "contradicted") in found(auditor, text, "structure")


@pytest.mark.parametrize("text", [
    "Category III codes end in T.",
    "CPT is updated once a year, while Category III codes come out twice a year.",
    "Category II codes end in F.",
])
def test_code_set_facts_are_no_myths(auditor, text):
    assert ("-", "contradicted") not in found(auditor, text, "structure")


@pytest.mark.parametrize("text, verdict", [
    ("Visit B - 97530 15 min + 97112 8 min = 23 timed min -> 1 unit", "contradicted"),
    ("Visit A - 97110 15 min + 97140 8 min = 23 timed min -> 2 units", "supported"),
    ("Twelve minutes of 97530 on its own is not enough for a unit.", "contradicted"),
    ("Five minutes of 97530 on its own is not enough for a unit.", "supported"),
    ("Two units of 97110 require a full 30 minutes of exercise.", "contradicted"),
    ("Two units of 97110 require at least 23 minutes.", "supported"),
    ("53 minutes of combined 97110 and 97530 time comes out to three units.", "contradicted"),
])
def test_more_minute_arithmetic(auditor, text, verdict):
    assert any(v == verdict for _, v in found(auditor, text, "timing"))


@pytest.mark.parametrize("text, kind", [
    ("98975 and the rest of the RTM family are Category III codes.", "section"),
    ("Its re-evaluation sibling, 97002, gave way to 97168 on the same date.", "status"),
    ("The RTM family, starting with 98975, became billable on January 1, 2020.", "status"),
])
def test_plural_category_replacement_and_start_wordings(auditor, text, kind):
    assert any(v == "contradicted" for _, v in found(auditor, text, kind))


@pytest.mark.parametrize("text, verdict", [
    ("If you provide 20 minutes of gait training and no other timed service, you bill two units of 97112.",
     "contradicted"),
    ("If you provide 25 minutes of gait training and no other timed service, you bill two units of 97116.",
     "supported"),
    ("Visit C - 97116 6 min, no other timed service -> 1 unit.", "contradicted"),
    ("Visit C - 97116 9 min, no other timed service -> 1 unit.", "supported"),
])
def test_minutes_that_stand_alone_and_the_units_of_a_code_after_them(auditor, text, verdict):
    assert any(v == verdict for _, v in found(auditor, text, "timing"))


@pytest.mark.parametrize("text, verdict", [
    ("We would have billed 97022 x 2 for the whirlpool that day.", "contradicted"),
    ("The class was billed with 97150 at three units for a 45-minute session.", "contradicted"),
    ("The claim showed 97012 (2 units) for traction.", "contradicted"),
    ("We billed 97110 x 2 and 97140 x 1 for the visit.", "supported"),
])
def test_a_count_of_units_written_after_a_code(auditor, text, verdict):
    assert any(v == verdict for _, v in found(auditor, text, "timing"))


def test_a_count_of_units_after_an_add_on_counted_by_area_says_nothing_of_time(auditor):
    assert found(auditor, "The claim showed 97597 x 1 and 97598 x 2 for the 55 sq cm wound.", "timing") == []


def test_records_that_open_alike_are_read_one_by_one(auditor):
    text = ("The visits below were billed last month.\n\n"
            "Visit A - 97110 22 min + 97140 16 min = 38 timed min -> 3 units\n"
            "Visit C - 97116 6 min, no other timed service -> 1 unit\n")
    assert ("97116", "contradicted") in found(auditor, text, "timing")
    assert ("97110", "supported") in found(auditor, text, "timing")


@pytest.mark.parametrize("text, code", [
    # the codes named by their service
    ("CPT 97166 Explained\n\nCPT 97166 is the moderate-complexity OT evaluation. Occupational therapy evaluations "
     "are found in the Evaluation and Management section, alongside office visits.", "97166"),
    ("CPT 98941 Explained\n\nCPT 98941 is chiropractic manipulative treatment of three to four spinal regions. "
     "The CMT codes are found in the Surgery section of CPT.", "98941"),
    # a hyphenated section, a field line with an aside, the same section as another code
    ("97597 is a Surgery-section code, which is why surgical coders list it next to 11042.", "97597"),
    ("CPT 20560 at a Glance\n\n- Section: Medicine, alongside the other therapy codes\n- Timed: No\n", "20560"),
    ("CPT 20561 Explained\n\nCPT 20561 is dry needling. The code took effect in 2020, and it sits in the Physical "
     "Medicine and Rehabilitation section alongside the other therapy codes.", "20561"),
    ("G0283 sits in the same Physical Medicine and Rehabilitation section of CPT as 97014 and 97032.", "G0283"),
])
def test_more_section_wordings(auditor, text, code):
    assert (code, "contradicted") in found(auditor, text, "section")


def test_a_service_named_as_the_subject_gives_no_section_to_another_code(auditor):
    text = "CPT 97110 Explained\n\nCPT 97110 is therapeutic exercise. Hot packs are found in the Physical Medicine section."
    assert found(auditor, text, "section") == []


@pytest.mark.parametrize("text, verdict", [
    # a count of units billed for the code under discussion, named as a mistake or as advice
    ("CPT 97036 Hubbard Tank\n\nCPT 97036 is the Hubbard tank.\n\nCommon mistakes\n\n"
     "The most frequent error is billing multiple units.", "contradicted"),
    ("CPT 97022 Whirlpool\n\nCPT 97022 is whirlpool therapy.\n\nCommon mistakes\n\n"
     "The most frequent error is billing multiple units.", "supported"),
    ("CPT 97022 Whirlpool\n\nCPT 97022 is whirlpool therapy.\nImpact: Billing multiple units results in automatic "
     "downcoding to one unit\n", "supported"),
    # a minimum of minutes for the service the main clause names
    ("CPT 97022 Whirlpool\n\nCPT 97022 is whirlpool therapy. If the soak lasts less than 8 minutes, you do not bill "
     "the whirlpool at all.", "contradicted"),
    ("If the session lasts less than 8 minutes, you do not bill 97116 at all.", "supported"),
])
def test_units_billed_for_the_code_under_discussion(auditor, text, verdict):
    assert verdict in {v for _, v in found(auditor, text, "timing")}


@pytest.mark.parametrize("text", [
    "CPT 97161 Explained\n\nCPT 97161 is the low complexity PT evaluation. For the treatment that follows, you can "
    "bill multiple units of exercise.",
    "CPT 97012 Traction\n\nCPT 97012 is mechanical traction. Report multiple units only if separate treatments are "
    "performed on one day.",
])
def test_units_of_another_service_or_under_a_condition_say_nothing_of_the_code(auditor, text):
    assert found(auditor, text, "timing") == []


@pytest.mark.parametrize("text, verdict", [
    # the same units however long: untimed
    ("CPT 97140 Manual Therapy\n\nCPT 97140 is manual therapy. Whether the therapist spends 10 minutes or 40 minutes "
     "on the tissue, you report a single unit.", "contradicted"),
    ("You report one unit of 97032 for the session whether the stimulation lasted 8 minutes or 25 minutes.",
     "contradicted"),
    ("CPT 97022 Whirlpool\n\nCPT 97022 is whirlpool. A 20-minute soak and a 50-minute soak each support a single unit.",
     "supported"),
    ("In other words, a ten-minute 97035 treatment and a twenty-five-minute treatment are billed exactly the same way.",
     "contradicted"),
    # more ways to tie minutes to units, and to say a code is timed or flat
    ("CPT 97022 Whirlpool\n\nCPT 97022 is whirlpool. A patient whose ankle sits in the whirlpool for 25 minutes gets "
     "two units.", "contradicted"),
    ("She did 20 minutes of 97110. If she had done 35 minutes of 97110, it would have become 3 units.", "contradicted"),
    ("CPT 97165 Explained\n\nCPT 97165 is the low complexity OT evaluation. If a session runs short, I just bill "
     "fewer units of it.", "contradicted"),
    ("CPT 97140 Explained\n\nCPT 97140 is manual therapy. It's a flat procedure code.", "contradicted"),
])
def test_any_length_of_time_and_more_unit_wordings(auditor, text, verdict):
    assert verdict in {v for _, v in found(auditor, text, "timing")}


def test_different_minutes_with_different_units_are_no_flat_rate(auditor):
    text = "A 20-minute session of 97110 is one unit and a 50-minute session is three units."
    assert all(f.claim != "untimed (one unit per session)" for f in auditor.audit_text(text).findings)


@pytest.mark.parametrize("text, verdict", [
    # a statement labelled a myth is denied; a true one called a myth is wrong
    ("Myth: Category III codes are released twice a year.", "contradicted"),
    ("Myth: Category III codes are released quarterly.", "supported"),
    ("Myth: Modifier 51 is never used on the physical medicine 97xxx codes.", "contradicted"),
    ("Modifier 51 is never used on the physical medicine 97xxx codes.", "supported"),
    ("Myth: You cannot tell the section of a code from its first digit alone.", "contradicted"),
    # more code-set myths
    ("Fact: Modifier 51 should be appended to the second and later 97xxx codes billed on the same day.", "contradicted"),
    ("Any code beginning with 99 is an evaluation and management code.", "contradicted"),
    ("Fun fact: the G in G0515 means it's a Category III code.", "contradicted"),
    ("CPT stands for Current Procedural Terminology, and the code set is revised every quarter by CMS.", "contradicted"),
])
def test_myths_and_more_code_set_statements(auditor, text, verdict):
    assert verdict in {v for _, v in found(auditor, text, "structure")}


def test_a_myth_label_denies_a_claim_about_a_code(auditor):
    assert ("97140", "supported") in found(auditor, "Myth: 97140 is massage.", "identity")


@pytest.mark.parametrize("text, code, verdict", [
    # RTM device supply from 2026: a number of days of readings names the 16-30 or the 2-15 day code
    ("Example 4 (2026): 9 days of readings are billed as 98977.", "98977", "contradicted"),
    ("98985 covers 2 to 15 days of readings in the period.", "98985", "supported"),
    ("98976 needs at least 16 days of readings in the 30-day period.", "98976", "supported"),
])
def test_days_of_readings_name_the_device_supply_code(auditor, text, code, verdict):
    assert (code, verdict) in found(auditor, text, "identity")


@pytest.mark.parametrize("text", [
    "CPT 98985 is billed once per 30 day period.",
    "98985 can be billed every 30 days.",
    # codes that open a clause of their own take nothing from the words before the comma
    "The 30-day supply codes cover 16 to 30 days of data, new codes 98984, 98985 and 98986 cover 2 to 15 days.",
])
def test_a_period_of_days_and_a_later_list_of_codes_are_no_count_of_days(auditor, text):
    assert not any(f.verdict == "contradicted" for f in auditor.audit_text(text).findings)


@pytest.mark.parametrize("text, verdict", [
    ("Forgetting to record the full 60 minutes of face-to-face time that 97167 requires.", "contradicted"),
    ("| Code | Level | Time |\n|---|---|---|\n| 97163 | High complexity, unstable presentation | roughly 60 minutes |",
     "contradicted"),
    ("| Code | Level | Time |\n|---|---|---|\n| 97163 | High complexity, unstable presentation | about 45 minutes |",
     "supported"),
    ("CPT 97161 is the low complexity PT evaluation; plan for about half an hour face to face with 97161.",
     "contradicted"),
])
def test_durations_in_tables_and_required_and_in_words(auditor, text, verdict):
    assert verdict in {v for _, v in found(auditor, text, "duration")}


def test_codes_named_after_replaced_by_are_the_successors_not_the_deleted(auditor):
    text = ("They were replaced by the tiered evaluation codes:\n97161   PT evaluation, low complexity\n"
            "97162   PT evaluation, moderate complexity\n")
    assert not any(f.verdict == "contradicted" for f in auditor.audit_text(text).findings)


@pytest.mark.parametrize("text, verdict", [
    ("The rule divides therapy time into 8\u2011minute increments.", "contradicted"),
    ("The rule lets you bill for every 8 full minutes of billable activity.", "contradicted"),
])
def test_eight_minute_units_are_a_myth(auditor, text, verdict):
    assert verdict in {v for _, v in found(auditor, text, "structure")}


def test_the_eight_minute_threshold_is_no_eight_minute_unit(auditor):
    assert found(auditor, "The 8-minute rule requires at least 8 minutes for the first unit.", "structure") == []


def test_what_follows_the_ama_with_and_is_no_second_maintainer(auditor):
    text = "CPT is published by the American Medical Association and is divided into three categories."
    assert ("-", "contradicted") not in found(auditor, text, "structure")
    assert ("-", "contradicted") in found(auditor, "CPT is maintained by the AMA and the APTA.", "structure")


# ---- session 11: once a day, unit tables, totals code by code, mistakes after the fact

@pytest.mark.parametrize("text, verdict", [
    ("97129 is billed as one unit per date of service.", "supported"),     # a first block, billed once a day
    ("97162 is billed once per date of service.", "supported"),
    ("97530 is billed once per day.", "contradicted"),
    ("97530 is not billed once per day.", "supported"),
])
def test_billed_once_a_day_holds_for_untimed_and_first_block_codes(auditor, text, verdict):
    assert verdict in {v for _, v in found(auditor, text, "timing")}


@pytest.mark.parametrize("line, verdict", [
    ("- 8 to 29 minutes: 1 unit", "contradicted"),
    ("- 8 to 22 minutes: 1 unit", "supported"),
    ("- 40 minutes of testing: 2 units.", "contradicted"),
    ("- 40 minutes of testing: 3 units.", "supported"),
])
def test_rows_of_a_unit_table_under_a_timed_code_are_the_codes(auditor, line, verdict):
    text = f"How We Count 97750 Units\n\n97750 is billed in 15-minute units.\n\nIn table form:\n\n{line}\n"
    assert ("97750", verdict) in found(auditor, text, "timing")


def test_rows_of_a_unit_table_in_a_general_article_are_about_the_rule(auditor):
    assert ("-", "contradicted") in found(auditor, "Counting units:\n\n- 30 to 44 minutes: 2 units\n", "structure")


@pytest.mark.parametrize("text", [
    "- Fewer than 8 minutes: 0 units",
    "Two patients in a 25-minute post-op shoulder group: one unit each.",
])
def test_a_colon_joins_minutes_to_units_only_in_a_row(auditor, text):
    assert not any(f.verdict == "contradicted" for f in auditor.audit_text(text).findings)


def test_units_given_code_by_code_add_up_to_the_total(auditor):
    text = ("So if a patient had 25 minutes of 97750 and 10 minutes of therapeutic exercise (97110) on the same day, "
            "97750 gets 1 unit and 97110 gets 1 unit, for 2 units in total.")
    assert ("97750", "supported") in found(auditor, text, "timing")


def test_a_gerund_named_a_common_error_after_a_reason_is_the_mistake(auditor):
    text = ("Billing two or three units of 97164 because the re-evaluation ran long is a common error, "
            "and it will be denied.")
    assert ("97164", "contradicted") not in found(auditor, text, "timing")


def test_an_aside_in_a_list_of_mistakes_is_the_writers_own_word(auditor):
    text = "Common Coding Mistakes\n\n- Using the old 97002 code, which was deleted in 2017.\n"
    assert ("97002", "contradicted") not in found(auditor, text, "status")


def test_a_deleted_code_is_judged_where_it_is_written_or_is_the_subject(auditor):
    text = ("An OT re-evaluation (CPT Code 97004) follows an initial OT evaluation.\n\n"
            "Identifying barriers at home and at work is a key aspect of this evaluation.")
    findings = [f for f in auditor.audit_text(text).findings if f.kind == "status"]
    assert [f.sentence.startswith("An OT") for f in findings] == [True]
    text = "CPT 99201\n\nIt's the lowest-level new patient office visit and it's perfect for those."
    assert any(f.verdict == "contradicted" and f.sentence.startswith("It's")
               for f in auditor.audit_text(text).findings if f.kind == "status")


@pytest.mark.parametrize("text, verdict", [
    ("For example, the old PT evaluation code 97001 was deleted in 2019.", "contradicted"),
    ("97001 was deleted at the end of 2016.", "supported"),      # gone for 2017
    ("97762 was removed in 2018.", "supported"),
    ("The management codes 98980 and 98981 came a year later, in 2023.", "contradicted"),
])
def test_the_year_a_code_was_deleted_or_came_in(auditor, text, verdict):
    assert verdict in {v for _, v in found(auditor, text, "status")}


@pytest.mark.parametrize("text, verdict", [
    ("Retired codes:\n\n- 97762, the old orthotic/prosthetic checkout code, deleted January 1, 2019\n", "contradicted"),
    ("Retired codes:\n\n- 97762, the old orthotic/prosthetic checkout code, deleted January 1, 2018\n", "supported"),
    ("Retired codes:\n\n- Code 97127 - cognitive function intervention - deleted in 2018\n", "contradicted"),
    ("Old templates still hold 97001 (deleted on 1/1/2017).", "supported"),
])
def test_the_deletion_year_of_a_list_entry_or_an_appositive(auditor, text, verdict):
    assert verdict in {v for c, v in found(auditor, text, "status") if c != "-"}


def test_a_deletion_participle_belongs_to_the_nearest_code(auditor):
    # "like 97001" is a comparison, and 97762 is not what "deleted in 2017" is said of
    text = "97762 was a checkout code. A code like 97001, deleted in 2017, may still show up in old templates."
    assert ("97762", "contradicted") not in found(auditor, text, "status")


def test_the_fields_of_an_evaluation_line_give_its_typical_time(auditor):
    text = "Codes:\n\n- 97163 - PT evaluation, high complexity, typically 60 minutes.\n"
    assert ("97163", "contradicted") in found(auditor, text, "duration")


def test_a_case_billed_with_a_deleted_code_the_article_offers_for_use_is_use(auditor):
    text = ("CPT 97762 Guide\n\n97762 is the code for an orthotic checkout.\n\n97762 remains the standard choice for "
            "follow-up encounters.\n\nEvery follow-up after that goes to 97762.\n\n"
            "The clinic billed one unit of 97762 and one unit of 97116.")
    status = [(f.sentence, f.verdict) for f in auditor.audit_text(text).findings if f.kind == "status"]
    assert ("The clinic billed one unit of 97762 and one unit of 97116.", "contradicted") in status


def test_a_past_use_of_a_deleted_code_in_a_history_article_stays_history(auditor):
    text = "Before 2017, therapists billed 97001 for every evaluation."
    assert ("97001", "contradicted") not in found(auditor, text, "status")


@pytest.mark.parametrize("text", [
    "Any code starting with 9 is a Medicine code, which is how you know 97530 is in the Medicine section.",
    "Yes, every unlisted CPT code ends in 99, for example 97799 for unlisted physical medicine services.",
    "HCPCS Level II is maintained by CMS and is updated once a year, the same as CPT.",
])
def test_more_code_set_statements_in_other_words(auditor, text):
    assert ("-", "contradicted") in found(auditor, text, "structure")


def test_a_yearly_cpt_update_next_to_quarterly_hcpcs_is_right(auditor):
    text = "Unlike HCPCS Level II, which is updated quarterly, CPT is updated once a year."
    assert ("-", "contradicted") not in found(auditor, text, "structure")


@pytest.mark.parametrize("text, verdict", [
    ("First, the 11042 family belongs to the Medicine section, just like 97597.", "contradicted"),
    ("Code 11042 is in the Surgery section.", "supported"),
])
def test_the_section_of_a_code_outside_the_table_comes_from_its_range(auditor, text, verdict):
    assert ("11042", verdict) in found(auditor, text, "section")


def test_a_count_of_families_is_no_code(auditor):
    assert not any(f.code == "12000" for f in auditor.audit_text("We served 12000 families last year.").findings)


def test_a_property_after_a_list_of_labelled_services_is_said_of_each_code(auditor):
    text = ("Your therapeutic exercise (97110), group sessions (97150) and manual therapy (97140) visits are "
            "still billed in 15-minute units.")
    timing = found(auditor, text, "timing")
    assert {("97110", "supported"), ("97150", "contradicted"), ("97140", "supported")} <= set(timing)
    identity = {(f.code, f.claim) for f in auditor.audit_text(text).findings if f.kind == "identity"}
    assert not any(code == "97110" and "group" in (claim or "") for code, claim in identity)


@pytest.mark.parametrize("text", [
    "How many units of 97530 can I bill?\nOne per session, regardless of the minutes.",
    "Tests:\n\n- 97755 - assistive technology assessment with report, billed once per assessment\n",
])
def test_once_an_assessment_and_regardless_of_the_minutes_are_untimed(auditor, text):
    assert any(v == "contradicted" for _, v in found(auditor, text, "timing"))


def test_a_complete_block_said_to_equal_a_unit_is_wrong(auditor):
    findings = auditor.audit_text("Unit calculation: Each complete 15-minute block equals 1 unit.").findings
    assert any(f.verdict == "contradicted" for f in findings)


@pytest.mark.parametrize("text, code, verdict", [
    ("Wound-related electrical stimulation has its own Category I CPT codes, G0281 and G0282.", "G0281", "contradicted"),
    ("20560 is a physical medicine code and is treated as one.", "20560", "contradicted"),
    ("97110 and 97140 are physical medicine codes.", "97110", "supported"),
])
def test_section_said_with_plural_and_loose_section_names(auditor, text, code, verdict):
    assert (code, verdict) in found(auditor, text, "section")


@pytest.mark.parametrize("text", [
    "Category II and Category III codes follow the same five-digit numeric pattern as Category I.",
    "Like CPT itself, these Level II codes are maintained by the American Medical Association.",
    "Category III codes, the temporary codes for emerging technology, are released on a quarterly basis.",
    "In short, every code that begins with the digit 9 is part of the Medicine section.",
])
def test_code_set_myths_in_longer_word_orders(auditor, text):
    assert ("-", "contradicted") in found(auditor, text, "structure")


def test_five_digits_for_category_i_only_is_right(auditor):
    text = "Category I codes follow a five-digit format, while Category II codes have four digits and an F."
    assert ("-", "contradicted") not in found(auditor, text, "structure")


@pytest.mark.parametrize("text, kind", [
    ("Supervision rules vary, but the billing picture does not change: 97035 stays a one-unit-per-visit code.", "timing"),
    ("CPT 97035\n\nThe clinician does not need to stay in constant one-on-one attendance for this code.", "identity"),
    ("97163 is the moderate level.", "complexity"),
    ("CPT 97163\n\nIt is the middle tier of the three evaluation codes, sitting between the low-complexity 97161 and "
     "the high-complexity 97162.", "complexity"),
])
def test_wrong_claims_in_other_words(auditor, text, kind):
    code = "97035" if "97035" in text else "97163"
    assert (code, "contradicted") in found(auditor, text, kind)


def test_a_minimum_denied_before_a_colon_is_not_said_of_the_times_after_it(auditor):
    text = ("The lower levels have typical times, not minimums: 97161 typically runs about 20 minutes, and 97162 "
            "typically runs about 30 minutes.")
    assert ("97161", "supported") in found(auditor, text, "duration")


@pytest.mark.parametrize("text, verdict", [
    ("Explanation: 97129 is the cognitive function intervention code, and it is simply reported for each 15 minutes.",
     "contradicted"),
    ("98980 is billed per 15 minutes of the therapist's time during the month.", "contradicted"),
    ("97129 is a timed code.", "supported"),
])
def test_a_first_block_code_is_not_billed_for_each_15_minutes(auditor, text, verdict):
    assert verdict in {v for _, v in found(auditor, text, "timing")}


def test_a_family_built_on_15_minute_increments_is_right(auditor):
    text = "Acupuncture has its own codes, 97810 through 97814, based on 15-minute increments of one-on-one contact."
    assert ("97810", "contradicted") not in found(auditor, text, "timing")


@pytest.mark.parametrize("text, verdict", [
    ("Some smaller payers still accept 97001 for evaluations, so check your contracts before you switch.",
     "contradicted"),
    ("Before 2017, therapists billed 97001.", "supported"),
])
def test_before_you_switch_is_advice_not_history(auditor, text, verdict):
    assert ("97001", verdict) in found(auditor, text, "status")


@pytest.mark.parametrize("text", [
    "CPT 97032\n\nDo not apply the 8-minute rule to 97032, because it is not a time-based code.",
    "CPT 97035\n\nYou do not need to count minutes for the 8-minute rule when you report this code.",
    "CPT 97032\n\nIt is simple to bill and requires no timekeeping.",
    "CPT 97032\n\nStill one, because the code covers one or more areas and is billed by the session, not by the minute.",
])
def test_a_timed_code_denied_its_minutes_in_other_words(auditor, text):
    code = "97035" if "97035" in text else "97032"
    assert (code, "contradicted") in found(auditor, text, "timing")


def test_an_untimed_code_kept_out_of_the_8_minute_rule_is_right(auditor):
    assert ("97010", "supported") in found(auditor, "Do not apply the 8-minute rule to 97010, because it is untimed.",
                                           "timing")


@pytest.mark.parametrize("text, wrong", [
    ("Each unit of 97033 requires one complete 15-minute block, and the notes supported that.", True),
    ("Iontophoresis, 97033, is a timed modality, and a unit does not require a full 15 minutes.", False),
])
def test_a_unit_said_to_require_a_full_block(auditor, text, wrong):
    assert (("97033", "contradicted") in found(auditor, text, "timing")) == wrong


def test_an_appositive_between_a_code_and_its_time_does_not_hide_the_time(auditor):
    text = ("Explanation: 97167, the high-complexity OT evaluation, typically takes 45 minutes, the same as the "
            "moderate level.")
    assert ("97167", "contradicted") in found(auditor, text, "duration")


@pytest.mark.parametrize("text, code, verdict", [
    ("Explanation: 97130 is a stand-alone code for each 15 minutes of cognitive intervention.", "97130", "contradicted"),
    ("97130 is an add-on code to 97129.", "97130", "supported"),
    ("97597 is an add-on code.", "97597", "contradicted"),
    ("97110 is a stand-alone code.", "97110", "supported"),
])
def test_add_on_and_stand_alone_codes(auditor, text, code, verdict):
    assert (code, verdict) in found(auditor, text, "timing")


def test_a_code_with_an_add_on_is_no_add_on(auditor):
    text = "97810 covers the first 15 minutes, with an add-on code for additional 15-minute increments."
    assert not any(f.claim == "an add-on code" for f in auditor.audit_text(text).findings)


@pytest.mark.parametrize("text, verdict", [
    ("25 minutes of 97110 with 25 minutes of 97530 comes to 50 minutes, or four units.", "contradicted"),
    ("If it's 15 minutes of 97530 plus 10 of 97110, you've got 25 timed minutes, which is still only one unit.",
     "contradicted"),
    ("13 minutes of 97140 and 11 minutes of 97112 come to 24 timed minutes, which the module bills as one unit.",
     "contradicted"),
    ("Say it's 20 minutes of 97110 and 20 minutes of 97140 in another region: 40 minutes, which is three units.",
     "supported"),
    ("On a land day, 38 minutes of 97110 plus 15 minutes of 97530 is 53 minutes, still three units.", "contradicted"),
])
def test_sums_of_minutes_in_more_word_orders(auditor, text, verdict):
    code = "97110" if "97110" in text else "97140"
    assert (code, verdict) in found(auditor, text, "timing")


def test_the_first_block_of_an_add_on_is_no_minimum(auditor):
    text = "Session time beyond the first 15 minutes requires 97130 for each additional 15-minute increment."
    assert not any(f.kind == "duration" and f.verdict == "contradicted" for f in auditor.audit_text(text).findings)


def test_an_attended_infrared_line_under_the_unlisted_modality_is_right(auditor):
    text = "When the claim form goes out it will usually say something like:\n97039: Attended infrared therapy"
    assert not any(f.verdict == "contradicted" for f in auditor.audit_text(text).findings)


def test_a_bare_cpt_label_of_a_deleted_code_is_a_mention(auditor):
    assert [f.verdict for f in auditor.audit_text("CPT 97004:").findings if f.kind == "status"] == ["deleted_code"]


def test_a_false_category_letter_wins_over_a_right_release_cycle_in_one_sentence(auditor):
    text = "And Category III codes, the ones ending in F, come out twice a year."
    assert ("-", "contradicted") in found(auditor, text, "structure")


@pytest.mark.parametrize("text", [
    "The AMA publishes CPT changes four times a year, so we push a CPT update every quarter.",
    "Summit Crest loads the AMA's quarterly CPT releases.",
    "KX is a three-character modifier used above the annual threshold.",
    "Unlisted codes in CPT always end in 99, such as 97799.",
    "CPT is revised twice a year, in January and July.",
])
def test_release_cycle_modifier_and_unlisted_myths_in_more_words(auditor, text):
    assert ("-", "contradicted") in found(auditor, text, "structure")


def test_cpt_yearly_and_category_iii_twice_yearly_is_right(auditor):
    text = "CPT is updated once a year, and Category III codes are released twice a year."
    assert ("-", "contradicted") not in found(auditor, text, "structure")


def test_a_deleted_code_still_billed_is_current_use(auditor):
    assert ("97532", "contradicted") in found(auditor, "Cognitive skills training is still billed with 97532.", "status")


@pytest.mark.parametrize("text, contradicted_codes", [
    ("When the dry needling codes arrived, the older acupuncture codes 97810 to 97814 were deleted.", {"97810", "97814"}),
    ("From 97001 to 97161: A Short History of Retired Rehab Codes", set()),
])
def test_a_family_said_deleted(auditor, text, contradicted_codes):
    assert {c for c, v in found(auditor, text, "status") if v == "contradicted"} == contradicted_codes


@pytest.mark.parametrize("text, verdict", [
    ("98981 | Treatment management, each additional 15 minutes | Per 15 minutes", "contradicted"),
    ("98980 is billed in 15-minute increments.", "contradicted"),
    ("97110 is billed in 15-minute units.", "supported"),
])
def test_a_unit_of_another_length_is_wrong(auditor, text, verdict):
    assert verdict in {v for _, v in found(auditor, text, "timing")}


@pytest.mark.parametrize("text, verdict", [
    ("On the PT side, 97164 is the re-evaluation, and it replaced the old 97004.", "contradicted"),
    ("97164 is the PT re-evaluation, and it replaced 97002.", "supported"),
])
def test_it_replaced_after_a_code_is_that_codes_replacement(auditor, text, verdict):
    assert ("97164", verdict) in found(auditor, text, "status")


@pytest.mark.parametrize("text, code", [
    ("G0283 is listed in the same CPT Medicine section as 97014.", "G0283"),
    ("97150 is technically listed with the HCPCS Level II codes rather than in CPT.", "97150"),
])
def test_a_section_said_through_the_company_a_code_keeps(auditor, text, code):
    assert (code, "contradicted") in found(auditor, text, "section")


def test_the_same_section_as_a_code_of_that_section_is_right(auditor):
    assert ("97110", "contradicted") not in found(auditor, "97110 is in the same Medicine section as 97140.", "section")


# ---- session 12: classes of codes in lists, typographic apostrophes, labelled families

def test_a_typographic_apostrophe_lets_it_point_at_the_code(auditor):
    text = "CPT code 97012 refers to mechanical traction. It\u2019s a time-based code."
    assert found(auditor, text, "timing") == [("97012", "contradicted")]
    assert found(auditor, text.replace("\u2019", "'"), "timing") == [("97012", "contradicted")]


@pytest.mark.parametrize("lead", [
    "Common untimed physical therapy codes include:",
    "Untimed codes are billed once per encounter. Examples include:",
    "The following codes are untimed:",
])
def test_the_codes_a_list_of_a_class_names_are_of_that_class(auditor, lead):
    text = f"{lead}\n\n- 97010 \u2013 Hot or cold packs\n- 97116 \u2013 Gait training\n"
    assert sorted(found(auditor, text, "timing")) == [("97010", "supported"), ("97116", "contradicted")]


def test_a_heading_of_deleted_codes_makes_its_list_deleted(auditor):
    text = "# Billing guide\n\n## Deleted codes\n\n- 97001 PT evaluation\n- 97110 therapeutic exercise\n"
    assert sorted(found(auditor, text, "status")) == [("97001", "supported"), ("97001", "supported"),
                                                      ("97110", "contradicted")]


@pytest.mark.parametrize("lead", [
    "Timed vs untimed codes",                # two classes set against each other
    "Common mistakes with untimed codes:",   # the items are mistakes
    "Codes billed with untimed services:",   # no class of the items themselves
])
def test_a_list_after_other_leads_is_no_class(auditor, lead):
    text = f"{lead}\n\n- 97116 \u2013 Gait training\n"
    assert found(auditor, text, "timing") == []


def test_an_item_that_says_its_own_timing_keeps_it(auditor):
    text = "Untimed codes include:\n\n- 97010 \u2013 hot packs\n- 97110 \u2013 exercise (timed, per 15 minutes)\n"
    assert ("97110", "contradicted") not in found(auditor, text, "timing")


@pytest.mark.parametrize("text", [
    "Untimed services include 97010 (hot packs), 97014 (e-stim) and 97116 (gait).",
    "The untimed codes are 97010 - hot packs, 97014 - e-stim and 97116 - gait.",
])
def test_a_property_before_a_list_of_glossed_codes_is_said_of_each(auditor, text):
    assert sorted(found(auditor, text, "timing")) == [("97010", "supported"), ("97014", "supported"),
                                                      ("97116", "contradicted")]


def test_a_gloss_that_states_its_own_property_ends_the_list(auditor):
    text = "Timed codes include 97110 (exercise), 97010 (hot packs, which are untimed) and 97018."
    assert ("97010", "contradicted") not in found(auditor, text, "timing")


def test_words_labelled_by_a_range_are_not_the_pronouns_code(auditor):
    text = ("CPT 97010 is hot packs. Instead, it\u2019s considered a part of whatever primary service is rendered, "
            "and in chiropractic, that will be a CMT code (98940-98942).")
    assert [v for c, v in found(auditor, text, "identity") if c == "97010"] == ["supported"]


def test_a_move_from_a_higher_code_to_a_lower_one_is_no_range(auditor):
    text = "Impact: Downcoding from 97163 to 97162 (moderate complexity) reduces payment."
    assert found(auditor, text, "complexity") == [("97162", "supported")]


@pytest.mark.parametrize("text, expected", [
    ("Dry needling is coded 20560 for one or two muscles and 20561 for three or more. "
     "They\u2019re timed in 15-minute increments.", [("20560", "contradicted"), ("20561", "contradicted")]),
    ("We bill 97010, 97012 and 97034. All three of these are supervised, untimed codes.",
     [("97010", "supported"), ("97012", "supported"), ("97034", "contradicted")]),
    ("We bill 97110 and 97140. They are timed.", [("97110", "supported"), ("97140", "supported")]),
])
def test_a_plural_subject_is_the_codes_of_the_sentence_before(auditor, text, expected):
    assert sorted(found(auditor, text, "timing")) == expected


def test_a_plural_subject_says_no_service_of_the_codes(auditor):
    text = "We bill 97110 and 97140. They are exercise and manual therapy."
    assert [f for f in found(auditor, text, "identity") if f[1] == "contradicted"] == []


@pytest.mark.parametrize("text, kind, expected", [
    ("The moderate-complexity PT evaluation requires at least 30 minutes of face-to-face time.", "duration",
     [("97162", "contradicted")]),
    ("The moderate-complexity PT evaluation is typically 30 minutes.", "duration", [("97162", "supported")]),
    ("A high complexity OT evaluation is billed in 15-minute units.", "timing", [("97167", "contradicted")]),
    ("The low-complexity athletic training evaluation typically takes 15 minutes.", "duration",
     [("97169", "supported")]),
])
def test_a_subject_that_names_one_code_by_tier_and_service_is_that_code(auditor, text, kind, expected):
    assert found(auditor, text, kind) == expected


@pytest.mark.parametrize("text", [
    "Unlike the moderate-complexity PT evaluation, gait training is billed in 15-minute units.",
    "Billing the moderate-complexity PT evaluation in 15-minute units is a common error.",   # not the subject
])
def test_a_tier_and_service_that_are_no_subject_name_no_code(auditor, text):
    assert found(auditor, text, "timing") == []


def test_an_article_written_before_a_deletion_tells_history(auditor):
    text = ("On January 1, 2017, the PT evaluation codes (97001 and 97002) will disappear from CPT.\n\n"
            "The DLIR will continue to accept the 97001 and 97002 codes for now.")
    assert [v for c, v in found(auditor, text, "status") if v == "contradicted"] == []


def test_a_current_article_still_flags_a_deleted_code_in_use(auditor):
    text = "The DLIR will continue to accept the 97001 and 97002 codes for now."
    assert ("97001", "contradicted") in found(auditor, text, "status")


def test_of_alternatives_the_one_the_service_fits_is_meant(auditor):
    text = ("Then, when an occupational therapist evaluates a patient, they bill an evaluation code of "
            "either 97001 or 97003 depending on the discipline.")
    assert "97001" not in {c for c, v in found(auditor, text, "identity") if v == "contradicted"}


def test_lines_after_a_lead_in_that_lost_their_bullets_are_items(auditor):
    text = ("Do NOT use 97110 for:\nPassive range of motion (use 97140 instead)\nGait training (use 97116)\n"
            "Neuromuscular re-education (use 97112)\nGroup therapy sessions (use 97150)\n")
    assert [f for f in found(auditor, text, "identity") if f[1] == "contradicted"] == []


@pytest.mark.parametrize("text, verdict", [
    ("CPT 97810 and +97811 report acupuncture without electrical stimulation in 15-minute units.", "supported"),
    ("97810 is reported in 15-minute units.", "contradicted"),
    ("Note that 97129 can simply be repeated for each 15 minutes, so 97130 is optional.", "contradicted"),
])
def test_a_first_block_and_its_own_add_on_share_the_repeated_unit(auditor, text, verdict):
    code = "97810" if "97810" in text else "97129"
    assert [v for c, v in found(auditor, text, "timing") if c == code] == [verdict]


def test_one_code_for_each_increment_is_no_property_of_a_code(auditor):
    text = "# CPT 97813\n\nOnly one code may be reported for each 15 minute increment."
    assert found(auditor, text, "timing") == []


def test_a_code_that_eliminates_something_is_not_eliminated(auditor):
    text = ("A 10-minute management code (98979) and new device codes eliminate the previous all-or-nothing "
            "billing thresholds.")
    assert found(auditor, text, "status") == []
    assert found(auditor, "The AMA eliminated the code 97001 in 2017.", "status") != []


def test_the_date_of_another_event_is_not_the_codes(auditor):
    text = "The 2026 fee schedule is the largest change since the program launched in 2022, adding 98985 and 98979."
    assert found(auditor, text, "status") == []


@pytest.mark.parametrize("text, expected", [
    ("97129 and 97130 became effective January 1, 2018.", [("97129", "contradicted"), ("97130", "contradicted")]),
    ("97140 has been in CPT since 2005.", [("97140", "contradicted")]),
    ("97140 has been in CPT since 1999.", [("97140", "supported")]),
    ("Dry needling codes 20560 and 20561 exist. These codes took effect January 1, 2019.",
     [("20560", "contradicted"), ("20561", "contradicted")]),
    ("Dry needling codes 20560 and 20561 exist. They took effect January 1, 2020.",
     [("20560", "supported"), ("20561", "supported")]),
])
def test_the_year_a_code_took_effect_in_more_words(auditor, text, expected):
    assert sorted(f for f in found(auditor, text, "status") if "took effect" in _claim(auditor, text, f)) == expected


def _claim(auditor, text, key):
    return next(f.claim for f in auditor.audit_text(text).findings if (f.code, f.verdict) == key and f.kind == "status")


def test_codes_joined_before_a_deletion_year_are_each_dated(auditor):
    findings = auditor.audit_text("The older codes 97532 and 97127 were retired in 2020.").findings
    dated = {(f.code, f.verdict) for f in findings if f.claim and f.claim.startswith("deleted in")}
    assert dated == {("97532", "contradicted"), ("97127", "supported")}


@pytest.mark.parametrize("text, expected", [
    ("For comparison, 30 minutes of 97530 plus 8 minutes of 97110 is 38 minutes and still only two units.",
     [("97110", "contradicted"), ("97530", "contradicted")]),
    ("When a provider performs 20 minutes of 97140 and 20 minutes of 97110 on the same date, two units in total "
     "are supported.", [("97110", "contradicted"), ("97140", "contradicted")]),
    ("So a 40-minute 97162 plus 10 minutes of 97110 gives you 50 timed minutes, which supports three units.",
     [("97110", "contradicted"), ("97162", "contradicted")]),
    ("I bill the balance work as 97112 and the walk as 97116. With 15 + 12 + 10 you have 37 timed minutes, "
     "which rounds up to three units.", [("97112", "contradicted"), ("97116", "contradicted")]),
    ("Example: 20 minutes of needling billed as 20561 plus 10 minutes of 97110 gives you 10 timed minutes, "
     "or one unit of 97110.", [("20561", "supported"), ("97110", "supported")]),
])
def test_sums_of_minutes_in_more_words(auditor, text, expected):
    findings = auditor.audit_text(text).findings
    assert sorted((f.code, f.verdict) for f in findings if f.kind == "timing" and "minutes" in (f.claim or "")) \
        == expected


def test_a_negation_before_a_colon_does_not_deny_the_rule_after_it(auditor):
    text = ("One modifier you will not need here is 51: multiple-procedure modifier 51 is not used on the "
            "97000-series physical medicine codes.")
    assert found(auditor, text, "structure") == [("-", "supported")]


def test_yes_and_no_under_a_property_header_answer_it(auditor):
    text = ("Code | Service | Timed?\n97110 | Therapeutic exercise | Yes, 15 min\n"
            "97112 | Neuromuscular re-education | No, per session\n97010 | Hot pack | No\n")
    assert sorted(found(auditor, text, "timing")) == [("97010", "supported"), ("97110", "supported"),
                                                      ("97112", "contradicted")]


def test_terse_cells_say_what_their_column_gives(auditor):
    text = ("Code | Modality | Attendance | Billing unit\n97010 | Hot or cold pack | Supervised | 1 per visit\n"
            "97034 | Contrast baths | Supervised | 1 per visit\n97035 | Ultrasound | Constant | per 15 min\n")
    assert sorted(found(auditor, text, "timing")) == [("97010", "supported"), ("97034", "contradicted"),
                                                      ("97035", "supported")]
    assert ("97034", "contradicted") in found(auditor, text, "identity")


def test_a_terse_cell_under_an_unknown_column_says_nothing(auditor):
    text = "Code | Modality | Notes\n97034 | Contrast baths | Supervised\n"
    assert found(auditor, text, "timing") == []
    assert ("97034", "contradicted") not in found(auditor, text, "identity")


@pytest.mark.parametrize("text, expected", [
    ("The chiropractic codes are in the Surgery section of CPT, since manipulation counts as a procedure.",
     [("98940", "contradicted"), ("98941", "contradicted"), ("98942", "contradicted"), ("98943", "contradicted")]),
    ("Both dry needling codes are found in the Physical Medicine and Rehabilitation section.",
     [("20560", "contradicted"), ("20561", "contradicted")]),
])
def test_a_family_named_by_its_service_and_codes_is_each_code(auditor, text, expected):
    assert sorted(found(auditor, text, "section")) == expected


def test_a_family_count_that_does_not_match_the_table_names_no_codes(auditor):
    assert found(auditor, "Both re-evaluation codes are timed in 15-minute units.", "timing") == []


def test_a_family_of_first_blocks_and_add_ons_shares_the_repeated_unit(auditor):
    text = "The acupuncture codes describe treatment in 15-minute increments of personal contact."
    assert [v for _, v in found(auditor, text, "timing")] and \
        all(v == "supported" for _, v in found(auditor, text, "timing"))


@pytest.mark.parametrize("text, code, verdict", [
    ("Answer: Yes. 97129 is listed in HCPCS Level II because Medicare created it.", "97129", "contradicted"),
    ("G0283 is listed in HCPCS Level II.", "G0283", "supported"),
    ("For unattended e-stim you bill G0283. G0283 sits in the CPT modality range right next to 97014.",
     "G0283", "contradicted"),
    ("Medicare claims in 2018 and 2019 used G0515 instead, a temporary Category III code.", "G0515", "contradicted"),
])
def test_code_systems_in_more_words(auditor, text, code, verdict):
    assert (code, verdict) in found(auditor, text, "section")


@pytest.mark.parametrize("text, verdict", [
    ("We bill 97545 and 97546. The work hardening codes aren't 15-minute codes, they go by hours.", "supported"),
    ("Do not apply the 8-minute rule to 97545.", "contradicted"),
])
def test_denying_a_unit_length_a_code_does_not_have_is_right(auditor, text, verdict):
    assert ("97545", verdict) in found(auditor, text, "timing")


@pytest.mark.parametrize("text, verdict", [
    ("These modifiers follow the licence of the person delivering the exercise rather than the plan of care.",
     "contradicted"),
    ("The modifier follows the plan of care, not the therapist's license.", "supported"),
    ("If a physical therapist assistant furnishes the service in whole or in part, the CO modifier is added.",
     "contradicted"),
    ("CQ is required when an OTA furnishes all or part of the service.", "contradicted"),
    ("XS is the one for a separate practitioner.", "contradicted"),
    ("XS means separate structure.", "supported"),
    ("The X modifiers (XE, XS, XP, XU) replaced 59 back in 2017.", "contradicted"),
    ("XS is one of the four X modifiers that CMS introduced in 2012 as alternatives to 59.", "contradicted"),
    ("The X modifiers were introduced in 2015.", "supported"),
    ("PT and OT share that single threshold.", "contradicted"),
    ("The hard cap on therapy spending also remains in force.", "contradicted"),
    ("The 8-minute rule also applies to E/M office visits.", "contradicted"),
    ("Under the 8-minute rule each timed code stands on its own and is rounded separately.", "contradicted"),
    ("The whole CPT code set gets a refresh every July.", "contradicted"),
    ("GN is for a nursing plan of care.", "contradicted"),
    ("CO identifies an occupational therapy plan of care and can be used instead of GO.", "contradicted"),
    ("HCPCS Level II codes, the letter + 4 digit ones like G0283, get updated once a year, same as CPT.",
     "contradicted"),
    ("That's where the unlisted codes come in, and they always end in 99.", "contradicted"),
    ("Category III codes are four digits followed by the letter F.", "contradicted"),
    ("January, April, July and October: new Category III codes are released.", "contradicted"),
    ("The AMA maintains HCPCS Level II as well.", "contradicted"),
    ("Modifier 51 should be appended to the second and subsequent modalities on the same date.", "contradicted"),
])
def test_modifier_threshold_and_release_statements(auditor, text, verdict):
    assert found(auditor, text, "structure") == [("-", verdict)]


@pytest.mark.parametrize("text", [
    "CQ is for PTAs and CO for OTAs.",
    "When an assistant furnishes the service in whole or in part, add CQ for a PTA or CO for an OTA.",
    "Use CQ or CO when a physical therapist assistant or occupational therapy assistant furnished the service.",
])
def test_assistant_modifiers_given_in_pairs_are_not_swapped(auditor, text):
    assert ("-", "contradicted") not in found(auditor, text, "structure")


def test_a_service_named_by_its_codes_is_not_the_code_of_another_clause(auditor):
    text = ("CPT 98979 covers treatment management. In many RTM programs, device supply codes capture monitoring "
            "days in a 30-day period, and 98979 captures clinician time in a calendar month.")
    assert [f for f in found(auditor, text, "identity") if f[1] == "contradicted"] == []
    assert ("98979", "contradicted") in found(auditor, "98979 is one of the device supply codes.", "identity")


def test_what_a_comparison_sets_against_is_not_the_codes(auditor):
    text = ("CPT 97028 is ultraviolet light. Photons in the ultraviolet spectrum are more energetic than those in "
            "the visible or infrared regions.")
    assert [f for f in found(auditor, text, "identity") if f[1] == "contradicted"] == []
    assert ("97530", "contradicted") in found(auditor, "Billing more than one unit of 97530 is untimed.", "timing")


def test_a_conceded_service_is_not_the_pronouns(auditor):
    text = ("CPT 98943 covers extraspinal manipulation. While spinal adjustment is a primary focus of chiropractic "
            "care, it is also necessary for many patients.")
    assert [f for f in found(auditor, text, "identity") if f[1] == "contradicted"] == []


def test_a_heading_about_how_a_code_relates_to_a_service_claims_nothing(auditor):
    text = "# CPT 98979\n\n## How 98979 relates to device supply\n\nIt is billed per calendar month."
    assert [f for f in found(auditor, text, "identity") if f[1] == "contradicted"] == []


def test_extra_spinal_written_apart_is_extraspinal(auditor):
    text = "Then the 98943 extra spinal adjustment was bundled in with the other adjustment services."
    assert ("98943", "supported") in found(auditor, text, "identity")


def test_a_statement_that_the_ama_owns_cpt_is_right_whatever_follows_and(auditor):
    text = ("The CPT code set itself is owned by the American Medical Association and they are the ones that "
            "dictate new codes.")
    assert found(auditor, text, "structure") == [("-", "supported")]


def test_a_service_after_like_closes_the_comparison_before_its_verb(auditor):
    text = "97113 is aquatic therapeutic exercise, which like the whirlpool is billed once per visit."
    assert ("97113", "contradicted") in found(auditor, text, "timing")
    text = "Attended electrical stimulation that is separate from acupuncture is 97032."
    assert [f for f in found(auditor, text, "identity") if f[1] == "contradicted"] == []


@pytest.mark.parametrize("text, verdict", [
    ("Athletic trainers can bill Medicare for 97169 when they work in a PT clinic.", "contradicted"),
    ("Medicare pays for 97170.", "contradicted"),
    ("Medicare does not pay for 97171.", "supported"),
])
def test_medicare_does_not_pay_athletic_training_evaluations(auditor, text, verdict):
    assert [v for _, v in found(auditor, text, "status")] == [verdict]


def test_a_hcpcs_code_of_five_digits_is_wrong(auditor):
    text = "HCPCS Level II codes, which start with a letter followed by five digits, go in the HCPCS field."
    assert found(auditor, text, "structure") == [("-", "contradicted")]


def test_cms_creating_cpt_codes_is_wrong(auditor):
    assert found(auditor, "In 2022, CMS created five CPT codes for remote therapeutic monitoring.", "structure") \
        == [("-", "contradicted")]
    assert found(auditor, "CMS created the G-codes.", "structure") == []


def test_a_code_after_like_right_after_its_words_is_their_instance(auditor):
    text = "Here is what a moderate-complexity evaluation like 97163 usually involves."
    assert found(auditor, text, "complexity") == [("97163", "contradicted")]
    assert ("97530", "supported") in found(auditor, "Like 97110, 97530 is timed.", "timing")


@pytest.mark.parametrize("text, expected", [
    ("Like 97110, 97535 is billed once per visit, no matter how many minutes you spent on it.",
     [("97110", "contradicted"), ("97535", "contradicted")]),
    ("97012, just like 97010, is untimed.", [("97010", "supported"), ("97012", "supported")]),
    ("Unlike 97110, 97010 is untimed.", [("97010", "supported")]),
])
def test_what_is_said_of_a_code_is_said_of_the_code_it_is_likened_to(auditor, text, expected):
    assert sorted(found(auditor, text, "timing")) == expected


def test_it_after_a_like_phrase_is_the_subject(auditor):
    text = "CPT 97034 is contrast baths, and like ultrasound it is billed once per visit."
    assert found(auditor, text, "timing") == [("97034", "contradicted")]


def test_this_one_points_at_the_code_under_discussion(auditor):
    text = "97164 is the PT re-eval. Note that this one is billed per 15 min."
    assert found(auditor, text, "timing") == [("97164", "contradicted")]


def test_loose_service_words_through_a_pointer_after_the_codes_own_service_are_loose(auditor):
    text = ("Procedure code 97112 represents neuromuscular reeducation. It is used when providers perform "
            "therapeutic activities designed to restore the body's ability to control movement.")
    assert [f for f in found(auditor, text, "identity") if f[1] == "contradicted"] == []


@pytest.mark.parametrize("text", [
    # the loose words tied to the code in so many words: the writer believes it
    "CPT 97124 refers to therapeutic exercises. It is used when therapists provide therapeutic exercises.",
    # the loose words said of the code itself
    "Procedure code 97112 represents neuromuscular reeducation. 97112 also covers therapeutic activities.",
    # no own service named first
    "# CPT 97112\n\nIt is used when providers perform therapeutic activities.",
])
def test_loose_words_the_writer_ties_to_the_code_are_still_checked(auditor, text):
    assert any(v == "contradicted" for _, v in found(auditor, text, "identity"))


def test_a_sample_soap_note_is_not_what_the_code_is(auditor):
    text = ("# CPT 97530\n\nUse 97530 for therapeutic activities.\n\nS: Patient reports difficulty with balance. "
            "O: Observed patient performing balance exercises with moderate assistance. P: Continue balance training.")
    assert [f for f in found(auditor, text, "identity") if f[1] == "contradicted"] == []
    assert ("97530", "contradicted") in found(auditor, "Q: Is 97530 timed?\nA: It is untimed.", "timing")


def test_without_the_provider_in_attendance_denies_attendance(auditor):
    text = "CPT 97014 describes electrical stimulation applied to one or more areas without the provider in constant attendance."
    assert [f for f in found(auditor, text, "identity") if f[1] == "contradicted"] == []
    text = "CPT 20561 describes needle insertion without injection into one or two muscles."
    assert ("20561", "contradicted") in found(auditor, text, "identity")


def test_what_people_assume_is_reported_unless_refuted_in_the_same_breath(auditor):
    text = "Some people assume 97018 is a 15-minute code because most of what we bill is timed."
    assert found(auditor, text, "timing") == []
    text = "Despite what some people assume, 97112 is not used for balance drills."
    assert ("97112", "contradicted") in found(auditor, text, "identity")


@pytest.mark.parametrize("text, expected", [
    ("97110, 97112, and 97116 are timed.", ["97110", "97112", "97116"]),
    ("We bill 97110, 97112, and 97010 is untimed.", ["97010"]),
])
def test_a_serial_comma_ends_a_list_of_codes(auditor, text, expected):
    assert sorted(c for c, _ in found(auditor, text, "timing")) == expected


def test_an_and_after_a_closed_list_starts_a_new_item(auditor):
    text = "OT uses its own three levels, 97165, 97166 and 97167, and 97168 for re-evaluation."
    assert [f for f in found(auditor, text, "identity") if f[1] == "contradicted"] == []


def test_a_unit_of_fifteen_minutes_in_an_faq_answer(auditor):
    text = ("# What Is G0283?\n\nG0283 is unattended electrical stimulation.\n\nQ: How many units can I bill?\n"
            "A: Each unit covers 15 minutes of stimulation, so count the total minutes.")
    assert found(auditor, text, "timing") == [("G0283", "contradicted")]


def test_a_documentation_list_for_the_code_repeats_what_the_writer_believes_it_is(auditor):
    text = ("# CPT 97112: Gait Training\n\nCPT 97112 covers gait training.\n\n"
            "Each daily note that supports 97112 should include:\n\n- The total timed minutes spent on gait training\n"
            "- The assistive device used\n")
    hits = [f for f in auditor.audit_text(text).findings if f.kind == "identity" and f.verdict == "contradicted"]
    assert any("spent on gait training" in f.sentence for f in hits)


@pytest.mark.parametrize("text", [
    "Manual traction, where the therapist applies the pulling force by hand, is not reported with 97012.",
    "CPT 97012 is mechanical traction; constant one-on-one attendance is not part of the service.",
])
def test_denials_across_a_relative_clause_and_not_part_of(auditor, text):
    assert [f for f in found(auditor, text, "identity") if f[1] == "contradicted"] == []


@pytest.mark.parametrize("text", [
    "The leading 9 places the code in the Medicine section.",
    "Every year the American Massage Therapy Association and the AMA update the descriptions together.",
    "Unlisted codes, which are used when no specific code describes a service, always end in 99.",
])
def test_more_wordings_of_false_code_set_statements(auditor, text):
    assert found(auditor, text, "structure") == [("-", "contradicted")]


@pytest.mark.parametrize("text, code, verdict", [
    ("An hour of 97110 is billed as four units.", "97110", "supported"),
    ("One hour of 97140 equals two units.", "97140", "contradicted"),
    ("Half an hour of 97112 is 2 units.", "97112", "supported"),
    ("A half hour of 97116 counts as one unit.", "97116", "contradicted"),
    ("Each unit of 97112 represents 30 minutes.", "97112", "contradicted"),
    ("Each unit of 97110 is 15 minutes.", "97110", "supported"),
])
def test_hours_and_unit_lengths_in_minutes_to_units_statements(auditor, text, code, verdict):
    assert (code, verdict) in found(auditor, text, "timing")


@pytest.mark.parametrize("text, verdict", [
    ("97110 is billed per hour.", "contradicted"),
    ("97140 is billed in 30-minute increments.", "contradicted"),
    ("97530 is billed hourly.", "contradicted"),
    ("97546 is billed per hour.", "supported"),              # the add-on hour of work hardening
    ("97116 is reported in 15-minute units.", "supported"),
])
def test_a_billing_unit_of_another_length(auditor, text, verdict):
    assert [v for _, v in found(auditor, text, "timing")] == [verdict]


@pytest.mark.parametrize("text, verdict", [
    ("The KX threshold for 2025 is $2,150.", "contradicted"),
    ("In 2024 the KX threshold is $2,330.", "supported"),
    ("For 2026, the KX threshold is $3,000.", "contradicted"),
    ("The therapy threshold for 2023 was $2,230 for PT and SLP combined.", "supported"),
    ("The KX modifier threshold in 2022 was $2,410.", "contradicted"),
    # the first figure after the year is the KX threshold's; the review threshold is another figure
    ("In 2025 the KX threshold is $2,410 and the review threshold is $3,000.", "supported"),
    ("Claims above the $3,000 KX threshold are denied.", "contradicted"),
])
def test_kx_threshold_figures_by_year(auditor, text, verdict):
    assert found(auditor, text, "structure") == [("-", verdict)]


def test_the_review_threshold_is_no_kx_figure(auditor):
    assert found(auditor, "Above the medical review threshold of $3,000 some claims are reviewed.", "structure") == []


@pytest.mark.parametrize("text, expected", [
    ("The GP modifier is used when a physical therapist performs the service.", [("-", "contradicted")]),
    ("GO is for services provided by an occupational therapist.", [("-", "contradicted")]),
    ("Use GP whenever the treating clinician is a PT.", [("-", "contradicted")]),
    ("The GN modifier is used for services performed by a speech-language pathologist.", [("-", "contradicted")]),
    # the plan of care named: the writer knows what the modifier follows
    ("GP is required when services are performed by a PT or PTA under a PT plan of care.", []),
    ("Patients go when a PT tells them to.", []),                    # the verb, not the modifier
])
def test_a_discipline_modifier_tied_to_the_clinician(auditor, text, expected):
    assert found(auditor, text, "structure") == expected


@pytest.mark.parametrize("text, verdict", [
    ("Fifty-two minutes would already push the session to four units.", "contradicted"),
    ("Eighty-three minutes still supports only five units.", "contradicted"),
    ("Thirty-seven minutes of treatment is two units.", "supported"),
    # one statement, not the threshold of the clause after it
    ("Even 25 minutes would still count as only one unit, because the second unit requires a full 30 minutes.",
     "contradicted"),
    ("If the treatment lasts only seven minutes, you can still bill a single unit as long as the minutes are documented.",
     "contradicted"),
    # minutes in an earlier clause are no sum
    ("You need a full 60 minutes before a fourth unit can be billed, so 53 minutes is still three units.", "contradicted"),
])
def test_more_wordings_of_the_rules_arithmetic(auditor, text, verdict):
    assert {v for _, v in found(auditor, text, "structure")} == {verdict}


@pytest.mark.parametrize("text, verdict", [
    ("A fifth unit requires at least 71 total timed minutes.", "contradicted"),
    ("The second unit starts at 23 minutes.", "supported"),
    ("You need at least 38 minutes for a third unit.", "supported"),
    ("53 to 70 total timed minutes = 4 units.", "contradicted"),
    ("Seven minutes of 97530 performed on its own still rounds up to one unit.", "contradicted"),
    ("A 7-minute gait session by itself still bills as one unit.", "contradicted"),
])
def test_where_each_unit_starts_and_lone_short_services(auditor, text, verdict):
    assert verdict in {v for _, v in found(auditor, text, "structure") + found(auditor, text, "timing")}


def test_a_minimum_said_after_the_unit(auditor):
    text = "To bill one unit of 97535 you need at least 15 full minutes, and anything shorter cannot be billed."
    assert ("97535", "contradicted") in found(auditor, text, "timing")


def test_the_rules_arithmetic_under_a_timed_codes_heading_names_that_code(auditor):
    text = "# CPT 97537\n\nCPT 97537 is timed. Fifty-two minutes would already push the session to four units."
    assert found(auditor, text, "structure") == [("97537", "contradicted")]


def test_the_explanation_after_a_listed_mistake_is_the_writers_own(auditor):
    text = ("# G0283\n\nCommon errors with this code\n\n- Billing G0283 during the same 15-minute block as a timed "
            "therapeutic procedure — unattended modalities run concurrently and are not separately timed.")
    assert found(auditor, text, "timing") == [("G0283", "supported")]


def test_a_timed_service_billed_alongside_is_not_the_codes_property(auditor):
    assert found(auditor, "G0283 is billed during a timed procedure.", "timing") == []


@pytest.mark.parametrize("text, verdict", [
    ("CPT code 97150 is used for therapeutic procedures delivered one-on-one to a single patient.", "contradicted"),
    ("97150 is limited to one patient at a time.", "contradicted"),
    ("97150 is not one-on-one: the therapist treats two or more patients.", "supported"),
    ("G0283 requires the therapist's undivided attention.", "contradicted"),
])
def test_one_on_one_is_wrong_of_group_and_unattended_codes(auditor, text, verdict):
    assert verdict in [v for _, v in found(auditor, text, "identity")]


def test_one_on_one_is_not_checked_against_codes_it_does_not_exclude(auditor):
    assert [v for _, v in found(auditor, "CPT 97110 is delivered one-on-one.", "identity")] in ([], ["unverifiable"])


def test_stimulation_delivered_to_a_wound_is_wound_care_stimulation(auditor):
    text = "G0283 covers electrical stimulation delivered to a wound area while the patient is unsupervised."
    assert ("G0283", "contradicted") in found(auditor, text, "identity")


@pytest.mark.parametrize("text, verdict", [
    ("In CPT, every unlisted code ends in the digits 99.", "contradicted"),
    ("Every CPT code has five digits, and each position carries its own meaning.", "contradicted"),
    ("All CPT codes are made up of five numeric digits, including the Category II and Category III codes.",
     "contradicted"),
    ("Category III codes are also numeric, so every CPT code in every category is made of digits only.", "contradicted"),
    ("Category II codes, which end in F, are paid at the same rate as the Category I codes they accompany.",
     "contradicted"),
    ("On Medicare claims the CO modifier shows that a physical therapist assistant furnished the service.",
     "contradicted"),
    ("Another point to remember is that evaluation time counts under the 8-minute rule.", "contradicted"),
    ("Remember that minutes spent on untimed services are added in as well.", "contradicted"),
    ("The evaluation minutes count toward the 97110 units.", "contradicted"),
    ("Untimed minutes are not added to the timed total.", "supported"),
    ("Evaluation minutes never count toward the timed total.", "supported"),
])
def test_code_set_statements_in_more_wordings(auditor, text, verdict):
    assert found(auditor, text, "structure") == [("-", verdict)]


def test_a_service_billed_as_the_codes_own_is_still_said_of_the_code(auditor):
    text = ("CPT Code 97124 represents therapeutic massage.\n\nMany therapists also bill myofascial release and trigger "
            "point work under CPT Code 97124, since these are simply deeper forms of massage.")
    assert ("97124", "contradicted") in found(auditor, text, "identity")


@pytest.mark.parametrize("text, verdict", [
    ("In therapy, the 8 minute rule is when a therapist talks for no more than 8 minutes before asking the client "
     "to respond.", "contradicted"),
    ("The physical therapy 8 minute rule is a simple but effective way to help prevent injuries.", "contradicted"),
    ("Always append modifier GP to clearly identify the service as occupational therapy.", "contradicted"),
    ("The GO modifier is added because the service is part of a physical therapy plan of care.", "contradicted"),
    ("There are 10 main sections.", "contradicted"),
    ("CPT Category I is divided into six sections.", "supported"),
    ("You need to bill CPT 977999 instead of CPT 97026.", "contradicted"),
])
def test_more_code_set_facts(auditor, text, verdict):
    assert found(auditor, text, "structure") == [("-", verdict)]


@pytest.mark.parametrize("text", [
    "The 8-minute rule is one of the most confusing topics for new therapists.",      # no definition
    "Use GP for physical therapy, GO for occupational therapy and GN for speech.",     # each its own
    "The GP modifier is added because the service is part of a physical therapy plan of care.",
])
def test_right_or_unrelated_statements_about_the_rule_and_modifiers(auditor, text):
    assert [v for _, v in found(auditor, text, "structure") if v == "contradicted"] == []


@pytest.mark.parametrize("text, verdict", [
    ("# CPT 97150\n\nCPT 97150 is group therapy. Each unit of therapy is 15 minutes.", "contradicted"),
    ("## CPT 97164\n\nCPT 97164 is a re-evaluation. This code represents 15 minutes of skilled clinical time.",
     "contradicted"),
    ("CPT 97110 represents 15 minutes of skilled therapy.", "supported"),
])
def test_a_unit_of_fifteen_minutes_said_of_an_untimed_code(auditor, text, verdict):
    assert verdict in [v for _, v in found(auditor, text, "timing")]


@pytest.mark.parametrize("text, code", [
    ("For osteopathic manipulative treatment, see 98928, 98929, 98940, 98941.", "98940"),
    ("97597 applies to wound debridement using techniques such as sharp debridement, enzymatic methods, or "
     "mechanical means.", "97597"),
    ("Device-supply codes (98975/98977/98985) do not need the call.", "98975"),
])
def test_services_another_code_covers(auditor, text, code):
    assert (code, "contradicted") in found(auditor, text, "identity")


@pytest.mark.parametrize("text", [
    "In CPT, every unlisted procedure code ends in the digits 99, such as 97799 for unlisted physical medicine services.",
    "Yes, append modifier 51 to 97039 whenever more than one modality is billed on the same day.",
    "The GN modifier marks services furnished under an occupational therapy plan of care.",
    "Modifiers are always two numbers, such as 59 or 76.",
    "The targeted medical review threshold is $3,000, and every claim above it is automatically reviewed.",
    "If both are done on the same day, add modifier 59 and both will be paid, even when they were performed during "
    "the same 15-minute block.",
])
def test_wrong_code_set_statements_in_other_wordings(auditor, text):
    assert found(auditor, text, "structure") == [("-", "contradicted")]


@pytest.mark.parametrize("text, code, verdict", [
    ("Orthotic training at the first orthotic visit is reported with 97763.", "97763", "contradicted"),
    ("The initial orthotic encounter is billed with 97760.", "97760", "supported"),
    ("Do not confuse 97537 with 97535, which is the code for community and work reintegration.", "97535",
     "contradicted"),
    ("Myofascial release, a hands-on soft tissue technique, belongs with massage under 97124.", "97124",
     "contradicted"),
])
def test_which_code_a_service_is_given_to(auditor, text, code, verdict):
    assert (code, verdict) in found(auditor, text, "identity")


@pytest.mark.parametrize("text", [
    "Occupational therapists reporting the same code under an occupational therapy plan of care would use the GN "
    "modifier instead.",
    "When a physical therapist provides the training, the GO modifier should still be used because it is the "
    "modifier for rehabilitation services in general.",
    "When a physical therapist assistant performs the stimulation, no additional modifier is required on the claim.",
    "Occupational therapy shares this threshold with physical therapy.",
])
def test_modifier_and_threshold_mixups_in_more_wordings(auditor, text):
    assert found(auditor, text, "structure") == [("-", "contradicted")]


def test_services_under_the_right_plan_take_the_right_modifier(auditor):
    assert found(auditor, "Services under an occupational therapy plan of care use the GO modifier.", "structure") == \
        [("-", "supported")]


@pytest.mark.parametrize("text, verdict", [
    ("CPT 97164 is used for the initial physical therapy evaluation.", "contradicted"),
    ("97161 is a low-complexity initial evaluation.", "supported"),
    ("CPT 97164 is billed when the condition changes after the initial evaluation.", None),   # a point in time
])
def test_initial_evaluation_is_wrong_of_a_re_evaluation(auditor, text, verdict):
    got = {v for c, v in found(auditor, text, "identity") if v in ("supported", "contradicted")}
    assert got == ({verdict} if verdict else set())


def test_time_spent_on_a_timed_modality_counts_toward_the_total(auditor):
    text = ("# CPT 97032\n\nCPT 97032 is attended electrical stimulation. Because it is a modality, time spent on it "
            "does not count toward the 8-minute rule totals.")
    assert ("97032", "contradicted") in found(auditor, text, "timing")


def test_this_code_reserved_for_another_service_in_a_contrast(auditor):
    text = ("# CPT 97116\n\nCPT 97116 is gait training. Neuromuscular re-education, reported with 97112, targets "
            "coordination, while this code is reserved for balance training.")
    assert ("97116", "contradicted") in found(auditor, text, "identity")


@pytest.mark.parametrize("text, code, verdict", [
    ("Total timed minutes of 8 to 22 make one unit.", "-", "supported"),
    ("Total timed minutes of 8 to 25 make one unit.", "-", "contradicted"),
    ("6 minutes of strap adjustment with nothing else timed that day would be billed as one unit.", "-",
     "contradicted"),
    ("His initial prosthetic training session ran 50 minutes, which we billed as four units of 97761.", "97761",
     "contradicted"),
    ("98981 is the add-on for each additional 10 minutes in the same month.", "98981", "contradicted"),
])
def test_units_in_still_more_wordings(auditor, text, code, verdict):
    assert (code, verdict) in found(auditor, text, "structure") + found(auditor, text, "timing")


@pytest.mark.parametrize("text, codes", [
    ("Chiropractic manipulation codes are Evaluation and Management codes.", {"98940", "98941", "98942", "98943"}),
    ("The tiered PT evaluation codes took effect on January 1, 2018.", {"97161", "97162", "97163"}),
])
def test_families_named_without_a_determiner_or_with_an_adjective(auditor, text, codes):
    hits = {f.code for f in auditor.audit_text(text).findings if f.verdict == "contradicted"}
    assert hits == codes


@pytest.mark.parametrize("text, kind, verdict", [
    ("The CPT list is revised every three months.", "structure", "contradicted"),
    ("The CQ modifier marks outpatient occupational therapy furnished in whole or in part by an occupational therapy "
     "assistant.", "structure", "contradicted"),
    ("CO does the same for services furnished in whole or in part by a physical therapist assistant.", "structure",
     "contradicted"),
    ("XE is used when the service was performed on a separate organ or structure.", "structure", "contradicted"),
    ("The hard therapy cap itself was repealed at the start of 2026.", "structure", "contradicted"),
    ("Because it involves a prosthesis, 97761 is a HCPCS Level II L-code rather than a CPT code.", "section",
     "contradicted"),
    ("CPT 97162 falls between the lowest and highest complexity tiers.", "complexity", "supported"),
    ("For 97162, ensure the full 30-minute time requirement is documented.", "duration", "contradicted"),
])
def test_session_13_real_page_and_blind_set_wordings(auditor, text, kind, verdict):
    assert verdict in {v for _, v in found(auditor, text, kind)}


def test_the_minutes_spent_under_it_name_the_code_under_discussion(auditor):
    text = "# CPT 97010\n\nCPT 97010 is hot packs. The minutes you spend under it are added to your timed treatment minutes."
    assert ("97010", "contradicted") in found(auditor, text, "timing")


def test_a_patients_ability_to_advance_through_exercise_is_an_aim(auditor):
    text = ("Clinicians rely on CPT 97140 when tight muscles limit a patient's ability to advance through "
            "exercise-based therapy.")
    assert [v for _, v in found(auditor, text, "identity") if v == "contradicted"] == []


@pytest.mark.parametrize("text, kind", [
    ("Category III codes, which describe emerging technology, are also five digits with no letters.", "structure"),
    ("Category I codes such as 98940 are alphanumeric, combining a letter and four digits.", "structure"),
    ("When 97110 is billed with other therapy codes on the same day, modifier 51 should be appended.", "structure"),
    ("The 8-minute rule is applied the same way by every commercial insurer.", "structure"),
    ("Yes, every payer, commercial plans included, must follow the Medicare 8-minute rule.", "structure"),
    ("# CPT 97150\n\nCPT 97150 is group therapy. A patient who receives 23 minutes of this service supports two units.",
     "timing"),
    ("Many Medicare contractors still accept 97002 for re-evaluations.", "status"),
    ("7 minutes of 97140 as the only timed service: one unit, because anything up to 8 minutes rounds up.", "timing"),
])
def test_last_wordings_of_session_13(auditor, text, kind):
    assert "contradicted" in {v for _, v in found(auditor, text, kind)}


@pytest.mark.parametrize("text, kind, expected", [
    ("GN marks services under an OT plan of care.", "structure", [("-", "contradicted")]),
    ("CPT is maintained by the American Medical Association and updated every year, with changes taking effect on "
     "October 1.", "structure", [("-", "contradicted")]),
    ("New CPT Category III codes take effect on July 1.", "structure", []),
    # 'it' is the subject of the deletion, not the code created in the clause after it
    ("97014 is unattended electrical stimulation, but it was dropped from CPT when Medicare created G0283.", "status",
     [("97014", "contradicted")]),
])
def test_effective_dates_gn_abbreviations_and_the_subject_of_a_deletion(auditor, text, kind, expected):
    assert found(auditor, text, kind) == expected


@pytest.mark.parametrize("text, code, verdict", [
    ("Region examples:\n\n- Cervical only: report 98941\n", "98941", "contradicted"),
    ("Region examples:\n\n- Cervical, thoracic and lumbar: report 98941\n", "98941", "supported"),
    ("Region examples:\n\n- Cervical, thoracic and lumbar: report 98942\n", "98942", "contradicted"),
    ("Adjust the cervical and thoracic spine and you are in 98941 territory.", "98941", "contradicted"),
    ("98940 covers the cervical and thoracic regions.", "98940", "supported"),
    ("98942 covers the cervical, thoracic, lumbar, sacral and pelvic regions.", "98942", "supported"),
])
def test_spinal_regions_named_one_by_one_are_counted(auditor, text, code, verdict):
    assert (code, verdict) in found(auditor, text, "identity")


def test_a_lone_region_word_is_no_count(auditor):
    # "lumbar pain" is a complaint, not a count of regions adjusted
    text = "A patient with lumbar pain was adjusted in three regions, billed as 98941."
    assert ("98941", "contradicted") not in found(auditor, text, "identity")


@pytest.mark.parametrize("text", [
    "Clinics that bill a single unit of 97140 regardless of how long it lasted are leaving money on the table.",
    "Providers who bill 97140 once per session no matter how long it runs are underbilling.",
])
def test_a_practice_judged_by_what_it_does_to_the_clinic_is_not_asserted(auditor, text):
    assert ("97140", "contradicted") not in found(auditor, text, "timing")


def test_a_discipline_modifier_is_read_with_its_own_plan_of_care(auditor):
    text = "Under a physical therapy plan of care the line takes GP, and it takes GO under an occupational therapy plan of care."
    assert ("-", "contradicted") not in found(auditor, text, "structure")
    assert ("-", "contradicted") in found(auditor, "Under a physical therapy plan of care the line takes GO.", "structure")


def test_the_word_typically_quoted_is_no_typical_time(auditor):
    text = ('The descriptor only says "typically," so a 25-minute evaluation that meets the low-complexity criteria '
            'is still a valid 97165.')
    assert ("97165", "contradicted") not in found(auditor, text, "duration")


def test_the_codes_under_a_class_title_whose_bullets_were_lost_are_of_that_class(auditor):
    text = ("Front desk guide\n\nTIMED CODES (billed in 15-minute units)\n97110   Therapeutic exercise\n"
            "97140   Manual therapy\n97150   Group therapy\n")
    assert ("97150", "contradicted") in found(auditor, text, "timing")
    assert ("97110", "supported") in found(auditor, text, "timing")


@pytest.mark.parametrize("line, verdict", [
    ("97163   PT evaluation, high complexity      about 60 min", "contradicted"),
    ("97163   PT evaluation, high complexity      about 45 min", "supported"),
    ("97165 - OT evaluation, low complexity - 45 minutes", "contradicted"),
])
def test_the_last_field_of_a_codes_line_is_its_time(auditor, line, verdict):
    text = f"CODE    WHAT IT IS    TYPICAL TIME\n\n- {line}\n"
    assert (line[:5], verdict) in found(auditor, text, "duration")


@pytest.mark.parametrize("text, verdict", [
    ("Codes:\n\n- 98941: two to four spinal regions\n", "contradicted"),
    ("Codes:\n\n- 98942: spinal CMT, three to five regions\n", "contradicted"),
    ("Codes:\n\n- 98941: three to four spinal regions\n", "supported"),
])
def test_each_end_of_a_range_of_regions_is_checked(auditor, text, verdict):
    assert verdict in {v for _, v in found(auditor, text, "identity")}
    if verdict == "supported":
        assert "contradicted" not in {v for _, v in found(auditor, text, "identity")}


@pytest.mark.parametrize("text, kind, verdict", [
    ("Medicare now pays 97014 for unattended electrical stimulation.", "status", "contradicted"),
    ("Medicare no longer pays for 97014.", "status", "supported"),
    ("Exercise in a pool is reported with 97022, the whirlpool code.", "identity", "contradicted"),
    ("Exercises performed in a therapy pool are usually billed under 97110.", "identity", "contradicted"),
    ("97530 can be billed for two patients at the same time, provided each is working on a functional task.",
     "identity", "contradicted"),
])
def test_more_wordings_of_payment_pools_and_one_on_one_care(auditor, text, kind, verdict):
    assert verdict in {v for _, v in found(auditor, text, kind)}


@pytest.mark.parametrize("text, code, verdict", [
    ("97001 and 97002 were the old evaluation codes. Both codes were retired on January 1, 2018.", "97001", "contradicted"),
    ("97001 and 97002 were the old evaluation codes. Both codes were retired on January 1, 2017.", "97001", "supported"),
    ("97762 was a checkout code. It was deleted on January 1, 2019.", "97762", "contradicted"),
])
def test_a_deletion_year_said_of_the_codes_named_before(auditor, text, code, verdict):
    assert (code, verdict) in found(auditor, text, "status")


@pytest.mark.parametrize("text, verdict", [
    ("12 minutes of 97035 by itself falls short of a billable unit.", "contradicted"),
    ("Six minutes of 97035 falls short of a billable unit.", "supported"),
])
def test_minutes_said_to_fall_short_of_a_unit(auditor, text, verdict):
    assert ("97035", verdict) in found(auditor, text, "timing")


def test_units_a_writer_says_youd_bill(auditor):
    text = "CPT 97140\n\nIf the session lasted 40 minutes, you'd bill two units."
    assert "contradicted" in {f.verdict for f in auditor.audit_text(text).findings if f.kind in ("timing", "structure")}


def test_a_unit_size_under_an_untimed_codes_heading_on_a_pasted_page(auditor):
    text = ("97150 CPT code\n97150 CPT code is one of many CPT codes.\nComponents of 97150 CPT code\n"
            "- Keep track of time spent. Each unit of therapy is 15 minutes.\n")
    assert ("97150", "contradicted") in found(auditor, text, "timing")


@pytest.mark.parametrize("text, verdict", [
    ("For 2025 the threshold was $2,330.", "contradicted"),
    ("For 2025 the threshold was $2,410.", "supported"),
    ("The 2023 KX threshold: $2,230.", "supported"),
    ("Add KX when cumulative PT/SLP charges exceed the annual threshold (~$2,330 in 2026).", "contradicted"),
    ("The targeted medical review threshold in 2026 is $3,000.", None),
    ("Cat III released quarterly, same schedule as the NCCI tables.", "contradicted"),
    ("NCCI edits are updated once a year, every January.", "contradicted"),
    ("HCPCS Level II is also run by the AMA's editorial panel.", "contradicted"),
    ("HCPCS Level II codes follow the same once-a-year calendar.", "contradicted"),
    ("Services by an occupational therapy assistant carry CQ.", "contradicted"),
    ("Services by an occupational therapy assistant carry CO.", None),
    ("There is no hard cap anymore; Congress repealed it in 2021.", "contradicted"),
    ("Category II codes are paid as a small add-on to the visit.", "contradicted"),
    ("Level I refers to the Medicare G-codes.", "contradicted"),
    ("HCPCS Level I is CPT.", None),
    ("CPT, which CMS writes and publishes each year, is the main code set.", "contradicted"),
    ("We append modifier 51 to the 97000-series codes.", "contradicted"),
    ("Performance-measurement codes, known as Category II, end in the letter M.", "contradicted"),
    ("X modifiers came in on 1/1/2017 as subsets of 59.", "contradicted"),
    ("Cheat sheet:\n\n- 1 evaluation = 3 units\n", "contradicted"),
    ("Cheat sheet:\n\n- 1 evaluation = 1 unit\n", None),
])
def test_code_set_statements_in_more_wordings(auditor, text, verdict):
    verdicts = {v for _, v in found(auditor, text, "structure")}
    assert verdict in verdicts if verdict else "contradicted" not in verdicts


@pytest.mark.parametrize("text, code", [
    ("The chiropractic codes are HCPCS Level II codes.", "98941"),
    ("The CMT codes are HCPCS Level II codes maintained by CMS rather than CPT codes.", "98940"),
    ("98940 and 98941 are E/M codes, like the office visits.", "98940"),
])
def test_a_family_said_to_be_of_another_code_set(auditor, text, code):
    assert (code, "contradicted") in found(auditor, text, "section")


@pytest.mark.parametrize("text, code, verdict", [
    ("Study notes:\n\n- PT: 97161 low, 97162 high, 97163 moderate\n", "97162", "contradicted"),
    ("Study notes:\n\n- PT: 97161 low, 97162 high, 97163 moderate\n", "97161", "supported"),
    ("Study notes:\n\n- 97169 (AT, moderate) typical 15 min\n", "97169", "contradicted"),
])
def test_a_bare_tier_word_after_an_evaluation_code(auditor, text, code, verdict):
    assert (code, verdict) in found(auditor, text, "complexity")


def test_a_tier_word_that_is_no_tier(auditor):
    # "high volumes" of the low-complexity code: an amount, not a tier
    assert found(auditor, "Clinics bill 97161 high volumes every month.", "complexity") == []


@pytest.mark.parametrize("line, verdict", [
    ("Moderate complexity (97170): about 45 minutes", "contradicted"),
    ("Moderate complexity (97170): about 30 minutes", "supported"),
])
def test_the_value_of_a_codes_field_line_is_its_time(auditor, line, verdict):
    assert ("97170", verdict) in found(auditor, f"AT evaluations\n\n- {line}\n", "duration")


@pytest.mark.parametrize("text, verdict", [
    ("To bill two units of 97110 you need at least 30 full minutes.", "contradicted"),
    ("To bill two units of 97110 you need at least 23 minutes.", "supported"),
    ("A patient whose 97110 exercise lasted 35 minutes can also be billed for three units.", "contradicted"),
])
def test_minutes_needed_for_several_units(auditor, text, verdict):
    assert ("97110", verdict) in found(auditor, text, "timing")


@pytest.mark.parametrize("text, verdict", [
    ("CPT 20561 Guide\n\nWhen did the dry needling codes arrive?\n\nThe two codes took effect on January 1, 2019.", "contradicted"),
    ("CPT 20561 Guide\n\nWhen did the dry needling codes arrive?\n\nThe two codes went live on January 1, 2020, after "
     "years in which there was no specific code at all.", "supported"),
])
def test_the_two_codes_of_the_sections_family_and_their_year(auditor, text, verdict):
    assert ("20561", verdict) in found(auditor, text, "status")


@pytest.mark.parametrize("text, verdict", [
    ("CPT 97164 Guide\n\nCPT code 97164 is defined as a re-evaluation.\n\n1. The therapist must spend 20 minutes with "
     "the patient face-to-face.\n", "contradicted"),
    ("CPT 97164 Guide\n\nCPT code 97164 is defined as a re-evaluation.\n\n1. The therapist typically spends 20 minutes "
     "with the patient face-to-face.\n", None),
])
def test_a_required_time_with_the_patient_is_said_of_the_sections_evaluation(auditor, text, verdict):
    verdicts = {v for c, v in found(auditor, text, "duration") if c == "97164"}
    assert verdict in verdicts if verdict else "contradicted" not in verdicts


@pytest.mark.parametrize("text, verdict", [
    ("Learn the difference between CPT code G0283 vs 97014.", "contradicted"),
    ("Use CPT/HCPCS code G0283 for Medicare.", None),
    ("HCPCS code G0283 is for Medicare patients.", None),
])
def test_a_hcpcs_code_labelled_as_a_cpt_code(auditor, text, verdict):
    verdicts = {v for c, v in found(auditor, text, "section") if c == "G0283"}
    assert verdict in verdicts if verdict else "contradicted" not in verdicts


@pytest.mark.parametrize("text, code, verdict", [
    ("Procedures covered under CPT code 97110 are limited to fifteen minutes in length.", "97110", "contradicted"),
    ("97150 is capped at one unit per patient per session.", "97150", "supported"),
])
def test_a_code_said_to_be_capped_at_one_unit(auditor, text, code, verdict):
    assert (code, verdict) in found(auditor, text, "timing")


def test_both_codes_of_the_sections_family_and_their_year(auditor):
    text = "CPT 20561 Guide\n\nWhen did the dry needling codes arrive?\n\nBoth codes took effect on January 1, 2019."
    assert ("20561", "contradicted") in found(auditor, text, "status")


@pytest.mark.parametrize("text, code, verdict", [
    ("20560 covers needling one or two muscles, and 20561 is used for three or more.", "20561", "supported"),
    ("20560 covers three or more muscles and 20561 covers one or two.", "20561", "contradicted"),
    ("98940 covers one or two regions and 98941 covers three or four, while 98942 is for five.", "98942", "supported"),
    ("CPT 98941\n\n98942 covers five regions, while this code covers only one or two.", "98941", "contradicted"),
    ("CPT 98941\n\nThis code describes an adjustment limited to one or two of the spinal regions.", "98941",
     "contradicted"),
])
def test_a_count_whose_noun_the_sentence_gave_before(auditor, text, code, verdict):
    assert (code, verdict) in found(auditor, text, "identity")


def test_a_bare_number_with_no_counted_noun_before_is_no_count(auditor):
    assert [v for c, v in found(auditor, "Bill 20561 for three.", "identity") if v != "unverifiable"] == []


def test_minutes_of_one_code_are_not_the_total_named_after_them(auditor):
    # the 2 units are said of the pooled 33 minutes, not of the 15 minutes of 97110
    text = "Add 15 minutes of 97110 and the pooled 33 minutes yields 2 units, one for each code."
    assert ("97110", "contradicted") not in found(auditor, text, "timing")


@pytest.mark.parametrize("text", [
    # each X modifier with its own meaning, listed together: the next one's meaning is not this one's
    "The X modifiers, XE for a separate encounter, XS for a separate structure, XP for a separate practitioner "
    "and XU for an unusual non-overlapping service, became effective in January 2015.",
    # each category with its own purpose: the next category's purpose is not this one's
    'Memory tip: "F for Figures, T for Technology." Category II tracks quality figures, Category III tracks new '
    "technology.",
    # a removal verb: the deleted codes are taken off the charge master, not offered for use
    "\u2022 Charge Master Committee: inactivate 97001\u201397006 and 97762 by April 30",
    # several typical times in one sentence belong to their own levels, not all to the article's code
    "# CPT 97161\n\nCPT 97161 is the low-complexity PT evaluation.\n\nCPT does list a typical face-to-face time for "
    "each level: roughly 20 minutes for the low-complexity evaluation, 30 minutes for moderate and 45 minutes for high.",
])
def test_session_17_blind_set_false_alarms(auditor, text):
    assert not [(f.code, f.claim) for f in auditor.audit_text(text).findings if f.verdict == "contradicted"]


@pytest.mark.parametrize("text", [
    "XE for a separate structure, XS for a separate encounter.",
    "Category II tracks new technology, and Category III tracks performance measures.",
])
def test_a_swapped_meaning_in_a_list_is_still_wrong(auditor, text):
    assert "contradicted" in {f.verdict for f in auditor.audit_text(text).findings if f.kind == "structure"}


@pytest.mark.parametrize("text, code", [
    ("However, if a moderate evaluation runs long, a second unit of 97162 can be added once face-to-face time "
     "passes 45 minutes.", "97162"),
    ("If the visit runs long, a second unit of 98941 may be reported to capture the added time.", "98941"),
])
def test_a_second_unit_for_more_time_makes_an_untimed_code_timed(auditor, text, code):
    assert ("contradicted", "timing") in {(f.verdict, f.kind) for f in auditor.audit_text(text).findings if f.code == code}


def test_a_second_unit_of_a_timed_code_is_right(auditor):
    text = "Once the total passes 22 minutes, a second unit of 97110 can be billed."
    assert "contradicted" not in {f.verdict for f in auditor.audit_text(text).findings if f.kind == "timing"}


@pytest.mark.parametrize("text, verdict", [
    ("So if your therapist found your case moderately complex, your statement will show 97163.", "contradicted"),
    ("So if your therapist found your case moderately complex, your statement will show 97162.", "supported"),
])
def test_a_level_in_the_condition_is_given_to_the_code_the_bill_shows(auditor, text, verdict):
    assert verdict in {f.verdict for f in auditor.audit_text(text).findings if f.kind == "complexity"}


@pytest.mark.parametrize("text, verdict", [
    ("CPT code 98941 may be used when chiropractic services are performed to treat one to five spinal areas.",
     "contradicted"),
    ("CPT code 98940 treats one to two spinal areas.", "supported"),
])
def test_spinal_areas_are_counted_as_regions(auditor, text, verdict):
    assert verdict in {f.verdict for f in auditor.audit_text(text).findings if f.kind == "identity"}


@pytest.mark.parametrize("text, code", [
    ("If a therapist provides 22 minutes of gait training and nothing else timed, that session supports two units "
     "of 97116.", "97116"),
    ("If an occupational therapist spends 40 minutes on dressing and kitchen safety training, with no other timed "
     "service, the claim supports two units of 97535.", "97535"),
])
def test_minutes_in_the_condition_and_units_in_the_main_clause_are_one_statement(auditor, text, code):
    assert ("contradicted", "timing") in {(f.verdict, f.kind) for f in auditor.audit_text(text).findings if f.code == code}


def test_the_right_units_for_minutes_spent_on_a_service_are_right(auditor):
    text = ("If an occupational therapist spends 40 minutes on dressing training, with no other timed service, the "
            "claim supports three units of 97535.")
    assert not [f for f in auditor.audit_text(text).findings if f.verdict == "contradicted"]


@pytest.mark.parametrize("text", [
    "# CPT 97014\n\nCPT 97014 is unattended electrical stimulation, billed once per session.\n\nUnattended "
    "stimulation allows the clinician to leave. Attended stimulation requires the provider to stay with the patient "
    "in constant one-on-one attendance, and it is a timed code.",
    "# CPT 97035\n\nCPT 97035 is therapeutic ultrasound, billed in 15-minute units.\n\nThe whirlpool is a "
    "supervised modality billed once per session, so its minutes are not counted.",
])
def test_a_sentence_about_another_codes_service_says_nothing_of_the_articles_code(auditor, text):
    assert [f for f in auditor.audit_text(text).findings if f.verdict == "contradicted"] == []


@pytest.mark.parametrize("text, verdict", [
    ("Modifier 51 should also be added whenever a therapy code is billed with the adjustment.", "contradicted"),
    ("When several acupuncture codes appear on one claim, append modifier 51 to the add-on lines.", "contradicted"),
    ("Modifier 51 is never appended to therapy codes.", "supported"),
    ("Evals still go first, and I add the eval time into the timed total for the day.", "contradicted"),
    ("Dry needling minutes should be added to timed minutes when applying the 8-minute rule.", "contradicted"),
    ("Evaluation minutes are never counted toward the timed total.", "supported"),
    ("On the claim, the re-evaluation minutes are added to the timed-code total.", "contradicted"),
    ("Occupational therapy shares that amount with physical therapy.", "contradicted"),
    ("Occupational therapy counts toward that same $2,410 total.", "contradicted"),
])
def test_code_set_rules_in_other_words(auditor, text, verdict):
    assert verdict in {f.verdict for f in auditor.audit_text(text).findings if f.kind == "structure"}


@pytest.mark.parametrize("text, verdict", [
    ("GO: the service was provided under a speech-language pathology plan of care.", "contradicted"),
    ("OT evaluations take the GN modifier instead.", "contradicted"),
    ("GN is used when the service is delivered under an occupational therapy plan of care.", "contradicted"),
    ("CQ is the assistant modifier for OT assistants as well.", "contradicted"),
    ("GP marks services under a physical therapy plan of care.", "supported"),
    ("Services furnished in part by a physical therapist assistant carry CQ.", "supported"),
    ("Physical therapy claims carry GP, while occupational therapy claims carry GO.", "supported"),
    ("GN is not used for occupational therapy.", "supported"),
])
def test_a_modifier_and_the_discipline_its_clause_names(auditor, text, verdict):
    assert {f.verdict for f in auditor.audit_text(text).findings if f.kind == "structure"} == {verdict}


@pytest.mark.parametrize("text", [
    "GP, GO and GN mark PT, OT and SLP plans of care, respectively.",
    "GP and GO are used by physical and occupational therapy.",
])
def test_modifiers_listed_with_disciplines_are_not_paired_blindly(auditor, text):
    assert not [f for f in auditor.audit_text(text).findings if f.verdict == "contradicted"]


@pytest.mark.parametrize("text", [
    # a lead-in that names mistakes frames its list; the code's own service beside the mistake is its setting
    "CPT 97010 Cheat Sheet\n\nRed flags:\n- Billing 2 or 3 units of 97010 for a long hot pack.\n",
    # what a part of a mixed session is billed as is not the service named first
    "If a session mixes exercise with memory or attention tasks, report that portion separately under 97532.",
    # the edits were removed, not the code
    "Can 97530 be billed with an evaluation?\n\nThe 2020 hard edits against the evaluation codes were removed after "
    "the therapy associations objected.",
    # where other work is sent is not what the code is
    "Keep massage under 97124, send joint and lymphatic work to manual therapy.",
])
def test_session_17_held_out_false_alarms(auditor, text):
    assert not [(f.code, f.kind, f.claim) for f in auditor.audit_text(text).findings
                if f.verdict == "contradicted" and f.kind != "status"]
    if "97530" in text:
        assert not [f for f in auditor.audit_text(text).findings if f.kind == "status" and f.code == "97530"]


def test_a_mistakes_lead_in_denies_its_items(auditor):
    text = "CPT 97010 Cheat Sheet\n\nRed flags:\n- Billing 2 or 3 units of 97010 for a long hot pack.\n"
    assert ("supported", "timing") in {(f.verdict, f.kind) for f in auditor.audit_text(text).findings}


def test_a_list_after_a_mistakes_lead_in_ends_with_the_list(auditor):
    text = ("CPT 97010 Cheat Sheet\n\nRed flags:\n- Billing 97010 as the only service.\n\n"
            "97010 is billed in 15-minute units.\n")
    assert ("contradicted", "timing") in {(f.verdict, f.kind) for f in auditor.audit_text(text).findings}


def test_what_some_writers_learn_the_writer_asserts(auditor):
    text = "Some coders are surprised to learn that 97110 is listed in the Evaluation and Management section."
    assert ("contradicted", "section") in {(f.verdict, f.kind) for f in auditor.audit_text(text).findings}


@pytest.mark.parametrize("text, code, verdict", [
    ("Yes, 97014 is the standard unattended e-stim code and Medicare pays it like any other modality.", "97014",
     "contradicted"),
    ("# CPT 97010\n\nHot packs are simple. Medicare pays it as its own line item.", "97010", "contradicted"),
    ("Extraspinal manipulation under 98943 is also a Medicare benefit.", "98943", "contradicted"),
    ("CPT 98943 is not a Medicare benefit.", "98943", "supported"),
    ("CPT 98940 is common, and Medicare covers it when subluxation is documented.", "98940", "supported"),
])
def test_medicare_paying_the_code_as_its_object(auditor, text, code, verdict):
    assert verdict in {f.verdict for f in auditor.audit_text(text).findings if f.kind == "status" and f.code == code}


@pytest.mark.parametrize("text, verdict", [
    ("97002 (PT re-evaluation) was replaced by 97163.", "contradicted"),
    ("97168 replaced the old OT evaluation code 97003.", "contradicted"),
    ("The timed cognitive skills code 97532 was deleted and replaced by 97129.", "contradicted"),
    ("97164 replaced the old PT re-evaluation code 97002.", "supported"),
])
def test_replacements_with_an_aside_or_a_description_of_the_old_code(auditor, text, verdict):
    assert verdict in {f.verdict for f in auditor.audit_text(text).findings if "replac" in str(f.claim)}


@pytest.mark.parametrize("text, verdict", [
    ("The same goes for the old checkout code 97762. It was deleted on January 1, 2020, and subsequent encounters "
     "now go to 97763.", "contradicted"),
    ("The old checkout code 97762 is gone. It was deleted on January 1, 2018, and encounters now go to 97763.",
     "supported"),
    ("# CPT 97164\n\nCPT 97164 is the PT re-evaluation.\n\nThe code came in with the tiered evaluation family on "
     "January 1, 2018.", "contradicted"),
    ("CPT 97164 came in on January 1, 2017.", "supported"),
])
def test_years_said_of_a_code_by_pronoun_or_phrasal_verb(auditor, text, verdict):
    assert verdict in {f.verdict for f in auditor.audit_text(text).findings if f.kind == "status" and "20" in str(f.claim)}


@pytest.mark.parametrize("text, verdict", [
    ("The third unit does not begin until 45 minutes.", "contradicted"),
    ("The third unit doesn't start until 38 minutes.", "supported"),
    ("Sixty minutes of timed treatment, for instance, supports five units.", "contradicted"),
])
def test_unit_thresholds_in_more_wordings(auditor, text, verdict):
    assert verdict in {f.verdict for f in auditor.audit_text(text).findings if f.kind in ("structure", "timing")}


@pytest.mark.parametrize("text", [
    "Our e-stim runs 20 minutes, so we put 2 units on 97014.",
    "We bill 97163 as 4 units since it ran 55 minutes.",
])
def test_several_units_of_an_untimed_code_in_more_wordings(auditor, text):
    assert "contradicted" in {f.verdict for f in auditor.audit_text(text).findings if f.kind == "timing"}


# ---- how often each part of the code set is updated (structure.yaml update_cycles)

@pytest.mark.parametrize("text, verdict", [
    ("The edit tables are updated once a year, each January.", "contradicted"),
    ("NCCI edits, which tell you which pairs cannot be billed together, are updated every year alongside CPT.",
     "contradicted"),
    ("CMS maintains the CPT code set and publishes updates every quarter.", "contradicted"),
    ("The CPT code set is updated once a year, with changes effective January 1.", "supported"),
    ("HCPCS Level II codes are updated quarterly.", "supported"),
    ("NCCI edits are not updated once a year.", "supported"),
])
def test_update_cycles(auditor, text, verdict):
    found = {f.verdict for f in auditor.audit_text(text).findings if f.kind == "structure"}
    assert verdict in found


@pytest.mark.parametrize("text, verdict", [
    # a pointer takes the subject the sentence before named; a comparison names no subject
    ("Medicare also uses HCPCS Level II codes. These codes are created by CMS and, like CPT, are revised only "
     "once a year.", "contradicted"),
    ("Myth: Category III codes come out twice a year.\n\nThe truth: They actually come out every quarter.",
     "contradicted"),
    ("HCPCS Level II codes start with a letter. CMS publishes changes to the set every quarter.", "supported"),
])
def test_update_cycles_of_a_subject_named_before(auditor, text, verdict):
    found = [f.verdict for f in auditor.audit_text(text).findings if f.kind == "structure"
             and ("These" in f.sentence or "They" in f.sentence or "the set" in f.sentence)]
    assert found == [verdict]


def test_an_update_cycle_without_a_code_set_subject_is_no_claim(auditor):
    text = "Medicare updates the fee schedule every year. The KX threshold is updated every year."
    assert not [f for f in auditor.audit_text(text).findings if f.kind == "structure"]


@pytest.mark.parametrize("text", [
    "For example, 20 minutes of exercise with your therapist shows up as two units of 97110 on your statement.",
    "If a therapist spends 20 minutes on gait training and nothing else timed happens that day, the claim can "
    "carry two units of 97116.",
    "A patient completes 38 minutes of therapeutic exercise and nothing else during the visit, so you would report "
    "two units of 97110.",
    "Example B: 20 minutes of 97110 and 10 minutes of 97112 add up to 30 minutes, so the claim can carry three units.",
])
def test_minutes_and_units_in_more_wordings(auditor, text):
    assert "contradicted" in {f.verdict for f in auditor.audit_text(text).findings if f.kind in ("timing", "structure")}


def test_the_rules_arithmetic_is_shown_with_the_code_the_text_is_about(auditor):
    text = ("Quick Reference\n\n- Code definition: CPT 97033 covers iontophoresis, billed per 15 minutes.\n"
            "- Key billing rule: Each unit equals one complete 15-minute block of direct contact.\n\n"
            "CPT 97033 needs constant attendance.")
    found = [(f.code, f.verdict) for f in auditor.audit_text(text).findings if "complete 15-minute block" in f.sentence
             and f.kind == "structure"]
    assert found == [("97033", "contradicted")]


@pytest.mark.parametrize("text, expected", [
    # a service that is one code's own, as the subject of a sentence that names no code
    ("The OT re-evaluation typically runs about 45 minutes.", ("97168", "contradicted")),
    ("Fifty minutes of gait training converts to four units.", ("97116", "contradicted")),
    # a code's field after a comma; 'needs' as a requirement
    ("97171 (high complexity), about 60 minutes with the patient.", ("97171", "contradicted")),
    ("So a 97162 needs 30 documented minutes.", ("97162", "contradicted")),
    ("Gait training, 97116, which is a single charge per visit.", ("97116", "contradicted")),
])
def test_properties_said_in_more_wordings(auditor, text, expected):
    found = {(f.code, f.verdict) for f in auditor.audit_text(text).findings if f.kind in ("duration", "timing")}
    assert expected in found


def test_a_service_subject_of_a_family_names_no_code(auditor):
    # dry needling is 20560 and 20561: which one is not said
    assert not [f for f in auditor.audit_text("Dry needling is billed per 15 minutes.").findings
                if f.kind == "timing" and f.code in ("20560", "20561")]


@pytest.mark.parametrize("text", [
    "Two 15-minute units are counted if a clinician administers manual treatment for 22 minutes of 97140.",
    "Bill 97750 only once per testing session regardless of how many tests are done.",
    "In our experience payers treat 97112 as a per-visit service, so only one unit is allowed however long the "
    "session runs.",
])
def test_units_and_untimed_billing_in_real_page_wordings(auditor, text):
    assert "contradicted" in {f.verdict for f in auditor.audit_text(text).findings if f.kind in ("timing", "structure")}


@pytest.mark.parametrize("text", [
    "The X modifiers like XS and XU only showed up in 2019.",
    "2016: The X modifiers (XE, XS, XP, XU) took effect.",
])
def test_the_x_modifiers_year_in_more_wordings(auditor, text):
    assert "contradicted" in {f.verdict for f in auditor.audit_text(text).findings if f.kind == "structure"}


def test_the_x_modifiers_right_year_is_right(auditor):
    assert "contradicted" not in {f.verdict for f in auditor.audit_text(
        "2015: The X modifiers (XE, XS, XP, XU) took effect.").findings if f.kind == "structure"}


@pytest.mark.parametrize("text, verdict", [
    ("Manual therapy has been in the CPT book since 2005.", "contradicted"),
    ("97140 has been part of CPT since 2005.", "contradicted"),
    ("Manual therapy has been in the CPT book since 1999.", "supported"),
])
def test_when_a_code_came_said_of_its_service_or_in_more_words(auditor, text, verdict):
    assert [(f.code, f.verdict) for f in auditor.audit_text(text).findings if f.kind == "status"] == [("97140", verdict)]


def test_a_service_subject_goes_on_after_and(auditor):
    text = "Paraffin baths require constant one-on-one attendance and are billed in 15-minute units."
    assert ("97018", "contradicted") in {(f.code, f.verdict) for f in auditor.audit_text(text).findings
                                         if f.kind == "timing"}


def test_a_bare_extraspinal_is_the_extraspinal_code(auditor):
    assert ("98942", "contradicted") in {(f.code, f.verdict) for f in auditor.audit_text(
        "98942: CMT, extraspinal, one or more regions (shoulder, knee)").findings if f.kind == "identity"}
