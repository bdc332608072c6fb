"""Hostile query strings and forged CSRF tokens."""


import pytest

from django.core import mail
from django.test import Client
from django.urls import reverse

from tests.cooperation.member_listing_helpers import (
    listing_data,
    live_listing_of,
)

from .hostile_inputs import (
    ALL,
    BY_ID,
    FACETS,
    MEMBER_A,
    QUERY_PAGES,
    STRUCTURE_URL,
    Payload,
    assert_query_answered,
    get_raw,
    login,
    state,
    structure,
)

pytestmark = pytest.mark.django_db


# --------------------------------------------------------------------- 3. query strings







@pytest.mark.parametrize("kind", QUERY_PAGES)
@pytest.mark.parametrize("payload", ALL)
def test_query_q(client, demo, kind, payload):
    response = get_raw(client, QUERY_PAGES[kind], f"q={payload.sent}")
    assert response.status_code == 200
    assert_query_answered(response, payload, kind)


FACET_PAYLOADS = ["script", "img-onerror", "sql-or", "null-byte", "invalid-utf8", "long-10k"]


@pytest.mark.parametrize(("kind", "param", "payload"), [
    pytest.param(kind, param, BY_ID[name], id=f"{kind}-{param}-{name}")
    for kind, params in FACETS.items() for param in params for name in FACET_PAYLOADS
])
def test_query_facets(client, demo, kind, param, payload):
    response = get_raw(client, QUERY_PAGES[kind], f"q=velo&{param}={payload.sent}")
    assert_query_answered(response, payload, kind)


PAGE_VALUES = {"negative": "-1", "zero": "0", "string": "abc", "huge": "9" * 20,
               "float": "1.5", "null": "%00", "invalid-utf8": "%ff%fe", "repeated": "1&page=2"}


@pytest.mark.parametrize("kind", ["search", "directory", "cooperation"])
@pytest.mark.parametrize("value", PAGE_VALUES.values(), ids=PAGE_VALUES.keys())
def test_query_page_numbers(client, demo, kind, value):
    response = get_raw(client, QUERY_PAGES[kind], f"page={value}")
    assert_query_answered(response, None, kind)


@pytest.mark.parametrize("query", [
    pytest.param("%ff%fe=%ff", id="invalid-utf8-name"),
    pytest.param("q=%", id="lone-percent"),
    pytest.param("q=%zz", id="bad-percent"),
    pytest.param("q=a&q=<script>alert(1)</script>", id="repeated-q"),
    pytest.param("q[]=velo&q[$ne]=1", id="array-syntax"),
    pytest.param("&&&==&", id="empty-pairs"),
])
@pytest.mark.parametrize("kind", QUERY_PAGES)
def test_malformed_query_strings(client, demo, kind, query):
    response = get_raw(client, QUERY_PAGES[kind], query)
    assert_query_answered(response, Payload("q", "<script>alert(1)</script>"), kind)


# ------------------------------------------------------------------------ 4. forged CSRF

def csrf_targets() -> dict:
    """Where a POST changes something: (url, member logged in?, data, what must not change)."""
    return {
        "contact-structure": lambda: (STRUCTURE_URL, None, {
            "name": "Camille", "email": "camille@example.org",
            "message": "Bonjour, une question ?", "nickname": ""}),
        "response-listing": lambda: (live_listing_of("roue-libre").url, None, {
            "name": "Camille", "email": "camille@example.org",
            "message": "Bonjour, une question ?", "nickname": ""}),
        "profile": lambda: (reverse("members:edit_structure", args=[structure().pk]),
                            MEMBER_A, {"title": "Piratage", "summary": "Piratage",
                                       "legal_form": "association"}),
        "new-listing": lambda: (reverse("members:new_listing", args=["offer"]), MEMBER_A,
                                listing_data(structure=structure().pk, title="Piratage")),
        "edit-listing": lambda: (
            reverse("members:edit_listing", args=[live_listing_of("roue-libre").pk]),
            MEMBER_A, listing_data(title="Piratage")),
        "renew-listing": lambda: (
            reverse("members:renew_listing", args=[live_listing_of("roue-libre").pk]),
            MEMBER_A, {}),
        "close-listing": lambda: (
            reverse("members:close_listing", args=[live_listing_of("roue-libre").pk]),
            MEMBER_A, {"status": "withdrawn"}),
        "delete-account": lambda: (reverse("members:my_data"), MEMBER_A,
                                   {"password": "x", "confirm": "on"}),
    }




CSRF_WAYS = ["no-token", "wrong-token", "other-sessions-token", "token-without-cookie"]


@pytest.mark.parametrize("way", CSRF_WAYS)
@pytest.mark.parametrize("target", list(csrf_targets()))
def test_forged_csrf_is_refused(demo, target, way):
    url, member, data = csrf_targets()[target]()
    client = Client(enforce_csrf_checks=True)
    if member:
        login(client, member)
    before = state()
    if way == "wrong-token":
        client.cookies["csrftoken"] = "a" * 32
        data = {**data, "csrfmiddlewaretoken": "b" * 32}
    elif way == "other-sessions-token":
        other = Client(enforce_csrf_checks=True)
        other.get(STRUCTURE_URL)
        token = other.cookies["csrftoken"].value if "csrftoken" in other.cookies else "c" * 32
        client.cookies["csrftoken"] = "d" * 32
        data = {**data, "csrfmiddlewaretoken": token}
    elif way == "token-without-cookie":
        data = {**data, "csrfmiddlewaretoken": "e" * 32}
    response = client.post(url, data)
    assert response.status_code == 403, response.status_code
    assert state() == before
    assert mail.outbox == []
