"""Personal information in feedback: what is found and masked, and ordinary school talk that is left alone."""

from itertools import pairwise

import pytest

from chalicelib.domain.pii import PiiFinding, PiiKind, find_pii, likely_names, mask_pii


def found(text: str) -> list[tuple[PiiKind, str]]:
    return [(finding.kind, text[finding.start : finding.end]) for finding in find_pii(text)]


def test_an_email_address_is_masked():
    assert mask_pii("Write to jane.doe+pta@example.org.") == "Write to [email removed]."


def test_a_phone_number_in_parentheses_is_masked():
    assert mask_pii("Call me at (573) 555-0142 any time.") == "Call me at [phone removed] any time."


@pytest.mark.parametrize(
    "phone",
    [
        "(573) 555-0142",
        "(573)555-0142",
        "573-555-0142",
        "573.555.0142",
        "573 555 0142",
        "+1 573 555 0142",
        "1-573-555-0142",
        "5735550142",
    ],
)
def test_a_us_phone_number_in_its_common_forms_is_found(phone):
    assert found(f"My number is {phone}, thanks.") == [(PiiKind.PHONE, phone)]


@pytest.mark.parametrize(
    "address",
    [
        "123 Main St",
        "123 Main St. Apt 4",
        "4 N Elm Street",
        "1600 Pennsylvania Avenue NW",
        "742 Evergreen Terrace",
        "221B Baker Street",
        "55 W 5th Ave Unit 3B",
        "9 Old Mill Creek Rd",
        "12 Oak Dr",
        "88 Lake Shore Blvd #12",
        "PO Box 123",
        "P.O. Box 77",
    ],
)
def test_a_street_address_or_po_box_is_found(address):
    assert found(f"We live at {address}, near the school.") == [(PiiKind.STREET_ADDRESS, address)]


def test_a_masked_address_keeps_the_sentence_around_it():
    assert mask_pii("Our house at 123 Main St. is flooded.") == "Our house at [address removed]. is flooded."


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("My son's student ID is 4471.", "4471"),
        ("student number: 20231187", "20231187"),
        ("His MOSIS ID is 5735550142.", "5735550142"),
        ("MOSIS 1234567890", "1234567890"),
        ("ID # 88213", "88213"),
        ("her ID#: 99-1234", "99-1234"),
    ],
)
def test_a_number_labelled_as_a_student_id_is_found_even_if_it_looks_like_a_phone(text, number):
    assert found(text) == [(PiiKind.STUDENT_ID, number)]


def test_a_long_bare_number_is_treated_as_a_student_id():
    assert mask_pii("Please look up 0012345678 for me.") == "Please look up [student ID removed] for me."


@pytest.mark.parametrize(
    "text",
    [
        "In 2024, 85% of grade 3 students met the MSIP 6 goal.",
        "Title I schools got 12 new tutors and 3 counselors.",
        "The meeting on 10/14/2025 at 6:30 ran 2 hours.",
        "Scores rose 4.5 points from 2019 to 2024, and 2024-2025 looks better.",
        "The district spent $1500000 on buses, about 3.1415926 times last year.",
        "The 20242025 calendar starts on 20250818.",
        "3 parents drive their kids 2 miles down the road every day.",
        "We met 2 times with the principal and took 3 kids to St. Louis.",
        "Our 2 kids cross the street at 7 Way crossings.",
        "Class sizes of 28 are too big; 1 teacher per 28 is a lot.",
    ],
)
def test_ordinary_school_talk_has_no_personal_information(text):
    assert find_pii(text) == []


def test_findings_are_in_order_and_do_not_overlap():
    text = "Email a@b.org or call 573-555-0142; we are at 12 Elm St; student ID 7654321; backup 1234567."

    findings = find_pii(text)

    assert [finding.kind for finding in findings] == [
        PiiKind.EMAIL,
        PiiKind.PHONE,
        PiiKind.STREET_ADDRESS,
        PiiKind.STUDENT_ID,
        PiiKind.STUDENT_ID,
    ]
    assert all(a.end <= b.start for a, b in pairwise(findings))


def test_every_kind_has_its_own_label():
    text = "a@b.org 573-555-0142 12 Elm St 7654321"

    assert mask_pii(text) == "[email removed] [phone removed] [address removed] [student ID removed]"


def test_masking_uses_the_findings_it_is_given():
    text = "Call Pat at home."

    assert mask_pii(text, [PiiFinding(PiiKind.PHONE, 5, 8)]) == "Call [phone removed] at home."


def test_text_without_personal_information_is_unchanged():
    assert mask_pii("Please keep art and music.") == "Please keep art and music."


def test_long_hostile_input_is_handled_quickly():
    text = ("1 a " * 3000) + ("9" * 5000) + ("a." * 3000) + "@" + ("b-" * 3000)

    assert mask_pii(text).count("removed") <= 1


@pytest.mark.parametrize(
    ("text", "email"),
    [
        ("write me at maria dot lopez at gmail dot com please", "maria dot lopez at gmail dot com"),
        ("email jsmith (at) yahoo (dot) com", "jsmith (at) yahoo (dot) com"),
        ("mi correo es ana punto ruiz arroba hotmail punto com", "ana punto ruiz arroba hotmail punto com"),
        ("escríbame a pedro.gomez arroba gmail.com", "pedro.gomez arroba gmail.com"),
    ],
)
def test_an_email_written_out_in_words_is_found_in_english_and_spanish(text, email):
    assert found(text) == [(PiiKind.EMAIL, email)]


@pytest.mark.parametrize(
    ("text", "phone"),
    [
        ("call 555-0142 after 5", "555-0142"),
        ("my cell is 573-555-0142 ext. 12", "573-555-0142 ext. 12"),
        ("llámeme al (816) 555-0199 por favor", "(816) 555-0199"),
        ("mi número es 555 0177", "555 0177"),
    ],
)
def test_a_phone_number_with_or_without_area_code_or_with_an_extension_is_found(text, phone):
    assert found(text) == [(PiiKind.PHONE, phone)]


@pytest.mark.parametrize(
    ("text", "ssn"),
    [
        ("his SSN is 123-45-6789 and they emailed it", "123-45-6789"),
        ("social security number 123456789", "123456789"),
        ("su número de seguro social es 123 45 6789", "123 45 6789"),
        ("el seguro social de mi hija: 234-56-7890", "234-56-7890"),
    ],
)
def test_a_social_security_number_is_found_in_english_and_spanish(text, ssn):
    assert found(text) == [(PiiKind.SSN, ssn)]


@pytest.mark.parametrize(
    ("text", "student_id"),
    [
        ("his student ID is 4471", "4471"),
        ("el número de estudiante de mi hijo es 20231187", "20231187"),
        ("matrícula del alumno: 99-1234", "99-1234"),
    ],
)
def test_a_labelled_student_id_is_found_in_english_and_spanish(text, student_id):
    assert found(text) == [(PiiKind.STUDENT_ID, student_id)]


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("she was born 03/14/2015 and is in 4th grade", "03/14/2015"),
        ("DOB: 2014-07-02", "2014-07-02"),
        ("his birthday is March 3rd, 2016", "March 3rd, 2016"),
        ("date of birth 5-9-15", "5-9-15"),
        ("mi hijo nació el 12 de mayo de 2014", "12 de mayo de 2014"),
        ("fecha de nacimiento: 14/03/2015", "14/03/2015"),
    ],
)
def test_a_date_near_a_birth_cue_is_a_date_of_birth_in_english_and_spanish(text, date):
    assert found(text) == [(PiiKind.DATE_OF_BIRTH, date)]


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("we moved to 300 W Broadway Apt 4B last year", "300 W Broadway Apt 4B"),
        ("we live at 12345 County Road 220 outside town", "12345 County Road 220"),
        ("our farm is at 4410 Hwy 63 N past the church", "4410 Hwy 63 N"),
        ("mail goes to Rural Route 2 Box 45 now", "Rural Route 2 Box 45"),
        ("HC 65 Box 12A, Eminence", "HC 65 Box 12A"),
        ("write to 18 Main St, Columbia, MO 65201 please", "18 Main St, Columbia, MO 65201"),
        ("vivimos en 215 Oak Grove, Sedalia, MO 65301", "215 Oak Grove, Sedalia, MO 65301"),
        ("nuestra dirección es 88 Elm Street apto 3", "88 Elm Street apto 3"),
        ("send it to PO Box 12, Rolla MO 65401", "PO Box 12, Rolla MO 65401"),
    ],
)
def test_a_street_address_with_a_unit_a_rural_route_or_a_county_road_is_found_whole(text, address):
    assert found(text) == [(PiiKind.STREET_ADDRESS, address)]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("My son Tyler Johnson in 3rd grade was bullied", ["Tyler Johnson"]),
        ("my daughter's name is Emma and she is 8", ["Emma"]),
        ("my kids Emma and Noah ride the bus", ["Emma", "Noah"]),
        ("her teacher Mrs. Delgado is wonderful", ["Delgado"]),
        ("I am the mother of Mason Reed, a junior", ["Mason Reed"]),
        ("my son tyler hates the bus", ["tyler"]),
        ("mi hija Sofía Ramírez está en segundo grado", ["Sofía Ramírez"]),
        ("la maestra Gutierrez dice que va bien", ["Gutierrez"]),
        ("el maestro Sr. Aguilar le gritó a mi hijo", ["Aguilar"]),
        ("mi hijo se llama Diego de la Cruz", ["Diego de la Cruz"]),
        ("mi esposo Juan Carlos Gómez Ruiz trabaja de noche", ["Juan Carlos Gómez Ruiz"]),
        ("Mrs O'Connor and Mr. McAllister-Smith help a lot", ["O'Connor", "McAllister-Smith"]),
    ],
)
def test_a_name_the_text_says_is_a_persons_is_masked_in_english_and_spanish(text, names):
    assert found(text) == [(PiiKind.PERSON_NAME, name) for name in names]


def test_a_masked_name_reads_as_removed():
    assert mask_pii("Mr. Hendricks is the best teacher.") == "Mr. [name removed] is the best teacher."


def flagged(text: str) -> list[str]:
    return [text[finding.start : finding.end] for finding in likely_names(text)]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Superintendent Jane Roe never answers parents.", "Jane Roe"),
        ("the superintendent, Dr. Alan Price, spoke at the meeting", "Alan Price"),
        ("Dr. Margaret Hill, the commissioner, signed it", "Margaret Hill"),
        ("board member Lisa Park voted no", "Lisa Park"),
        ("el superintendente Roberto Díaz no contesta", "Roberto Díaz"),
    ],
)
def test_an_official_named_in_their_role_is_flagged_not_masked(text, name):
    assert find_pii(text) == []
    assert flagged(text) == [name]


def test_a_common_first_name_without_a_cue_is_flagged_not_masked():
    text = "Yesterday Brandon Miller and Sofia came to the meeting."

    assert find_pii(text) == []
    assert flagged(text) == ["Brandon Miller", "Sofia"]


def test_school_and_place_names_that_start_with_a_first_name_are_not_flagged():
    assert flagged("Lincoln High and Jackson County and Mark Twain Elementary need counselors.") == []


def test_a_masked_name_is_not_flagged_again():
    assert flagged("my son Tyler Johnson and Ms. Grace Park") == []


@pytest.mark.parametrize(
    "text",
    [
        "The 2024-25 school year starts in August; 2025-26 will be longer.",
        "RSMo 160.518 and 5 CSR 20-100.255 set the rules for MSIP 6.",
        "Attendance fell to 87.5% and the budget grew by $1,250,000.",
        "The board meets on March 14, 2025 at 6:30 pm in room 104.",
        "La reunión es el 14 de marzo de 2025 a las 6:30 en la sala 104.",
        "Grade 3 and 4th grade scores in ELA went up 12 points, 3rd graders too.",
        "Lincoln Elementary and Washington Middle School share one nurse.",
        "Broadway Elementary on Broadway and Oak Street Elementary both lack counselors.",
        "Our 2 kids go to 300 Broadway School events.",
        "We had 15 Title I schools and 7 MAP tests in 2023.",
        "The district has 1,140 students and 3 counselors; call the office at extension 12.",
        "Mi hijo está en 3er grado y la maestra es muy buena.",
        "My son is in 5th grade and my daughter is in kindergarten.",
        "Los maestros de la escuela Benito Juárez trabajan mucho.",
        "The teacher said the class of 2027 has 240 students.",
    ],
)
def test_school_numbers_dates_and_names_of_schools_are_not_masked(text):
    assert find_pii(text) == []


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        ("hi my name is Shelby Carter and im in 11th grade", PiiKind.PERSON_NAME, "Shelby Carter"),
        ("DOB: 12/01/2016; name Ava Mitchell; grade 3", PiiKind.PERSON_NAME, "Ava Mitchell"),
        ("I'm Landon's mom, hes in 4th", PiiKind.PERSON_NAME, "Landon"),
        ("My son is DeShawn Williams and", PiiKind.PERSON_NAME, "DeShawn Williams"),
        ("soy estudiante, me llamo Brenda Salas y quiero saber", PiiKind.PERSON_NAME, "Brenda Salas"),
        ("tiene 8 años, se llama Santiago, necesita terapia", PiiKind.PERSON_NAME, "Santiago"),
        ("my son Tristan b. 3/4/2014 can't get in", PiiKind.DATE_OF_BIRTH, "3/4/2014"),
        ("the DOB on his records should be 2014.03.04", PiiKind.DATE_OF_BIRTH, "2014.03.04"),
        ("nacio el 7 de julio 2011 y necesita ayuda", PiiKind.DATE_OF_BIRTH, "7 de julio 2011"),
        ("su fecha de nac. es 2013/09/19", PiiKind.DATE_OF_BIRTH, "2013/09/19"),
        ("we live on 118 Rural Route 1 outside of Macon", PiiKind.STREET_ADDRESS, "118 Rural Route 1"),
        ("his address is 6601 Route 2 Box 40, near Ava", PiiKind.STREET_ADDRESS, "6601 Route 2 Box 40"),
        (
            "305 E. High, Jefferson City - across from the capitol",
            PiiKind.STREET_ADDRESS,
            "305 E. High, Jefferson City",
        ),
        (
            "Address PO Box 1207 Hermann MO 65041, we get mail",
            PiiKind.STREET_ADDRESS,
            "PO Box 1207 Hermann MO 65041",
        ),
    ],
)
def test_names_dates_and_addresses_as_parents_type_them_are_found(text, kind, value):
    assert (kind, value) in found(text)


@pytest.mark.parametrize(
    "text",
    [
        "Our district (county-district code 010093) is listed twice.",
        "My daughter's birthday party was the same day as the March 7 testing makeup day, lol",
        "Dr. Martin Luther King Jr. Elementary needs a new roof.",
        "mi hijo Va en 3ro y le gusta la escuela",
        "La escuela secundaria Central está en la avenida Central y la primaria también se llama Central",
        "Mr. Potato Head day at the elementary was the same day as the MAP field test.",
    ],
)
def test_codes_events_near_a_birthday_and_schools_named_for_people_are_not_masked(text):
    assert find_pii(text) == []
