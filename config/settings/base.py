"""Settings shared by every environment.

Everything that differs between machines is read from environment variables
(django-environ, as in cookiecutter-django). With none set, the site runs on
SQLite, the database search backend, console e-mail and local media.
"""

from pathlib import Path

import environ
from csp.constants import NONE, SELF, UNSAFE_INLINE

from wagtail.embeds.oembed_providers import vimeo, youtube

from .csp import csp_source

BASE_DIR = Path(__file__).resolve().parent.parent.parent
SITE_DIR = BASE_DIR / "site"

env = environ.Env()

SECRET_KEY = env("SECRET_KEY", default="")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    # Project apps; DESIGN.md: imports point members → cooperation → directory → home →
    # search → core.
    "config",
    "members",
    "home",
    "directory",
    "cooperation",
    "search",
    "core",
    # Wagtail and friends
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.contrib.search_promotions",
    "wagtail.api.v2",
    "rest_framework",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    "csp",  # Content-Security-Policy (below)
    "axes",  # cool-off after repeated failed logins (below)
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

# What is done for each visitor even when the page comes from the cache (production's, which
# core.page_cache.with_page_cache puts right inside these): first in MIDDLEWARE.
PER_VISITOR_MIDDLEWARE = [
    "core.form_token.FormTokenMiddleware",  # each visitor's own CSRF token in cached forms
    "search.stats.SearchCountMiddleware",  # searches answered from the cache count too
]

MIDDLEWARE = [
    *PER_VISITOR_MIDDLEWARE,
    "django.middleware.security.SecurityMiddleware",
    "config.middleware.ContentSecurityPolicyMiddleware",  # django-csp; the admin's own policy
    "config.middleware.PermissionsPolicyMiddleware",
    "config.middleware.MemberAreaNoStoreMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "config.middleware.AdminLanguageMiddleware",  # the admin in French unless chosen otherwise
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "core.memo.TranslationMemoMiddleware",  # `|localized` once per request
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "axes.middleware.AxesMiddleware",  # last: turns a lockout into its page
]

ROOT_URLCONF = "config.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [SITE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "config.wsgi.application"

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = True


def serve_sqlite_from_several_processes(database: dict) -> None:
    """For a SQLite file served by several threads or processes (dev.py, production.py): each
    request's transaction takes the write lock at its start (else a reader that then writes
    fails at once with "database is locked"), waits up to 20 s for it, and WAL lets readers
    read meanwhile. Not for the tests: their in-memory database, shared by the live server's
    threads, has table locks that do not wait."""
    if database["ENGINE"] == "django.db.backends.sqlite3":
        database.setdefault("OPTIONS", {}).update({
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        })


DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"


CACHES = {
    "default": env.cache("CACHE_URL", default="locmemcache://"),
    # Whole pages for anonymous visitors (production.py turns the page cache on); emptied
    # whenever published content changes (core/page_cache/purge.py), so kept apart from the rest.
    "pages": env.cache("PAGE_CACHE_URL", default="locmemcache://pages"),
}
CACHE_MIDDLEWARE_ALIAS = "pages"
CACHE_MIDDLEWARE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=300)
CACHE_MIDDLEWARE_KEY_PREFIX = "apess53"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: French is the default and the source locale, English the second.
LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", "Français"), ("en", "English")]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
LOCALE_PATHS = [SITE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Europe/Paris"
USE_TZ = True

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [SITE_DIR / "static"]
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "var" / "static")
STATIC_URL = "/static/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "var" / "media")
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Complex page models can exceed Django's default of 1000 fields in the editor.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="APESS 53 <ne-pas-repondre@apess53.org>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Background work (e-mails, reminders, index updates). Immediate unless the
# environment asks for the database-backed worker (see production.py).
TASKS = {
    "default": {
        "BACKEND": env(
            "TASKS_BACKEND", default="django_tasks.backends.immediate.ImmediateBackend"
        ),
    }
}

# `load_demo` creates accounts with published passwords: production.py forbids it.
DEMO_CONTENT_ALLOWED = True

# Wagtail
WAGTAIL_SITE_NAME = "APESS 53"
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", default="http://127.0.0.1:8000")
# Nothing leaves the machine at run time: no update check, no Gravatar in the admin.
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False
# Documents an association publishes: reports, statutes and minutes (PDF), forms to fill in
# and tables (OpenDocument, Office Open XML), open data (CSV), plain text. Nothing a browser
# runs (html, svg, xml, js), no archive (its content escapes the list), no legacy binary
# Office files or RTF (macros, old exploits). Served by Wagtail's view, never straight from
# the media folder: PDF inline, every other type as an attachment, each with
# `Content-Security-Policy: default-src 'none'` and `X-Content-Type-Options: nosniff`.
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odp", "ods", "odt", "pdf", "pptx", "txt", "xlsx"]
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_INLINE_CONTENT_TYPES = ["application/pdf"]
WAGTAILDOCS_BLOCK_EMBEDDED_CONTENT = True
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# Embeds (home.blocks.EmbedWithConsentBlock): videos from YouTube and Vimeo only, whose
# players are a plain <iframe> that the Content-Security-Policy's frame-src allows (below).
# Providers whose code is a script or carries inline styles (posts, other players) would be
# blocked by it: the admin refuses their addresses. No responsive wrapper: its inline
# style would be blocked too, and site.css sizes the players.
WAGTAILEMBEDS_FINDERS = [
    {"class": "wagtail.embeds.finders.oembed", "providers": [youtube, vimeo]},
]
EMBED_FRAME_ORIGINS = ["https://www.youtube.com", "https://player.vimeo.com"]
WAGTAILEMBEDS_RESPONSIVE_HTML = False
WAGTAILAPI_LIMIT_MAX = 100
WAGTAILAPI_BASE_URL = WAGTAILADMIN_BASE_URL

# Search: the database backend by default (SQLite FTS5, or PostgreSQL with its
# French configuration); Elasticsearch when ELASTICSEARCH_URL is set.
ELASTICSEARCH_URL = env("ELASTICSEARCH_URL", default="")
if ELASTICSEARCH_URL:
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "search.elasticsearch",  # Elasticsearch 9 with French analysis
            "URLS": [ELASTICSEARCH_URL],
            "INDEX_PREFIX": env("ELASTICSEARCH_INDEX_PREFIX", default="apess53_"),
            "TIMEOUT": 10,
        }
    }
else:
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "search.database",
            # PostgreSQL: French stemming after unaccent (search/migrations/0001); SQLite
            # ignores it: search/database.py stores and looks for French stems.
            "SEARCH_CONFIG": "french_unaccent",
        }
    }

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="WARNING")},
}

# Tag slugs in URLs stay ASCII: "véhicules" → ?tag=vehicules
TAGGIT_STRIP_UNICODE_WHEN_SLUGIFYING = True
TAGGIT_CASE_INSENSITIVE = True

# Map tiles of the directory (Leaflet). Empty: markers on a plain background, so that no
# visitor's browser calls a third party. Set e.g. a self-hosted tile server, or
# https://tile.openstreetmap.org/{z}/{x}/{y}.png (then mention it in the privacy page).
MAP_TILE_URL = env("MAP_TILE_URL", default="")
MAP_TILE_ATTRIBUTION = env(
    "MAP_TILE_ATTRIBUTION", default="© contributeurs OpenStreetMap"
)

# ---------------------------------------------------------------------------
# Security headers. Those that need HTTPS (HSTS, secure cookies) are in production.py.
# ---------------------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"  # other sites never learn which page a visitor read
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"  # Wagtail's preview views opt back in to SAMEORIGIN.
# No script of the site or of Wagtail's admin reads a cookie: all are HttpOnly. "Lax" keeps a
# member logged in when following a link from an e-mail.
SESSION_COOKIE_HTTPONLY = CSRF_COOKIE_HTTPONLY = LANGUAGE_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = CSRF_COOKIE_SAMESITE = LANGUAGE_COOKIE_SAMESITE = "Lax"
# Browser features no page uses (config.middleware.PermissionsPolicyMiddleware).
PERMISSIONS_POLICY = {
    feature: [] for feature in ("camera", "microphone", "geolocation", "payment", "usb")
}


# Content-Security-Policy (django-csp). Public pages run only the site's own files: no inline
# script, style attribute or event handler (the data in <script type="application/json"> or
# "application/ld+json" is not run, so the policy does not apply to it). Nothing is loaded
# from another server, unless configured: map tiles (MAP_TILE_URL), static or media files
# on another host (STATIC_URL, MEDIA_URL); the video players only when a visitor asks.
_ASSET_SOURCES = [source for source in map(csp_source, [STATIC_URL, MEDIA_URL]) if source]
_TILE_SOURCES = [source for source in [csp_source(MAP_TILE_URL)] if source]
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, *_ASSET_SOURCES],
        "style-src": [SELF, *_ASSET_SOURCES],
        # data: is Leaflet's blank tile.
        "img-src": [SELF, "data:", *_ASSET_SOURCES, *_TILE_SOURCES],
        "font-src": [SELF, *_ASSET_SOURCES],
        "connect-src": [SELF],
        "frame-src": EMBED_FRAME_ORIGINS,
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
# The Wagtail admin (config.middleware.ContentSecurityPolicyMiddleware) writes inline scripts,
# style attributes and blob: previews of uploads, and shows page previews in a frame of its
# own. Still nothing from another server.
CONTENT_SECURITY_POLICY_ADMIN = {
    "DIRECTIVES": {
        **CONTENT_SECURITY_POLICY["DIRECTIVES"],
        "script-src": [SELF, UNSAFE_INLINE, *_ASSET_SOURCES],
        "style-src": [SELF, UNSAFE_INLINE, *_ASSET_SOURCES],
        "img-src": [SELF, "data:", "blob:", *_ASSET_SOURCES, *_TILE_SOURCES],
        "font-src": [SELF, "data:", *_ASSET_SOURCES],
        "frame-src": [SELF, *EMBED_FRAME_ORIGINS],
        "frame-ancestors": [SELF],
    },
}

# ---------------------------------------------------------------------------
# Member accounts (members.accounts): log in by e-mail, password reset,
# invitations, and django-axes' cool-off after repeated failed logins.
# ---------------------------------------------------------------------------
from datetime import timedelta  # noqa: E402

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: refuses while a client cools off
    "members.accounts.backends.EmailBackend",  # members: e-mail and password
    "django.contrib.auth.backends.ModelBackend",  # Wagtail admin: username and password
]
LOGIN_URL = "members:login"
LOGIN_REDIRECT_URL = "members:member_space"
# Five failures for one address from one connection: a 15-minute pause, never a lock-out.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "email"
AXES_USERNAME_CALLABLE = "members.accounts.backends.axes_username"
AXES_RESET_ON_SUCCESS = True
# Trying again during the pause does not restart it: it ends 15 minutes after the 5th failure.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_TEMPLATE = "members/accounts/lockout.html"
AXES_HTTP_RESPONSE_CODE = 429
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
# Behind reverse proxies (nginx, a load balancer…), their number: then the client's address,
# not the proxy's, is counted (from X-Forwarded-For). 0: REMOTE_ADDR is the client's.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
# Contact and response forms, messages an hour: per sender (connection and address), per
# connection whatever the addresses, per recipient structure (directory/contact.py).
CONTACT_RATE_LIMIT = env.int("CONTACT_RATE_LIMIT", default=5)
CONTACT_RATE_LIMIT_PER_IP = env.int("CONTACT_RATE_LIMIT_PER_IP", default=10)
CONTACT_RATE_LIMIT_PER_RECIPIENT = env.int("CONTACT_RATE_LIMIT_PER_RECIPIENT", default=20)
# Password-reset requests per address and per client, within the window (seconds).
PASSWORD_RESET_RATE_LIMIT = env.int("PASSWORD_RESET_RATE_LIMIT", default=5)
PASSWORD_RESET_RATE_WINDOW = env.int("PASSWORD_RESET_RATE_WINDOW", default=3600)
# The search box's suggestions, requests a minute from one client (it asks once per pause).
SEARCH_SUGGESTIONS_RATE_LIMIT = env.int("SEARCH_SUGGESTIONS_RATE_LIMIT", default=60)
# Production requires the variable to be given, 0 included (config.checks, production.py).
TRUSTED_PROXY_COUNT_CONFIGURED = True
AXES_CLIENT_IP_CALLABLE = "members.accounts.backends.client_ip"
# A member's invitation link, like a password-reset link, works once within this delay.
PASSWORD_RESET_TIMEOUT = env.int("PASSWORD_RESET_TIMEOUT", default=3 * 24 * 3600)

# Items a page of each listing shows (tests change them to show the query counts do not grow).
PAGE_SIZES = {
    "news": 12, "upcoming_events": 20, "past_events": 10, "directory": 20, "cooperation": 20,
    "search": 10,
}

# RGPD: contact messages, listing responses and login records are deleted after this many
# days by `manage.py purge_personal_data` (daily).
CONTACT_MESSAGE_RETENTION_DAYS = env.int("CONTACT_MESSAGE_RETENTION_DAYS", default=365)
