"""Contact form of a structure: refused politely (honeypot, limits, rate limits)."""

import time

import pytest

from django.core import mail

from cooperation.models import ListingPage
from directory.models import ContactMessage
from tests.pages import html

from .contact_helpers import TEXT, URL, VALID, post, structure, text_of, textarea

pytestmark = pytest.mark.django_db


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
