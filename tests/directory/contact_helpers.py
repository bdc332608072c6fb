"""Form data, failing mail backend and readers shared by the test_contact_* modules."""

import email
import email.policy
import smtplib

from bs4 import BeautifulSoup

from django.core.mail.backends.base import BaseEmailBackend

from directory.models import StructurePage

URL = "/fr/annuaire/roue-libre/"
TEXT = "Bonjour, pourriez-vous réparer les vélos de notre association samedi prochain ?"
VALID = {"name": "Camille Durand", "email": "camille@example.org", "message": TEXT,
         "nickname": ""}


class FailingBackend(BaseEmailBackend):
    """A mail server that hangs up."""

    def send_messages(self, email_messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


FAILING = f"{__name__}.FailingBackend"


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
