"""Two people editing the same page from the member space: the later save must not silently
replace the earlier one.

The form carries the revision it was opened on (`base_revision`); when the page has a newer
one by the time it is sent, nothing is saved and the member sees both versions: what is saved
now and what they typed (still in the form, so nothing typed is lost). Sending it again, on
the newer revision, replaces the saved version knowingly.
"""

from dataclasses import dataclass

from django import forms
from django.http import HttpRequest
from django.utils.translation import gettext as _

from wagtail.models import Page

BASE_REVISION = "base_revision"


def revision_marker(page: Page) -> str:
    """What the form carries: the page's latest revision when it was opened."""
    return str(page.latest_revision_id or "")


def is_stale(request: HttpRequest, page: Page) -> bool:
    """Was the form opened on an older revision than the page's latest? A form that carries
    no marker (sent by a script, or an old page kept open) is not checked."""
    if BASE_REVISION not in request.POST:
        return False
    current = (
        Page.objects.select_for_update().filter(pk=page.pk)
        .values_list("latest_revision_id", flat=True).first()
    )
    return request.POST[BASE_REVISION] != str(current or "")


@dataclass
class Difference:
    label: str
    saved: str
    typed: str


def _values(value) -> tuple[str, ...]:
    if isinstance(value, list | tuple):
        return tuple(sorted(str(item) for item in value if item not in ("", None)))
    text = "" if value is None else str(value).replace("\r\n", "\n").strip()
    return (text,) if text else ()


def _shown(field: forms.Field, values: tuple[str, ...]) -> str:
    choices = getattr(field, "choices", None)
    if choices is not None:
        labels = {str(key): str(label) for key, label in choices}
        values = tuple(labels.get(value, value) for value in values)
    return ", ".join(values)


def differences(typed: forms.BaseForm, saved: forms.BaseForm, skip=()) -> list[Difference]:
    """The fields whose value the member typed differs from the saved version's (an unbound
    form of the same class on the page as saved now)."""
    rows = []
    for name, field in typed.fields.items():
        if name in skip or name not in saved.fields or field.widget.is_hidden or isinstance(
            field, forms.FileField | forms.BooleanField
        ):
            continue
        typed_values = _values(typed[name].data)
        saved_field = saved[name]
        saved_values = _values(saved_field.field.widget.format_value(saved_field.value()))
        if typed_values != saved_values:
            rows.append(Difference(
                str(field.label or name), _shown(field, saved_values),
                _shown(field, typed_values),
            ))
    return rows


def conflict_message() -> str:
    return _(
        "Someone else saved changes while you were editing: nothing of yours has been saved "
        "yet. Compare the two versions below; what you typed is still in the form. Send it "
        "again to replace the saved version."
    )
