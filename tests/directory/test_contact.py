"""Contact form of a structure: stored, relayed by e-mail, retried, and refused politely."""

import email
import email.policy
import smtplib
import time
from io import StringIO

import pytest
from bs4 import BeautifulSoup

from django.conf import settings
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.test import override_settings

from wagtail.models import Site

from cooperation.models import ListingPage
from directory.models import ContactMessage, DirectoryIndexPage, StructurePage
from home.models import SiteSettings

pytestmark = pytest.mark.django_db

URL = "/fr/annuaire/roue-libre/"
TEXT = "Bonjour, pourriez-vous réparer les vélos de notre association samedi prochain ?"
VALID = {"name": "Camille Durand", "email": "camille@example.org", "message": TEXT,
         "nickname": ""}


class FailingBackend(BaseEmailBackend):
    """A mail server that hangs up."""

    def send_messages(self, email_messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


FAILING = f"{__name__}.FailingBackend"


def html(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


def text_of(page: BeautifulSoup) -> str:
    return " ".join(page.get_text(" ").split())


def structure(slug: str = "roue-libre", language: str = "fr") -> StructurePage:
    return StructurePage.objects.get(slug=slug, locale__language_code=language)


def confirmation(page: BeautifulSoup) -> str:
    # Where the form was (#contact), not at the top of the page.
    messages = page.select_one("#contact #contact-sent")
    return " ".join(messages.get_text(" ").split()) if messages else ""


def textarea(form: BeautifulSoup) -> str:
    """The textarea's value as a browser shows it (HTML drops one leading line break)."""
    return form.find("textarea", attrs={"name": "message"}).get_text().removeprefix("\n")


def post(client, url: str = URL, follow: bool = False, REMOTE_ADDR: str = "127.0.0.1",
         **changes):
    return client.post(url, {**VALID, **changes}, follow=follow, REMOTE_ADDR=REMOTE_ADDR)


def reply_to(message) -> list[tuple[str, str]]:
    """The Reply-To header as a mail client reads it: [(display name, address)]."""
    parsed = email.message_from_bytes(message.message().as_bytes(), policy=email.policy.default)
    return [(address.display_name, address.addr_spec) for address in parsed["Reply-To"].addresses]


def test_message_is_stored_then_emailed_to_the_structure(
    client, demo, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, follow=True)
    assert response.status_code == 200
    assert response.redirect_chain == [(f"{URL}#contact-sent", 302)]
    assert "Atelier vélo Roue Libre" in confirmation(html(response))

    stored = ContactMessage.objects.get()
    assert stored.structure == structure()
    assert stored.page.specific == structure()
    assert (stored.sender_name, stored.sender_email, stored.message, stored.language) == (
        "Camille Durand", "camille@example.org", TEXT, "fr"
    )
    assert stored.status == ContactMessage.Status.SENT
    assert stored.attempts == 1 and stored.sent_at is not None and stored.last_error == ""

    (sent,) = mail.outbox
    assert sent.to == ["contact@roue-libre.example"]
    assert sent.from_email == settings.DEFAULT_FROM_EMAIL
    assert reply_to(sent) == [("Camille Durand", "camille@example.org")]
    assert sent.subject.startswith("[APESS 53]")
    assert "Camille Durand" in sent.subject
    assert TEXT in sent.body


def test_confirmation_is_in_french(client, demo, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, follow=True)
    shown = confirmation(html(response))
    assert "Atelier vélo Roue Libre" in shown
    assert "Merci" in shown, shown


@pytest.mark.parametrize("name", ["Zoé Lefèvre", "Durand, Camille", 'Camille "Cam" Durand'])
def test_reply_to_is_the_sender_whatever_their_name(
    client, demo, django_capture_on_commit_callbacks, name
):
    with django_capture_on_commit_callbacks(execute=True):
        assert post(client, name=name).status_code == 302
    (sent,) = mail.outbox
    assert reply_to(sent) == [(name, "camille@example.org")]


def test_message_from_the_english_page_reaches_the_structure(
    client, demo, django_capture_on_commit_callbacks
):
    url = "/en/directory/roue-libre/"
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, url=url, follow=True)
    assert response.redirect_chain == [(f"{url}#contact-sent", 302)]
    assert "Thank you" in confirmation(html(response))
    stored = ContactMessage.objects.get()
    assert stored.structure == structure()  # the French source carries the messages
    assert stored.page.specific == structure(language="en")
    assert stored.language == "en"
    (sent,) = mail.outbox
    assert sent.to == ["contact@roue-libre.example"]


def test_structure_without_address_gets_its_messages_through_the_association(
    client, demo, django_capture_on_commit_callbacks
):
    association = SiteSettings.for_site(Site.objects.get(is_default_site=True)).email
    assert association
    index = DirectoryIndexPage.objects.get(locale__language_code="fr")
    page = index.add_child(instance=StructurePage(
        title="Sans courriel", slug="sans-courriel", summary="Une structure.",
        legal_form="association", relation="adherent",
    ))
    page.save_revision().publish()
    with django_capture_on_commit_callbacks(execute=True):
        assert post(client, url="/fr/annuaire/sans-courriel/").status_code == 302
    (sent,) = mail.outbox
    assert sent.to == [association]


def test_mail_server_down_keeps_the_message_and_the_retry_sends_it(
    client, demo, django_capture_on_commit_callbacks
):
    with override_settings(EMAIL_BACKEND=FAILING):
        with django_capture_on_commit_callbacks(execute=True):
            response = post(client, follow=True)
        assert response.status_code == 200
        assert "Atelier vélo Roue Libre" in confirmation(html(response))
    assert mail.outbox == []
    stored = ContactMessage.objects.get()
    assert stored.status == ContactMessage.Status.PENDING
    assert stored.attempts == 1
    assert "SMTPServerDisconnected" in stored.last_error
    assert stored.sent_at is None

    out = StringIO()
    call_command("send_pending_messages", stdout=out)
    assert "1 message(s) queued; 0 still waiting." in out.getvalue()
    (sent,) = mail.outbox
    assert sent.to == ["contact@roue-libre.example"]
    assert TEXT in sent.body
    stored.refresh_from_db()
    assert stored.status == ContactMessage.Status.SENT
    assert stored.attempts == 2 and stored.last_error == "" and stored.sent_at is not None

    call_command("send_pending_messages", stdout=StringIO())  # nothing left: nothing sent twice
    assert len(mail.outbox) == 1


def test_retry_while_the_server_is_still_down_counts_the_attempt(
    client, demo, django_capture_on_commit_callbacks
):
    with override_settings(EMAIL_BACKEND=FAILING):
        with django_capture_on_commit_callbacks(execute=True):
            post(client)
        out = StringIO()
        call_command("send_pending_messages", stdout=out)
    assert "1 message(s) queued; 1 still waiting." in out.getvalue()
    stored = ContactMessage.objects.get()
    assert (stored.status, stored.attempts) == (ContactMessage.Status.PENDING, 2)
    assert mail.outbox == []


# ---------------------------------------------------------------- refusals

def assert_refused_and_kept(response, **kept):
    """400, the form shown again with what the visitor typed, nothing stored or sent."""
    assert response.status_code == 400
    page = html(response)
    form = page.select_one("#contact form")
    assert form is not None
    for field, value in kept.items():
        if field == "message":
            assert textarea(form) == value
        else:
            assert form.find("input", attrs={"name": field})["value"] == value, field
    assert not ContactMessage.objects.exists()
    assert mail.outbox == []
    return page


def test_honeypot_refuses_robots(client, demo, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, nickname="http://spam.example/")
    page = assert_refused_and_kept(response, name="Camille Durand", email="camille@example.org",
                                   message=TEXT)
    errors = [" ".join(e.get_text(" ").split()) for e in page.select("#contact .notice--error")]
    assert errors and all(errors)


@pytest.mark.parametrize(
    ("field", "value", "words"),
    [
        ("message", "x" * 5001, "5000"),
        ("message", "court", "10"),
        ("message", "", ""),
        ("name", "n" * 101, "100"),
        ("name", "", ""),
        ("email", "pas-une-adresse", "valide"),
        ("email", "", ""),
    ],
)
def test_field_limits(client, demo, django_capture_on_commit_callbacks, field, value, words):
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, **{field: value})
    kept = {name: VALID[name] for name in ("name", "email", "message") if name != field}
    page = assert_refused_and_kept(response, **kept)
    errors = page.find(id=f"id_{field}-errors")
    assert errors is not None, f"no error shown for {field}"
    shown = errors.get_text(" ", strip=True)
    assert shown and words in shown, shown
    assert "This field is required" not in shown  # Django's own messages are in French


def test_limits_themselves_are_accepted(client, demo):
    assert post(client, name="n" * 100, message="m" * 5000).status_code == 302
    assert post(client, message="Trop court").status_code == 302  # 10 characters
    assert sorted((len(m.sender_name), len(m.message)) for m in ContactMessage.objects.all()) == [
        (14, 10), (100, 5000)
    ]


@pytest.mark.parametrize(
    "changes",
    [{"message": "Bonjour\x00, une question sur vos horaires."},
     {"name": "Camille\nBcc: victime@example.org"},
     {"email": "camille@example.org\nBcc: victime@example.org"},
     {"name": "<script>alert(1)</script>"}],
    ids=["NUL in message", "line break in name", "line break in e-mail", "markup in name"],
)
def test_odd_input_never_gives_500_nor_an_undeliverable_message(
    client, demo, django_capture_on_commit_callbacks, changes
):
    client.raise_request_exception = False
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, **changes)
    assert response.status_code in (302, 400)
    if response.status_code == 302:  # accepted: then it must really reach the structure
        stored = ContactMessage.objects.get()
        assert stored.status == ContactMessage.Status.SENT, stored.last_error
        (sent,) = mail.outbox
        assert sent.to == ["contact@roue-libre.example"]
        assert "victime@example.org" not in sent.message().as_string().split("\n\n", 1)[0]
    else:
        assert not ContactMessage.objects.exists()
        assert "<script>alert(1)</script>" not in response.content.decode()


def test_rate_limit_five_messages_an_hour_per_sender(client, demo):
    addresses = ["camille@example.org", "Camille@Example.org", "CAMILLE@EXAMPLE.ORG",
                 "camille@EXAMPLE.org", "Camille@example.org"]
    for address in addresses:
        assert post(client, email=address).status_code == 302
    assert ContactMessage.objects.count() == 5

    for url in (URL, "/fr/annuaire/garage-solidaire/"):  # per sender, whatever the structure
        response = post(client, url=url, email="cAmIlLe@example.org")
        assert response.status_code == 400
        page = html(response)
        notice = " ".join(page.select_one("#contact .notice--error").get_text(" ").split())
        assert "5" in notice
        assert textarea(page) == TEXT
    assert ContactMessage.objects.count() == 5

    assert post(client, email="dominique@example.org").status_code == 302
    assert ContactMessage.objects.count() == 6


@pytest.fixture
def clock(monkeypatch):
    """A clock at the start of an hour: the limits count in fixed windows of an hour."""
    now = [(time.time() // 3600 + 1) * 3600 + 1]
    monkeypatch.setattr(time, "time", lambda: now[0])
    return now


def test_rate_limit_forgets_messages_older_than_an_hour(client, demo, clock):
    for _ in range(5):
        assert post(client).status_code == 302
    assert post(client).status_code == 400
    clock[0] += 3600
    assert post(client).status_code == 302
    assert ContactMessage.objects.count() == 6


def refusal(response) -> str:
    return text_of(html(response).select_one("#contact .notice--error"))


def test_someone_typing_a_victims_address_does_not_block_the_victim(client, demo, clock):
    victim = "camille@example.org"
    for _ in range(5):
        assert post(client, email=victim, REMOTE_ADDR="203.0.113.66").status_code == 302
    assert post(client, email=victim, REMOTE_ADDR="203.0.113.66").status_code == 400
    # The real Camille, from her own connection, is not held back.
    for _ in range(5):
        assert post(client, email=victim, REMOTE_ADDR="198.51.100.10").status_code == 302
    assert ContactMessage.objects.filter(sender_email=victim).count() == 10


def listing_url() -> str:
    listing = ListingPage.objects.open().filter(locale__language_code="fr").first()
    return listing.url


def test_one_connection_cannot_relay_a_flood_with_new_addresses(client, demo, clock):
    urls = [URL, "/fr/annuaire/garage-solidaire/", listing_url()]
    for number in range(10):
        response = post(client, url=urls[number % 3], email=f"robot{number}@example.org",
                        REMOTE_ADDR="203.0.113.66")
        assert response.status_code == 302, number
    for url in urls:
        response = post(client, url=url, email="robot99@example.org",
                        REMOTE_ADDR="203.0.113.66")
        assert response.status_code == 400
        page = html(response)
        assert "connexion" in refusal(response), refusal(response)
        assert textarea(page) == TEXT  # nothing typed is lost
    assert ContactMessage.objects.count() == 10
    # Another connection is served; an hour later, this one too.
    assert post(client, email="robot99@example.org", REMOTE_ADDR="198.51.100.10").status_code == 302
    clock[0] += 3600
    assert post(client, email="robot99@example.org", REMOTE_ADDR="203.0.113.66").status_code == 302
    assert ContactMessage.objects.count() == 12


def test_a_structure_receives_at_most_twenty_messages_an_hour(client, demo, clock):
    for number in range(20):  # from as many connections: no one of them reaches its own limit
        response = post(client, email=f"personne{number}@example.org",
                        REMOTE_ADDR=f"203.0.113.{number + 1}")
        assert response.status_code == 302, number
    response = post(client, email="autre@example.org", REMOTE_ADDR="198.51.100.10")
    assert response.status_code == 400
    assert "structure" in refusal(response), refusal(response)
    # Its English page is the same recipient; other structures are reachable.
    english = post(client, url="/en/directory/roue-libre/", email="autre@example.org",
                   REMOTE_ADDR="198.51.100.10")
    assert english.status_code == 400
    assert "structure has received many messages" in refusal(english)
    assert post(client, url="/fr/annuaire/garage-solidaire/", email="autre@example.org",
                REMOTE_ADDR="198.51.100.10").status_code == 302
    assert ContactMessage.objects.filter(structure=structure()).count() == 20


def test_a_form_sent_back_for_a_mistake_uses_up_no_message(client, demo, clock):
    for _ in range(10):
        assert post(client, message="court").status_code == 400
    for _ in range(5):
        assert post(client).status_code == 302


ENGLISH = {
    "honeypot": "looks automated",
    "rate limit": "already sent",
    "form labels": "Your message",
}


@pytest.mark.parametrize("case", ["honeypot", "rate limit", "form labels"])
def test_refusals_are_explained_in_french(client, demo, case):
    if case == "rate limit":
        for _ in range(5):
            post(client)
        response = post(client)
    elif case == "honeypot":
        response = post(client, nickname="robot")
    else:
        response = post(client, message="")
    assert response.status_code == 400
    text = text_of(html(response).select_one("#contact"))
    assert ENGLISH[case] not in text, text
