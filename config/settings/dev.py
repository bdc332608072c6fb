"""Development: `make run`. Debug on, console e-mail, SQLite unless DATABASE_URL says otherwise."""

from .base import *  # noqa: F403
from .base import DATABASES, env, serve_sqlite_from_several_processes

DEBUG = env.bool("DEBUG", default=True)
SECRET_KEY = env("SECRET_KEY", default="dev-only-insecure-key-apess53-do-not-use-in-production")

serve_sqlite_from_several_processes(DATABASES["default"])
