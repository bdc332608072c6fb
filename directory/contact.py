"""The contact form shared by structure pages and listings.

A message is stored before anything else, then relayed by e-mail in the background: if the
mail server is down, the message waits in the database and `send_pending_messages` retries.

Rate limits (an hour each, in the cache: search/ratelimit.py), so that nobody relays a flood
and nobody locks another person out:
- per sender, keyed by connection *and* address: someone typing a victim's address from their
  own connection never blocks the victim;
- per connection (IP), whatever the addresses typed: a new address per message gets no further;
  higher than the sender's, as several people may share one connection (an office, a school);
- per recipient structure, higher again: one connection alone cannot reach it.
"""

import unicodedata

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from wagtail.models import Page

from search.ratelimit import RateLimit, client_ip

from .models import ContactMessage, StructurePage
from .models.contact import MESSAGE_MAX_LENGTH, NAME_MAX_LENGTH

RATE_LIMIT = 5  # messages an hour per sender (connection and address)
RATE_LIMIT_PER_IP = 10
RATE_LIMIT_PER_RECIPIENT = 20
RATE_WINDOW = 3600  # seconds
MESSAGE_MIN_LENGTH = 10


def rate_limits() -> tuple[RateLimit, RateLimit, RateLimit]:
    """The sender's, the connection's and the recipient's limits (settings may change them)."""
    return (
        RateLimit("contact-sender", getattr(settings, "CONTACT_RATE_LIMIT", RATE_LIMIT),
                  RATE_WINDOW),
        RateLimit("contact-ip", getattr(settings, "CONTACT_RATE_LIMIT_PER_IP", RATE_LIMIT_PER_IP),
                  RATE_WINDOW),
        RateLimit("contact-recipient",
                  getattr(settings, "CONTACT_RATE_LIMIT_PER_RECIPIENT", RATE_LIMIT_PER_RECIPIENT),
                  RATE_WINDOW),
    )


class ContactForm(forms.Form):
    name = forms.CharField(label=_("Your name"), max_length=NAME_MAX_LENGTH)
    email = forms.EmailField(
        label=_("Your e-mail address"), max_length=254,
        help_text=_("The structure will answer you at this address."),
    )
    message = forms.CharField(
        label=_("Your message"), min_length=MESSAGE_MIN_LENGTH, max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    # Honeypot: hidden from people (CSS and aria-hidden), filled in by robots.
    nickname = forms.CharField(label=_("Leave this field empty"), required=False, max_length=100)

    def __init__(self, *args, request: HttpRequest | None = None,
                 recipient: StructurePage | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.client_ip = client_ip(request) if request is not None else None
        # A structure and its aliases (English) are one recipient.
        self.recipient = recipient.source if recipient is not None else None

    def clean_name(self) -> str:
        # A name goes into e-mail headers: no line breaks or other control characters.
        name = self.cleaned_data["name"]
        if any(unicodedata.category(char) == "Cc" for char in name):
            raise ValidationError(
                _("Your name must fit on one line."), code="control_characters"
            )
        return name

    def clean_nickname(self) -> str:
        if self.cleaned_data.get("nickname"):
            raise ValidationError(
                _("Your message looks automated and was not sent. If you are a person, leave "
                  "the last field empty and try again."),
                code="honeypot",
            )
        return ""

    def clean(self) -> dict:
        cleaned = super().clean()
        email = cleaned.get("email")
        if email and not self.errors:  # a form sent back for a typo uses up no message
            self.check_rate_limits(email)
        return cleaned

    def check_rate_limits(self, email: str) -> None:
        """Refuse the message if any limit is reached; otherwise count it against each."""
        sender, connection, recipient = rate_limits()
        counted = [
            (sender, f"{self.client_ip}|{email.casefold()}",
             _("You have already sent %(limit)s messages in the last hour from this "
               "address. Please try again later.")),
            (connection, self.client_ip,
             _("Too many messages were sent from your connection in the last hour "
               "(%(limit)s at most). Please try again later.")),
            (recipient, self.recipient.pk if self.recipient is not None else None,
             _("This structure has received many messages in the last hour. Please try again "
               "later.")),
        ]
        for limit, identifier, refusal in counted:
            if identifier is not None and limit.count(identifier) >= limit.limit:
                raise ValidationError(refusal, code="rate_limit", params={"limit": limit.limit})
        for limit, identifier, _refusal in counted:
            if identifier is not None:
                limit.hit(identifier)


def submit(form: ContactForm, structure: StructurePage, page: Page) -> ContactMessage:
    """Store the message, then relay it once the transaction is committed."""
    from .tasks import relay_contact_message

    message = ContactMessage.objects.create(
        structure=structure.source,
        page=page,
        sender_name=form.cleaned_data["name"],
        sender_email=form.cleaned_data["email"],
        message=form.cleaned_data["message"],
        language=get_language() or "fr",
    )
    transaction.on_commit(lambda: relay_contact_message.enqueue(message.pk))
    return message
