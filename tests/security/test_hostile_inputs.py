"""Hostile input, table-driven: payloads × every place a stranger or a member can type.

Each case ends in one of three ways, and never in a 500:
- a clean 200 (or a redirect) with the payload shown as text, escaped, wherever it appears:
  public pages, listings, search results, e-mails, the admin;
- a 4xx with a form error that says what is wrong;
- a 403/404 for forged tokens and ids.
Whatever is refused leaves no row behind (counted before and after).

Member submissions are expensive (a revision, a workflow, an approval): each payload family
makes one, approves it once, then checks every page that shows it.
"""

import email
import email.policy
import json
import re
from dataclasses import dataclass
from urllib.parse import quote

import pytest
from bs4 import BeautifulSoup

from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from wagtail.images import get_image_model
from wagtail.models import Revision, WorkflowState

from cooperation.models import ListingPage, ListingStatus
from directory.models import ContactMessage, StructurePage
from tests.cooperation.test_member_listings import (
    admin_action,
    huge_png,
    listing_data,
    live_listing_of,
    lying_script,
    png,
)
from tests.cooperation.test_member_listings import form_data as listing_form
from tests.directory.test_member_space import form_data as profile_form

pytestmark = pytest.mark.django_db

MEMBER_A = "membre-roue-libre"
MEMBER_B = "membre-jardins"
EDITOR = "redaction"
STRUCTURE_URL = "/fr/annuaire/roue-libre/"
LISTINGS = "/fr/espace-membre/annonces/"
SEARCH = "/fr/recherche/"
SUGGESTIONS = "/fr/recherche/suggestions/"
DIRECTORY = "/fr/annuaire/"
COOPERATION = "/fr/cooperation/"
MARK = "zorglubhostile"  # an invented word, to find the member's content in search
Image = get_image_model()


# --------------------------------------------------------------------------- the payloads

@dataclass(frozen=True)
class Payload:
    id: str
    text: str
    raw: str | None = None  # already percent-encoded (bytes no str can hold: invalid UTF-8)

    @property
    def sent(self) -> str:
        """The payload percent-encoded, as it goes into a query string or a form body."""
        return self.raw if self.raw is not None else quote(self.text, safe="")


PAYLOADS = [
    Payload("script", "<script>alert(1)</script>"),
    Payload("img-onerror", '"><img src=x onerror=alert(1)>'),
    Payload("svg-onload", "<svg onload=alert(1)>"),
    Payload("svg-slash", "<svg/onload=alert(1)//"),
    Payload("iframe-js", '<iframe src="javascript:alert(1)"></iframe>'),
    Payload("a-href-js", '<a href="javascript:alert(1)">clic</a>'),
    Payload("details-ontoggle", "<details open ontoggle=alert(1)>"),
    Payload("attr-break", "' onmouseover='alert(1)' x='"),
    Payload("textarea-break", "</textarea><script>alert(1)</script>"),
    Payload("title-break", "</title><script>alert(1)</script>"),
    Payload("comment", "<!--<script>alert(1)</script>-->"),
    Payload("style", "<style>body{display:none}</style>"),
    Payload("entities", "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &#60;b&#62;"),
    Payload("js-url", "javascript:alert(1)"),
    Payload("js-url-mixed-case", " JaVaScRiPt:alert(1)"),
    Payload("data-url", "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="),
    Payload("template-vars", "{{ 7*7 }} {{ request.user.password }}"),
    Payload("template-tag", "{% debug %} {% load static %}"),
    Payload("other-templates", "${7*7} #{7*7} <%= 7*7 %>"),
    Payload("sql-or", "' OR 1=1 --"),
    Payload("sql-drop", '"; DROP TABLE directory_contactmessage; --'),
    Payload("sql-union", "1 UNION SELECT username, password FROM auth_user"),
    Payload("sql-like-wildcards", "%_% \\% [a-z]*"),
    Payload("rtl-override", "facture\u202egpj.exe"),
    Payload("zero-width", "vé\u200blo\u200c\u200d\ufeff atelier"),
    Payload("emoji", "Atelier 🚲🌱👩🏽‍🔧 vélo"),
    Payload("combining", "Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒ͫǧ̗͚̚o̙̔ͮ̇͐̇"),
    Payload("quotes", "\\\"'`´‘’“”"),
    Payload("crlf-bcc", "a@b.c\r\nBcc: x@y.z"),
    Payload("lf-subject", "Bonjour\nSubject: spam\nBcc: x@y.z"),
    Payload("null-byte", "velo\x00<script>alert(1)</script>"),
    Payload("long-10k", "A" * 10_000),
    Payload("long-1m", "B" * 1_000_000),
    Payload("invalid-utf8", "\ufffd\ufffd atelier", raw="%ff%fe+atelier"),
    Payload("lone-surrogate", "\ufffd\ufffd\ufffd velo", raw="%ed%a0%80+velo"),
    Payload("overlong-utf8", "\ufffd\ufffd script", raw="%c0%bc+script"),
]
BY_ID = {payload.id: payload for payload in PAYLOADS}


def payloads(*names: str) -> list:
    return [pytest.param(BY_ID[name], id=name) for name in names]


ALL = [pytest.param(payload, id=payload.id) for payload in PAYLOADS]
# What fits in a profile's or a listing's fields: markup, templates, SQL, odd Unicode.
MEMBER_PAYLOADS = payloads(
    "script", "img-onerror", "svg-onload", "attr-break", "textarea-break", "entities",
    "template-vars", "rtl-override",
)
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


# --------------------------------------------------------------------------- the checks

def soup_of(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


def words(text: str) -> str:
    return " ".join(text.split())


def injected(page: BeautifulSoup) -> list[str]:
    """Elements a payload would have created had it been rendered as HTML."""
    found = []
    for tag in page.find_all(True):
        for name, value in tag.attrs.items():
            value = " ".join(value) if isinstance(value, list) else str(value)
            if name.lower().startswith("on") and "alert" in value:
                found.append(str(tag)[:120])
            if name.lower() in ("href", "src", "action", "formaction", "data") and re.match(
                r"\s*(javascript|vbscript|data:text/html)", value, re.IGNORECASE
            ):
                found.append(str(tag)[:120])
        if tag.name == "script" and tag.get_text().strip() == "alert(1)":
            found.append(str(tag))
        if tag.name == "style" and "body{display:none}" in tag.get_text():
            found.append(str(tag))
        if tag.name == "img" and tag.get("src") == "x":
            found.append(str(tag))
    return found


def assert_safe(response, payload: Payload | None = None) -> BeautifulSoup:
    """No 500, no element created by the payload, no markup of it left unescaped."""
    assert response.status_code < 500, response.status_code
    page = soup_of(response)
    assert injected(page) == [], injected(page)
    html = response.content.decode(errors="replace")
    if payload is not None and "<" in payload.text:
        # Each opening tag with what follows it: "<script>alert(1)", "<img src=x onerror=…>".
        for fragment in re.findall(r"<[a-z][^<]*", payload.text):
            assert fragment not in html, fragment
    return page


def assert_shown_as_text(page: BeautifulSoup, text: str) -> None:
    shown = words(page.get_text(" "))
    assert words(text) in shown, f"{text!r} not shown as text"


def assert_clean_headers(message) -> None:
    """The e-mail builds, and no header came out of what a stranger typed."""
    raw = message.message().as_bytes()
    parsed = email.message_from_bytes(raw, policy=email.policy.default)
    assert parsed["Bcc"] is None and parsed["Cc"] is None
    assert len(parsed.get_all("Subject")) == 1
    assert "x@y.z" not in raw.split(b"\n\n", 1)[0].decode(errors="replace").replace(
        "Reply-To", ""
    ) or "x@y.z" in (parsed["Reply-To"] or "")
    assert "\n" not in message.subject and "\r" not in message.subject


def user(username: str):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username=username)


def login(client: Client, username: str) -> Client:
    client.force_login(user(username))
    return client


def structure(slug: str = "roue-libre") -> StructurePage:
    return StructurePage.objects.get(slug=slug, locale__language_code="fr")


def field_error(page: BeautifulSoup, name: str) -> str:
    """The error shown beside a field (the two apps name the element differently)."""
    element = page.find(id=f"id_{name}-errors") or page.find(id=f"id_{name}_error")
    return words(element.get_text(" ")) if element else ""


def counts() -> dict:
    return {
        "messages": ContactMessage.objects.count(), "revisions": Revision.objects.count(),
        "pages": ListingPage.objects.count(), "images": Image.objects.count(),
        "workflows": WorkflowState.objects.count(),
    }


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


# --------------------------------------------------------------------- 3. query strings

QUERY_PAGES = {"search": SEARCH, "suggestions": SUGGESTIONS, "directory": DIRECTORY,
               "cooperation": COOPERATION}


def get_raw(client: Client, url: str, query: str):
    client.raise_request_exception = False
    return client.get(f"{url}?{query}")


def assert_query_answered(response, payload: Payload | None, kind: str) -> None:
    assert response.status_code in (200, 400, 404), response.status_code
    if kind == "suggestions":
        assert response["Content-Type"].startswith("application/json")
        if response.status_code == 200:
            assert isinstance(json.loads(response.content)["suggestions"], list)
        return
    page = assert_safe(response, payload)
    if response.status_code == 200 and kind == "search":
        field = page.select_one("input[name=q]")
        assert field is not None and "\x00" not in field.get("value", "")


@pytest.mark.parametrize("kind", QUERY_PAGES)
@pytest.mark.parametrize("payload", ALL)
def test_query_q(client, demo, kind, payload):
    response = get_raw(client, QUERY_PAGES[kind], f"q={payload.sent}")
    assert response.status_code == 200
    assert_query_answered(response, payload, kind)


FACETS = {
    "search": ["type", "sector", "territory", "legal_form"],
    "directory": ["sector", "legal_form", "territory", "relation"],
    "cooperation": ["kind", "category", "terms", "territory", "structure", "sort"],
}
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


def state() -> dict:
    listing = live_listing_of("roue-libre")
    return {**counts(), "listing": (listing.status, listing.expires_on, listing.title),
            "users": type(user(MEMBER_A)).objects.count()}


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


# ------------------------------------------------------------------- 5. forged ids

FORGED_IDS = {
    "other-structure": lambda: str(structure("jardins-du-maine").pk),
    "non-existent": lambda: "999999",
    "negative": lambda: "-1",
    "huge": lambda: "9" * 20,
    "string": lambda: "abc",
    "sql": lambda: "1 OR 1=1",
}


def other_listing_pk() -> str:
    """An open listing of another structure than the member's."""
    return str(ListingPage.objects.live().exclude(structure=structure()).first().pk)


def forged(name: str, kind: str) -> str:
    if name == "other-structure" and kind == "listing":
        return other_listing_pk()
    return FORGED_IDS[name]()


@pytest.mark.parametrize("name", FORGED_IDS)
@pytest.mark.parametrize("where", ["profile", "edit-listing", "renew-listing", "close-listing"])
def test_forged_ids_in_member_urls(client, demo, where, name):
    client.raise_request_exception = False
    login(client, MEMBER_A)
    path = {
        "profile": "/fr/espace-membre/structures/{}/",
        "edit-listing": f"{LISTINGS}{{}}/",
        "renew-listing": f"{LISTINGS}{{}}/renouveler/",
        "close-listing": f"{LISTINGS}{{}}/cloturer/",
    }[where].format(quote(forged(name, "structure" if where == "profile" else "listing")))
    before = state()
    other = structure("jardins-du-maine")
    other_before = (other.latest_revision_id, other.title)
    shown = client.get(path)  # renewing is POST only: 405 is a fine answer to a GET
    assert shown.status_code in (403, 404, 405), (path, shown.status_code)
    response = client.post(path, {
        "title": "Piratage", "summary": "Piratage", "legal_form": "association",
        "status": "withdrawn",
    })
    assert response.status_code in (403, 404), (path, response.status_code)
    assert state() == before
    other.refresh_from_db()
    assert (other.latest_revision_id, other.title) == other_before


@pytest.mark.parametrize("name", [*FORGED_IDS, "two-structures", "empty"])
def test_forged_structure_in_the_new_listing_form(client, demo, name):
    client.raise_request_exception = False
    login(client, MEMBER_A)
    extra = {"two-structures": [str(structure().pk), str(structure("jardins-du-maine").pk)],
             "empty": ""}
    value = extra[name] if name in extra else FORGED_IDS[name]()
    before = counts()
    response = client.post(reverse("members:new_listing", args=["offer"]),
                           listing_data(structure=value, title="Piratage"))
    assert response.status_code in (400, 403), response.status_code
    if response.status_code == 400:
        assert field_error(soup_of(response), "structure")
    assert counts() == before
    assert not ListingPage.objects.filter(title="Piratage").exists()
    url = reverse("members:new_listing", args=["offer"])
    shown = client.get(url, {"structure": value})
    assert shown.status_code in (200, 400, 403, 404)
    assert_safe(shown)


@pytest.mark.parametrize("name", [*FORGED_IDS, "own-structure-listing"])
def test_forged_ids_in_the_edit_and_close_forms(client, demo, name):
    """A listing stays with its structure; a partner must be a real structure."""
    client.raise_request_exception = False
    login(client, MEMBER_A)
    listing = live_listing_of("roue-libre")
    value = str(structure().pk) if name == "own-structure-listing" else FORGED_IDS[name]()
    data = listing_form(client, listing)
    data.update(structure=value, action="submit")
    response = client.post(reverse("members:edit_listing", args=[listing.pk]), data)
    assert response.status_code in (302, 400)
    listing.refresh_from_db()
    draft = listing.get_latest_revision_as_object()
    assert draft.structure_id == structure().pk and listing.structure_id == structure().pk
    response = client.post(reverse("members:close_listing", args=[listing.pk]),
                           {"status": "fulfilled", "partner_structure": value})
    listing.refresh_from_db()
    if name in ("other-structure", "own-structure-listing"):
        return  # a real structure: a valid partner (or refused as oneself), both fine
    assert response.status_code == 400, response.status_code
    assert field_error(soup_of(response), "partner_structure")
    assert listing.status == ListingStatus.OPEN


# ------------------------------------------------------------------ 6. lying uploads

def svg_script():
    return SimpleUploadedFile(
        "logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
        content_type="image/svg+xml",
    )


def html_as_png():
    return SimpleUploadedFile("photo.png", b"<html><script>alert(1)</script></html>",
                              content_type="image/png")


def png_named(name: str, content_type: str = "image/png"):
    upload = png(name=name)
    upload.content_type = content_type
    return upload


def polyglot_gif():
    """A GIF header followed by a script: 'GIF89a/*…*/=alert(1)'."""
    return SimpleUploadedFile("anim.gif", b"GIF89a/*\x00\x00*/=alert(1);//",
                              content_type="image/gif")


def truncated_png():
    data = png().read()
    return SimpleUploadedFile("coupee.png", data[: len(data) // 2], content_type="image/png")


def bomb_header():
    """A PNG that claims 100,000 × 100,000 pixels in a few bytes."""
    import struct
    import zlib

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (struct.pack(">I", len(body)) + kind + body
                + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF))

    header = struct.pack(">IIBBBBB", 100_000, 100_000, 8, 2, 0, 0, 0)
    data = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(b"\x00" * 1024)) + chunk(b"IEND", b""))
    return SimpleUploadedFile("bombe2.png", data, content_type="image/png")


LYING_UPLOADS = {
    "script-named-jpg": lying_script,
    "html-named-png": html_as_png,
    "svg-with-script": svg_script,
    "png-named-php": lambda: png_named("photo.php", "application/x-php"),
    "png-named-html": lambda: png_named("page.html", "text/html"),
    "double-extension": lambda: png_named("photo.php.png.exe", "image/png"),
    "polyglot-gif": polyglot_gif,
    "truncated-png": truncated_png,
    "empty-file": lambda: SimpleUploadedFile("vide.jpg", b"", content_type="image/jpeg"),
    "decompression-bomb": lambda: png(10000, 10000, name="bombe.png", mode="1"),
    "bomb-header": bomb_header,
    "20-mb": huge_png,
}


@pytest.mark.parametrize("where", ["new", "edit"])
@pytest.mark.parametrize("case", LYING_UPLOADS)
def test_lying_uploads_are_refused(client, demo, case, where):
    client.raise_request_exception = False
    login(client, MEMBER_A)
    if where == "new":
        url = reverse("members:new_listing", args=["offer"])
        data = listing_data(structure=structure().pk)
    else:
        listing = live_listing_of("roue-libre")
        url = reverse("members:edit_listing", args=[listing.pk])
        data = {**listing_form(client, listing), "action": "submit"}
    data["new_images"] = [LYING_UPLOADS[case]()]
    before = counts()
    response = client.post(url, data)
    assert response.status_code == 400, response.status_code
    page = assert_safe(response)
    assert field_error(page, "new_images"), "no error shown for the upload"
    assert counts() == before


@pytest.mark.parametrize("name", [
    pytest.param('<img src=x onerror=alert(1)>.png', id="markup"),
    pytest.param("../../../etc/passwd.png", id="path-traversal"),
    pytest.param("photo\x00.png", id="null-byte"),
])
def test_hostile_file_names_are_stored_safely(client, demo, name):
    client.raise_request_exception = False
    login(client, MEMBER_A)
    data = listing_data(structure=structure().pk, action="draft")
    data["new_images"] = [png(name=name)]
    images = Image.objects.count()
    response = client.post(reverse("members:new_listing", args=["offer"]), data)
    assert response.status_code in (302, 400), response.status_code
    if response.status_code == 400:
        assert field_error(assert_safe(response), "new_images")
        assert Image.objects.count() == images
        return
    stored = Image.objects.latest("pk")
    assert "/" not in stored.file.name.removeprefix("original_images/")
    assert not re.search(r"[<>\x00]|\.\.", stored.file.name), stored.file.name
    assert_safe(client.get(LISTINGS), Payload("name", name))


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
