"""Addresses, passwords and requests shared by the test_accounts_* modules."""

import re

from bs4 import BeautifulSoup

from django.contrib.auth import get_user_model
from django.utils import translation
from django.utils.translation import gettext

from directory.models import StructurePage

LOGIN = "/fr/espace-membre/connexion/"
MEMBER_SPACE = "/fr/espace-membre/"
PASSWORD_RESET = "/fr/espace-membre/mot-de-passe/oubli/"
INVITE = "/admin/members/invite/"
MEMBER_EMAIL = "contact@roue-libre.example"
MEMBER_PASSWORD = "apess53-membre-roue-libre"
OTHER_EMAIL = "contact@jardins-du-maine.example"
OTHER_PASSWORD = "apess53-membre-jardins"
NEW_PASSWORD = "Velo-cargo-2025!"


def fr(msgid: str) -> str:
    """What a French visitor reads for an interface string (the catalogue's translation)."""
    with translation.override("fr"):
        return gettext(msgid)


def text(response) -> str:
    """The page's visible text, whitespace collapsed."""
    soup = BeautifulSoup(response.content, "html.parser")
    return " ".join((soup.find("main") or soup).get_text(" ").split())


def user(username: str):
    return get_user_model().objects.get(username=username)


def structure(slug: str) -> StructurePage:
    return StructurePage.objects.get(slug=slug, locale__language_code="fr")


def log_in(client, email: str, password: str):
    return client.post(LOGIN, {"email": email, "password": password})


def logged_in_user_id(client):
    return client.session.get("_auth_user_id")


def links(message) -> list[str]:
    return re.findall(r"https?://\S+", message.body)


def set_password_through(client, link: str, password: str = NEW_PASSWORD):
    """Open a one-time link like a browser, then choose a password on the page it leads to."""
    response = client.get(link)
    assert response.status_code == 302  # the token leaves the address bar (and Referer)
    form_url = response["Location"]
    assert "nouveau-mot-de-passe" in form_url
    assert client.get(form_url).status_code == 200
    return client.post(form_url, {"new_password1": password, "new_password2": password})
