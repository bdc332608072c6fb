"""French elision before a name: « de Atelier vélo » reads « d'Atelier vélo » (and « que »
« qu' »).

Translated sentences hold "de %(name)s" whatever the name; the elision is made once the name
is in, and only right before that name, so that nothing else of the sentence (or of the name)
changes. Names starting with h are left alone: an h muet or aspiré cannot be told by spelling.
"""

import re
import unicodedata

from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

VOWELS = set("aeiouy")


def starts_with_vowel(name: str) -> bool:
    """True for « Atelier », « Énergies », « Œuvre », « Yvonne »… once accents are set aside."""
    first = name.lstrip(" «\"“'’")[:1]
    if not first:
        return False
    if first in "œŒæÆ":
        return True
    base = unicodedata.normalize("NFD", first)[0].lower()
    return base in VOWELS


def elide_de(text: str, name: str, escaped: bool | None = None) -> str:
    """`text` with each "de <name>" (or "De", "que") written "d'<name>" ("qu'") when
    `name` starts with a vowel; else `text` as it came (safe HTML stays safe). `escaped`:
    does `text` hold the name HTML-escaped (by default: when `text` is safe HTML)?"""
    name = str(name or "").strip()
    if not name or not starts_with_vowel(name):
        return text
    safe = isinstance(text, SafeString)
    shown = str(conditional_escape(name)) if (safe if escaped is None else escaped) else name
    elided = re.sub(r"\b([Dd]|[Qq]u)e\s+(?=" + re.escape(shown) + ")", r"\1'", str(text))
    return mark_safe(elided) if safe else elided  # only an apostrophe was added
