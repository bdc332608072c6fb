"""Query text as users type it, made safe for every search backend."""

import re

MAX_QUERY_LENGTH = 256
# Backends parse some characters as syntax (FTS5: quotes, parentheses, `*`, `:`, `^`; Elastic:
# `~`, `/`…): a visitor's query is words, so everything but letters, digits, apostrophes and
# hyphens becomes a space.
NOT_A_WORD = re.compile(r"[^\w'’-]+", re.UNICODE)


def normalise_query(text: str) -> tuple[str, bool]:
    """(the words of `text`, cut to MAX_QUERY_LENGTH characters; whether it was cut)."""
    text = text.replace("\x00", " ").strip()
    truncated = len(text) > MAX_QUERY_LENGTH
    words = NOT_A_WORD.sub(" ", text[:MAX_QUERY_LENGTH])
    return " ".join(word.strip("'’-") for word in words.split() if word.strip("'’-")), truncated
