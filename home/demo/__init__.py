"""Demo content of the editorial pages, from the association's own presentation.

`load()` is re-runnable: what already exists (found by slug, title or
username) is left as it is, so a second run changes nothing.
"""

from .content import (
    DEMO_PASSWORD_HINT,
    child_page,
    illustration,
    load,
    publish,
    synchronise_translations,
    translate_page,
)

__all__ = [
    "DEMO_PASSWORD_HINT",
    "child_page",
    "illustration",
    "load",
    "publish",
    "synchronise_translations",
    "translate_page",
]
