"""Choice fields by id that answer a form error, never a server error, to absurd ids.

Django looks a submitted id up in the database as it is: 2^63 or 2^64 overflows SQLite's
integers (OverflowError, a 500), and no database holds such an id anyway.
"""

from django import forms
from django.core.exceptions import ValidationError

MAX_DATABASE_INTEGER = 2**63 - 1


def database_integer(value) -> int | None:
    """`value` as an integer the database can compare, or None (also for "²", "1e99"…)."""
    text = str(value).strip()
    if not (text.isascii() and text.isdigit()):
        return None
    number = int(text)
    return number if number <= MAX_DATABASE_INTEGER else None


class BoundedModelChoiceField(forms.ModelChoiceField):
    """A choice by id that refuses numbers too large for the database as any unknown id."""

    def to_python(self, value):
        if (value not in self.empty_values and not isinstance(value, self.queryset.model)
                and database_integer(value) is None):
            # Unknown rather than malformed: the member picked from a list, the list is wrong.
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class BoundedModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Several choices by id; any id the database cannot hold is refused as unknown."""

    def _check_values(self, value):
        for item in value:
            if database_integer(item) is None:
                raise ValidationError(
                    self.error_messages["invalid_choice"], code="invalid_choice",
                    params={"value": item},
                )
        return super()._check_values(value)
