"""The contact form shared by structure pages and (later) listings.

A message is stored before anything else, then relayed by e-mail in the background: if the
mail server is down, the message waits in the database and `send_pending_messages` retries.
"""

import datetime
import unicodedata

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from wagtail.models import Page

from .models import ContactMessage, StructurePage
from .models.contact import MESSAGE_MAX_LENGTH, NAME_MAX_LENGTH

RATE_LIMIT = 5
RATE_WINDOW = datetime.timedelta(hours=1)
MESSAGE_MIN_LENGTH = 10


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
        if email:
            since = timezone.now() - RATE_WINDOW
            recent = ContactMessage.objects.filter(
                sender_email__iexact=email, created_at__gte=since
            ).count()
            if recent >= RATE_LIMIT:
                raise ValidationError(
                    _("You have already sent %(limit)s messages in the last hour from this "
                      "address. Please try again later."),
                    code="rate_limit",
                    params={"limit": RATE_LIMIT},
                )
        return cleaned


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
