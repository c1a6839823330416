"""Test runs. DATABASE_URL selects PostgreSQL; unset means an in-memory SQLite database."""

import os

from .base import *  # noqa: F403
from .base import database_from_url

DEBUG = False
SECRET_KEY = "test-only-not-secret"
ALLOWED_HOSTS = ["*"]
DATABASES = {
    "default": database_from_url(os.environ.get("DATABASE_URL", "sqlite://:memory:")),
}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
WAGTAILADMIN_BASE_URL = "http://testserver"
PUBLIC_BASE_URL = "http://testserver"
if "DJANGO_CACHE_DIR" not in os.environ and "REDIS_URL" not in os.environ:
    # One process, one run: nothing may leak from an earlier run's cache.
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    # Each test's database changes roll back; results kept in memory would outlive them.
    SEARCH_RESULTS_CACHE = False
    SEARCH_SYNONYMS_CHECK = 0.0
# The embedded search backend unless a run asks for an engine (benchmarks do; tests that
# need one point at the node tests/search/conftest.py starts).
OPENSEARCH_URL = os.environ.get("TEST_OPENSEARCH_URL") or None
OPENSEARCH_RETRY_AFTER = 0
# Tests send many requests from one address; the throttle tests switch the limits back on.
RATE_LIMITS = {}
# Background tasks run at once, inside the test's transaction.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
