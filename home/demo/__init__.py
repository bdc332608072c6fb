"""Demo content of the editorial pages, from the association's own presentation.

`load()` is re-runnable: what already exists (found by slug, title or
username) is left as it is, so a second run changes nothing.
"""

from .content import load

__all__ = ["load"]
