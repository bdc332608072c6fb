"""SIRET numbers: 14 digits, a Luhn check digit (La Poste's own rule), spaces allowed in input.

The check digits are computed here, independently of directory/validators.py.
"""

import pytest
from bs4 import BeautifulSoup

from django.core.exceptions import ValidationError
from django.utils import translation

from directory.models import DirectoryIndexPage, StructurePage
from directory.validators import validate_siret

pytestmark = pytest.mark.django_db

LA_POSTE_HEAD_OFFICE = "35600000000048"


def luhn(digits: str) -> bool:
    """Luhn: from the right, double every second digit (minus 9 above 9); total ends in 0."""
    total = 0
    for position, digit in enumerate(int(char) for char in reversed(digits)):
        if position % 2:
            digit = digit * 2 - 9 if digit > 4 else digit * 2
        total += digit
    return total % 10 == 0


def la_poste(digits: str) -> bool:
    """La Poste's establishments (SIREN 356000000): the digits add up to a multiple of 5."""
    return sum(int(char) for char in digits) % 5 == 0


def expected_valid(siret: str) -> bool:
    if siret.startswith("356000000") and siret != LA_POSTE_HEAD_OFFICE:
        return la_poste(siret)
    return luhn(siret)


def accepts(value: str) -> bool:
    try:
        validate_siret(value)
    except ValidationError:
        return False
    return True


def error_of(value: str) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        validate_siret(value)
    return caught.value


# ---------------------------------------------------------------- the validator itself

@pytest.mark.parametrize(
    ("value", "digits"),
    [
        ("73282932000074", "73282932000074"),
        ("732 829 320 00074", "73282932000074"),  # as printed on a Kbis extract
        ("732.829.320.00074", "73282932000074"),
        ("732-829-320-00074", "73282932000074"),
        ("732\u00a0829\u00a0320\u00a000074", "73282932000074"),  # non-breaking spaces
        ("732\u202f829\u202f320\u202f00074", "73282932000074"),
        ("55203253400646", "55203253400646"),
        (LA_POSTE_HEAD_OFFICE, LA_POSTE_HEAD_OFFICE),  # La Poste's head office: Luhn
        ("35600000000001", "35600000000001"),  # a La Poste establishment: digit sum 15
        ("356 000 000 49837", "35600000049837"),  # digit sum 45
    ],
)
def test_valid_sirets_are_accepted(value, digits):
    assert expected_valid(digits)  # the example itself is right
    validate_siret(value)


def test_la_poste_examples_really_need_their_own_rule():
    assert luhn(LA_POSTE_HEAD_OFFICE) and not la_poste(LA_POSTE_HEAD_OFFICE)
    assert not luhn("35600000000001") and la_poste("35600000000001")


@pytest.mark.parametrize("body", ["7328293200007", "1234567800001", "9000079190001",
                                  "4430618410004", "0000000000000", "9999999999999"])
def test_exactly_one_check_digit_is_accepted(body):
    accepted = [digit for digit in "0123456789" if accepts(body + digit)]
    assert accepted == [digit for digit in "0123456789" if luhn(body + digit)]
    assert len(accepted) == 1


@pytest.mark.parametrize("body", ["3560000001234", "3560000000000", "3560000009999"])
def test_la_poste_establishments_follow_the_digit_sum_rule(body):
    for digit in "0123456789":
        siret = body + digit
        assert accepts(siret) == expected_valid(siret), siret


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("7328293200007", "siret_length"),  # 13 digits
        ("732829320000745", "siret_length"),  # 15 digits
        ("732 829 320 0007", "siret_length"),  # 13 digits once the spaces are gone
        ("7328293200007A", "siret_length"),  # a letter
        ("ABCDEFGHIJKLMN", "siret_length"),
        ("７３２８２９３２０００７４", "siret_length"),  # full-width digits
        ("", "siret_length"),
        ("73282932000075", "siret_checksum"),  # wrong check digit
        ("73282932000047", "siret_checksum"),  # two digits swapped
        ("12345678901234", "siret_checksum"),
        ("35600000000014", "siret_checksum"),  # Luhn-valid, but not La Poste's digit sum
        ("35600000000002", "siret_checksum"),
    ],
)
def test_invalid_sirets_are_refused(value, code):
    digits = value.replace(" ", "")
    if code == "siret_checksum":
        assert len(digits) == 14 and digits.isdigit() and not expected_valid(digits)
    assert error_of(value).code == code


def test_luhn_valid_la_poste_number_is_refused_by_its_own_rule():
    assert luhn("35600000000014") and not la_poste("35600000000014")


def test_length_message_in_french_and_english():
    with translation.override("fr"):
        message = error_of("7328293200007").messages[0]
    assert "14 chiffres" in message, message
    assert "13" in message
    with translation.override("en"):
        message = error_of("7328293200007").messages[0]
    assert "14 digits" in message and "13" in message


def test_check_digit_message_in_french():
    with translation.override("en"):
        english = error_of("73282932000075").messages[0]
    with translation.override("fr"):
        french = error_of("73282932000075").messages[0]
    assert "check digit" in english
    assert french != english, french
    assert "SIRET" in french


# ---------------------------------------------------------------- through the model

def roue_libre() -> StructurePage:
    return StructurePage.objects.get(slug="roue-libre", locale__language_code="fr")


@pytest.mark.parametrize("value", ["73282932000074", "732 829 320 00074", "732.829.320.00074",
                                   LA_POSTE_HEAD_OFFICE])
def test_model_accepts_and_stores_the_digits_only(demo, value):
    page = roue_libre()
    page.siret = value
    try:
        page.full_clean()
    except ValidationError as error:
        pytest.fail(f"{value!r} refused: {error.message_dict}")
    page.save()
    page.refresh_from_db()
    assert page.siret == value.replace(" ", "").replace(".", "")


@pytest.mark.parametrize(
    ("value", "words"),
    [("7328293200007", "14 chiffres"), ("7328293200007A", "14 chiffres"),
     ("73282932000075", "SIRET")],
)
def test_model_refuses_with_a_french_message_on_the_siret_field(demo, value, words):
    page = roue_libre()
    page.siret = value
    with translation.override("fr"), pytest.raises(ValidationError) as caught:
        page.full_clean()
    messages = caught.value.message_dict["siret"]
    assert any(words in message for message in messages), messages
    assert not any("check digit" in message or "digits" in message for message in messages)


def test_empty_siret_is_allowed(demo):
    page = roue_libre()
    page.siret = ""
    page.full_clean()


# ---------------------------------------------------------------- through the admin form

DESCRIPTION = '{"blocks":[],"entityMap":{}}'  # an empty Draftail document


def add_in_admin(admin_client, siret: str):
    index = DirectoryIndexPage.objects.get(locale__language_code="fr")
    return admin_client.post(f"/admin/pages/add/directory/structurepage/{index.pk}/", {
        "title": "Structure d'essai", "slug": "essai", "summary": "Une structure d'essai.",
        "description": DESCRIPTION, "legal_form": "association", "relation": "adherent",
        "siret": siret, "tags": "", "action-publish": "publish",
    })


def siret_errors(response) -> str:
    page = BeautifulSoup(response.content, "html.parser")
    wrapper = page.find(id="id_siret").find_parent(attrs={"data-field-wrapper": True})
    return " ".join(e.get_text(" ", strip=True) for e in wrapper.select(".error-message"))


@pytest.mark.parametrize("value", ["73282932000074", "732 829 320 00074"])
def test_editor_can_type_the_siret_as_printed(admin_client, demo, value):
    response = add_in_admin(admin_client, value)
    assert response.status_code == 302, siret_errors(response)
    page = StructurePage.objects.get(slug="essai", locale__language_code="fr")
    assert page.siret == "73282932000074"


def test_editor_sees_why_a_siret_is_refused(admin_client, demo):
    response = add_in_admin(admin_client, "7328293200007")
    assert response.status_code == 200
    assert not StructurePage.objects.filter(slug="essai").exists()
    assert "14 chiffres" in siret_errors(response), siret_errors(response)
