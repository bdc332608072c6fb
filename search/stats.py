"""What visitors search for (issue #5's admin report). Placeholder until the report lands."""


def record_search(query: str, language: str, results: int) -> None:
    """Count one search of `query` in `language` that found `results` pages."""
