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

MAX_QUERY_LENGTH = 256
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


def fold(text: str) -> str:
    """Lowercase ASCII where the letter allows it: "Coopérative" → "cooperative"."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


@lru_cache(maxsize=65536)
def french_stem(word: str) -> str:
    """The Snowball French stem of one folded word."""
    return _stemmer.stemWord(word)


# Query terms whose stem has at least this many letters also match longer index terms.
PREFIX_MIN_LENGTH = 4


def singular(word: str) -> str:
    """A folded word without a plural "s": the Snowball stemmer keeps the "s" after a vowel
    ("velos" stays "velos" while "velo" is "velo"), so a query looks for the singular's stem
    as a prefix, which meets both forms."""
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def query_terms(text: str) -> list[tuple[str, str, bool]]:
    """For each word of a query but French stop words: (the folded singular word, its stem,
    whether to match it as a prefix). The stem is what the SQLite index holds; PostgreSQL
    stems the word itself, with the same Snowball algorithm."""
    terms = []
    for word in WORD.findall(fold(text)):
        if word in FRENCH_STOP_WORDS:
            continue
        word = singular(word)
        stem = french_stem(word)
        terms.append((word, stem, len(stem) >= PREFIX_MIN_LENGTH))
    return terms


def french_terms(text: str, *, keep_stop_words: bool = False) -> list[str]:
    """The index terms of `text`: folded, French stop words dropped, stemmed."""
    words = WORD.findall(fold(text))
    if not keep_stop_words:
        words = [word for word in words if word not in FRENCH_STOP_WORDS]
    return [french_stem(word) for word in words]
