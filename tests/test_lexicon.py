"""The lexicon: paraphrases writers use for a service are recognised, look-alike words are not."""
import pytest


def concepts(analyse_text, text):
    return [m.concept for s in analyse_text(text).sentences for m in s.concepts]


@pytest.mark.parametrize("text, expected", [
    ("Teaching a patient to walk again after surgery.", "gait_training"),
    ("We practiced curbs and ramps before discharge.", "gait_training"),
    ("Warm wax dips soften stiff fingers.", "paraffin_bath"),
    ("UVB phototherapy is used for psoriasis.", "ultraviolet"),
    ("Shortwave heating of the hip.", "diathermy"),
    ("Strength-building with light weights.", "therapeutic_exercise"),
    ("VOR exercises reduce dizziness.", "neuromuscular_reeducation"),       # beats bare "exercises"
    ("She did exercises in the pool.", "aquatic_therapy"),                  # beats bare "exercises"
    ("Dressing and bathing training at home.", "self_care_training"),
    ("Kitchen safety education for the patient.", "self_care_training"),
    ("Electrical stimulation for chronic ulcers.", "wound_estim"),          # beats e-stim + ulcer
    ("Non-wound e-stim for back pain.", "unattended_estim"),                # beats "wound e-stim"
    ("The smart inhaler sends adherence data.", "respiratory"),
    ("Orthopedic conditions are the most common.", "musculoskeletal"),
    ("Two or more patients at the same time.", "group_therapy"),
    ("Group aquatic therapy is popular.", "group_therapy"),                 # beats "aquatic therapy"
    ("It is an unlisted procedure code.", "unlisted_code"),                 # not the 97139 concept
    ("Applied without constant attendance.", "supervised_modality"),        # not "constant attendance"
    ("A stable clinical presentation.", "low_complexity"),
    ("The patient has 3-5 performance deficits.", "moderate_complexity"),
    ("An unstable and unpredictable presentation.", "high_complexity"),
    ("97163 is the moderate PT evaluation.", "moderate_complexity"),      # a tier word before the noun
    ("If you remember nothing else: 97161 is low and 97163 is high.", "high_complexity"),
    ("Spotlight: billing 97012 by the clock.", "timed"),
    ("At 15 minutes a unit, it adds up fast.", "timed"),
    ("The low tier is 97161.", "low_complexity"),
    ("It is billed per quarter hour.", "timed"),
    ("It is non-timed.", "untimed"),
    ("The therapist re-evaluates the patient.", "reevaluation"),            # other forms of a listed word
    ("She is reassessing the plan.", "reevaluation"),
    ("He mobilizes the stiff joint.", "manual_therapy"),
    ("Massaging the calf eases the cramp.", "massage"),
    # everyday wordings for a service (the family, not one sentence)
    ("Billing for these gait sessions needs a goal.", "gait_training"),
    ("Notes for the ambulation services list the device.", "gait_training"),
    ("The code is for teaching patients how to walk.", "gait_training"),
    ("Walking in the parallel bars comes first.", "gait_training"),
    ("A course of UV sessions clears the plaques.", "ultraviolet"),
    ("UV dosing depends on the minimal erythema dose.", "ultraviolet"),
    ("Extremity immersion in a small tank.", "whirlpool"),
    ("The hand sits in an agitated-water tank.", "whirlpool"),
    ("A full-body whirlpool for burns.", "hubbard_tank"),                 # beats "whirlpool"
    ("These wound stimulation sessions speed closure.", "wound_estim"),
    ("Electrical stimulation of the wound bed.", "wound_estim"),
    ("A pulse oximeter sends oxygen saturation readings.", "remote_patient_monitoring"),
    ("Wearables record heart rate and blood pressure.", "remote_patient_monitoring"),
    ("Setting up vital-sign devices at home.", "remote_patient_monitoring"),
    ("Training in basic activities of daily living.", "self_care_training"),
    ("Teaching the use of adaptive equipment.", "self_care_training"),
    ("Instruction in adaptive equipment and one-handed methods.", "self_care_training"),
    ("Teaching dressing, grooming and toileting.", "self_care_training"),
    ("Paid fairly for the extremity work.", "extraspinal_manipulation"),
    ("Manipulation of the extremities such as the knee.", "extraspinal_manipulation"),
    ("Chiropractic adjustments of the spine.", "spinal_manipulation"),    # beats "chiropractic adjustment"
    ("A lumbopelvic adjustment for low back pain.", "spinal_manipulation"),
    ("One of these single-use systems at a home visit.", "npwt_disposable"),
    ("The device is discarded after use.", "npwt_disposable"),
    ("Canister-free units fit in a pocket.", "npwt_disposable"),
    ("A patient on a rented pump.", "npwt_durable"),
    ("The clinician may step away and attend to other patients.", "supervised_modality"),
    ("It is a set-up-and-monitor modality.", "supervised_modality"),
    ("The therapist stays with the patient the whole time.", "constant_attendance_modality"),
    ("97014: Electrical stimulation, attended.", "attended_estim"),
    ("97032: Electrical stimulation, unattended.", "unattended_estim"),
    ("Stretching and strengthening work.", "therapeutic_exercise"),
    ("Hands-on joint work.", "manual_therapy"),
    ("The code describes a brief soak of one limb.", "whirlpool"),
    ("Alternating limb immersion in hot and cold water.", "contrast_bath"),   # beats "limb immersion"
    ("The sleeve inflates and deflates around the leg.", "vasopneumatic"),
    ("Compression boots after a long run.", "vasopneumatic"),
    ("The hand is dipped in paraffin several times.", "paraffin_bath"),
    ("Traction with the therapist's hands.", "manual_therapy"),
    ("When a spinal subluxation is documented.", "spinal_manipulation"),
    ("This makes it the extremity code of the family.", "extraspinal_manipulation"),
    ("Wound assessment before each session.", "wound_care"),
    ("Billed for a wound patient.", "wound_care"),
    ("Needles connected to a stimulator.", "electroacupuncture"),
    ("Memory exercises after a head injury.", "cognitive_intervention"),   # beats bare "exercises"
    ("A contrast soak for the swollen hand.", "contrast_bath"),
    ("Retraining balance after a stroke.", "neuromuscular_reeducation"),
    ("Fitting a brace at the first visit.", "orthotic_management"),
    ("Training with an artificial limb.", "prosthetic_training"),
    ("Therapeutic sound waves warm the tendon.", "ultrasound"),
    ("Patients seen within the past three years.", "established_patient"),
    ("Adjusting the knee joint after a sprain.", "extraspinal_manipulation"),
    ("A one-on-one assessment of assistive technology.", "assistive_technology_assessment"),
    ("Can he operate an eye-gaze system?", "assistive_technology_assessment"),
    ("Exercise in warm water eases the load.", "aquatic_therapy"),
    ("Walk away to treat another patient.", "supervised_modality"),
    ("Does the therapist have to stay in the room?", "constant_attendance_modality"),
    ("The clinician does not need to stay in the room.", "supervised_modality"),   # beats "stay in the room"
    ("Practicing stairs before discharge.", "gait_training"),
    ("Needles inserted into trigger points.", "dry_needling"),
    ("Fabricating a splint for the thumb.", "orthotic_management"),
    ("A high-velocity, low-amplitude thrust.", "manipulation"),
    ("Think of it as the onboarding visit.", "rtm_setup"),
    ("Tendon glides and putty.", "therapeutic_exercise"),
    ("98941 covers 3–4 spinal regions.", "spinal_regions_3_4"),         # an en dash, not a hyphen
    ("The one-to-two region code.", "spinal_regions_1_2"),
    ("Wounds under 50 square centimeters.", "wound_area_50_or_less"),
    ("Wounds over 50 cm².", "wound_area_over_50"),
    ("Steroid injected into trigger points.", "trigger_point_injection"),
    ("You can set it up and walk away.", "supervised_modality"),
    ("The therapist stays at the patient's side.", "constant_attendance_modality"),
    ("A warm pack on the low back.", "hot_cold_pack"),
])
def test_paraphrases_are_recognised(analyse_text, text, expected):
    assert expected in concepts(analyse_text, text)


@pytest.mark.parametrize("text", [
    "Heat helps and balance matters.",
    "Strength improved after walking.",
    "The patient is walking with a walker.",        # a status, used by evaluations too
    "Patients with asthma or COPD.",                # rehab codes treat them as well
    "Task-specific training after a stroke.",       # 97530, 97112 or 97116 depending on the writer
    "A brief history of the code.",                 # not the OT evaluation's "brief history"
    "It is a stretch to call it a new code.",
    "Icing on the cake.",
    "Mobility improved.",                           # shares a stem with 'mobilization', not an inflection
    "The therapist evaluates progress each visit.",  # the generic evaluation matches nouns only
    "Record the total time.",                       # 'timed' does not become 'time'
    "A well-timed reminder helps.",                 # good timing, not a timed code
    "Upper extremity work with light weights.",     # a body part, not extraspinal manipulation
    "Single-use electrodes are thrown out.",        # 'single-use' alone is not disposable NPWT
    "Adjusting the knee brace at fitting.",         # an orthotic, not an extremity adjustment
    "An AFO for gait correction.",                  # an orthosis corrects gait too: not gait training
    "The patient walks with a cane.",               # a status, used by evaluations too
])
def test_ambiguous_words_are_not_concepts(analyse_text, text):
    assert concepts(analyse_text, text) == []


@pytest.mark.parametrize("text, wrong", [
    ("A clinic that pairs wax with e-stim.", "paraffin_bath"),          # bare 'wax' is not a phrase
    ("Setup and education for the home TENS unit.", "rtm_setup"),       # not only RTM set-up
    ("A follow-up evaluation and management visit.", "reevaluation"),   # an E/M visit
    ("Supplying the device for a knee brace.", "rtm_device_supply"),    # orthotics and DME supply devices too
    ("Alternating limb immersion in hot and cold water.", "whirlpool"),
    ("A small group of codes describes CMT.", "group_therapy"),           # not patients treated together
    ("Start with a pilot group of patients.", "group_therapy"),
    ("Strength and coordination working together.", "neuromuscular_reeducation"),  # not "coordination work"
    ("The code most therapy practices reach for.", "therapeutic_activities"),  # 'practices reach', not practising reaching
])
def test_look_alikes_are_not_that_service(analyse_text, text, wrong):
    assert wrong not in concepts(analyse_text, text)


@pytest.mark.parametrize("text, expected", [
    ("Laser phototherapy is not UV.", "laser_therapy"),
    ("Functional strengthening during tasks.", "functional_exercise"),
    ("Tub transfer training in the bathroom.", "functional_mobility"),
    ("It includes connective tissue massage.", "connective_tissue_massage"),   # older 97140 descriptions name it
])
def test_shared_descriptions_win_over_a_single_code(analyse_text, text, expected):
    assert concepts(analyse_text, text) == [expected]


@pytest.mark.parametrize("text, expected", [
    ("Teaching dressing changes to the caregiver.", "wound_care"),     # a wound dressing, not "teaching dressing"
    ("Alternating hot and cold packs.", "hot_cold_pack"),              # packs, not a contrast bath
])
def test_a_longer_phrase_of_another_service_wins(analyse_text, text, expected):
    assert concepts(analyse_text, text) == [expected]


def test_no_personal_factors_is_not_a_negation(claims):
    found = claims("97161 fits a patient with no personal factors and a stable clinical presentation.")
    assert ("97161", "low_complexity", True) in found
    assert all(polarity for _, _, polarity in found)


def test_separately_from_keeps_the_contrasted_service_off_the_code(claims):
    found = claims("Payers created 97116 so that balance retraining could be tracked separately from strength work.")
    assert ("97116", "therapeutic_exercise", True) not in found


@pytest.mark.parametrize("word", ["though", "thorough", "saying", "alternative", "convention", "tradition",
                                  "lawyer", "defeating"])
def test_new_phrases_do_not_pull_everyday_words_into_the_spelling_repair(auditor, word):
    """Every word of a phrase joins the repair's vocabulary: 'stimulation through the needles' would turn
    'though' into 'through', and 'without staying with the patient' 'saying' into 'staying'."""
    doc = auditor.nlp(f"It is {word} here.")
    assert [t.norm_ for t in doc if t.text == word] == [word]


def test_teaching_a_patient_to_propel_a_wheelchair_is_wheelchair_management(analyse_text):
    assert "wheelchair_management" in concepts(analyse_text, "Teaching a patient to propel a manual wheelchair.")


@pytest.mark.parametrize("text", [
    "The clinic bills skilled traction delivered by hand.",
    "It covers traction performed manually by a therapist.",
    "It is reported for traction that the therapist applies with their own hands.",
])
def test_traction_by_hand_is_manual_therapy(analyse_text, text):
    assert "manual_therapy" in concepts(analyse_text, text)


@pytest.mark.parametrize("text, code", [
    ("CPT code 97032 is the code for electrical stimulation applied in a set-up-and-leave fashion.", "97032"),
    ("Put another way, 97032 describes stimulation that does not require the provider to remain in the room.", "97032"),
    ("CPT code 97012 is used to report traction that the clinician applies by hand.", "97012"),
])
def test_wordings_of_unattended_care_and_manual_traction(auditor, text, code):
    assert any(f.code == code and f.verdict == "contradicted" for f in auditor.audit_text(text).findings)


@pytest.mark.parametrize("text", [
    "The alternating temperatures used in 97018 create a pumping effect in the blood vessels.",
    "Patients find that the hot-and-cold cycling of 97018 eases morning stiffness.",
])
def test_contrast_baths_described_by_their_temperatures(auditor, text):
    assert any(f.code == "97018" and f.verdict == "contradicted" and f.concept == "contrast_bath"
               for f in auditor.audit_text(text).findings)


def test_balance_and_posture_is_neuromuscular_reeducation(auditor):
    text = "For balance I use 97116, since it's the balance and posture code."
    assert any(f.code == "97116" and f.verdict == "contradicted" and f.concept == "neuromuscular_reeducation"
               for f in auditor.audit_text(text).findings)
