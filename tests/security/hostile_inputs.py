"""Payloads and checks shared by the test_hostile_inputs_* modules.

Hostile input, table-driven: payloads × every place a stranger or a member can type.

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

from django.test import Client

from wagtail.images import get_image_model
from wagtail.models import Revision, WorkflowState

from cooperation.models import ListingPage
from directory.models import ContactMessage, StructurePage
from tests.cooperation.member_listing_helpers import live_listing_of

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


FACETS = {
    "search": ["type", "sector", "territory", "legal_form"],
    "directory": ["sector", "legal_form", "territory", "relation"],
    "cooperation": ["kind", "category", "terms", "territory", "structure", "sort"],
}


def state() -> dict:
    listing = live_listing_of("roue-libre")
    return {**counts(), "listing": (listing.status, listing.expires_on, listing.title),
            "users": type(user(MEMBER_A)).objects.count()}
