"""Production: every value that differs between deployments comes from the environment."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import database_from_url


def env(name, default=None, required=False):
    value = os.environ.get(name, default)
    if required and not value:
        raise ImproperlyConfigured(f"Environment variable {name} is required in production.")
    return value


DEBUG = False
# portal.wsgi refuses to start while an account logs in with the demo's published password.
REFUSE_KNOWN_PASSWORDS = True
SECRET_KEY = env("DJANGO_SECRET_KEY", required=True)
ALLOWED_HOSTS = [h.strip() for h in env("DJANGO_ALLOWED_HOSTS", "").split(",") if h.strip()]
CSRF_TRUSTED_ORIGINS = [
    o.strip() for o in env("DJANGO_CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()
]
# Persistent connections rather than psycopg's pool: a gunicorn thread or a db_worker uses
# one connection at a time, so one kept-open connection per thread is already a pool of the
# right size (put PgBouncer in front when many hosts share one PostgreSQL).
DATABASES = {
    "default": database_from_url(
        env("DATABASE_URL", required=True),
        conn_max_age=int(env("DATABASE_CONN_MAX_AGE", "600")),
        conn_health_checks=True,
    )
}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
STATIC_ROOT = env("DJANGO_STATIC_ROOT", str(STATIC_ROOT))  # noqa: F405
MEDIA_ROOT = env("DJANGO_MEDIA_ROOT", str(MEDIA_ROOT))  # noqa: F405
PUBLIC_BASE_URL = env("PUBLIC_BASE_URL", required=True).rstrip("/")
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", PUBLIC_BASE_URL)
WAGTAILAPI_BASE_URL = PUBLIC_BASE_URL
SESSION_COOKIE_SECURE = env("DJANGO_SECURE_COOKIES", "1") == "1"
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
# Behind a TLS-terminating proxy (nginx, a load balancer) that sets X-Forwarded-Proto and
# appends the client to X-Forwarded-For. Only then are those headers trusted: without a
# proxy anyone could send them and a plain request would pass as secure.
if env("DJANGO_BEHIND_TLS_PROXY", "0") == "1":
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    TRUSTED_PROXY_COUNT = int(env("DJANGO_TRUSTED_PROXY_COUNT", "1"))
    SECURE_SSL_REDIRECT = True
    SECURE_HSTS_SECONDS = int(env("DJANGO_HSTS_SECONDS", str(365 * 24 * 3600)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env("DJANGO_HSTS_INCLUDE_SUBDOMAINS", "1") == "1"
    SECURE_HSTS_PRELOAD = env("DJANGO_HSTS_PRELOAD", "1") == "1"
ACCOUNTS_2FA_REQUIRED_FOR_SUPERUSERS = env("DJANGO_2FA_REQUIRED_FOR_SUPERUSERS", "1") == "1"
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = int(env("EMAIL_PORT", "25"))
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "noreply@localhost")
# One JSON object per line with the request id (`DJANGO_LOG_FORMAT=text` for plain lines).
LOGGING = {
    **LOGGING,  # noqa: F405  (base: a retried GET's first attempt is not logged)
    "formatters": {"json": {"()": "portal.request_log.JsonFormatter"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            **({} if env("DJANGO_LOG_FORMAT", "json") == "text" else {"formatter": "json"}),
        }
    },
    "root": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL", "INFO")},
    # These log every search request, or every glyph list of a poster's font subset, at INFO:
    # noise that costs time under load; their warnings and errors stay.
    "loggers": {
        **LOGGING["loggers"],  # noqa: F405
        **{name: {"level": "WARNING"} for name in ("opensearch", "fontTools")},
    },
}
