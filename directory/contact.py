"""The contact form shared by structure pages and listings.

A message is stored before anything else, then relayed by e-mail in the background: if the
mail server is down, the message waits in the database and `send_pending_messages` retries.

Rate limits (an hour each, in the cache: core/ratelimit.py), so that nobody relays a flood
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
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from wagtail.models import Page

from core.ratelimit import RateLimit, client_ip

from .fields import BoundedModelChoiceField
from .models import ContactMessage, Membership, StructurePage
from .models.contact import MESSAGE_MAX_LENGTH, NAME_MAX_LENGTH
from .tasks import relay_contact_message

RATE_WINDOW = 3600  # seconds
MESSAGE_MIN_LENGTH = 10
# The confirmation of a message sent is shown where the form was (`#contact-sent`), not with
# the page's other messages at its top, out of sight after the redirect.
CONFIRMATION_TAG = "contact-sent"


def rate_limits() -> tuple[RateLimit, RateLimit, RateLimit]:
    """The sender's, the connection's and the recipient's limits (settings may change them)."""
    return (
        RateLimit("contact-sender", settings.CONTACT_RATE_LIMIT, RATE_WINDOW),
        RateLimit("contact-ip", settings.CONTACT_RATE_LIMIT_PER_IP, RATE_WINDOW),
        RateLimit("contact-recipient", settings.CONTACT_RATE_LIMIT_PER_RECIPIENT, RATE_WINDOW),
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

    def __init__(self, *args, request: HttpRequest | None = None, user=None,
                 recipient: StructurePage | None = None, **kwargs) -> None:
        """`user`: the visitor; a logged-in member finds their name and address filled in
        and may write on behalf of one of their structures (never of another: refused as an
        invalid choice), other than `recipient`."""
        super().__init__(*args, **kwargs)
        self.client_ip = client_ip(request) if request is not None else None
        # A structure and its aliases (English) are one recipient.
        self.recipient = recipient.source if recipient is not None else None
        if user is None or not user.is_authenticated:
            return
        name = user.get_full_name().strip() or user.get_username()
        self.fields["name"].initial = name[:NAME_MAX_LENGTH]
        self.fields["email"].initial = user.email
        structures = StructurePage.objects.filter(
            pk__in=Membership.objects.filter(user=user).values("structure_id")
        ).order_by("title")
        if recipient is not None:
            structures = structures.exclude(translation_key=recipient.translation_key)
        if not structures.exists():
            return
        self.fields["sender_structure"] = BoundedModelChoiceField(
            label=_("On behalf of"), queryset=structures, required=False,
            empty_label=_("Myself only (no structure)"),
            help_text=_("The structure you answer for; it is named in the message."),
        )
        if len(structures) == 1:
            self.fields["sender_structure"].initial = structures[0].pk
        self.order_fields(["name", "email", "sender_structure", "message", "nickname"])

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
            if identifier is not None and limit.reached(identifier):
                raise ValidationError(refusal, code="rate_limit", params={"limit": limit.limit})
        for limit, identifier, _refusal in counted:
            if identifier is not None:
                limit.hit(identifier)


def submit(form: ContactForm, structure: StructurePage, page: Page) -> ContactMessage:
    """Store the message, then relay it once the transaction is committed."""
    message = ContactMessage.objects.create(
        structure=structure.source,
        page=page,
        sender_name=form.cleaned_data["name"],
        sender_email=form.cleaned_data["email"],
        sender_structure=form.cleaned_data.get("sender_structure"),
        message=form.cleaned_data["message"],
        language=get_language() or "fr",
    )
    transaction.on_commit(lambda: relay_contact_message.enqueue(message.pk))
    return message


def confirm(request: HttpRequest, text: str) -> None:
    """The confirmation shown at the form's place after the redirect (`confirmation()`)."""
    messages.success(request, text, extra_tags=CONFIRMATION_TAG)


def confirmation(request: HttpRequest) -> dict:
    """Context of a page with a contact form: `contact_sent`, the confirmations to show where
    the form is, and `messages`, the others, shown at the top of the page as usual."""
    shown = list(messages.get_messages(request))
    sent = [message for message in shown if CONFIRMATION_TAG in message.extra_tags.split()]
    return {"contact_sent": sent, "messages": [m for m in shown if m not in sent]}
