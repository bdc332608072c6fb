"""Admin configuration of the editorial snippets."""

from django.utils.translation import gettext_lazy as _

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from home.models import NewsCategory


class NewsCategoryViewSet(SnippetViewSet):
    model = NewsCategory
    icon = "tag"
    menu_label = _("News categories")
    add_to_admin_menu = False
    list_display = ["name", "slug", "locale"]
    search_fields = ["name"]


register_snippet(NewsCategoryViewSet)
