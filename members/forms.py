"""The plain forms of the member space (no Wagtail admin needed): a structure's profile,
deleting one's account."""

from django import forms
from django.utils.translation import gettext_lazy as _

from wagtail.models import Locale

from core.ratelimit import RateLimit
from directory.admin_forms import siret_field
from directory.fields import BoundedModelMultipleChoiceField
from directory.forms import refuse_control_characters
from directory.models import Sector, StructurePage, Territory
from directory.richtext import html_to_text, text_to_html
from directory.validators import normalize_siret

DESCRIPTION_MAX_LENGTH = 10_000


class StructureProfileForm(forms.ModelForm):
    description_text = forms.CharField(
        label=_("Full description"), required=False, max_length=DESCRIPTION_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("Plain text; leave a blank line between paragraphs."),
    )
    sectors = BoundedModelMultipleChoiceField(
        label=_("Sectors of activity"), queryset=Sector.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    siret = siret_field()
    territories = BoundedModelMultipleChoiceField(
        label=_("Territories"), queryset=Territory.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = StructurePage
        fields = [
            "title", "summary", "legal_form", "street_address", "postcode", "city",
            "latitude", "longitude", "phone", "email", "website", "facebook_url",
            "linkedin_url", "instagram_url", "mastodon_url", "siret", "year_founded",
            "staff_count", "volunteer_count",
        ]
        labels = {"title": _("Name of the structure")}
        widgets = {"summary": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, locale: Locale, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["sectors"].queryset = Sector.objects.filter(locale=locale)
        self.fields["territories"].queryset = Territory.objects.filter(locale=locale)
        if not self.is_bound:
            self.initial["sectors"] = list(self.instance.sectors.all())
            self.initial["territories"] = list(self.instance.territories.all())
            self.initial["description_text"] = html_to_text(self.instance.description or "")
        self.fields["email"].help_text = _(
            "Never shown on the site: messages from the contact form are sent to it."
        )

    def clean_siret(self) -> str:
        return normalize_siret(self.cleaned_data.get("siret") or "")

    def clean(self) -> dict:
        cleaned = super().clean()
        refuse_control_characters(self)
        return cleaned

    def apply(self) -> StructurePage:
        """The structure with the submitted changes, not saved (a revision is made of it)."""
        page = self.instance
        page.description = text_to_html(self.cleaned_data["description_text"])
        page.sectors = list(self.cleaned_data["sectors"])
        page.territories = list(self.cleaned_data["territories"])
        return page


class DeleteAccountForm(forms.Form):
    """Deleting one's account asks for the password: a borrowed session is not enough."""

    password = forms.CharField(
        label=_("Your password"), strip=False, max_length=256,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    confirm = forms.BooleanField(
        label=_("I understand that my account will be deleted for good, and that my "
                "structures' pages stay in the directory."),
    )

    def __init__(self, user, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self) -> str:
        # Someone holding a borrowed session must not guess the password here without end:
        # after 5 wrong ones the form stops checking any for 15 minutes (the login's pause).
        failures = RateLimit("delete-account-password", 5, 15 * 60)
        if failures.reached(self.user.pk):
            raise forms.ValidationError(
                _("Too many wrong passwords: for your security, this form is locked for 15 "
                  "minutes."), code="locked",
            )
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            failures.hit(self.user.pk)
            raise forms.ValidationError(_("This is not your password."))
        return password
