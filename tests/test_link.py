"""Linking, one construction at a time (DESIGN.md 'link')."""
import pytest

from cptaudit.link import link


# ---- the code in the same clause

@pytest.mark.parametrize("text", [
    "CPT 97124 describes therapeutic exercise for strength.",
    "Providers report therapeutic exercises with code 97124 in most clinics.",
    "When it comes to therapeutic exercise, CPT code 97124 is the one to use.",
    "Code 97124 (therapeutic exercise) is billed per unit.",
    "The therapeutic exercise code, 97124, is timed.",
])
def test_service_in_the_same_clause_binds_to_the_code(claims, text):
    assert ("97124", "therapeutic_exercise", True) in claims(text)


def test_service_binds_to_the_code_written_next_to_it(claims):
    found = claims("Therapeutic exercise (97110) and massage (97124) are often billed on one day.")
    assert set(found) == {("97110", "therapeutic_exercise", True), ("97124", "massage", True)}


def test_clause_break_separates_two_codes(claims):
    found = claims("97110 covers exercise while 97140 covers manual therapy.")
    assert set(found) == {("97110", "therapeutic_exercise", True), ("97140", "manual_therapy", True)}


# ---- anaphora resolved to the code under discussion

@pytest.mark.parametrize("second", [
    "This code describes therapeutic exercise.",
    "The code is used for therapeutic exercises.",
    "This CPT code covers therapeutic exercise.",
    "It refers to therapeutic exercise.",
])
def test_anaphora_resolve_to_the_code_under_discussion(claims, second):
    assert ("97124", "therapeutic_exercise", True) in claims(f"CPT 97124 is common in clinics. {second}")


def test_the_number_code_form_is_explicit(claims):
    assert ("97162", "therapeutic_exercise", True) in claims("The 97162 code is used for supervised exercise sessions.")


def test_expletive_it_is_not_the_code(claims):
    assert claims("CPT 97124 is common. It is important to keep therapeutic exercise logs.") == []


def test_it_without_a_code_in_the_previous_sentence_is_not_resolved(claims):
    text = "CPT 97162 matters.\n\nPhysical therapy is a broad field. It includes therapeutic exercise."
    assert claims(text) == []


# ---- headings and questions govern what follows

def test_heading_with_a_code_governs_the_paragraph(claims):
    text = "What Does CPT 97140 Cover?\n\nIt includes joint mobilization and myofascial release.\n"
    assert set(claims(text)) == {("97140", "manual_therapy", True)}


def test_heading_governs_list_items_that_start_with_a_service(claims):
    text = "What CPT 97124 Covers\n\n- Therapeutic exercise for the knee\n- Documentation tips\n"
    assert claims(text) == [("97124", "therapeutic_exercise", True)]


def test_question_governs_its_answer(claims):
    text = "Q: What is CPT code 97530?\nA: It describes therapeutic exercise for strength.\n"
    assert claims(text) == [("97530", "therapeutic_exercise", True)]


def test_a_question_itself_makes_no_claim(claims):
    assert claims("Can CPT code 97110 be used for any type of therapeutic exercise?") == []


def test_billing_frame_ties_a_service_to_the_code_under_discussion(claims):
    text = ("Proper use of CPT 97124 matters. By documenting and billing for therapeutic exercise services, "
            "clinics stay paid.")
    assert ("97124", "therapeutic_exercise", True) in claims(text)


def test_sentence_without_code_or_governing_code_makes_no_claim(claims):
    assert claims("Therapeutic exercise helps patients recover.\n\nMassage relaxes muscles.") == []


def test_heading_without_code_ends_the_previous_topic_for_billing_frames(claims):
    text = "CPT 97124 is massage.\n\nGeneral Advice\n\nBilling for therapeutic exercise takes care."
    assert ("97124", "therapeutic_exercise", True) not in claims(text)


# ---- negation, contrast and other codes' services turn a mention away

@pytest.mark.parametrize("text", [
    "97162 is not an exercise code.",
    "CPT 97124 should never be used for joint mobilization.",
    "CPT 97162 matters. This code does not cover therapeutic exercise.",
])
def test_negation_flips_polarity(claims, text):
    assert claims(text) and all(not polarity for _, _, polarity in claims(text))


@pytest.mark.parametrize("text", [
    "Unlike 97110, which covers exercise, 97124 is massage.",
    "Rather than therapeutic exercise, CPT 97124 is for massage.",
    "CPT 97124 is used for massage instead of therapeutic exercise.",
    "CPT 97124 is massage, as opposed to therapeutic exercise.",
])
def test_contrast_turns_the_service_away(claims, text):
    assert ("97124", "therapeutic_exercise", True) not in claims(text)
    assert ("97124", "massage", True) in claims(text)


@pytest.mark.parametrize("second", [
    "Unlike 97110, this code involves several parameters at once, such as lifting and carrying in a functional task.",
    "Unlike 97110, it trains several parameters at once, such as lifting and carrying in a functional task.",
    "Unlike 97110, 97530 trains several parameters at once, such as lifting and carrying in a functional task.",
])
def test_the_main_clause_after_unlike_is_not_the_contrasted_code(claims, second):
    # the topic is 97110 when the contrast comes; what follows the comma is said of the other code
    text = f"What is CPT 97530?\n\nCPT 97530 covers therapeutic activities.\n\n97110 targets one parameter. {second}"
    found = claims(text)
    assert not any(code == "97110" and concept == "therapeutic_activities" for code, concept, _ in found)


@pytest.mark.parametrize("text", [
    "CPT 97110 is for exercise; other codes, such as 97140 for manual therapy, cover hands-on work.",
    "CPT 97110 is for therapeutic exercise, and services like gait training require a different code.",
    "Q: Is CPT 97110 for everything?\nA: No. Other interventions, such as neuromuscular re-education or "
    "manual therapy, would require different CPT codes.",
])
def test_other_codes_services_are_not_the_codes(claims, text):
    found = claims(text)
    assert not any(code == "97110" and concept != "therapeutic_exercise" for code, concept, _ in found)


def test_other_code_binds_the_service_to_the_code_written_there(claims):
    found = claims("CPT 97110 is for exercise; other codes, such as 97140 for manual therapy, exist.")
    assert ("97140", "manual_therapy", True) in found


def test_range_of_codes_is_not_checked_as_one_code(claims):
    assert claims("Codes 97161-97163 cover therapeutic exercise.") == []


# ---- questions and answers, plural anaphora, reported speech

def test_a_code_only_answer_takes_the_services_of_its_question(claims):
    text = "Q: Which code is aquatic therapy?\nA: That's the whirlpool code, 97022.\n"
    assert ("97022", "aquatic_therapy", True) in claims(text)


def test_an_answer_sentence_is_about_the_code_of_its_question(auditor):
    text = "Is 97163 billed per unit?\nYes, per 15-minute unit.\n"
    assert [(f.code, f.kind, f.verdict) for f in auditor.audit_text(text).findings if f.verdict == "contradicted"] \
        == [("97163", "timing", "contradicted")]


def test_a_list_of_related_posts_is_not_governed_by_a_sibling_item(claims):
    text = "Keep Reading\n\n- G0283 vs 97014: Which E-Stim Code Should You Use?\n- Why Medicare Bundles Hot and Cold Packs\n"
    assert claims(text) == []


def test_these_codes_refers_to_the_codes_of_the_sentence_before(auditor):
    text = "Evaluations are reported with 97161, 97162 and 97163. These codes are billed per 15 minutes."
    wrong = {f.code for f in auditor.audit_text(text).findings if f.verdict == "contradicted" and f.kind == "timing"}
    assert wrong == {"97161", "97162", "97163"}


def test_a_quoted_myth_is_not_the_writers_claim(contradicted):
    assert contradicted('"97140 is just deep-tissue massage with a fancier name."') == []


def test_it_after_a_verb_is_not_the_code(claims):
    text = "Bill 97110 for exercise. Yes, the 7 minutes of manual therapy can earn a unit because the total supports it."
    assert ("97110", "manual_therapy", True) not in claims(text)


def test_a_negation_far_from_the_code_does_not_accuse(contradicted):
    text = 'And "hands-free" ultrasound devices that are strapped on and left alone are not 97035 in most policies.'
    assert contradicted(text) == []


def test_a_service_written_against_its_code_counts_even_in_a_conditional(contradicted):
    assert contradicted("If a warm-up exercise billed as 97010 is skipped, nothing is billed.") == \
        [("97010", "therapeutic exercise")]


def test_a_supposed_mismatch_in_a_conditional_is_not_a_claim(contradicted):
    assert contradicted('If your note says "ultrasound" and your claim says 97024, expect a denial.') == []


def test_a_refuted_assumption_is_still_the_writers_claim(contradicted):
    assert contradicted("Despite what some people assume, 97112 is not used for balance drills.") == \
        [("97112", "not neuromuscular re-education")]


def test_it_after_though_is_the_code_under_discussion(contradicted):
    text = "CPT 97010 covers hot and cold packs. Even though it is an exercise code, some payers pay for it."
    assert ("97010", "therapeutic exercise") in contradicted(text)


def test_advice_to_use_a_deleted_code_through_a_pronoun(auditor):
    text = "What is CPT 97001?\n\nIt is the code every payer recognizes, so bill it for every new patient.\n"
    assert [(f.code, f.verdict) for f in auditor.audit_text(text).findings if f.kind == "status"] == \
        [("97001", "contradicted")]


def test_a_mistake_named_as_such_is_not_the_writers_claim(contradicted):
    assert contradicted("One common mistake is billing 97112 for generic strengthening.") == []
    assert contradicted("One common mistake is treating 97164 as a 15-minute timed code.") == []


def test_a_mistake_the_writer_believes_elsewhere_is_still_a_claim(contradicted):
    text = ("CPT 97162 covers therapeutic exercise. "
            "One common mistake is using the 97162 code for self-directed exercise sessions.")
    assert len(contradicted(text)) == 2


def test_codes_named_by_kind_are_other_codes(contradicted):
    text = "CMS added edits that blocked billing 97150 and 97530 with the physical therapy evaluation codes."
    assert contradicted(text) == []


def test_that_code_right_after_the_words_points_back(auditor):
    text = ("Unattended stimulation is described by CPT 97014, but Medicare does not recognize that code "
            "and instead requires HCPCS code G0283.")
    status = {(f.code, f.verdict) for f in auditor.audit_text(text).findings if f.kind == "status"}
    assert status == {("97014", "supported")}


def test_a_negation_inside_the_words_is_part_of_them(contradicted):
    assert contradicted("The 8-minute rule does not apply to 97010 because the code is not timed.") == []


def test_an_excluded_service_is_wrong_even_beside_the_codes_own_service(contradicted):
    text = "G0283 is used for unattended electrical stimulation applied to promote the healing of chronic wounds."
    assert ("G0283", "wound care (unspecified)") in contradicted(text)


def test_bullets_under_a_mistakes_heading_deny_what_they_name(contradicted):
    text = ("What Is CPT 97113?\n\nCPT 97113 is aquatic therapy with exercise.\n\n"
            "Common Mistakes When Billing 97113\n\n  • Billing whirlpool time under 97113.\n")
    assert contradicted(text) == []


def test_a_list_under_a_heading_that_does_not_introduce_a_description_is_not_the_codes(claims):
    text = "CPT 97124 Session Steps\n\n- Therapeutic exercise warm-up\n- Documentation\n"
    assert claims(text) == []


def test_one_visit_that_lasted_about_some_minutes_is_not_a_typical_time(auditor):
    text = "Even though her evaluation also lasted about 45 minutes, the complexity points to 97167."
    assert [f for f in auditor.audit_text(text).findings if f.kind == "duration"] == []


def test_one_unit_of_an_untimed_code_is_right(contradicted):
    assert contradicted("She received 15 minutes of traction, billed as one unit of 97012.") == []


def test_codes_of_the_same_family_are_other_codes(contradicted):
    text = "CPT 97012 is mechanical traction, in the same family that includes hot and cold packs and whirlpool."
    assert contradicted(text) == []


def test_these_services_opening_a_sentence_refers_to_the_code_under_discussion(auditor):
    text = ("CPT 97032 covers attended electrical stimulation. "
            "These services are billed as a single unit per session.")
    assert [(f.code, f.kind, f.verdict) for f in auditor.audit_text(text).findings if f.kind == "timing"] == \
        [("97032", "timing", "contradicted")]


# ---- the code under discussion across sections and paragraphs

def test_a_heading_without_a_code_keeps_the_articles_code(claims):
    text = ("CPT 97035: A Billing Guide\n\nCPT 97035 is a modality code.\n\nCommon Billing Errors\n\n"
            "The most common error with this code is billing it for diathermy.")
    assert ("97035", "diathermy", True) in claims(text)


def test_a_new_paragraph_returns_to_its_sections_code(claims):
    text = ("What Is CPT 20561?\n\nCPT 20561 is dry needling of three or more muscles. Acupuncture is coded "
            "97810 instead.\n\nThe code is used for trigger point dry needling.")
    found = claims(text)
    assert ("20561", "dry_needling", True) in found
    assert not any(code == "97810" and concept == "dry_needling" for code, concept, _ in found)


def test_that_code_is_the_code_named_last(verdicts):
    text = ("What Is CPT 97166?\n\nBefore 2017, occupational therapists reported every evaluation with 97003.\n\n"
            "On January 1, 2017, that code was retired and replaced with the tiered codes.")
    assert not any(code == "97166" and verdict == "contradicted" for code, verdict, _ in verdicts(text))


@pytest.mark.parametrize("sentence", [
    "Billing for these gait training sessions is simple.",
    "Payers review such gait training claims closely.",
    "Document the distance walked in these gait training sessions.",
])
def test_a_service_inside_a_pointing_phrase_is_the_topics(claims, sentence):
    assert ("97112", "gait_training", True) in claims(f"What Is CPT 97112?\n\nCPT 97112 is common.\n\n{sentence}")


def test_the_reason_a_mistake_sentence_opens_with_is_the_writers_claim(contradicted):
    text = ("What Is CPT 20561?\n\nCPT 20561 is dry needling.\n\nCommon Mistakes\n\n"
            "Because the code is billed in 15-minute units, clinics that report one unit lose revenue.")
    assert ("20561", "timed (billed in 15-minute units)") in contradicted(text)


def test_only_the_reported_part_of_a_sentence_is_dropped(claims):
    found = claims("What Is CPT 97165?\n\nCPT 97165 is common.\n\nSome billing sites say this code is "
                   "billed in 15-minute units; in fact it is billed once per session.")
    assert ("97165", "untimed", True) in found and ("97165", "timed", True) not in found


def test_one_sentence_is_not_taken_to_say_a_code_is_timed_and_untimed(verdicts):
    text = "CPT 97018 is a supervised, untimed modality, usually a warm-up for the timed work that follows."
    assert [v for code, v, claim in verdicts(text) if code == "97018" and "timed" in (claim or "")] == ["supported"]


# ---- several codes in one sentence: worked examples, lists, apposition

def test_a_service_in_apposition_with_a_code_is_that_codes(claims):
    found = claims("That unit goes to 97035, the service with more minutes, and the cold pack, 97010, is listed once.")
    assert ("97010", "hot_cold_pack", True) in found and ("97035", "hot_cold_pack", True) not in found


def test_a_second_list_item_is_not_the_description_of_the_code_before_it(claims):
    found = claims("A new patient has an evaluation, then 24 minutes of 97530 and a cold pack.")
    assert ("97530", "hot_cold_pack", True) not in found


def test_an_uncertain_reading_among_several_codes_takes_the_code_the_words_fit(contradicted):
    text = ("A 97162 evaluation followed by 20 minutes of therapeutic exercise would be billed as one unit of "
            "97162 and one unit of 97110.")
    assert contradicted(text) == []
    text = ("Athletic trainers have three evaluation codes and a re-evaluation code: 97169 for low complexity, "
            "97170 for moderate complexity, 97171 for high complexity and 97172 for re-evaluation.")
    assert contradicted(text) == []


def test_no_other_timed_service_is_not_a_negation_of_the_code(contradicted):
    assert contradicted("A patient receives 7 minutes of 97140 and no other timed service.") == []
    assert contradicted("That is two units of 97110, provided no other timed service shares those minutes.") == []


def test_codes_named_by_kind_are_not_the_topic(contradicted):
    text = "What Is CPT 97018?\n\nCPT 97018 is a paraffin bath.\n\nThe rule is for timed codes, and this modality is " \
           "reported as one unit per session."
    assert contradicted(text) == []


def test_a_pointing_word_that_is_a_pronoun_points_at_no_service(claims):
    text = "What Is CPT 97035?\n\nCPT 97035 is ultrasound.\n\nThose are billed as one unit per session."
    assert ("97035", "untimed", True) not in claims(text)


def test_deleted_codes_under_a_history_heading_are_history(verdicts):
    text = ("Evaluation Codes Today\n\nCPT 97161 is a physical therapy evaluation.\n\n"
            "The History of the Old Evaluation Codes\n\n97001: physical therapy evaluation\n\n"
            "Physical therapists billed 97001 for an evaluation.")
    assert [v for code, v, _ in verdicts(text) if code == "97001"] and \
        all(v == "supported" for code, v, _ in verdicts(text) if code == "97001")


def test_what_a_sentence_says_of_the_topics_own_service_is_said_of_the_code(contradicted):
    text = ("What Is CPT 20561?\n\nCPT 20561 is dry needling of three or more muscles.\n\n"
            "Dry needling is billed in 15-minute units.\n\nHot packs are billed once per session.")
    found = contradicted(text)
    assert ("20561", "timed (billed in 15-minute units)") in found
    assert not any(claim and "session" in claim for _, claim in found)      # hot packs are another code's


def test_that_training_in_a_new_paragraph_is_the_service_named_before(contradicted):
    text = ("What Is CPT 97165?\n\nOccupational therapists spend a lot of time on self-care training.\n\n"
            "This post explains how to bill that training with CPT 97165.")
    assert ("97165", "self-care/home management training") in contradicted(text)


# ---- false alarms from blind probe articles, one construction each

@pytest.mark.parametrize("text", [
    "Leave untimed services such as 97010 and the evaluation codes out of the timed-minute total.",
    "G0283 excludes wound care by its own descriptor.",
    "The claim shows 97166 for the moderate-complexity OT evaluation, which is untimed, and two units of 97760.",
    "Because it is untimed, the 8-minute rule does not apply to 97150.",
    "What Is CPT 97760?\n\nCPT 97760 is orthotic management.\n\nThe old checkout code was 97762. "
    "That code was deleted on January 1, 2018, and its job passed to 97763.",
    "What Is CPT 20560?\n\nCPT 20560 is dry needling.\n\nIt is untimed, covers one or two muscles, and sits in "
    "the Surgery section, with 20561 used for three or more muscles.",
])
def test_right_sentences_from_real_constructions_are_not_flagged(contradicted, text):
    assert contradicted(text) == []


def test_a_letter_before_a_full_stop_ends_the_sentence_after_a_lower_case_word(analyse_text):
    text = "Category III codes end in the letter T. These codes come out twice a year. John F. Kennedy signed it."
    assert [s.text for s in analyse_text(text).sentences] == [
        "Category III codes end in the letter T.", "These codes come out twice a year.", "John F. Kennedy signed it."]


def test_a_swap_in_a_list_of_clauses_is_caught_not_read_charitably(contradicted):
    found = contradicted("98976 is used for the supply of a device that monitors the musculoskeletal system, "
                         "98977 is used for respiratory system devices.")
    assert {code for code, _ in found} == {"98976", "98977"}


def test_a_sibling_codes_detail_is_not_dropped_as_context(contradicted):
    assert ("98941", "extraspinal manipulation") in contradicted(
        "CPT code 98941 describes chiropractic manipulative treatment of extraspinal regions.")


@pytest.mark.parametrize("text", [
    "What Is CPT 97533?\n\nCPT 97533 is sensory integration.\n\nThe code belongs to a family that also includes "
    "therapeutic activities, reported as 97530, and community or work reintegration training, reported as 97537.",
    "The low-complexity evaluation is 97165, the high-complexity evaluation is 97167.",
    "Nor is it an assistive technology assessment; when a therapist assesses a patient for assistive technology "
    "and writes a report, that service is reported with 97755.",
    "The device supply codes 98976 and 98977 cover respiratory and musculoskeletal monitoring.",
    "Many people assume that unlisted codes always end in 99, but 97039 and 97139 are unlisted codes too.",
])
def test_lists_phrases_and_pointers_found_in_a_final_blind_set(contradicted, text):
    assert contradicted(text) == []


@pytest.mark.parametrize("text", [
    "What Is CPT 97124?\n\nCPT 97124 is therapeutic massage.\n\nFor example, the Evaluation and Management section "
    "includes codes for services such as office visits, while the Surgery section covers surgical procedures.",
    "What Is CPT 97124?\n\nCPT 97124 is therapeutic massage.\n\nThey may also incorporate other techniques such as "
    "stretching, joint mobilization, or heat therapy to enhance the effects of the massage.",
])
def test_such_as_gives_examples_it_does_not_point(contradicted, text):
    assert contradicted(text) == []


@pytest.mark.parametrize("text", [
    "A session might include 15 minutes of strengthening under 97110 followed by 15 minutes of gait training under 97116.",
    "Consider a Medicare visit with 12 minutes of 97035, 13 minutes of 97110, and 15 minutes of G0283.",
    "A 50-minute evaluation of a stable patient with one affected element is still 97161.",
    "What Is CPT 97140?\n\nCPT 97140 is manual therapy.\n\nIt is one of the codes payers question most, especially "
    "when it shows up next to massage or therapeutic activities.",
    "Mechanical traction using a cervical device is reported with 97012 instead, and that code is untimed.",
    "What Is CPT 97140?\n\nCPT 97140 is manual therapy.\n\n97140 With Therapeutic Activities",
    "What Is CPT 97168?\n\nCPT 97168 is the OT re-evaluation.\n\nThe old code was 97004. It was deleted in 2017 and "
    "replaced by 97168.",
    "This guide explains what CPT 20560 covers and how it differs from acupuncture.",
    "What Is CPT 98975?\n\nCPT 98975 is RTM set-up.\n\nSome articles swap these two; remember that the "
    "musculoskeletal code is the one ending in 7.",
    "It is distinct from the supply codes 98976 to 98978, from the management codes 98980 and 98981, and from "
    "remote physiologic monitoring, which therapists cannot bill.",
    "97532 was deleted in 2018 and replaced by 97127, a cognitive function intervention code reported once per day "
    "rather than in 15-minute units.",
])
def test_right_sentences_of_correct_blind_articles_stay_unflagged(contradicted, text):
    assert contradicted(text) == []


@pytest.mark.parametrize("text, expected", [
    ("# CPT 97112\n\nThe service usually includes stair climbing with a cane.", ("97112", "gait_training", True)),
    ("# CPT 97035\n\nThe treatment is delivered with shortwave equipment.", ("97035", "diathermy", True)),
])
def test_a_sentence_opening_with_the_service_speaks_of_the_code(claims, text, expected):
    assert expected in claims(text)


@pytest.mark.parametrize("text", [
    "# CPT 97124\n\nThe treatment plan may include therapeutic exercises as well.",   # the plan, not the service
    "# CPT 97124\n\nMost clinics pair the treatment with therapeutic exercise.",        # not the sentence's subject
])
def test_the_service_words_elsewhere_do_not_point_at_the_code(claims, text):
    assert not [c for c in claims(text) if c[0] == "97124"]


@pytest.mark.parametrize("text, expected", [
    ("In my notes, ultrasound goes with 97024 and diathermy goes with 97035.",
     [("97024", "ultrasound", True), ("97035", "diathermy", True)]),
    ("Choose the one that matches the condition: respiratory for 98977 and musculoskeletal for 98976.",
     [("98977", "respiratory", True), ("98976", "musculoskeletal", True)]),
])
def test_a_service_written_for_or_with_a_code_is_said_of_that_code(claims, text, expected):
    found = claims(text)
    assert all(e in found for e in expected)


@pytest.mark.parametrize("text, expected", [
    ("The supervised modalities, 97010 through 97028, are billed per 15 minutes.",
     {("97010", "contradicted"), ("97028", "contradicted")}),
    ("Codes 97161-97163 are untimed.", {("97161", "supported"), ("97163", "supported")}),
])
def test_a_property_of_a_range_is_checked_at_both_ends(auditor, text, expected):
    found = {(f.code, f.verdict) for f in auditor.audit_text(text).findings if f.kind == "timing"}
    assert found == expected


def test_a_range_still_names_no_single_service(claims):
    assert claims("Codes 97161-97163 are physical therapy evaluations.") == []


def test_a_pointing_phrase_that_repeats_the_head_noun_of_the_service_before_means_that_service(claims):
    text = ("# CPT 97140\n\nThe therapist uses long massage strokes on the back.\n\n"
            "When a therapist works through these strokes on a tight neck, 97140 is the code that goes on the claim.")
    assert ("97140", "massage", True) in claims(text)
    # a different noun after 'these' is no pointer to the service
    assert claims("# CPT 97140\n\nThe therapist uses long massage strokes.\n\nThese claims go to 97140.") == []


def test_a_field_of_a_glance_list_is_said_of_the_headings_code(claims):
    text = ("# CPT 97140 at a Glance\n\n- Service: therapeutic massage with stroking\n"
            "- Billing unit: each 15 minutes\n- Section: Physical Medicine and Rehabilitation")
    found = claims(text)
    assert ("97140", "massage", True) in found and ("97140", "timed", True) in found
    # an item with no field name before a colon is not a field
    assert claims("# CPT 97140 at a Glance\n\n- Patients enjoy therapeutic massage after work") == []


@pytest.mark.parametrize("text, expected", [
    # an answer word is no negation of what follows it
    ("# Is 97113 billed by the minute?\n\nNo, it is reported as one unit per session.",
     ("97113", "contradicted")),
    # a bare 'No' denies what the answer repeats from the question
    ("# Does the 8-minute rule apply to 97022?\n\nNo, the 8-minute rule applies only to timed codes.",
     ("97022", "supported")),
    # an answer with its own negation says it itself
    ("# Is 97116 untimed?\n\nNo, this is not an untimed code.", ("97116", "supported")),
])
def test_no_at_the_start_of_an_answer(auditor, text, expected):
    assert expected in {(f.code, f.verdict) for f in auditor.audit_text(text).findings if f.kind == "timing"}


def test_units_said_of_the_service_the_writer_gave_the_code_are_said_of_the_code(auditor):
    text = ("# CPT G0283\n\nG0283 is billed for wound stimulation in our clinic.\n\n"
            "A 30-minute wound stimulation session would therefore be reported as two units.")
    assert ("G0283", "timing", "contradicted") in {(f.code, f.kind, f.verdict) for f in auditor.audit_text(text).findings}


@pytest.mark.parametrize("text, expected", [
    # the item names the misuse itself: a tight denial
    ("# CPT 98941\n\n## Common mistakes\n\n- Using 98941 for spinal adjustments.", ("98941", "contradicted")),
    ("# CPT 97110\n\n## Common mistakes\n\n- Using 97110 for massage.", ("97110", "supported")),
    # a denied denial: using 97032 without attendance is the mistake, so 97032 needs attendance
    ("# CPT 97032\n\n## Common mistakes\n\n- Using 97032 when the clinician was not in constant attendance.",
     ("97032", "supported")),
])
def test_an_item_under_common_mistakes_that_names_a_misuse(auditor, text, expected):
    assert expected in {(f.code, f.verdict) for f in auditor.audit_text(text).findings if f.kind == "identity"}


def test_a_misuse_item_does_not_deny_the_code_it_sets_against(auditor):
    text = "# CPT 97530\n\n## Common mistakes\n\n- Reporting group sessions here instead of under 97150, the group code."
    assert not [f for f in auditor.audit_text(text).findings if f.code == "97150" and f.verdict == "contradicted"]


def test_minutes_said_of_the_evaluation_under_an_evaluation_codes_heading(auditor):
    text = ("# CPT 97166\n\nTypically, the occupational therapist spends about 30 minutes face to face with the "
            "patient when performing this evaluation.")
    assert ("97166", "duration", "contradicted") in {(f.code, f.kind, f.verdict) for f in auditor.audit_text(text).findings}
    # a code with no typical time takes no duration from its service's words
    text = "# CPT 97110\n\nA typical exercise session lasts about 30 minutes."
    assert not [f for f in auditor.audit_text(text).findings if f.kind == "duration" and f.verdict == "contradicted"]


def test_it_opening_a_list_item_is_the_code_the_list_is_about(claims):
    text = ("Key points about 97163:\n\n- It sits in the middle of the three tiers, above 97161 and below 97162.\n"
            "- It is chosen for an evolving clinical presentation.")
    assert ("97163", "moderate_complexity", True) in claims(text)
    # later in an item that names its own code, 'It' is that code
    text = ("Here is how they differ:\n\n- 97542 is wheelchair management. It is not an orthotic code.")
    assert not [c for c in claims(text) if c[0] != "97542"]


@pytest.mark.parametrize("text, expected, absent", [
    ("98981 is an add-on to 98980, covering each additional 20 minutes of management in the same month.",
     ("98981", "rtm_additional_20_minutes", True), ("98980", "rtm_additional_20_minutes", True)),
    ("Thread: Sanity check on my unit math (97110, 97530, group, aquatics)", None,
     ("97530", "aquatic_therapy", True)),
    ("The Medicine section runs from 90281 to 99607, the Evaluation and Management section from 99202 to 99499, "
     "and the Surgery section from 10004 to 69990.", None, ("99202", "section_surgery", True)),
])
def test_words_that_belong_to_another_part_of_the_sentence(claims, text, expected, absent):
    found = claims(text)
    assert (expected is None or expected in found) and absent not in found


def test_a_property_after_a_pointing_phrase_is_said_of_what_it_names(claims):
    assert not [c for c in claims("# CPT 97530\n\nAfter strong pushback, those edits were removed.") if c[0] == "97530"]
    assert ("97166", "low_complexity", True) in claims(
        "# CPT 97166\n\nThe note for these low-complexity evaluations should show each element.")


def test_a_pointer_in_a_later_clause_points_back_at_the_code_named_before(contradicted):
    assert ("98942", "extraspinal manipulation") in contradicted(
        "That visit is a textbook 98942, because the code describes extraspinal work on the joints of the arms.")


def test_cannot_unless_states_a_requirement(auditor):
    found = {(f.code, f.kind, f.verdict) for f in auditor.audit_text(
        "97165 cannot be billed unless the therapist spends at least 30 minutes with the patient.").findings}
    assert ("97165", "duration", "contradicted") in found


def test_a_pointing_phrase_may_repeat_the_services_word_in_another_form(contradicted):
    assert ("97112", "gait training") in contradicted(
        "OTs often train patients to walk safely to the bathroom, and that functional walking can be billed with 97112.")


def test_the_tie_breaker_never_moves_words_onto_a_code_set_against_them(claims):
    found = claims("Ultrasound is a deep-heating modality and is reported with 97024, the diathermy code, not with 97035.")
    assert ("97035", "ultrasound", False) not in found and ("97024", "ultrasound", True) in found


# ---- a service the article gave its code, named again bare where it is billed

_ECHO_ARTICLE = "# What Is CPT Code 97112?\n\nCPT 97112 describes gait training for patients who walk unsafely.\n\n" \
                "## Documentation\n\n{sentence}\n"


@pytest.mark.parametrize("sentence", [
    "Auditors want to see that the gait training required the skills of a therapist.",
    "Payers deny claims when the gait training is not tied to a goal.",
    "Document the gait training distance and the assistive device.",
])
def test_a_bare_service_in_billing_words_repeats_the_articles_claim(claims, sentence):
    found = claims(_ECHO_ARTICLE.format(sentence=sentence))
    assert found.count(("97112", "gait_training", True)) == 2


@pytest.mark.parametrize("sentence", [
    "Gait training helps patients walk farther with less fatigue.",          # about the service, not its billing
    "Auditors want to see that the balance work required a therapist.",      # a service the article never gave it
    "Auditors do not expect gait training to be billed here.",               # negated
    "Gait training is billed with 97116, so document it there.",             # names its own code
])
def test_a_bare_service_elsewhere_is_no_claim(claims, sentence):
    found = claims(_ECHO_ARTICLE.format(sentence=sentence))
    assert found.count(("97112", "gait_training", True)) == 1


def test_the_service_inside_a_sentence_is_the_service_it_named_before(claims):
    found = claims("Older references list diathermy under 97024, but current practice is to report the service with 97035.")
    assert ("97035", "diathermy", True) in found


def test_a_code_in_parentheses_after_a_contrast_belongs_to_it(claims):
    found = claims("And unlike the supervised modalities such as hot packs (97010), a group session still needs "
                   "the clinician present.")
    assert ("97010", "group_therapy", True) not in found


def test_a_structure_statement_does_not_run_across_a_clause_break(verdicts):
    found = verdicts("G0283 is a HCPCS Level II code maintained by CMS, while CPT codes are maintained by the AMA.")
    assert not any(v[1] == "contradicted" for v in found)


@pytest.mark.parametrize("text", [
    "Physical therapy evaluation moved from 97001 to three complexity levels, 97161, 97162 and 97163.",
    "If you still see 97762 on an old charge sheet, it is out of date, and the replacement is 97763.",
])
def test_a_deleted_code_told_as_moved_or_out_of_date_is_history(verdicts, text):
    assert not any(v[1] == "contradicted" for v in verdicts(text))


@pytest.mark.parametrize("text, expected", [
    ("Two regions were treated, so the visit is billed with 98941.", ("98941", "spinal_regions_1_2", True)),
    ("Bill 98941 because two regions were adjusted.", ("98941", "spinal_regions_1_2", True)),
    ("If three muscles are needled, bill 20561.", ("20561", "muscles_3_plus", True)),
    ("If a patient has three muscles needled, bill 20560.", ("20560", "muscles_3_plus", True)),
    ("Adjusting four regions is billed with 98941.", ("98941", "spinal_regions_3_4", True)),
])
def test_a_count_of_regions_or_muscles_names_the_extent_a_reason_or_condition_gives_a_code(claims, text, expected):
    assert expected in claims(text)


def test_a_condition_that_names_its_own_code_gives_no_extent(claims):
    assert not [c for c in claims("If 20560 covers two muscles, bill 20561 for the rest.") if c[0] == "20561"]


def test_this_kind_of_treatment_is_the_service_named_before(claims):
    found = claims("Hand hydrotherapy in a small whirlpool helps stiff fingers. "
                   "CPT 97036 is the code that describes this kind of water-based treatment.")
    assert ("97036", "whirlpool", True) in found


def test_this_kind_of_followed_by_a_service_is_that_service(claims):
    found = claims("A whirlpool helps stiff fingers. CPT 97124 is the code for this kind of massage.")
    assert ("97124", "massage", True) in found and ("97124", "whirlpool", True) not in found


@pytest.mark.parametrize("text, expected", [
    ("Just remember that 97535 is for moving and lifting.", ("97535", "therapeutic_activities", True)),
    ("Use 97110 for strengthening, and 97112 for the walking portion of the session.", ("97112", "gait_training", True)),
    ("97035 is the stimulation code most billers use.", ("97035", "electrical_stimulation", True)),
    ("Unlike 97112, which targets balance, 97116 is about the act of walking itself.", ("97116", "gait_training", True)),
])
def test_a_code_defined_in_plain_words_names_its_service(claims, text, expected):
    assert expected in claims(text)


@pytest.mark.parametrize("text", [
    "97165 is for patients who struggle with bathing.",                 # who, not what
    "You should not bill 97110 for the same minutes the patient spent walking.",   # negated
    "If you think 97035 is the stimulation code, read on.",            # supposed
])
def test_plain_words_after_a_code_that_define_nothing_claim_nothing(claims, text):
    assert not [c for c in claims(text) if c[2]]


def test_a_service_word_given_to_a_code_by_a_billing_verb_names_it(claims):
    assert ("97112", "gait_training", True) in claims("Walking practice on stairs is billed with 97112.")


def test_a_believed_service_repeats_in_a_sentence_that_names_only_the_articles_code(claims):
    text = ("# CPT 97112\n\nCPT 97112 describes gait training.\n\n"
            "Because 97112 is a time-based code, you need to track the minutes of direct gait training you provide.\n")
    assert claims(text).count(("97112", "gait_training", True)) == 2


def test_services_named_as_other_codes_are_no_echo(claims):
    text = ("# CPT 97167\n\nCPT 97167 is the re-evaluation for occupational therapy.\n\n"
            "No, 97167 is an occupational therapy code; physical therapists bill their own re-evaluation codes.\n")
    assert claims(text).count(("97167", "reevaluation", True)) == 1


_WRONG_THROUGHOUT = ("# CPT Code 97112 Explained\n\n"
                     "CPT code 97112 covers gait training after a stroke or a fracture.\n\n"
                     "## What the work looks like\n\n"
                     "Most of the minutes go to stair climbing practice with a rail.\n\n"
                     "A good 97112 note says how the patient walks today compared with last week.\n\n"
                     "## Documentation\n\n"
                     "Therapists bill 97112 for gait training in 15-minute units.\n")


@pytest.fixture
def said_of(analyse_text, auditor):
    """The first words of each sentence with an identity claim about a code, and the claimed service."""
    def run(text, code):
        return {(c.sentence.text.split()[0], c.value) for c in link(analyse_text(text), auditor.grammar)
                if c.code == code and c.kind == "identity" and c.value and c.polarity}
    return run


def test_an_article_that_pictures_its_code_as_another_service_repeats_it_everywhere(said_of):
    # the code-less sentence under the article's own heading, and the bare mention with a plain service word
    assert said_of(_WRONG_THROUGHOUT, "97112") == {("CPT", "gait_training"), ("Most", "gait_training"),
                                                   ("A", "gait_training"), ("Therapists", "gait_training")}


def test_a_single_wrong_belief_does_not_picture_the_article(said_of):
    once = _WRONG_THROUGHOUT.replace("Therapists bill 97112 for gait training", "Therapists bill 97112")
    assert said_of(once, "97112") == {("CPT", "gait_training")}


def test_an_article_that_names_the_codes_own_service_as_often_is_not_pictured(said_of):
    mixed = _WRONG_THROUGHOUT.replace("in 15-minute units.", "in 15-minute units. CPT 97112 covers balance "
                                      "training. Code 97112 is neuromuscular re-education.")
    assert {first for first, concept in said_of(mixed, "97112") if concept == "gait_training"} == {"CPT", "Therapists"}


def test_a_case_billed_in_a_pictured_article_repeats_the_picture(said_of):
    text = _WRONG_THROUGHOUT + ("\nSo if a patient spends 30 minutes on stair climbing practice with a rail, you "
                                "would report two units.\n\nIf stair climbing practice tires the patient, rest for a minute.\n")
    firsts = {first for first, concept in said_of(text, "97112") if concept == "gait_training"}
    assert "So" in firsts and "If" not in firsts


def test_a_kind_of_word_names_its_service_in_a_pictured_article(said_of):
    text = _WRONG_THROUGHOUT + "\nEvery 97112 session is walking-based.\n"
    assert ("Every", "gait_training") in said_of(text, "97112")


def test_the_pictured_service_is_flagged_in_sentences_without_the_code(auditor):
    flagged = [f.sentence.split()[0] for f in auditor.audit_text(_WRONG_THROUGHOUT).findings
               if f.verdict == "contradicted" and f.code == "97112"]
    assert flagged == ["CPT", "Most", "A", "Therapists"]


@pytest.mark.parametrize("text, expected", [
    ("So if the therapist mobilizes a stiff joint or performs myofascial release, the correct code is 97124.",
     ("97124", "manual_therapy", True)),
    ("If the therapist performs massage strokes on the soft tissue, the correct code is 97140.",
     ("97140", "massage", True)),
    ("If the patient did exercises, bill 97110.", ("97110", "therapeutic_exercise", True)),
])
def test_a_condition_then_the_code_to_use_is_a_rule_about_that_code(claims, text, expected):
    assert expected in claims(text)


def test_a_supposed_claim_that_prescribes_nothing_stays_supposed(claims):
    assert not [c for c in claims("If your claim says 97024 for ultrasound, fix it.") if c[1] == "ultrasound"]


@pytest.mark.parametrize("text, expected", [
    ("Both are re-evaluations, but 97164 belongs to PT and 97167 belongs to OT.",
     {("97164", "reevaluation", True), ("97167", "reevaluation", True)}),
    ("Both are electrical stimulation codes, but 97014 is used when the patient is alone, while 97035 is used "
     "when the clinician stays.", {("97014", "electrical_stimulation", True), ("97035", "electrical_stimulation", True)}),
])
def test_what_both_are_is_said_of_each_code(claims, text, expected):
    assert expected <= set(claims(text))


def test_orthotic_prosthetic_keywords_in_a_definition(claims, verdicts):
    assert ("97761", "orthotic_initial", True) in claims("97761 is only for the initial orthotic encounter.")
    assert ("97761", "contradicted", "orthotic management at the initial encounter") in \
        verdicts("97761 is only for the initial orthotic encounter.")


def test_a_keyword_after_without_names_nothing(claims):
    found = claims("97810 covers the first 15 minutes of one-on-one contact without electrical stimulation.")
    assert not [c for c in found if c[1] == "electrical_stimulation"]


@pytest.mark.parametrize("item, concept", [
    ("Walking on level surfaces with or without an assistive device", "gait_training"),
    ("Lifting and lowering weighted crates from floor to waist height", "therapeutic_activities"),
    ("Bathing and grooming with adaptive equipment", "self_care_training"),
])
def test_a_list_item_of_a_description_opening_with_a_plain_service_word_is_the_codes(claims, item, concept):
    text = f"What Does 97112 Include?\n\nPayers accept the following interventions under CPT 97112:\n\n  • {item}\n"
    assert ("97112", concept, True) in claims(text)


@pytest.mark.parametrize("item", [
    "Treadmill walking for endurance",                  # two services: says neither
    "Correction of posture and body mechanics",         # an aim, under 'clinical applications'
    "Documentation of the minutes",                     # no service word
])
def test_a_list_item_without_one_plain_service_word_says_nothing(claims, item):
    text = f"Some of the clinical applications of CPT Code 97110 include:\n\n  • {item}\n"
    assert claims(text) == []


def test_plain_service_words_in_a_list_that_is_no_description_say_nothing(claims):
    text = "CPT 97112 Session Steps\n\n- Walking to the treatment room\n- Lifting the patient's chart\n"
    assert claims(text) == []


def test_a_negated_predicate_right_after_the_words_turns_an_anchorless_claim_around(claims):
    text = ("Quick Reference for CPT 97018\n\n  \u2022 Code definition: CPT 97018 is a paraffin bath.\n  \u2022 Key billing "
            "rule: Bill 1 unit per session. MUE = 1 per date of service; additional units are denied automatically.\n")
    assert ("97018", "timed", False) in claims(text)


def test_a_sentence_that_goes_on_with_or_continues_the_question(claims):
    text = ("CPT 97124 vs 97140\n\nAs a provider, could you tell which of these services is a massage? "
            "Or which is manual therapy. The answer matters.")
    assert claims(text) == []


def test_which_of_these_services_is_a_choice_not_a_claim(claims):
    text = ("What is CPT 97124?\n\nCPT 97124 is massage. Massage and manual therapy are different services. "
            "The code should be assigned based on which of these services was performed.")
    assert ("97124", "manual_therapy", True) not in claims(text)


def test_a_service_the_sentence_denies_is_no_antecedent_for_this_service(claims):
    text = "CPT G0283\n\nG0283 is not for wound care. Billing for this service needs a plan of care."
    assert ("G0283", "wound_care", True) not in claims(text)


# ---- session 11: what a clause, a parenthesis and a record line are about

def test_a_code_that_opens_its_own_clause_is_not_joined_to_the_code_before(claims):
    text = "The first two hours are always 97545, and 97546 is only for each additional hour."
    found = claims(text)
    assert ("97545", "work_first_two_hours", True) in found
    assert ("97546", "work_first_two_hours", True) not in found
    assert ("97546", "work_additional_hour", True) in found


def test_codes_joined_by_a_bare_comma_stay_one_group(claims):
    found = claims("97014 and G0283 are untimed, and 97032, 97035 are timed.")
    assert {("97032", "timed", True), ("97035", "timed", True)} <= set(found)


def test_a_service_after_a_labelled_parenthesis_and_a_coordinator_is_another_thing(claims):
    text = "The attended version (97032) and the unattended version are easy to mix up."
    assert not any(code == "97032" for code, _, _ in claims(text))


def test_a_property_after_a_labelled_parenthesis_still_holds_for_the_code(claims):
    assert ("97035", "timed", True) in claims("Ultrasound (97035) and iontophoresis are timed.")


@pytest.mark.parametrize("text", [
    "This is the point that separates 97597 from the non-selective debridement code discussed below.",
    "Never bill 97140 with the massage code on the same region.",
])
def test_a_service_that_names_another_code_by_kind_is_not_the_first_codes(claims, text):
    assert not any(value in ("non_selective_debridement", "massage") for _, value, _ in claims(text))


def test_the_x_code_is_code_still_defines_it(claims):
    text = "97165, 97166 and 97167 are the OT evaluations, and the OT re-evaluation code is 97168."
    assert ("97168", "ot_reevaluation", True) in claims(text)


def test_a_service_outside_which_a_code_is_used_is_not_the_codes(claims):
    found = claims("Medicare uses G0283 for unattended stimulation outside wound care.")
    assert ("G0283", "wound_care", True) not in found
    assert ("G0283", "unattended_estim", True) in found


@pytest.mark.parametrize("line, code, value", [
    ("97016 - vasopneumatic compression device; timed.", "97016", "timed"),
    ("97530 - functional, multi-component activity; one unit per visit.", "97530", "untimed"),
    ("97112 - neuromuscular re-education for balance and posture; untimed.", "97112", "untimed"),
])
def test_each_field_of_a_code_line_is_the_codes(claims, line, code, value):
    assert (code, value, True) in claims(f"Codes at a glance:\n\n- {line}\n")


def test_an_appositive_after_a_successor_describes_the_successor(claims):
    text = ("97532 was deleted in 2018 and replaced by 97127, a cognitive function intervention code reported "
            "once per day rather than in 15-minute units.")
    found = claims(text)
    assert ("97127", "billed_once", True) in found
    assert not any(code == "97532" and value == "billed_once" for code, value, _ in found)


def test_a_code_right_before_a_service_noun_is_that_nouns_code(claims):
    found = claims("Stack 98977 device supply with 98980 treatment management for the month.")
    assert ("98977", "rtm_device_supply", True) in found
    assert ("98980", "rtm_device_supply", True) not in found


def test_a_contrast_phrase_inside_the_subject_ends_at_its_code(claims):
    text = "Billing an E/M code on the same day as 98941 requires Modifier 25 to avoid a bundling rejection."
    assert not any(code == "98941" for code, _, _ in claims(text))


def test_the_code_you_bill_is_any_code(claims):
    text = ("CPT 98941 Guide\n\nMedicare defines five spinal regions for chiropractic billing.\n\n"
            "The CPT code you bill depends on how many of these regions you treat.")
    assert not any(value == "spinal_regions_5" for _, value, _ in claims(text)[1:])


@pytest.mark.parametrize("lead", [
    "Therapists may use 97530 for a wide range of diagnoses, including:",
    "Common conditions treated with 97530 include:",
])
def test_a_list_of_conditions_is_no_description_of_the_code(claims, lead):
    assert claims(f"{lead}\n\n- Balance and vestibular dysfunctions\n- Sensory integration problems\n") == []


def test_a_list_the_note_must_document_still_describes_the_code(claims):
    text = ("To support 97161, the note must document all four components:\n\n"
            "- History: three or more personal factors or comorbidities that affect the plan of care\n")
    assert ("97161", "high_complexity", True) in claims(text)


def test_lettered_choices_after_a_quiz_question_claim_nothing(claims):
    text = ("Question 6\nWhich level of complexity does 97170 describe?\nA) Low\nB) Moderate\nC) High\n"
            "D) Re-evaluation\n\nAnswer: C")
    assert claims(text) == []


@pytest.mark.parametrize("text", [
    "CPT 97032\n\n97032, on the other hand, is the set-it-and-leave-it version.",
    "CPT 97032\n\nThat is allowed for this code because constant attendance is not required.",
])
def test_unattended_e_stim_in_other_words(contradicted, text):
    assert any(code == "97032" for code, _ in contradicted(text))


@pytest.mark.parametrize("text, code", [
    ("CPT 98977\n\nIt is the respiratory counterpart to 98976.", "98977"),
    ("98985 is the respiratory version, matching 98977.", "98985"),
])
def test_the_code_a_service_is_the_counterpart_of_is_another_code(claims, text, code):
    found = claims(text)
    assert (code, "respiratory", True) in found
    assert not any(c != code and value == "respiratory" for c, value, _ in found)


def test_when_the_articles_code_is_set_against_the_service_goes_to_the_code_named_last(claims):
    text = ("CPT 97140: Manual Therapy\n\n97140 versus 97124: massage is not manual therapy\n\n"
            "Therapeutic massage has its own code, 97124, built around effleurage. Unlike 97140, though, massage is "
            "billed once per session no matter how long it lasts.")
    found = claims(text)
    assert ("97124", "untimed", True) in found
    assert not any(code == "97140" and value == "untimed" for code, value, _ in found)


def test_a_code_the_sentence_opens_with_is_what_the_rest_describes(claims):
    text = ("With 97032, the therapist applies the electrodes, sets the unit, and then is free to work with other "
            "patients while the stimulation runs.")
    assert ("97032", "supervised_modality", True) in claims(text)


def test_a_fronted_code_does_not_take_a_service_the_sentence_sets_against_it(claims):
    assert ("97110", "manual_therapy", True) not in claims("For 97110, unlike manual therapy, the patient moves.")


def test_if_you_remember_that_asserts_what_follows(claims):
    text = "If you remember that 97035 is the stimulation code, you will avoid the denials we see most often."
    assert ("97035", "electrical_stimulation", True) in claims(text)


def test_a_real_condition_still_supposes(claims):
    text = "If your claim says 97035 for stimulation, the payer will deny it."
    assert ("97035", "electrical_stimulation", True) not in claims(text)


def test_a_question_about_mistakes_frames_only_its_own_answer(claims):
    text = ("TOM: And the big mistake people make there?\n\nDENISE: Billing 97140 for massage.\n\n"
            "TOM: Are these timed?\n\nDENISE: 97124 is untimed, one per visit.")
    assert ("97124", "untimed", True) in claims(text)


def test_a_fact_paragraph_under_a_myth_heading_is_asserted(claims):
    text = ("Aquatic Therapy Billing: Myths vs. Facts\n\nMYTH 3: \"The Hubbard tank is aquatic therapy\"\n\n"
            "FACT: 97036 is the Hubbard tank. Like whirlpool, 97036 is an untimed supervised modality.")
    assert ("97036", "untimed", True) in claims(text)


def test_a_payers_rule_answering_a_general_question_is_not_the_topics(contradicted):
    text = ("CPT 98940\n\n98940 is CMT of one or two spinal regions.\n\nHow does the region count work?\n\n"
            "Medicare recognizes five spinal regions, cervical, thoracic, lumbar, sacral, and pelvic.")
    assert contradicted(text) == []


def test_what_a_guide_covers_is_no_claim_about_the_code(claims):
    text = ("This guide covers what therapists need to know about 97760, from its clinical scope to how it "
            "interacts with E&M visits.")
    assert not any(value for code, value, _ in claims(text) if code == "97760")


def test_a_labelled_code_after_a_comma_opens_the_next_item(claims):
    text = ("The most billed codes are CPT Code 98940 Chiropractic manipulative treatment (CMT); Spinal, 1-2 regions, "
            "CPT Code 98941 Chiropractic manipulative treatment (CMT); Spinal, 3-4 regions.")
    assert not any(code == "98941" and value == "spinal_regions_1_2" for code, value, _ in claims(text))


def test_a_fix_it_paragraph_under_a_mistakes_heading_is_asserted(claims):
    text = ("Common Mistakes\n\nMistake: billing two units of whirlpool.\n\n"
            "Fix it: Put ultrasound treatments under 97024 so the team is consistent.")
    assert ("97024", "ultrasound", True) in claims(text)


def test_a_count_of_vertebrae_in_a_reason_is_said_of_the_code_billed(contradicted):
    text = "If I adjust you at C5, C6, T4 and T5, I bill 98941 because four vertebrae were adjusted."
    assert ("98941", "a count of vertebrae (spinal manipulation)") in contradicted(text)


def test_paragraphs_under_a_numbered_mistake_heading_explain(claims):
    text = ("Mistake #10: Not knowing the unlisted modality code\n\n"
            "When no code fits a constant-attendance modality, use 97039. G0283 is a CPT code that Medicare created.")
    assert ("G0283", "system_cpt", True) in claims(text)


def test_a_list_under_a_numbered_mistake_heading_still_names_mistakes(contradicted):
    text = "Mistake #2: Wrong codes for walking\n\n- Billing 97112 for gait training.\n"
    assert contradicted(text) == []


def test_unlike_a_code_followed_by_its_own_subject_ends_the_contrast(claims):
    text = "97032 requires constant attendance, and unlike 97014 it's timed in 15-minute units."
    assert ("97014", "timed", True) not in claims(text)


def test_what_blogs_claim_is_reported(contradicted):
    assert contradicted("I've seen blogs claim G0283 is a wound-care code.") == []


def test_respectively_pairs_codes_and_services_in_order(auditor):
    text = "97110 and 97112 cover balance training and exercise, respectively."
    hits = {(f.code, f.verdict) for f in auditor.audit_text(text).findings if f.kind == "identity"}
    assert hits == {("97110", "contradicted"), ("97112", "contradicted")}


def test_respectively_pairs_from_the_end_when_the_services_are_fewer(auditor):
    text = "Codes 97760 and 97761 are used for initial encounters for orthotic and prosthetic training, respectively."
    assert not [f for f in auditor.audit_text(text).findings if f.verdict == "contradicted"]


def test_alternatives_a_family_name_lists_are_not_the_codes_own(auditor):
    text = ("CPT 98977 – Remote therapeutic monitoring (e.g., respiratory system status, musculoskeletal system "
            "status, therapy adherence); device supply, musculoskeletal system.")
    assert not [f for f in auditor.audit_text(text).findings if f.verdict == "contradicted"]


@pytest.mark.parametrize("text, codes", [
    ("The acupuncture codes were introduced in 2015.", {"97810", "97811", "97813", "97814"}),
    ("Subsequent orthotic or prosthetic encounters use 97763, which took effect in 2017.", {"97763"}),
    ("97164 was added to CPT in 2019, two years after the tiered evaluations.", {"97164"}),
    # a family came with its first codes: the 2026 additions do not make 2022 wrong
    ("The RTM codes were first payable on 1 January 2020.", {"98975", "98976", "98977", "98980", "98981"}),
])
def test_years_a_code_or_family_took_effect(auditor, text, codes):
    hits = {f.code for f in auditor.audit_text(text).findings if f.kind == "status" and f.verdict == "contradicted"}
    assert hits == codes


def test_a_family_introduced_in_its_first_year_is_right(auditor):
    text = "The RTM codes were introduced in 2022."
    assert {f.verdict for f in auditor.audit_text(text).findings if f.kind == "status"} == {"supported"}


def test_a_declarative_sentence_under_a_mistakes_heading_is_the_writers_own(auditor):
    text = ("# CPT 97124\n\nCPT 97124 is therapeutic massage.\n\nCommon Mistakes to Avoid\n\nIf the note describes "
            "passive stretching only, the payer may question whether the therapeutic exercise billed under 97124 "
            "really took place.")
    hits = [f for f in auditor.audit_text(text).findings if f.verdict == "contradicted"]
    assert [(f.code, f.claim) for f in hits] == [("97124", "therapeutic exercise")]


def test_a_misuse_listed_under_a_mistakes_heading_is_still_a_mistake(auditor):
    text = "# CPT 97124\n\nCPT 97124 is therapeutic massage.\n\nCommon Mistakes\n\n- Billing 97124 for joint mobilization."
    assert not [f for f in auditor.audit_text(text).findings if f.verdict == "contradicted"]


@pytest.mark.parametrize("text", [
    "Some billers believe 97039 is a HCPCS Level II code, but it is a CPT code from the physical medicine range.",
    "Some therapists also think that 97161 can be used for modalities such as a hot pack.",
])
def test_what_others_believe_is_reported_not_claimed(auditor, text):
    assert not [f for f in auditor.audit_text(text).findings if f.verdict == "contradicted"]


@pytest.mark.parametrize("sentence, verdict", [
    ("Most clinics also use it for balance and proprioception work.", "contradicted"),
    ("Clinics bill it for balance work.", "contradicted"),
    ("Never bill it for balance work.", "supported"),
    # the writer files the other service under the code's own
    ("Most clinics also use it for balance work, because these are forms of exercise.", "contradicted"),
])
def test_the_code_as_the_object_of_a_billing_verb(auditor, sentence, verdict):
    text = "# CPT 97110\n\nCPT 97110 is therapeutic exercise. " + sentence
    hits = [f.verdict for f in auditor.audit_text(text).findings if f.concept == "neuromuscular_reeducation"]
    assert hits == [verdict]


def test_minutes_counted_into_units_repeat_the_service_the_article_gave_its_code(auditor):
    text = ("# CPT 97140\n\nCPT 97140 is therapeutic massage.\n\nBilling Units\n\nCPT Code 97140 is a timed code. "
            "The therapist records the minutes of massage and converts them to units with the 8-minute rule.")
    hits = [f for f in auditor.audit_text(text).findings if f.verdict == "contradicted" and "records" in f.sentence]
    assert [(f.code, f.claim) for f in hits] == [("97140", "massage")]


def test_this_code_right_before_its_words_is_the_sections_code(auditor):
    text = ("# CPT 20561\n\nCPT 20561 is dry needling. On January 1, 2020, the AMA introduced two new codes: 20560 for "
            "one or two muscles and this code for three or more muscles.")
    assert not [f for f in auditor.audit_text(text).findings if f.verdict == "contradicted"]


def test_this_code_after_another_code_in_the_sentence_is_the_sections_code(auditor):
    text = ("# G0283\n\nG0283 is unattended stimulation for Medicare.\n\nFor commercial payers, the equivalent CPT code "
            "is 97014, which describes unattended stimulation. Medicare does not recognize 97014, so stimulation for "
            "Medicare patients is billed with this code.")
    assert not [f for f in auditor.audit_text(text).findings if f.verdict == "contradicted"]


def test_a_list_after_the_four_codes_are_is_no_distribution(auditor):
    text = ("The four codes are 97810 and 97811 for acupuncture without electrical stimulation, and 97813 and 97814 "
            "for acupuncture with electrical stimulation.")
    assert not [f for f in auditor.audit_text(text).findings if f.verdict == "contradicted"]


@pytest.mark.parametrize("text", [
    "The descriptors list typical face-to-face times of 20, 30 and 60 minutes for 97161, 97162 and 97163, respectively.",
    'I have seen people write G0283 down as "the wound-care code," and it is the opposite: G0283 is for indications '
    'other than wound care.',
    "GP / GO / GN: modifiers that identify the plan of care as physical therapy, occupational therapy or "
    "speech-language pathology, respectively.",
])
def test_no_false_alarm_on_paired_lists_and_reported_labels(auditor, text):
    assert not [f for f in auditor.audit_text(text).findings if f.verdict == "contradicted"]


def test_a_key_features_heading_governs_its_list(auditor):
    text = ("Key Features of CPT Code 97530\n\n  • Group format: two or more patients are treated during the same "
            "session.\n  • Constant attendance: the therapist must be present, but does not have to work with each "
            "patient individually.")
    hits = [(f.code, f.verdict) for f in auditor.audit_text(text).findings if f.kind == "identity"]
    assert ("97530", "contradicted") in hits


def test_a_wrong_successor_is_wrong_of_the_old_code_too(auditor):
    hits = {(f.code, f.verdict) for f in auditor.audit_text("97003 was replaced by 97168.").findings if f.kind == "status"}
    assert {("97168", "contradicted"), ("97003", "contradicted")} <= hits
    right = {(f.code, f.verdict) for f in auditor.audit_text("97003 was replaced by 97165.").findings
             if f.kind == "status"}
    assert ("97003", "contradicted") not in right


@pytest.mark.parametrize("text, kind", [
    ("KX thresholds by year:\n\n- 2023 threshold amount: $2,150\n- 2024 threshold amount: $2,330", "structure"),
    ("For 2025 that OT threshold is $2,330.", "structure"),
    ("Every modifier is numeric, such as 59 or 51.", "structure"),
    ("XS means the service took place at a separate encounter.", "structure"),
    ("Because they describe new technology, the RTM codes are Category III codes.", "section"),
    ("Trigger point injections, which do involve medication, are also reported with 20560.", "identity"),
])
def test_more_wrong_statements_from_blind_sets(auditor, text, kind):
    assert "contradicted" in {f.verdict for f in auditor.audit_text(text).findings if f.kind == kind}


@pytest.mark.parametrize("text, verdict", [
    ("CPT Code 97161 is used for a low complexity physical therapy treatment session.", "contradicted"),
    ("97161 is billed once, before any treatment session.", None),
    ("97161 covers the evaluation; subsequent treatment sessions are billed with 97110.", None),
])
def test_an_evaluation_described_as_a_treatment_session(auditor, text, verdict):
    got = [f.verdict for f in auditor.audit_text(text).findings if f.concept == "treatment_session"]
    assert got == ([verdict] if verdict else [])


def test_a_sentence_about_the_session_repeats_what_the_article_gave_its_code(auditor):
    text = ("# CPT 97014\n\nCPT 97014 is attended stimulation with constant attendance.\n\nHow It Works\n\n"
            "The therapist stays in constant attendance for the entire treatment.")
    hits = [f for f in auditor.audit_text(text).findings if f.verdict == "contradicted" and "entire" in f.sentence]
    assert [(f.code, f.concept) for f in hits] == [("97014", "constant_attendance_modality")]


def test_a_general_sentence_about_the_service_is_no_claim(auditor):
    text = ("# CPT 97124\n\nCPT 97124 is therapeutic exercise.\n\nBenefits\n\n"
            "Therapeutic exercises are an essential component of rehabilitation.")
    assert not [f for f in auditor.audit_text(text).findings if f.verdict == "contradicted" and "essential" in f.sentence]


def test_a_timing_statement_about_the_service_is_said_of_the_sections_code(auditor):
    text = ("# CPT 97161\n\nCPT 97161 is a low complexity evaluation.\n\nBilling\n\nMedicare applies the 8-minute rule "
            "to the service, so at least 8 minutes are needed before any unit can be billed.")
    assert ("97161", "contradicted") in [(f.code, f.verdict) for f in auditor.audit_text(text).findings
                                          if f.kind == "timing"]


@pytest.mark.parametrize("text", [
    "# CPT 97124\n\nCPT 97124 is massage.\n\nAnother common mistake is forgetting that the code is reported per 15 minutes.",
    "Some clinics bill 97530 once per visit no matter how long the activities last, which ignores the time-based "
    "nature of the code.",
    "# CPT 97530\n\nCPT 97530 is therapeutic activities.\n\nCommon Mistakes to Avoid\n\nTreating 97530 as an untimed "
    "code. Some clinics bill 97530 once per visit no matter how long the activities last, which ignores the "
    "time-based nature of the code.",
])
def test_what_a_mistake_forgets_and_a_practice_judged_wrong(auditor, text):
    assert not [f for f in auditor.audit_text(text).findings if f.verdict == "contradicted"]


def test_a_sentence_about_what_the_therapist_does_repeats_the_articles_claim(auditor):
    text = ("# CPT 97150\n\nCPT 97150 is one-on-one therapy for a single patient.\n\nHow It Works\n\n"
            "The therapist works with only one patient.")
    hits = [f for f in auditor.audit_text(text).findings if f.verdict == "contradicted" and "works with" in f.sentence]
    assert [(f.code, f.concept) for f in hits] == [("97150", "one_on_one")]


def test_it_in_a_later_clause_is_the_one_code_the_sentence_is_about(claims):
    # "so we bill it ...": the object pronoun of the second clause points back at the code of the first
    found = claims("20560: needle insertion without injection (dry needling) of one or two muscles; it is part of "
                   "the Physical Medicine and Rehabilitation section.")
    assert ("20560", "section_physical_medicine", True) in found


def test_a_code_said_to_sit_close_to_another_service_is_not_that_service(claims):
    found = claims("The 97140 code is often misunderstood, mainly because it sits so close to the massage code.")
    assert ("97140", "massage", True) not in found


def test_balance_and_coordination_exercises_are_neuromuscular_reeducation(claims):
    found = claims("Examples of 97110 services:\n\n- Balance and coordination exercises (proprioceptive training)\n")
    assert ("97110", "neuromuscular_reeducation", True) in found
    assert ("97110", "therapeutic_exercise", True) not in found


def test_a_service_with_its_own_hcpcs_codes_is_another_codes(claims):
    found = claims("G0283 is unattended stimulation.\n\nIts descriptor specifically excludes wound care; "
                   "wound stimulation has its own HCPCS codes.")
    assert not [c for c in found if c[0] == "G0283" and c[2] and c[1] in ("wound_estim", "wound_care")]


def test_a_title_that_promises_no_denials_frames_no_mistakes(claims):
    text = ("CPT Code 97140: What It Covers and How to Bill It Without Denials\n\nWhat Is CPT Code 97140?\n\n"
            "CPT 97140 is the code for manual therapy. The hands-on work it describes typically includes:\n\n"
            "- Petrissage, the kneading and lifting of muscle tissue\n")
    assert ("97140", "massage", True) in claims(text)


def test_the_code_discussed_here_is_the_articles_code(claims):
    text = ("CPT Code 97530 Explained\n\n97530 is billed in 15-minute units.\n\nNeuromuscular re-education, 97112, is the "
            "code for balance. Strengthening and stretching stay with the code discussed here.")
    found = claims(text)
    assert ("97530", "therapeutic_exercise", True) in found and ("97112", "therapeutic_exercise", True) not in found


def test_a_paragraph_that_opens_with_a_codes_label_is_about_that_code(auditor):
    text = ("Training codes\n\nCommunity and work reintegration (97537). Used mostly by our OT staff. "
            "It is billed once per day as an untimed service.\n")
    assert any(f.code == "97537" and f.kind == "timing" and f.verdict == "contradicted"
               for f in auditor.audit_text(text).findings)


def test_rows_of_a_table_under_a_heading_that_names_a_class_are_of_that_class(auditor):
    text = ("Quick-Reference Chart for Timed Services\n\nTotal Minutes | Units Billed | Common CPT Codes |\n"
            "8-22 | 1 | 97110, 97530 |\n23-37 | 2 | 97112, 97150 |\n")
    timing = {(f.code, f.verdict) for f in auditor.audit_text(text).findings if f.kind == "timing"}
    assert timing == {("97110", "supported"), ("97530", "supported"), ("97112", "supported"), ("97150", "contradicted")}


def test_a_table_whose_columns_name_the_classes_is_read_by_column(auditor):
    text = ("Timed and Untimed Services\n\nTimed Codes | Untimed Codes |\n97110 | 97150 |\n")
    assert not [f for f in auditor.audit_text(text).findings if f.verdict == "contradicted"]


def test_plain_device_words_repeat_a_pictured_service(auditor):
    text = ("# CPT 97035\n\nCPT 97035 is electrical stimulation for pain.\n\nCPT code 97035 is an electrical "
            "stimulation code billed in 15-minute units.\n\nExample: a patient receives 12 minutes of TENS under "
            "97035 followed by 20 minutes of therapeutic exercise.\n")
    flagged = [f.sentence.split()[0] for f in auditor.audit_text(text).findings
               if f.verdict == "contradicted" and f.code == "97035"]
    assert "Example:" in flagged


@pytest.mark.parametrize("text", [
    "97150 is private, individual care.",
    "With 97150 each patient is seen individually in a private session.",
])
def test_individual_care_is_not_group_therapy(contradicted, text):
    assert ("97150", "one-on-one treatment of a single patient") in contradicted(text)


# ---- tables whose first column lists a code's services; coordinated services and codes in order

def test_rows_of_a_service_table_under_a_code_name_its_services(claims):
    text = ("Services Covered Under CPT Code 97530\n\nCPT Code 97530 includes several activities. We outline the "
            "services it represents.\n\nService | Description\nTherapeutic Exercise | Exercises for strength.\n"
            "Functional Activities | Tasks for everyday functioning")
    found = claims(text)
    assert ("97530", "therapeutic_exercise", True) in found
    assert ("97530", "therapeutic_activities", True) in found


def test_rows_of_a_service_table_after_a_negated_lead_are_not_its_services(claims):
    text = ("Services Not Covered Under CPT Code 97530\n\nThe code does not include these.\n\n"
            "Service | Description\nTherapeutic Exercise | Exercises for strength.")
    assert ("97530", "therapeutic_exercise", True) not in claims(text)


def test_coordinated_services_and_codes_pair_in_order(claims):
    found = set(claims("Whirlpool and Paraffin Billing FAQ: CPT 97022 and 97018"))
    assert ("97022", "whirlpool", True) in found and ("97018", "paraffin_bath", True) in found
    assert ("97018", "whirlpool", True) not in found and ("97022", "paraffin_bath", True) not in found


def test_a_relative_clause_after_a_code_describes_that_code(claims):
    found = claims("What Is CPT Code 97116?\n\nMany clinics use 97113 here, which is the code for whirlpool "
                   "treatment of an extremity, but on land 97116 is the better fit.")
    assert ("97113", "whirlpool", True) in found and ("97116", "whirlpool", True) not in found


@pytest.mark.parametrize("text, expected, absent", [
    ("In practice, 20561 covers two or more muscles.", ("20561", "muscles_1_2", True), None),
    ("Visits coded as 98942, the right choice for four or more regions.", ("98942", "spinal_regions_3_4", True), None),
    ("98943: extraspinal CMT, one or more regions, such as the knee.", None, "98943"),
])
def test_n_or_more_counts_every_level_from_n_up(claims, text, expected, absent):
    found = claims(text)
    if expected:
        assert expected in found
    if absent:
        assert not [c for c in found if c[0] == absent and c[1].startswith("spinal_regions")]


def test_a_code_named_three_times_as_often_as_any_other_is_the_articles_code(analyse_text):
    from cptaudit.link import main_code
    text = ("Ot eval low complex\n\nCPT code 97165 is the low-complexity OT evaluation. Report 97165 once. "
            "Higher levels are 97166 and 97167; re-evaluations use 97168. Document 97165 carefully.")
    assert main_code(analyse_text(text)) == "97165"
    # a plurality that is not three times the next: an article about several codes
    mixed = "Superbill notes\n\n97010 and 97010 and 97010 and 97010, then 98940 and 98940, and 98943 and 98943."
    assert main_code(analyse_text(mixed)) is None


def test_words_in_a_parenthesis_after_a_code_are_that_codes(claims):
    found = claims("In a fee-for-service structure either CPT code 97032 (attended electrical stimulation; in 15 minutes "
                   "increments) or CPT code 97014 (unattended electrical stimulation; untimed) is used.")
    assert ("97032", "timed", True) in found and ("97014", "timed", True) not in found
    assert ("97014", "untimed", True) in found


def test_a_run_of_regions_that_goes_on_with_including_is_one_count(claims):
    found = claims("CPT code 98941 applies when three or four spinal regions are adjusted. It is used for back pain "
                   "requiring adjustments to the cervical, thoracic, and lumbar areas, or including the sacral region.")
    assert ("98941", "spinal_regions_1_2", True) not in found
    assert ("98941", "spinal_regions_3_4", True) in found


def test_a_yes_no_question_answered_in_its_own_words_keeps_the_answers_polarity(verdicts):
    text = ("Is the CPT code for electrical stimulation (unattended) Medicare recognized?\n\n"
            "CPT 97014 is not a Medicare recognized code. See HCPCS code G0283.")
    assert not [v for v in verdicts(text) if v[0] == "97014" and v[1] == "contradicted"]
