"""The members' admin: "Invite a member" (its hooks live beside its views)."""

from .accounts import admin_views  # noqa: F401
