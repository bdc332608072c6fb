"""Admin of the directory: taxonomies, memberships and the contact messages received."""

from django.utils.translation import gettext_lazy as _

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import ContactMessage, Membership, Sector, Territory


class SectorViewSet(SnippetViewSet):
    model = Sector
    icon = "tag"
    menu_label = _("Sectors of activity")
    list_display = ["name", "slug", "locale"]
    search_fields = ["name"]


class TerritoryViewSet(SnippetViewSet):
    model = Territory
    icon = "site"
    menu_label = _("Territories")
    list_display = ["name", "slug", "locale"]
    search_fields = ["name"]


class MembershipViewSet(SnippetViewSet):
    model = Membership
    icon = "user"
    menu_label = _("Memberships")
    list_display = ["user", "structure", "role", "created_at"]
    list_filter = ["role"]
    search_fields = ["user__email", "user__last_name"]


class ContactMessageViewSet(SnippetViewSet):
    model = ContactMessage
    icon = "mail"
    menu_label = _("Contact messages")
    list_display = ["sender_name", "structure", "created_at", "status", "attempts"]
    list_filter = ["status"]
    inspect_view_enabled = True


class DirectoryViewSetGroup(SnippetViewSetGroup):
    items = (SectorViewSet, TerritoryViewSet, MembershipViewSet, ContactMessageViewSet)
    menu_icon = "group"
    menu_label = _("Directory")
    menu_name = "directory"


register_snippet(DirectoryViewSetGroup)
