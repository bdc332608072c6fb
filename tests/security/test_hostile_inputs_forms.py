"""Hostile input in the contact and response forms, the member's profile and listing forms.

Member submissions are expensive (a revision, a workflow, an approval): each payload family
makes one, approves it once, then checks every page that shows it.
"""

from urllib.parse import quote

import pytest

from django.core import mail
from django.test import Client
from django.urls import reverse

from cooperation.models import ListingPage
from directory.models import ContactMessage
from tests.cooperation.member_listing_helpers import (
    admin_action,
    listing_data,
    live_listing_of,
)
from tests.directory.test_member_space import form_data as profile_form

from .hostile_inputs import (
    ALL,
    BY_ID,
    CONTROL,
    COOPERATION,
    DIRECTORY,
    EDITOR,
    LISTINGS,
    MARK,
    MEMBER_A,
    MEMBER_PAYLOADS,
    SEARCH,
    STRUCTURE_URL,
    SUGGESTIONS,
    Payload,
    assert_clean_headers,
    assert_safe,
    assert_shown_as_text,
    counts,
    field_error,
    login,
    soup_of,
    structure,
    user,
)

pytestmark = pytest.mark.django_db


# --------------------------------------------------------------- 1. contact and response forms

def expected_refusal(field: str, text: str) -> bool | None:
    """True: must be refused; False: must be accepted; None: either, if done cleanly."""
    if "\x00" in text:
        return True
    stripped = text.strip()
    if field == "name":
        return bool(CONTROL.search(text) or "\n" in text or "\r" in text) or not (
            0 < len(stripped) <= 100
        )
    if field == "message":
        return not 10 <= len(stripped) <= 5000
    return None  # e-mail: the address validator decides; both answers are fine if clean


def contact_body(field: str, payload: Payload) -> str:
    valid = {"name": "Camille Durand", "email": "camille@example.org",
             "message": "Bonjour, une question sur vos horaires d'ouverture.", "nickname": ""}
    parts = [
        f"{name}={payload.sent if name == field else quote(value, safe='')}"
        for name, value in valid.items()
    ]
    return "&".join(parts)


@pytest.fixture
def listing_url(demo) -> str:
    return live_listing_of("roue-libre").url


@pytest.mark.parametrize("field", ["name", "email", "message"])
@pytest.mark.parametrize("place", ["structure", "listing"])
@pytest.mark.parametrize("payload", ALL)
def test_contact_and_response_forms(
    client, demo, listing_url, django_capture_on_commit_callbacks, place, field, payload
):
    client.raise_request_exception = False
    url = STRUCTURE_URL if place == "structure" else listing_url
    before = ContactMessage.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, contact_body(field, payload),
                               content_type="application/x-www-form-urlencoded")
    must_refuse = expected_refusal(field, payload.text)
    assert response.status_code in (302, 400), response.status_code
    if response.status_code == 400:
        assert must_refuse is not False, "refused a harmless value"
        page = assert_safe(response, payload)
        assert field_error(page, field), f"no error shown for {field}"
        assert ContactMessage.objects.count() == before
        assert mail.outbox == []
        return
    assert must_refuse is not True, "accepted a value that must be refused"
    stored = ContactMessage.objects.latest("pk")
    assert ContactMessage.objects.count() == before + 1
    kept = getattr(stored, {"name": "sender_name", "email": "sender_email"}.get(field, "message"))
    assert kept == payload.text.strip() or (field == "email" and kept.lower() ==
                                            payload.text.strip().lower())
    assert stored.status == ContactMessage.Status.SENT, stored.last_error
    (sent,) = mail.outbox
    assert sent.to == ["contact@roue-libre.example"]
    assert_clean_headers(sent)
    if field == "message":
        assert payload.text.strip() in sent.body  # plain text, as typed
    assert_safe(client.get(url), payload)  # the confirmation page


# ---------------------------------------------- 2. the member's profile and listing forms

def approve(page) -> None:
    editor = login(Client(), EDITOR)
    response = admin_action(editor, page, "approve")
    assert response.status_code == 302, response.status_code


def check_everywhere(urls: list[str], text: str, payload: Payload, who: Client) -> None:
    """Each page answers, shows the payload escaped, and (where it is shown) as text."""
    for url, client, must_show in urls:
        response = (client or who).get(url)
        assert response.status_code == 200, (url, response.status_code)
        page = assert_safe(response, payload)
        if must_show:
            assert_shown_as_text(page, text)


PROFILE_TEXT_FIELDS = ["title", "summary", "description_text", "street_address", "city"]


@pytest.mark.parametrize("payload", MEMBER_PAYLOADS)
def test_profile_text_fields_are_shown_as_text_everywhere(client, demo, payload):
    a = structure()
    login(client, MEMBER_A)
    data = profile_form(client, a)
    title = f"{MARK} {payload.text}"
    data.update({name: f"{MARK} {payload.text}" for name in PROFILE_TEXT_FIELDS})
    data["title"] = title
    mail.outbox.clear()
    response = client.post(reverse("members:edit_structure", args=[a.pk]), data)
    assert response.status_code == 302, field_error(soup_of(response), "title")
    approve(a)
    a.refresh_from_db()
    assert a.title == title and a.city == title  # stored as typed, not "cleaned"
    visitor = Client()
    check_everywhere([
        (a.url, visitor, True),
        (f"{DIRECTORY}?page=99", visitor, True),  # out of range: the last, "zorglub…" sorts last
        (f"{DIRECTORY}?q={MARK}", visitor, True),
        (f"{SEARCH}?q={MARK}", visitor, True),
        ("/fr/espace-membre/", None, True),
        (reverse("members:edit_structure", args=[a.pk]), None, False),
        (reverse("wagtailadmin_pages:edit", args=[a.pk]), login(Client(), EDITOR), False),
    ], title, payload, client)
    for message in mail.outbox:
        assert_clean_headers(message)


URL_FIELDS = ["website", "facebook_url", "linkedin_url", "instagram_url", "mastodon_url"]
URL_PAYLOADS = {
    "js": "javascript:alert(1)",
    "js-slashes": "javascript://example.org/%0aalert(1)",
    "data": "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "vbscript": "vbscript:msgbox(1)",
    "quote-break": 'https://example.org/"><script>alert(1)</script>',
    "attr-break": "https://example.org/' onmouseover='alert(1)",
}


@pytest.mark.parametrize("field", URL_FIELDS)
@pytest.mark.parametrize("value", URL_PAYLOADS.values(), ids=URL_PAYLOADS.keys())
def test_profile_url_fields_refuse_scripts(client, demo, field, value):
    a = structure()
    login(client, MEMBER_A)
    data = profile_form(client, a)
    data[field] = value
    before = counts()
    response = client.post(reverse("members:edit_structure", args=[a.pk]), data)
    if response.status_code == 400:
        page = assert_safe(response, Payload(field, value))
        assert field_error(page, field)
        assert counts() == before
        return
    assert response.status_code == 302
    approve(a)
    a.refresh_from_db()
    assert getattr(a, field).startswith("https://")
    check_everywhere([(a.url, Client(), False)], "", Payload(field, value), client)


@pytest.mark.parametrize(("field", "value"), [
    pytest.param(name, text, id=f"{name}-{label}")
    for name in ["title", "summary", "description_text", "city", "phone", "email", "postcode",
                 "siret"]
    for label, text in [("null-byte", "velo\x00velo"), ("long-1m", "B" * 1_000_000)]
] + [
    pytest.param("legal_form", "<script>alert(1)</script>", id="legal_form-not-a-choice"),
    pytest.param("sectors", "999999999", id="sectors-unknown-id"),
    pytest.param("sectors", "abc", id="sectors-string"),
    pytest.param("latitude", "1e309", id="latitude-infinite"),
    pytest.param("latitude", "NaN", id="latitude-nan"),
    pytest.param("year_founded", "99999999999999999999", id="year-huge"),
])
def test_profile_refuses_what_it_cannot_store(client, demo, field, value):
    a = structure()
    login(client, MEMBER_A)
    data = profile_form(client, a)
    data[field] = value
    before = counts()
    response = client.post(reverse("members:edit_structure", args=[a.pk]), data)
    assert response.status_code == 400, response.status_code
    page = assert_safe(response)
    assert field_error(page, field) or page.select_one(".notice--error, .errorlist")
    assert counts() == before


def listing_text(payload: Payload) -> dict:
    text = f"{MARK} {payload.text}"
    return {"title": text, "summary": text, "description": f"{text}\n\n{payload.text}",
            "price": payload.text[:100], "city": payload.text[:100], "tags": f"{MARK}"}


@pytest.mark.parametrize("payload", MEMBER_PAYLOADS)
def test_listing_fields_are_shown_as_text_everywhere(client, demo, payload):
    login(client, MEMBER_A)
    data = listing_data(structure=structure().pk, **listing_text(payload))
    response = client.post(reverse("members:new_listing", args=["offer"]), data)
    assert response.status_code == 302, soup_of(response).select(".errorlist")
    listing = ListingPage.objects.get(title=data["title"]).specific
    mail.outbox.clear()
    approve(listing)
    listing.refresh_from_db()
    assert listing.live and listing.price == data["price"]
    visitor = Client()
    check_everywhere([
        (listing.url, visitor, True),
        (COOPERATION, visitor, True),
        (f"{COOPERATION}?q={MARK}", visitor, True),
        (STRUCTURE_URL, visitor, True),
        (f"{SEARCH}?q={MARK}", visitor, True),
        (LISTINGS, None, True),
        (reverse("members:edit_listing", args=[listing.pk]), None, False),
        (reverse("wagtailadmin_pages:edit", args=[listing.pk]), login(Client(), EDITOR), False),
    ], data["title"], payload, client)
    suggestions = visitor.get(SUGGESTIONS, {"q": MARK})
    assert suggestions.status_code == 200 and suggestions["Content-Type"].startswith(
        "application/json"
    )
    assert data["title"] in [item["title"] for item in suggestions.json()["suggestions"]]
    (message,) = [m for m in mail.outbox if m.to == [user(MEMBER_A).email]]
    assert_clean_headers(message)


@pytest.mark.parametrize(("field", "payload"), [
    pytest.param(name, BY_ID[label], id=f"{name}-{label}")
    for name in ["title", "summary", "price", "city"]
    for label in ["crlf-bcc", "lf-subject"]
])
def test_line_breaks_in_listing_fields_inject_no_header(
    client, demo, field, payload
):
    """A title goes into the subject of the approval e-mail."""
    client.raise_request_exception = False
    login(client, MEMBER_A)
    data = listing_data(structure=structure().pk, title=f"{MARK} annonce")
    data[field] = f"{MARK} {payload.text}"
    before = counts()
    response = client.post(reverse("members:new_listing", args=["offer"]), data)
    assert response.status_code in (302, 400)
    if field == "title":
        assert response.status_code == 400, "a title with a line break was accepted"
    if response.status_code == 400:
        assert field_error(soup_of(response), field)
        assert counts() == before
        return
    listing = ListingPage.objects.latest("pk").specific
    mail.outbox.clear()
    editor = login(Client(), EDITOR)
    editor.raise_request_exception = False
    assert admin_action(editor, listing, "approve").status_code == 302
    listing.refresh_from_db()
    assert listing.live
    for message in mail.outbox:
        assert_clean_headers(message)
    assert [m for m in mail.outbox if m.to == [user(MEMBER_A).email]]


@pytest.mark.parametrize(("field", "value"), [
    pytest.param(name, text, id=f"{name}-{label}")
    for name in ["title", "summary", "description", "price", "city", "tags"]
    for label, text in [("null-byte", "velo\x00velo"), ("long-1m", "B" * 1_000_000)]
] + [
    pytest.param("category", "' OR 1=1 --", id="category-sql"),
    pytest.param("category", "-1", id="category-negative"),
    pytest.param("terms", "<script>", id="terms-markup"),
    pytest.param("quantity", "99999999999999999999", id="quantity-huge"),
    pytest.param("quantity", "-5", id="quantity-negative"),
    pytest.param("expires_on", "2026-02-30", id="expires_on-impossible-date"),
    pytest.param("expires_on", "' OR 1=1 --", id="expires_on-sql"),
    pytest.param("territory", "99999999999999999999", id="territory-huge"),
])
def test_listing_refuses_what_it_cannot_store(client, demo, field, value):
    login(client, MEMBER_A)
    data = listing_data(structure=structure().pk, **{field: value})
    before = counts()
    response = client.post(reverse("members:new_listing", args=["offer"]), data)
    assert response.status_code == 400, response.status_code
    page = assert_safe(response)
    assert field_error(page, field), f"no error for {field}"
    assert counts() == before
