"""Filters read from GET parameters (`?sector=insertion&q=velo`): every filtered view works
without JavaScript and can be shared as a link.

A filter set is a `django_filters.FilterSet` used for reading and validating the parameters
only: the search service filters, searches and counts the facets (an index page's hook)."""

from typing import ClassVar

import django_filters

from django.db.models import QuerySet
from django.http import QueryDict

# The longest value read from a parameter: search words (search/text.py) and filters alike.
MAX_QUERY_LENGTH = 256


def cleaned_parameters(params: QueryDict) -> QueryDict:
    """One value per parameter (the last, as `QueryDict.get`), without NUL characters, trimmed
    and cut to MAX_QUERY_LENGTH: an overlong or odd value is shortened, not refused."""
    cleaned = QueryDict(mutable=True)
    for name in params:
        cleaned[name] = params.get(name, "").replace("\x00", "").strip()[:MAX_QUERY_LENGTH]
    return cleaned


class QueryFilters(django_filters.FilterSet):
    """What GET-parameter filters share: the values read (an invalid choice reads as none, as
    if absent), the facets selected, whether any filter is set, and the query string of a
    shareable link. Each filter's value is also an attribute (`filters.q`, for templates);
    the words to look for are the filter `q`."""

    # Parameters that order rather than filter, with the value links leave out.
    ORDERING: ClassVar[dict[str, str]] = {}

    def __init__(self, data: QueryDict | None = None) -> None:
        # No queryset: nothing is filtered here (see the module's docstring).
        super().__init__(
            cleaned_parameters(data) if data is not None else None, queryset=QuerySet()
        )
        for name, filter_ in self.filters.items():
            # The form is never shown (templates draw the facets): its labels would otherwise
            # be read from a model's fields, and there is none.
            filter_.label = name
        cleaned = {}
        if self.is_bound:
            self.form.is_valid()  # keeps the valid values in cleaned_data, drops the others
            cleaned = self.form.cleaned_data
        self.values = {name: cleaned.get(name) or "" for name in self.filters}
        for name, value in self.values.items():
            setattr(self, name, value)

    @classmethod
    def from_query(cls, params: QueryDict) -> "QueryFilters":
        return cls(params)

    def selection(self) -> dict[str, str]:
        """The facet values chosen (every filter but the words and the ordering)."""
        return {
            name: value for name, value in self.values.items()
            if name != "q" and name not in self.ORDERING and value
        }

    @property
    def active(self) -> bool:
        return any(value for name, value in self.values.items() if name not in self.ORDERING)

    def query_string(self, **changes: str) -> str:
        params = QueryDict(mutable=True)
        for name, value in self.values.items():
            new = changes.get(name, value)
            if new and new != self.ORDERING.get(name):
                params[name] = new
        return params.urlencode()
