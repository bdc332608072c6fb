"""The structure editor of the Wagtail admin."""

from django import forms
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminPageForm

from .validators import normalize_siret

SIRET_INPUT_MAX_LENGTH = 20  # 14 digits, plus the spaces of "732 829 320 00074"


def siret_field() -> forms.CharField:
    return forms.CharField(
        label=_("SIRET number"), required=False, max_length=SIRET_INPUT_MAX_LENGTH,
        help_text=_("14 digits, optional."),
    )


class StructurePageForm(WagtailAdminPageForm):
    siret = siret_field()

    def clean_siret(self) -> str:
        return normalize_siret(self.cleaned_data.get("siret") or "")
