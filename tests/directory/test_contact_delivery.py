"""Contact form of a structure: stored, relayed by e-mail and retried."""

from io import StringIO

import pytest

from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.test import override_settings

from wagtail.models import Site

from directory.models import ContactMessage, DirectoryIndexPage, StructurePage
from home.models import SiteSettings
from tests.pages import html

from .contact_helpers import FAILING, TEXT, URL, confirmation, post, reply_to, structure

pytestmark = pytest.mark.django_db


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
