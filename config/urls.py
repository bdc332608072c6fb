"""URLs: the admin and technical endpoints at the root, the site under /fr/ and /en/."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from config.api import api_router
from home.sitemaps import TranslatedSitemap
from members import moderation_admin
from search import views as search_views

urlpatterns = [
    # Before Wagtail's own route to it: its view, then a confirmation message.
    path(f"admin/{moderation_admin.WORKFLOW_ACTION_PATH}", moderation_admin.workflow_action),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v2/", api_router.urls),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": TranslatedSitemap}}),
    path("i18n/", include("django.conf.urls.i18n")),
]

if settings.DEBUG:
    from django.urls import re_path
    from django.views.static import serve

    # Uploads, as the web server serves them in production, except documents: a document of a
    # private collection would be readable at /media/documents/<name>. Documents go through
    # Wagtail's view (/documents/<id>/<name>, WAGTAILDOCS_SERVE_METHOD), which checks access.
    urlpatterns += [
        re_path(rf"^{settings.MEDIA_URL.lstrip('/')}(?!documents/)(?P<path>.*)$", serve,
                {"document_root": settings.MEDIA_ROOT}),
    ]

# Translated path segments: "/fr/recherche/", "/en/search/".
urlpatterns += i18n_patterns(
    path(_("search/"), search_views.search, name="search"),
    path(_("search/suggestions/"), search_views.suggestions, name="search_suggestions"),
    path(_("member-area/"), include(("members.urls", "members"), namespace="members")),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)
