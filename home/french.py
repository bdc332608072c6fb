"""French elision before a name: « de Atelier vélo » reads « d'Atelier vélo » (and « que »
« qu' »); « de » contracts with a name's own article: « de Les Jardins » reads « des Jardins »,
« de Le Tiers-Lieu » reads « du Tiers-Lieu ».

Translated sentences hold "de %(name)s" whatever the name; the elision is made once the name
is in, and only right before that name, so that nothing else of the sentence (or of the name)
changes. Names starting with h are left alone: an h muet or aspiré cannot be told by spelling.
"""

import re
import unicodedata

from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

VOWELS = set("aeiouy")
# A name's leading article that « de » absorbs ("la" and "l'" stay: « de La Recyclerie »).
ARTICLE = re.compile(r"(les|le)\s+(?=\S)", re.IGNORECASE)
CONTRACTED = {"les": "es", "le": "u"}  # « d » + ending: « des », « du »


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
    `name` starts with a vowel, and "de Les <rest>" ("de Le <rest>") written "des <rest>"
    ("du <rest>"); else `text` as it came (safe HTML stays safe). `escaped`: does `text` hold
    the name HTML-escaped (by default: when `text` is safe HTML)?"""
    name = str(name or "").strip()
    article = ARTICLE.match(name)
    if not name or not (article or starts_with_vowel(name)):
        return text
    safe = isinstance(text, SafeString)
    shown = str(conditional_escape(name)) if (safe if escaped is None else escaped) else name
    if article:
        # Only "de" contracts ("que Les Jardins" stays); the name's article goes, its rest
        # stays as written.
        ending = CONTRACTED[article[1].lower()]
        elided = re.sub(r"\b([Dd])e\s+" + re.escape(shown[:article.end()].rstrip())
                        + r"\s+(?=" + re.escape(shown[article.end():]) + ")",
                        r"\1" + ending + " ", str(text))
    else:
        elided = re.sub(r"\b([Dd]|[Qq]u)e\s+(?=" + re.escape(shown) + ")", r"\1'", str(text))
    return mark_safe(elided) if safe else elided  # only letters of "de" and the article
