"""Wordings found in blind-written articles: beliefs whose words vary, glossary definitions, broad words
denied, history told to say a code is still used, conditions that assign a code, unit and time phrasing."""
import pytest

from cptaudit.reference import ReferenceDataError, load_reference


def kinds(auditor, text, kind):
    return [(f.code, f.verdict) for f in auditor.audit_text(text).findings if f.kind == kind]


# ---- beliefs told by a vague group of people (cues.yaml token_patterns)

@pytest.mark.parametrize("text", [
    "Some patients assume 97140 is a massage charge, but massage has a different code of its own.",
    "Many newer billers think 97124 is exercise, and it is not.",
    "A colleague kept calling 20560 a trigger point injection code, but nothing is injected.",
    "Ultrasound is sometimes described as deep heat, which leads some billers to report it under 97024.",
])
def test_a_belief_reported_in_varied_words_is_not_the_writers_claim(contradicted, text):
    assert contradicted(text) == []


def test_despite_what_people_think_the_writer_asserts_the_rest(contradicted):
    assert contradicted("Despite what some newer billers think, 97124 is not a massage code.") == [("97124", "not massage")]


def test_a_quantified_noun_is_not_a_belief(auditor):
    # "some claims" is a noun here, not "some (people) claim"
    assert ("-", "contradicted") in kinds(auditor, "On some claims modifiers replace the last two digits of the code.",
                                          "structure")


def test_token_patterns_are_validated(tmp_path):
    import shutil
    from importlib import resources
    src = resources.files("cptaudit.data")
    dst = tmp_path / "ref"
    shutil.copytree(str(src), dst, ignore=shutil.ignore_patterns("__pycache__", "*.py"))
    with open(dst / "cues.yaml", "a", encoding="utf-8") as fh:
        fh.write("\n  no_such_kind:\n    - [{LOWER: x}]\n")
    with pytest.raises(ReferenceDataError) as err:
        load_reference(dst)
    assert "token_patterns: unknown cue kind 'no_such_kind'" in str(err.value)


# ---- a glossary row: the name, then the writer's definition

@pytest.mark.parametrize("text, code, service", [
    ("Contrast bath (97034): a whirlpool with jets for a single limb, used for swelling.", "97034", "whirlpool"),
    ("Infrared (97026): ultraviolet light treatment for skin conditions.", "97026", "ultraviolet light"),
    ("Therapeutic exercise (97110): balance and coordination training.", "97110", "neuromuscular re-education"),
])
def test_a_definition_after_the_name_is_checked(contradicted, text, code, service):
    assert (code, service) in contradicted(text)


@pytest.mark.parametrize("text", [
    "Manual therapy (97140): mobilization, manipulation and manual traction.",
    "Massage (97124): effleurage, petrissage and tapotement, not manual therapy.",
    "Whirlpool (97022): immersion in agitated water.",
])
def test_a_right_definition_after_the_name_raises_nothing(contradicted, text):
    assert contradicted(text) == []


def test_a_name_then_other_services_in_running_text_is_context(contradicted):
    # no definition slot: the sentence names 97530's own service, the rest is context
    assert contradicted("Therapeutic activities under 97530 often follow a short warm-up of exercise.") == []


# ---- denying a broad word the code falls under

def test_denying_the_broad_word_a_code_falls_under_is_wrong(verdicts):
    assert ("97162", "contradicted", "not evaluation (unspecified)") in verdicts("97162 is not an evaluation code.")


def test_denying_a_broad_word_of_another_family_is_right(verdicts):
    assert ("98940", "supported", "not evaluation (unspecified)") in verdicts("98940 is not an evaluation code.")


# ---- history told to say the code is used all the same

def test_a_deleted_code_still_taken_after_its_history_is_current(auditor):
    text = "Medicare stopped accepting 97001 in 2017, but some commercial plans still take it for the initial exam."
    assert ("97001", "contradicted") in kinds(auditor, text, "status")


@pytest.mark.parametrize("text", [
    "97001 was deleted in 2017, but you may still see it on old claims.",
    "Medicare stopped accepting 97001 in 2017, and no payer still takes it.",
])
def test_history_with_an_aside_stays_history(auditor, text):
    assert ("97001", "contradicted") not in kinds(auditor, text, "status")


# ---- a condition, then the code as the subject that is assigned

@pytest.mark.parametrize("text, expected", [
    ("If your facility offers water-based rehab, CPT code 97116 is the code you will use.", [("97116", "aquatic therapy")]),
    ("If the patient is doing aquatic exercise, 97116 is used.", [("97116", "aquatic therapy")]),
    ("If the patient is doing aquatic exercise, 97113 is the right code.", []),
])
def test_a_code_assigned_after_a_condition(contradicted, text, expected):
    assert contradicted(text) == expected


# ---- minutes to units, in more words

@pytest.mark.parametrize("text, verdict", [
    ("The timed total is 39 minutes, so the software assigns 2 units.", "contradicted"),
    ("She did 18 timed minutes, which is 2 units.", "contradicted"),
    ("At 53 timed minutes you are still at three units.", "contradicted"),
    ("She did 40 timed minutes, which is 3 units.", "supported"),
])
def test_units_stated_in_more_words(auditor, text, verdict):
    assert [v for _, v in kinds(auditor, "Timed codes follow the 8-minute rule. " + text, "structure")] == [verdict]


# ---- the code's own length, in present-tense verbs

@pytest.mark.parametrize("text, verdict", [
    ("97162 takes about 40 minutes.", "contradicted"),
    ("97162 sits in the middle at about 40 minutes.", "contradicted"),
    ("97161 typically takes 20 minutes.", "supported"),
])
def test_a_codes_length_in_present_tense(auditor, text, verdict):
    assert [v for _, v in kinds(auditor, text, "duration")] == [verdict]


def test_one_visits_length_is_no_duration_claim(auditor):
    assert kinds(auditor, "The evaluation took 22 minutes, so we billed 97161.", "duration") == []


# ---- everyday words for services

@pytest.mark.parametrize("text, code, service", [
    ("97124 is about bodyweight squats and wall push-ups.", "97124", "therapeutic exercise"),
    ("With 97116 the patient exercises in the pool.", "97116", "aquatic therapy"),
    ("97535 is our group code.", "97535", "group therapy"),
    ("20561 is for when I inject lidocaine into three trigger points.", "20561", "trigger point injection"),
    ("97116 is aimed at the patient's sense of where their body is in space.", "97116", "neuromuscular re-education"),
    ("97112 is the code for helping a patient walk again.", "97112", "gait training"),
])
def test_everyday_words_for_services(contradicted, text, code, service):
    assert (code, service) in contradicted(text)


@pytest.mark.parametrize("text", ["Strength improved after walking.", "Treadmill walking for endurance",
                                  "Yes, but then the group code applies rather than the individual one."])
def test_loose_words_stay_loose(claims, text):
    assert claims("CPT 97116 is gait training.\n\n" + text)[1:] == []


def test_a_second_predicate_keeps_the_subject(contradicted):
    text = "97035\n\nThis procedure is performed by a physical therapist, and is typically a supervised modality."
    assert contradicted(text) == [("97035", "supervised (unattended) modality")]


def test_a_new_subject_after_and_opens_a_clause(contradicted):
    assert contradicted("97110 is therapeutic exercise, and 97112 covers balance training.") == []


def test_a_service_outside_the_table_is_no_code_of_it(contradicted):
    assert contradicted("CPT code 97162 is used to describe a neurobehavioral status exam.") == \
        [("97162", "neurobehavioral or neuropsychological testing")]


def test_nobody_watching_is_unattended(contradicted):
    text = "The electrodes that were left on your back while you rested, with nobody watching, were billed as 97032."
    assert [code for code, _ in contradicted(text)] == ["97032"]


@pytest.mark.parametrize("year, verdict", [("2020", "contradicted"), ("2022", "supported")])
def test_a_range_came_in_with_its_first_code(auditor, year, verdict):
    found = kinds(auditor, f"The RTM codes 98975-98981 were introduced in {year}.", "status")
    assert found == [("98975", verdict)]
