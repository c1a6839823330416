"""Local development: SQLite, debug on, the embedded database search backend."""

import os

from .base import *  # noqa: F403
from .base import BASE_DIR, SQLITE_OPTIONS

DEBUG = True
SECRET_KEY = "dev-only-not-secret"
ALLOWED_HOSTS = ["*"]
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": os.environ.get("SQLITE_PATH", BASE_DIR / "var" / "db.sqlite3"),
        "OPTIONS": SQLITE_OPTIONS,
    }
}
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

# `make run` starts a worker; a server run without one (the browser journeys) works in-request.
TASKS_BACKEND = os.environ.get("DJANGO_TASKS_BACKEND", "django_tasks_db.DatabaseBackend")
TASKS = {"default": {"BACKEND": TASKS_BACKEND}}
