"""Filters read from GET parameters (`?sector=insertion&q=velo`): every filtered view works
without JavaScript and can be shared as a link."""

from dataclasses import fields
from typing import ClassVar

from django.http import QueryDict

# The longest value read from a parameter: search words (search/text.py) and filters alike.
MAX_QUERY_LENGTH = 256


class QueryFilters:
    """What GET-parameter filters share (as dataclasses): reading a parameter, the facets
    selected, whether any filter is set, and the query string of a shareable link. The
    words to look for are the field `q`."""

    # Parameters that order rather than filter, with the value links leave out.
    ORDERING: ClassVar[dict[str, str]] = {}

    @staticmethod
    def read(params: QueryDict, name: str, allowed=None, default: str = "") -> str:
        value = params.get(name, "").replace("\x00", "").strip()[:MAX_QUERY_LENGTH]
        return value if allowed is None or value in allowed else default

    def selection(self) -> dict[str, str]:
        """The facet values chosen (every field but the words and the ordering)."""
        return {
            f.name: getattr(self, f.name)
            for f in fields(self)
            if f.name != "q" and f.name not in self.ORDERING and getattr(self, f.name)
        }

    @property
    def active(self) -> bool:
        return any(getattr(self, f.name) for f in fields(self) if f.name not in self.ORDERING)

    def query_string(self, **changes: str) -> str:
        params = QueryDict(mutable=True)
        for f in fields(self):
            new = changes.get(f.name, getattr(self, f.name))
            if new and new != self.ORDERING.get(f.name):
                params[f.name] = new
        return params.urlencode()
