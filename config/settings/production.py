"""Production. Requires SECRET_KEY, ALLOWED_HOSTS and DATABASE_URL in the environment.

`DJANGO_SETTINGS_MODULE=config.settings.production manage.py check --deploy`
passes with no warning.
"""

import os

from django.core.exceptions import ImproperlyConfigured

from core.page_cache import with_page_cache

from .base import *  # noqa: F403
from .base import DATABASES, env, serve_sqlite_from_several_processes

DEBUG = False
DEMO_CONTENT_ALLOWED = False
SECRET_KEY = env("SECRET_KEY")
if len(SECRET_KEY) < 50:
    raise ImproperlyConfigured(
        "SECRET_KEY doit contenir au moins 50 caractères aléatoires "
        "(SECRET_KEY must be at least 50 random characters)."
    )
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")

# Reverse proxies in front of the site: required, even 0 (config/checks.py says why).
TRUSTED_PROXY_COUNT_CONFIGURED = "TRUSTED_PROXY_COUNT" in os.environ

# Behind HTTPS only.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
# Cookies only over HTTPS; HttpOnly and SameSite=Lax for every environment in base.py, as are
# the other security headers (nosniff, Referrer-Policy, COOP, X-Frame-Options,
# Permissions-Policy, Content-Security-Policy).
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = LANGUAGE_COOKIE_SECURE = True

# Static files served by the application itself, compressed and fingerprinted.
MIDDLEWARE.insert(  # noqa: F405
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,  # noqa: F405
    "whitenoise.middleware.WhiteNoiseMiddleware",
)
# Anonymous visitors' pages from the page cache, first and last of the middleware. Its default
# store is files, shared by every process of the machine so that one purge empties it for
# all (set PAGE_CACHE_URL to a Redis or Memcached server when several machines serve).
CACHES["pages"] = env.cache(  # noqa: F405
    "PAGE_CACHE_URL", default=f"filecache://{BASE_DIR / 'var' / 'cache' / 'pages'}"  # noqa: F405
)
MIDDLEWARE = with_page_cache(MIDDLEWARE, PER_VISITOR_MIDDLEWARE)  # noqa: F405
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# E-mail by SMTP: EMAIL_URL=smtp+tls://user:password@host:587
vars().update(env.email_url("EMAIL_URL", default="smtp://localhost:25"))

# Background work in a database-backed queue, run by `manage.py db_worker (django-tasks-db)`.
TASKS = {
    "default": {
        "BACKEND": env("TASKS_BACKEND", default="django_tasks_db.DatabaseBackend"),
    }
}

LOGGING["root"]["level"] = env("LOG_LEVEL", default="INFO")  # noqa: F405

serve_sqlite_from_several_processes(DATABASES["default"])
