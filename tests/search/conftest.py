"""The marketplace's listing factory, for searching listings in every state of their life."""

from tests.cooperation.conftest import listing_factory, make_listing

__all__ = ["listing_factory", "make_listing"]
