"""Tests: `make test` (pytest --ds=config.settings.test)."""

import os

from .base import *  # noqa: F403
from .base import BASE_DIR, env

SECRET_KEY = "test-only-insecure-key-apess53"
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast, tests only
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# One media folder per pytest-xdist worker (gw0, gw1…): the images one worker writes or
# removes are never another's. An explicit MEDIA_ROOT (a scratch site's subprocess) is kept.
MEDIA_ROOT = env.path(
    "MEDIA_ROOT",
    default=BASE_DIR / "var" / "test-media" / os.environ.get("PYTEST_XDIST_WORKER", "main"),
)
ALLOWED_HOSTS = ["*"]
WAGTAILADMIN_BASE_URL = "http://testserver"
# Tests call the suggestions far more often than a person types (the limit has its own test).
SEARCH_SUGGESTIONS_RATE_LIMIT = 1_000_000

