"""RGPD: a member downloads its data and deletes its account; old messages are purged."""

import datetime
import json
import time

import pytest
from axes.models import AccessLog
from bs4 import BeautifulSoup

from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone, translation

from cooperation.models import ListingPage
from directory.models import ContactMessage, Membership, StructurePage

pytestmark = pytest.mark.django_db

MEMBER = "membre-roue-libre"
PASSWORD = "apess53-membre-roue-libre"


def member():
    return get_user_model().objects.get(username=MEMBER)


def roue_libre() -> StructurePage:
    return StructurePage.objects.get(slug="roue-libre", locale__language_code="fr")


@pytest.mark.parametrize("name", ["members:my_data", "members:my_data_json"])
def test_only_a_logged_in_member_reaches_its_data(client, demo, name):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert reverse("members:login") in response["Location"]


def test_the_export_holds_the_account_its_structures_listings_and_messages(client, demo):
    ContactMessage.objects.create(
        structure=roue_libre(), page=roue_libre(), sender_name="Camille",
        sender_email="camille@example.org", message="Avez-vous des vélos à prêter ?",
    )
    client.force_login(member())
    response = client.get(reverse("members:my_data_json"))
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["account"]["email"] == "contact@roue-libre.example"
    [structure] = data["structures"]
    assert structure["title"] == "Atelier vélo Roue Libre"
    # The private fields too: the export is for the member, not the public.
    assert structure["email"] == roue_libre().email
    assert structure["siret"] == roue_libre().siret
    assert data["memberships"][0]["structure"] == "Atelier vélo Roue Libre"
    titles = {listing["title"] for listing in data["listings_of_my_structures"]}
    assert "Camion utilitaire 12 m³ le week-end" in titles
    assert all(listing["structure"] == "Atelier vélo Roue Libre"
               for listing in data["listings_of_my_structures"])
    assert "Avez-vous des vélos à prêter ?" in [
        message["message"] for message in data["messages_received_by_my_structures"]
    ]
    # Nothing about another structure.
    assert "jardins" not in response.content.decode().lower()


def test_the_export_holds_the_messages_the_member_sent_to_other_structures(client, demo):
    """What the member wrote to other structures is its personal data too: contact messages
    and answers to their listings, whatever the case of the address it typed."""
    jardins = StructurePage.objects.get(slug="jardins-du-maine", locale__language_code="fr")
    listing = ListingPage.objects.filter(
        locale__language_code="fr", alias_of__isnull=True).exclude(structure=roue_libre()).first()
    sent = [
        ContactMessage.objects.create(
            structure=jardins, page=jardins, sender_name="Alex",
            sender_email="contact@roue-libre.example", message="Auriez-vous des bacs à prêter ?",
        ),
        ContactMessage.objects.create(
            structure=listing.structure, page=listing, sender_name="Alex",
            sender_email="Contact@Roue-Libre.example", message="Votre annonce nous intéresse.",
        ),
    ]
    ContactMessage.objects.create(
        structure=jardins, page=jardins, sender_name="Camille",
        sender_email="camille@example.org", message="Un message qui n'est pas du membre.",
    )
    client.force_login(member())
    data = json.loads(client.get(reverse("members:my_data_json")).content)
    mine = sorted(data["messages_i_sent"], key=lambda message: message["message"])
    assert [(m["message"], m["structure"], m["page"]) for m in mine] == sorted(
        (m.message, m.structure.title, m.page.title) for m in sent
    )
    received = [m["message"] for m in data["messages_received_by_my_structures"]]
    assert not set(received) & {m.message for m in sent}


def test_the_member_area_links_to_the_data_page(client, demo):
    client.force_login(member())
    page = client.get(reverse("members:member_space")).content.decode()
    assert reverse("members:my_data") in page


def log_in(client, email: str, password: str):
    """The member login form, as a person fills it in (it asks for the e-mail address)."""
    return client.post(reverse("members:login"), {"email": email, "password": password})


def deletion(client, password: str, confirm: bool = True):
    data = {"password": password}
    if confirm:
        data["confirm"] = "on"
    return client.post(reverse("members:my_data"), data)


@pytest.mark.parametrize(("password", "confirm"), [
    ("not-my-password", True), (PASSWORD, False), ("", True), ("x" * 10_000, True),
])
def test_a_wrong_or_unconfirmed_request_deletes_nothing(client, demo, password, confirm):
    client.force_login(member())
    response = deletion(client, password, confirm)
    assert response.status_code == 400
    page = BeautifulSoup(response.content, "html.parser")
    assert page.find(class_="errorlist"), "no error shown next to the field"
    assert get_user_model().objects.filter(username=MEMBER, is_active=True).exists()
    assert Membership.objects.filter(user=member()).exists()
    assert mail.outbox == []


def test_five_wrong_passwords_lock_the_deletion_form_for_fifteen_minutes(
    client, demo, monkeypatch
):
    now = [(time.time() // 900 + 1) * 900 + 1]  # the start of a 15-minute window
    monkeypatch.setattr(time, "time", lambda: now[0])
    client.force_login(member())
    for number in range(5):
        response = deletion(client, f"devine-{number}")
        assert response.status_code == 400
        page = BeautifulSoup(response.content, "html.parser")
        assert "Ce n'est pas votre mot de passe" in page.find(class_="errorlist").get_text()
    # Now even the right password is not checked: the guessing stops.
    response = deletion(client, PASSWORD)
    assert response.status_code == 400
    page = BeautifulSoup(response.content, "html.parser")
    error = " ".join(page.find(class_="errorlist").get_text(" ").split())
    assert "bloqué pendant 15 minutes" in error, error
    assert get_user_model().objects.filter(username=MEMBER, is_active=True).exists()
    assert mail.outbox == []
    # Another member is not held back by this one's mistakes.
    other = get_user_model().objects.get(username="membre-jardins")
    client.force_login(other)
    assert deletion(client, "apess53-membre-jardins").status_code == 302
    # Fifteen minutes later, the member may delete the account.
    now[0] += 900
    client.force_login(member())
    assert deletion(client, PASSWORD).status_code == 302
    assert not get_user_model().objects.filter(username=MEMBER, is_active=True).exists()


@pytest.mark.parametrize("name", [
    "members:member_space", "members:my_data", "members:my_data_json",
    "members:listings",
])
@pytest.mark.parametrize("language", ["fr", "en"])
def test_member_pages_and_the_export_are_never_stored_by_caches(client, demo, name, language):
    client.force_login(member())
    with translation.override(language):
        url = reverse(name)
    response = client.get(url)
    assert response.status_code == 200, url
    directives = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= directives, response["Cache-Control"]
    assert "public" not in directives


def test_the_member_area_login_and_its_redirects_are_never_stored(client, demo):
    for url in (reverse("members:login"), reverse("members:my_data")):
        response = client.get(url)
        assert response.status_code in (200, 302)
        assert "no-store" in response["Cache-Control"], url


def test_deleting_the_account_erases_who_the_person_is(client, demo):
    account = member()
    # Before: the login form opens the member space with this address and password.
    before = client.__class__()
    assert log_in(before, "contact@roue-libre.example", PASSWORD).status_code == 302
    assert before.get(reverse("members:member_space")).status_code == 200
    client.force_login(account)
    response = deletion(client, PASSWORD)
    assert response.status_code == 302
    account.refresh_from_db()
    assert account.email == "" and account.first_name == "" and account.last_name == ""
    assert not account.is_active and not account.has_usable_password()
    assert MEMBER not in account.username
    assert not Membership.objects.filter(user=account).exists()
    # The structure's page stays in the directory.
    assert client.get(roue_libre().url).status_code == 200
    # Told by e-mail, at the address it had.
    [message] = mail.outbox
    assert message.to == ["contact@roue-libre.example"]
    # Logged out, and the old password no longer opens anything.
    assert client.get(reverse("members:member_space")).status_code == 302
    response = log_in(client, "contact@roue-libre.example", PASSWORD)
    assert response.status_code == 200  # the form again, with its error
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("members:member_space")).status_code == 302


@override_settings(CONTACT_MESSAGE_RETENTION_DAYS=365)
def test_messages_and_login_records_past_the_retention_period_are_purged(demo):
    now = timezone.now()
    old, recent = (
        ContactMessage.objects.create(
            structure=roue_libre(), sender_name="A", sender_email="a@example.org",
            message=f"message {n}",
        )
        for n in (1, 2)
    )
    ContactMessage.objects.filter(pk=old.pk).update(created_at=now - datetime.timedelta(days=366))
    ContactMessage.objects.filter(pk=recent.pk).update(
        created_at=now - datetime.timedelta(days=364))
    record = AccessLog.objects.create(username="x", ip_address="192.0.2.1", user_agent="t")
    AccessLog.objects.filter(pk=record.pk).update(
        attempt_time=now - datetime.timedelta(days=400))
    call_command("purge_personal_data")
    assert not ContactMessage.objects.filter(pk=old.pk).exists()
    assert ContactMessage.objects.filter(pk=recent.pk).exists()
    assert not AccessLog.objects.filter(pk=record.pk).exists()


@pytest.mark.parametrize(("home", "privacy", "title"), [
    ("/fr/", "/fr/donnees-personnelles/", "Données personnelles"),
    ("/en/", "/en/personal-data/", "Personal data"),
])
def test_every_page_links_to_the_privacy_page_in_its_language(client, demo, home, privacy, title):
    structure = StructurePage.objects.get(slug="roue-libre", locale__language_code=home[1:3])
    for url in (home, structure.url):
        footer = BeautifulSoup(client.get(url).content, "html.parser").find("footer")
        assert footer.find("a", href=privacy, string=title), url
    page = client.get(privacy)
    assert page.status_code == 200
    text = BeautifulSoup(page.content, "html.parser").find("main").get_text()
    assert "CNIL" in text
    assert ("douze mois" in text) or ("twelve months" in text)


def test_the_contact_form_says_where_its_data_goes(client, demo):
    form = BeautifulSoup(client.get(roue_libre().url).content, "html.parser").find(
        "form", action="#contact")
    assert form.find("a", href="/fr/donnees-personnelles/")
