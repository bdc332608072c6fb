"""A rule of the directory's one-line fields that every member-facing form applies."""

import unicodedata

from django import forms
from django.utils.translation import gettext_lazy as _


def refuse_control_characters(form: forms.Form) -> None:
    """One-line fields (names, titles, towns…) hold no line break nor other control character:
    a title goes into e-mail subjects, where a line break would start a new header."""
    for name, field in form.fields.items():
        value = form.cleaned_data.get(name)
        if (
            isinstance(field, forms.CharField) and not isinstance(field.widget, forms.Textarea)
            and isinstance(value, str) and any(unicodedata.category(c) == "Cc" for c in value)
        ):
            form.add_error(name, forms.ValidationError(
                _("This field must fit on one line."), code="control_characters"
            ))
