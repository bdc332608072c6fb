"""The members' part of the demo: the moderation workflows (made by the migration, or again
after a test emptied the tables) assigned to the directory's and the marketplace's index pages."""

from collections.abc import Callable

from .workflows import assign_to_index_pages


def load(log: Callable[[str], None]) -> None:
    assign_to_index_pages()
    log("  moderation workflows assigned to the index pages")
