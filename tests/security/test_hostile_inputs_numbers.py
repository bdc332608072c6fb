"""Absurd numbers everywhere: forms, query strings, facets and the admin."""

from urllib.parse import quote

import pytest

from django.urls import reverse

from cooperation.models import ListingStatus
from tests.cooperation.member_listing_helpers import form_data as listing_form
from tests.cooperation.member_listing_helpers import (
    listing_data,
    live_listing_of,
)
from tests.directory.test_member_space import form_data as profile_form

from .hostile_inputs import (
    COOPERATION,
    DIRECTORY,
    FACETS,
    MEMBER_A,
    QUERY_PAGES,
    SEARCH,
    assert_query_answered,
    assert_safe,
    counts,
    field_error,
    get_raw,
    login,
    state,
    structure,
)

pytestmark = pytest.mark.django_db


# ------------------------------------------------------------ 7. absurd numbers everywhere

# Numbers no column holds (2^63 and 2^64 overflow SQLite's and PostgreSQL's bigint), negative,
# in exponent notation, or not numbers at all.
ABSURD_NUMBERS = {
    "2-pow-64": str(2**64), "2-pow-63": "9223372036854775808", "twenty-nines": "9" * 20,
    "negative": "-1", "exponent": "1e99", "string": "abc", "superscript-digit": "²",
    "float": "1.5", "empty-list-syntax": "[]",
}
# Where -1 or 1.5 is a sound value.
SOUND = {("latitude", "negative"), ("longitude", "negative"), ("latitude", "float"),
         ("longitude", "float"), ("estimated_value", "float"), ("hours_saved", "float")}
PROFILE_NUMBERS = ["sectors", "territories", "latitude", "longitude", "year_founded",
                   "staff_count", "volunteer_count"]
LISTING_NUMBERS = ["structure", "category", "terms", "territory", "quantity"]
CLOSE_NUMBERS = ["partner_structure", "estimated_value", "hours_saved"]


def absurd_cases(fields: list[str]) -> list:
    return [pytest.param(field, label, id=f"{field}-{label}")
            for field in fields for label in ABSURD_NUMBERS]


def assert_refused_or_sound(response, field: str, label: str, before: dict) -> None:
    assert response.status_code < 500, response.status_code
    if (field, label) in SOUND:
        assert response.status_code in (302, 400), response.status_code
        return
    assert response.status_code == 400, response.status_code
    page = assert_safe(response)
    assert field_error(page, field), f"no error shown for {field}={ABSURD_NUMBERS[label]}"
    assert counts() == before


@pytest.mark.parametrize(("field", "label"), absurd_cases(PROFILE_NUMBERS))
def test_absurd_numbers_in_the_profile_form(client, demo, field, label):
    client.raise_request_exception = False
    a = structure()
    login(client, MEMBER_A)
    data = profile_form(client, a)
    data[field] = ABSURD_NUMBERS[label]
    if field == "latitude":
        data["longitude"] = "-0.77"
    if field == "longitude":
        data["latitude"] = "48.07"
    before = counts()
    response = client.post(reverse("members:edit_structure", args=[a.pk]), data)
    assert_refused_or_sound(response, field, label, before)


@pytest.mark.parametrize("kind", ["offer", "request"])
@pytest.mark.parametrize(("field", "label"), absurd_cases(LISTING_NUMBERS))
def test_absurd_numbers_in_the_new_listing_form(client, demo, kind, field, label):
    client.raise_request_exception = False
    login(client, MEMBER_A)
    data = listing_data(**{"structure": structure().pk, "needed_by": "",
                           field: ABSURD_NUMBERS[label]})
    before = counts()
    response = client.post(reverse("members:new_listing", args=[kind]), data)
    if field == "structure" and response.status_code == 403:
        assert counts() == before  # not one of the member's structures: refused outright
        return
    assert_refused_or_sound(response, field, label, before)


@pytest.mark.parametrize(("field", "label"), absurd_cases(LISTING_NUMBERS[1:]))
def test_absurd_numbers_in_the_edit_listing_form(client, demo, field, label):
    client.raise_request_exception = False
    login(client, MEMBER_A)
    listing = live_listing_of("roue-libre")
    data = {**listing_form(client, listing), "action": "submit", field: ABSURD_NUMBERS[label]}
    before = counts()
    response = client.post(reverse("members:edit_listing", args=[listing.pk]), data)
    assert_refused_or_sound(response, field, label, before)


@pytest.mark.parametrize(("field", "label"), absurd_cases(CLOSE_NUMBERS))
def test_absurd_numbers_in_the_close_form(client, demo, field, label):
    client.raise_request_exception = False
    login(client, MEMBER_A)
    listing = live_listing_of("roue-libre")
    data = {"status": "fulfilled", "partner_structure": "", "estimated_value": "100",
            "hours_saved": "3", field: ABSURD_NUMBERS[label]}
    response = client.post(reverse("members:close_listing", args=[listing.pk]), data)
    if (field, label) in SOUND:
        assert response.status_code == 302, response.status_code
        return
    assert response.status_code == 400, response.status_code
    assert field_error(assert_safe(response), field)
    listing.refresh_from_db()
    assert listing.status == ListingStatus.OPEN and listing.live


@pytest.mark.parametrize("label", ABSURD_NUMBERS)
def test_absurd_numbers_sent_to_renew_change_nothing(client, demo, label):
    """Renewing takes no field: whatever comes with the POST is ignored."""
    client.raise_request_exception = False
    login(client, MEMBER_A)
    listing = live_listing_of("roue-libre")
    before = state()
    value = ABSURD_NUMBERS[label]
    response = client.post(reverse("members:renew_listing", args=[listing.pk]),
                           {"expires_on": value, "days": value, "pk": value})
    assert response.status_code == 302, response.status_code
    assert state() == before  # far from its end: not renewed


@pytest.mark.parametrize("label", ABSURD_NUMBERS)
def test_absurd_structure_asked_by_the_new_listing_link(client, demo, label):
    client.raise_request_exception = False
    login(client, MEMBER_A)
    response = client.get(reverse("members:new_listing", args=["offer"]),
                          {"structure": ABSURD_NUMBERS[label]})
    assert response.status_code in (200, 400, 403), response.status_code


NUMERIC_GET = [
    (SEARCH, "page"), (DIRECTORY, "page"), (COOPERATION, "page"), ("/fr/actualites/", "page"),
    ("/fr/agenda/", "page"), ("/fr/agenda/", "upcoming"), ("/en/events/", "upcoming"),
    ("/en/search/", "page"), ("/en/directory/", "page"), ("/en/cooperation/", "page"),
]


@pytest.mark.parametrize("label", ABSURD_NUMBERS)
@pytest.mark.parametrize(("url", "param"), NUMERIC_GET, ids=[f"{u}?{p}" for u, p in NUMERIC_GET])
def test_absurd_numbers_in_public_query_strings(client, demo, url, param, label):
    response = get_raw(client, url, f"{param}={quote(ABSURD_NUMBERS[label])}")
    assert response.status_code in (200, 400, 404), response.status_code
    assert_safe(response)


@pytest.mark.parametrize("label", ABSURD_NUMBERS)
@pytest.mark.parametrize("url", ["/fr/agenda/", "/en/events/"])
def test_absurd_numbers_in_the_agenda_s_former_parameter(client, demo, url, label):
    """`?a_venir=` (the upcoming events' page before it was named `upcoming`) leads to the
    same page under the new name, whatever it holds."""
    response = get_raw(client, url, f"a_venir={quote(ABSURD_NUMBERS[label])}")
    assert response.status_code == 301, response.status_code
    response = client.get(response["Location"])
    assert response.status_code in (200, 400, 404), response.status_code
    assert_safe(response)


FACET_NUMBERS = ["2-pow-64", "2-pow-63", "negative", "exponent", "superscript-digit"]


@pytest.mark.parametrize(("kind", "param", "label"), [
    pytest.param(kind, param, label, id=f"{kind}-{param}-{label}")
    for kind, params in FACETS.items() for param in params for label in FACET_NUMBERS
])
def test_absurd_numbers_in_facets(client, demo, kind, param, label):
    """Facets take slugs, yet a number where an id might be expected must not reach the
    database as one."""
    response = get_raw(client, QUERY_PAGES[kind], f"{param}={quote(ABSURD_NUMBERS[label])}")
    assert_query_answered(response, None, kind)


@pytest.mark.parametrize("label", ABSURD_NUMBERS)
@pytest.mark.parametrize(("url", "param"), [
    ("search_report", "days"), ("directory_invite_member", "structure"),
], ids=["search-report-days", "invite-structure"])
def test_absurd_numbers_in_admin_query_strings(client, demo, url, param, label):
    client.raise_request_exception = False
    login(client, "admin")
    response = client.get(reverse(url), {param: ABSURD_NUMBERS[label]})
    assert response.status_code == 200, response.status_code
