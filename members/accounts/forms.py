"""Forms of member accounts: log in by e-mail, ask for a new password, invite a member."""

from django import forms
from django.contrib.auth import authenticate, get_user_model
from django.contrib.auth.forms import PasswordResetForm as DjangoPasswordResetForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from wagtail.models import Locale

from directory.models import Membership, StructurePage

from .invitations import send_bilingual_email

HONEYPOT_FIELD = "nickname"


def honeypot_field() -> forms.CharField:
    """Hidden from people (CSS and aria-hidden), filled in by robots: like the contact form's."""
    return forms.CharField(label=_("Leave this field empty"), required=False, max_length=100)


def refuse_honeypot(form: forms.Form) -> bool:
    """A filled honeypot: the form is refused with a generic message. True if refused."""
    if form.data.get(form.add_prefix(HONEYPOT_FIELD)):
        form.add_error(None, ValidationError(
            _("Your request looks automated and was not processed. If you are a person, leave "
              "the last field empty and try again."),
            code="honeypot",
        ))
        return True
    return False


class LoginForm(forms.Form):
    """E-mail and password. Same interface as Django's AuthenticationForm for LoginView."""

    email = forms.EmailField(
        label=_("E-mail address"), max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )
    password = forms.CharField(
        label=_("Password"), strip=False, max_length=4096,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    nickname = honeypot_field()

    error_messages = {
        "invalid_login": _("Incorrect e-mail address or password."),
    }

    def __init__(self, request=None, *args, **kwargs):
        self.request = request
        self.user_cache = None
        super().__init__(*args, **kwargs)

    def clean(self) -> dict:
        cleaned = super().clean()
        if refuse_honeypot(self):
            return cleaned  # not even tried: nothing counted, nothing revealed
        email, password = cleaned.get("email"), cleaned.get("password")
        if email and password:
            # Inactive accounts are refused by the backends: same message, nothing revealed.
            self.user_cache = authenticate(self.request, email=email, password=password)
            if self.user_cache is None:
                raise ValidationError(self.error_messages["invalid_login"], code="invalid_login")
        return cleaned

    def get_user(self):
        return self.user_cache


class PasswordResetForm(DjangoPasswordResetForm):
    """Django's form (silent about unknown addresses), with the site's bilingual e-mail.

    Also reaches members invited but who never set a password (their link expired):
    Django skips accounts without a usable password, this form keeps those with a membership.
    """

    nickname = honeypot_field()

    def clean(self) -> dict:
        cleaned = super().clean()
        refuse_honeypot(self)
        return cleaned

    def get_users(self, email):
        yield from super().get_users(email)
        User = get_user_model()
        invited = User._default_manager.filter(
            **{f"{User.get_email_field_name()}__iexact": email},
            is_active=True, memberships__isnull=False,
        ).distinct()
        for user in invited:
            if not user.has_usable_password():
                yield user

    def send_mail(self, subject_template_name, email_template_name, context, from_email,
                  to_email, html_email_template_name=None) -> None:
        send_bilingual_email("members/accounts/emails/password_reset", context, to_email)


def invitable_structures():
    """Live structures in the source language (French): memberships point to those."""
    return (
        StructurePage.objects.live()
        .filter(locale=Locale.get_default())
        .order_by("title")
    )


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"), max_length=254)
    first_name = forms.CharField(label=_("First name"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)
    structure = forms.ModelChoiceField(
        label=_("Structure"), queryset=StructurePage.objects.none(),
        empty_label=_("Choose a structure"),
    )
    role = forms.ChoiceField(
        label=_("Role"), choices=Membership.Role.choices, initial=Membership.Role.MANAGER,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["structure"].queryset = invitable_structures()
