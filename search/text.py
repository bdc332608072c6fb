"""Query text as users type it, made safe for every search backend, and French word forms.

`french_terms` is what the SQLite index stores and looks for: the words folded to ASCII
lowercase, without French stop words, reduced by the Snowball French stemmer, so that
"equipement" meets "équipement" and "mutualiser" meets "mutualisation". PostgreSQL's
`french_unaccent` configuration (unaccent, then the same Snowball stemmer) and the
Elasticsearch analyser (ASCII folding, light French stemmer) do the same on their side.
"""

import re
import unicodedata
from functools import lru_cache

import snowballstemmer

from core.filters import MAX_QUERY_LENGTH

# Backends parse some characters as syntax (FTS5: quotes, parentheses, `*`, `:`, `^`; Elastic:
# `~`, `/`…): a visitor's query is words, so everything but letters, digits, apostrophes and
# hyphens becomes a space.
NOT_A_WORD = re.compile(r"[^\w'’-]+", re.UNICODE)
WORD = re.compile(r"\w+", re.UNICODE)

# PostgreSQL's `french.stop` list (the Snowball one), folded to ASCII: the same words are
# dropped on every backend, so "location de vélo" also finds "Vélo en location".
_STOP_WORDS = """
au aux avec ce ces dans de des du elle en et eux il ils je la le les leur lui ma mais me
meme mes moi mon ne nos notre nous on ou par pas pour qu que qui sa se ses son sur ta te tes
toi ton tu un une vos votre vous c d j l a m n s t y ete etee etees etes etant etante
etants etantes suis es est sommes etes sont serai seras sera serons serez seront serais
serait serions seriez seraient etais etait etions etiez etaient fus fut fumes futes furent
sois soit soyons soyez soient fusse fusses fut fussions fussiez fussent ayant ayante
ayantes ayants eu eue eues eus ai as avons avez ont aurai auras aura aurons aurez auront
aurais aurait aurions auriez auraient avais avait avions aviez avaient eut eumes eutes
eurent aie aies ait ayons ayez aient eusse eusses eussions eussiez eussent ceci cela
cet cette ici ils les leurs quel quels quelle quelles sans soi
"""
FRENCH_STOP_WORDS = frozenset(_STOP_WORDS.split())

_stemmer = snowballstemmer.stemmer("french")


def normalise_query(text: str) -> tuple[str, bool]:
    """(the words of `text`, cut to MAX_QUERY_LENGTH characters; whether it was cut)."""
    text = text.replace("\x00", " ").strip()
    truncated = len(text) > MAX_QUERY_LENGTH
    kept = text[:MAX_QUERY_LENGTH]
    if truncated and not text[MAX_QUERY_LENGTH].isspace() and " " in kept:
        kept = kept.rsplit(" ", 1)[0]  # no word cut in two: its first letters would be required
    words = NOT_A_WORD.sub(" ", kept)
    return " ".join(word.strip("'’-") for word in words.split() if word.strip("'’-")), truncated


# Ligatures Unicode does not decompose; PostgreSQL's `unaccent` spells them out the same way.
LIGATURES = str.maketrans({"œ": "oe", "æ": "ae"})


def fold(text: str) -> str:
    """Lowercase ASCII where the letter allows it: "Coopérative" → "cooperative",
    "œuvre" → "oeuvre"."""
    decomposed = unicodedata.normalize("NFKD", text.lower().translate(LIGATURES))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


@lru_cache(maxsize=65536)
def french_stem(word: str) -> str:
    """The Snowball French stem of one folded word."""
    return _stemmer.stemWord(word)


# Query terms whose stem has at least this many letters also match longer index terms.
PREFIX_MIN_LENGTH = 4
# Plurals in -x of words in -au, -eu, -ou ("jeux", "bijoux"); Snowball joins "-eaux" and
# "-aux" to their singular itself.
X_PLURAL_ENDINGS = ("au", "eu", "ou")


def word_forms(word: str) -> list[str]:
    """The forms of one folded query word to look for, any of them: the word as typed, which
    always meets the same word in a page (both sides stem it alike); its singular without
    "s" or "x", since Snowball keeps the "s" after a vowel ("velos" stays "velos" while
    "velo" is "velo"); its plural in "x" ("tuyaux" stems to "tuyal"), or in "s" when the
    stem is short, since a short stem ("gaz", "jeu") is matched exactly, not as a prefix.
    The singular is an extra form, never a replacement: "mois" is not only "moi"."""
    forms = [word]
    s_plural = word.endswith("s") and not word.endswith("ss")
    x_plural = word.endswith("x") and word[:-1].endswith(X_PLURAL_ENDINGS)
    if len(word) > 2 and (s_plural or x_plural):
        forms.append(word[:-1])
    elif word.endswith(X_PLURAL_ENDINGS):
        forms.append(word + "x")  # "tuyaux" stems to "tuyal", not under "tuyau"
    elif not word.endswith(("s", "x", "z")) and len(french_stem(word)) < PREFIX_MIN_LENGTH:
        forms.append(word + "s")
    return [form for form in forms if form not in FRENCH_STOP_WORDS]


def query_terms(text: str) -> list[list[tuple[str, str, bool]]]:
    """For each word of a query but French stop words, its alternatives, any of which may
    match: (a folded form of the word, its stem, whether to match it as a prefix). The stem
    is what the SQLite index holds; PostgreSQL stems the form itself (its Snowball version
    may stem a form differently: "bijoux" stays "bijoux" there), so every form is kept."""
    terms = []
    for word in WORD.findall(fold(text)):
        if word in FRENCH_STOP_WORDS:
            continue
        stems = [(form, french_stem(form)) for form in word_forms(word)]
        terms.append([(form, stem, len(stem) >= PREFIX_MIN_LENGTH) for form, stem in stems])
    return terms


def distinct_stems(alternatives: list[tuple[str, str, bool]]) -> list[tuple[str, bool]]:
    """(stem, prefix) of the alternatives, less those another one already matches (the same
    stem, or a longer stem under a prefix)."""
    kept: list[tuple[str, bool]] = []
    for _form, stem, prefix in sorted(alternatives, key=lambda term: len(term[1])):
        if not any(stem == other or (other_prefix and stem.startswith(other))
                   for other, other_prefix in kept):
            kept.append((stem, prefix))
    return kept


def french_terms(text: str) -> list[str]:
    """The index terms of `text`: folded, French stop words dropped, stemmed."""
    words = WORD.findall(fold(text))
    return [french_stem(word) for word in words if word not in FRENCH_STOP_WORDS]
