"""Abuse resistance: rate limits, honeypots, the login cool-off.

Limits live in Django's cache (core/ratelimit.py), in fixed windows: the tests clear the cache
before each test and move the clock (time.time) to pass a window.
"""

import time

import pytest
from bs4 import BeautifulSoup

from django.contrib.auth import get_user_model
from django.core import mail
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation

from directory.contact import ContactForm
from members.accounts.forms import LoginForm, PasswordResetForm

pytestmark = pytest.mark.django_db

LOGIN = "/fr/espace-membre/connexion/"
RESET = "/fr/espace-membre/mot-de-passe/oubli/"
SUGGEST = "/fr/recherche/suggestions/"
MEMBER_EMAIL = "contact@roue-libre.example"
MEMBER_PASSWORD = "apess53-membre-roue-libre"
OTHER_EMAIL = "contact@jardins-du-maine.example"

RESET_REFUSED = (
    "Too many password reset requests. Please wait an hour and try again, or contact APESS 53."
)
SUGGEST_REFUSED = "Too many requests. Please wait a minute and try again."
HONEYPOT_REFUSED = (
    "Your request looks automated and was not processed. If you are a person, leave the last "
    "field empty and try again."
)


def fr(message: str) -> str:
    with translation.override("fr"):
        return translation.gettext(message)


def text(response) -> str:
    return BeautifulSoup(response.content, "html.parser").get_text(" ", strip=True)


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def clock(monkeypatch):
    """A clock at the start of an hour (so that a test never straddles two windows)."""
    now = [(time.time() // 3600 + 1) * 3600 + 1]
    monkeypatch.setattr(time, "time", lambda: now[0])
    return now


def ask_reset(client, email: str = MEMBER_EMAIL, ip: str = "203.0.113.1", **extra):
    return client.post(RESET, {"email": email, **extra}, REMOTE_ADDR=ip)


# --------------------------------------------------------------------------- password reset

def test_five_reset_requests_an_hour_for_an_address(client, demo, clock):
    for number in range(5):
        # From different connections: only the address is counted against it.
        response = ask_reset(client, ip=f"203.0.113.{number + 1}")
        assert response.status_code == 302, number
    assert len(mail.outbox) == 5
    response = ask_reset(client, email=MEMBER_EMAIL.upper(), ip="203.0.113.99")
    assert response.status_code == 429
    assert response["Retry-After"]
    assert fr(RESET_REFUSED) in text(response)
    assert len(mail.outbox) == 5  # nothing sent
    # Another address is not held back.
    assert ask_reset(client, email=OTHER_EMAIL, ip="203.0.113.98").status_code == 302
    # An hour later, the address may ask again.
    clock[0] += 3600
    assert ask_reset(client, ip="203.0.113.99").status_code == 302
    assert len(mail.outbox) == 7


def test_five_reset_requests_an_hour_from_a_connection(client, demo, clock):
    for number in range(5):
        assert ask_reset(client, email=f"inconnu{number}@example.org").status_code == 302
    response = ask_reset(client)  # a known address, but from the same connection
    assert response.status_code == 429
    assert fr(RESET_REFUSED) in text(response)
    assert mail.outbox == []
    assert ask_reset(client, ip="198.51.100.7").status_code == 302  # another connection
    assert len(mail.outbox) == 1
    clock[0] += 3600
    assert ask_reset(client).status_code == 302
    assert len(mail.outbox) == 2


def test_the_reset_limit_can_be_reset_by_emptying_the_cache(client, demo, clock):
    for _ in range(5):
        ask_reset(client)
    assert ask_reset(client).status_code == 429
    cache.clear()
    assert ask_reset(client).status_code == 302


def test_a_filled_honeypot_refuses_the_reset_quietly(client, demo):
    page = BeautifulSoup(client.get(RESET).content, "html.parser")
    trap = page.find("input", attrs={"name": "nickname"})
    assert trap and trap.find_parent(class_="honeypot")["aria-hidden"] == "true"
    response = ask_reset(client, nickname="bot")
    assert response.status_code == 200
    assert fr(HONEYPOT_REFUSED) in text(response)
    assert mail.outbox == []


# --------------------------------------------------------------------------- login

def test_a_filled_honeypot_refuses_the_login_quietly(client, demo):
    page = BeautifulSoup(client.get(LOGIN).content, "html.parser")
    trap = page.find("input", attrs={"name": "nickname"})
    assert trap and trap.find_parent(class_="honeypot")["aria-hidden"] == "true"
    response = client.post(
        LOGIN, {"email": MEMBER_EMAIL, "password": MEMBER_PASSWORD, "nickname": "bot"}
    )
    assert response.status_code == 200
    assert fr(HONEYPOT_REFUSED) in text(response)
    assert "_auth_user_id" not in client.session
    # A person (the field left empty) logs in.
    response = client.post(LOGIN, {"email": MEMBER_EMAIL, "password": MEMBER_PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_id"]


def test_five_failed_logins_pause_with_a_french_page(client, demo):
    for number in range(4):
        response = client.post(LOGIN, {"email": MEMBER_EMAIL, "password": f"faux-{number}"})
        assert response.status_code == 200, number
    client.post(LOGIN, {"email": MEMBER_EMAIL, "password": "faux-5"})  # the 5th: paused
    response = client.post(LOGIN, {"email": MEMBER_EMAIL, "password": MEMBER_PASSWORD})
    assert response.status_code == 429
    page = text(response)
    assert "Trop de tentatives infructueuses" in page
    assert fr("Too many failed attempts") == "Trop de tentatives infructueuses"
    assert "_auth_user_id" not in client.session


# --------------------------------------------------------------------------- suggestions

def test_sixty_suggestions_a_minute_from_a_connection(client, demo, clock, settings):
    settings.SEARCH_SUGGESTIONS_RATE_LIMIT = 60  # the production value (tests raise it)
    for number in range(60):
        response = client.get(SUGGEST, {"q": "ve"}, REMOTE_ADDR="203.0.113.5")
        assert response.status_code == 200, number
    response = client.get(SUGGEST, {"q": "velo"}, REMOTE_ADDR="203.0.113.5")
    assert response.status_code == 429
    assert response["Content-Type"].startswith("application/json")
    assert int(response["Retry-After"]) <= 61
    data = response.json()
    assert data["suggestions"] == []
    with translation.override("fr"):
        assert data["error"] == translation.gettext(SUGGEST_REFUSED)
    english = client.get("/en/search/suggestions/", {"q": "ve"}, REMOTE_ADDR="203.0.113.5")
    assert english.status_code == 429 and english.json()["error"] == SUGGEST_REFUSED
    # Another connection is served; a minute later, this one too.
    assert client.get(SUGGEST, {"q": "ve"}, REMOTE_ADDR="203.0.113.6").status_code == 200
    clock[0] += 60
    assert client.get(SUGGEST, {"q": "ve"}, REMOTE_ADDR="203.0.113.5").status_code == 200


# --------------------------------------------------------------------------- lengths

@pytest.mark.parametrize("form_class", [LoginForm, PasswordResetForm, ContactForm])
def test_every_public_text_field_has_a_maximum_length(form_class):
    form = form_class()
    for name, field in form.fields.items():
        if hasattr(field, "max_length"):
            assert field.max_length, f"{form_class.__name__}.{name}"


def test_an_over_long_password_is_refused_without_hashing(client, demo):
    response = client.post(LOGIN, {"email": MEMBER_EMAIL, "password": "x" * 5000})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert get_user_model().objects.filter(email=MEMBER_EMAIL).exists()


def test_the_limits_names_resolve():
    assert reverse("members:password_reset") == RESET
    assert reverse("search_suggestions") == SUGGEST
