"""Settings shared by every environment. Environment-specific modules override these."""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF

BASE_DIR = Path(__file__).resolve().parent.parent.parent

# SQLite serving several web workers. A transaction takes the write lock when it begins: a
# deferred one that has read before writing gets "database is locked" at once when another
# worker writes (SQLite refuses to wait there, to avoid a deadlock), so concurrent complaint
# submissions failed. The busy timeout covers the wait at the start; WAL lets pages be read
# while a write (a reform batch's release) is under way.
SQLITE_OPTIONS = {
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
    "init_command": "PRAGMA journal_mode=WAL;",
}


def database_from_url(url, **kwargs):
    """A DATABASES entry for DATABASE_URL, with SQLITE_OPTIONS for an SQLite file."""
    config = dj_database_url.parse(url, **kwargs)
    if config["ENGINE"] == "django.db.backends.sqlite3" and config["NAME"] not in ("", ":memory:"):
        config["OPTIONS"] = {**SQLITE_OPTIONS, **config.get("OPTIONS", {})}
    return config


INSTALLED_APPS = [
    "accounts",
    "cms_pages",
    "complaints",
    "importers",
    "posters",
    "import_export",
    "reform",
    "opendata",
    "search.apps.SearchConfig",
    "demo",
    "theme.apps.ThemeConfig",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.api.v2",
    "wagtail",
    "modelcluster",
    "taggit",
    "rest_framework",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    # Wagtail's admin uses its template tags (“5 分钟前”); installed, its catalogue is too.
    "django.contrib.humanize",
    "axes",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "portal.request_log.RequestIdMiddleware",
    # Outside everything that may query: a GET whose connection died runs again whole.
    "portal.lost_connection.LostConnectionMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "cms_pages.versions.VersionsPerRequestMiddleware",
    # A cached public page is answered here, before routing, sessions or the page tree.
    "cms_pages.fast_path.CachedPageMiddleware",
    "cms_pages.middleware.PublicInputMiddleware",
    "cms_pages.sites.KnownSiteMiddleware",
    # GZipMiddleware that reads Accept-Encoding weights and leaves zip containers alone.
    "cms_pages.compression.SiteGZipMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "theme.language.LanguageMiddleware",
    "theme.elder_mode.ElderModeMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "accounts.middleware.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "accounts.csp.SiteCSPMiddleware",
    "cms_pages.throttle.ThrottleMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last: it answers a locked-out sign-in after the views have run.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "portal.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "theme" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "theme.elder_mode.elder_mode",
                "theme.language.language",
            ],
        },
    },
]

WSGI_APPLICATION = "portal.wsgi.application"

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "zh-hans"
# Each name in its own language: it labels the switch to that language.
LANGUAGES = [("zh-hans", "中文"), ("en", "English")]
LANGUAGE_COOKIE_NAME = "language"
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
MEDIA_URL = "/media/"
# The test suite gives each session and the servers it starts a folder of its own.
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT") or BASE_DIR / "var" / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

WAGTAIL_SITE_NAME = "一次办好 · 政务服务事项公开"
WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8000"
WAGTAIL_I18N_ENABLED = False
# Wagtail's admin search: its database backend, with Chinese split into words (search app).
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.admin_backend"}}
WAGTAILDOCS_EXTENSIONS = ["pdf", "doc", "docx", "xls", "xlsx", "csv", "txt", "odt", "ods", "wps"]
WAGTAIL_MODERATION_ENABLED = True
# No avatars from an outside service: government networks block it, and it leaks addresses.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Nor a call home for new releases: the same networks block it and the CSP refuses it.
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_WORKFLOW_ENABLED = True
# Matter pages carry many inline rows; the admin needs room for a full guide in one POST.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10000

# Public base URL printed on posters and in exports (scheme + host, no trailing slash).
PUBLIC_BASE_URL = "http://127.0.0.1:8000"
# Open data API (/api/v2/): at most this many items per request (?limit=).
WAGTAILAPI_LIMIT_MAX = 100
# Serve static files straight from the apps in development and tests (no collectstatic).
WHITENOISE_USE_FINDERS = True

# Rendered public pages are shared by every worker process on a host.
CACHES = {
    "default": {
        "BACKEND": "portal.file_cache.PrunedFileCache",
        "LOCATION": os.environ.get("DJANGO_CACHE_DIR", str(BASE_DIR / "var" / "cache")),
        "OPTIONS": {"MAX_ENTRIES": 50000},
    }
}
# Several web hosts: the page cache and the publish generation must be one, or a host keeps
# serving what another host's editor just changed.
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "portal.redis_cache.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
        }
    }

# Background work (poster batches, imports, search outbox replay, scheduled releases,
# reminders) is queued in the database; `manage.py db_worker` runs it.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# /healthz fails when more than HEALTH_BACKLOG_LIMIT tasks or search outbox entries have
# waited longer than this (no worker, or the engine is not taking them).
HEALTH_BACKLOG_AGE = timedelta(minutes=int(os.environ.get("HEALTH_BACKLOG_MINUTES", "15")))
HEALTH_BACKLOG_LIMIT = 0

# Added to Django's own logging in every environment (production adds its handlers): a GET
# whose database connection died and that is run again on a fresh one (portal.lost_connection)
# does not log its first attempt's "Internal Server Error", which no citizen saw.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"retried_request": {"()": "portal.lost_connection.RetriedRequestFilter"}},
    "loggers": {"django.request": {"filters": ["retried_request"]}},
}

# The caching proxy in front of the site (deploy/nginx/onevisit.conf): its address for PURGE
# requests, e.g. http://127.0.0.1/purge. Unset: nothing is purged (cms_pages.purge). The proxy
# keeps one copy per 长者模式 and language cookie, so each URL is purged once per combination.
FRONTEND_CACHE_PURGE_URL = os.environ.get("FRONTEND_CACHE_PURGE_URL") or None
if FRONTEND_CACHE_PURGE_URL:
    WAGTAILFRONTENDCACHE = {
        "proxy": {
            "BACKEND": "cms_pages.purge.VariantHTTPBackend",
            "LOCATION": FRONTEND_CACHE_PURGE_URL,
            "VARIANT_COOKIES": ["", "elder=1", "language=en", "elder=1; language=en"],
        }
    }

# Browsers may reuse an anonymous public page this many seconds without asking; after that
# they revalidate (ETag / Last-Modified) and usually get a 304. None by default: a citizen
# who reloads a list after a batch release must see the release, and a 304 costs little.
PUBLIC_PAGE_MAX_AGE = int(os.environ.get("PUBLIC_PAGE_MAX_AGE", "0"))
# A shared cache (the nginx of deploy/) may keep it this long: every change purges it there
# when FRONTEND_CACHE_PURGE_URL is set (wagtail.contrib.frontend_cache).
PUBLIC_PAGE_PROXY_MAX_AGE = int(os.environ.get("PUBLIC_PAGE_PROXY_MAX_AGE", "600"))
# Each web process keeps the cached pages it served lately in memory, up to this many MB of
# content (cms_pages/fast_path.py); 0 reads every one from the shared cache.
PAGE_CACHE_LOCAL_BYTES = int(os.environ.get("PAGE_CACHE_LOCAL_MB", "64")) * 1024 * 1024

# Graphviz `dot`, which draws procedure flowcharts; pages fall back to the text version without it.
FLOWCHART_DOT = "dot"
FLOWCHART_TIMEOUT = 10  # seconds
# `dot` processes running at once on a host (one lock file per slot in FLOWCHART_SLOT_DIR,
# default the system temporary folder); a drawing that failed is retried after 5 minutes.
FLOWCHART_MAX_PROCESSES = 2
FLOWCHART_SLOT_DIR = os.environ.get("FLOWCHART_SLOT_DIR") or None
# Department spreadsheet imports (importers): hard limits checked before a file is parsed.
IMPORTERS_LIMITS = {
    "max_bytes": 50 * 1024 * 1024,
    "max_decompressed_bytes": 400 * 1024 * 1024,
    "max_compression_ratio": 100,
    "max_rows": 100_000,
    "max_merges": 20_000,
    "max_merged_cells": 2_000_000,
    # The zip of blank forms and samples beside a sheet (importers.archive).
    "max_attachments": 2_000,
    "max_attachment_bytes": 20 * 1024 * 1024,
}
# Uploaded files awaiting confirmation and progress of running imports (not public). Admin
# uploads run in a task worker, which reads them here: one folder for web and worker hosts.
IMPORTERS_WORK_DIR = Path(os.environ.get("IMPORTERS_WORK_DIR") or BASE_DIR / "var" / "imports")
# Public matter search (search app). OPENSEARCH_URL unset: the embedded database backend.
OPENSEARCH_URL = os.environ.get("OPENSEARCH_URL") or None
OPENSEARCH_INDEX = os.environ.get("OPENSEARCH_INDEX", "onevisit-matters")  # an alias
OPENSEARCH_USERNAME = os.environ.get("OPENSEARCH_USERNAME") or None
OPENSEARCH_PASSWORD = os.environ.get("OPENSEARCH_PASSWORD") or None
OPENSEARCH_CA_CERTS = os.environ.get("OPENSEARCH_CA_CERTS") or None
OPENSEARCH_VERIFY_CERTS = os.environ.get("OPENSEARCH_VERIFY_CERTS", "1") == "1"
OPENSEARCH_TIMEOUT = float(os.environ.get("OPENSEARCH_TIMEOUT", "3"))
# After a failed request, searches go straight to the database for this many seconds.
OPENSEARCH_RETRY_AFTER = float(os.environ.get("OPENSEARCH_RETRY_AFTER", "30"))

# Sign-in protection (accounts app, django-axes): 5 wrong passwords for one user name from one
# address lock that pair out for 30 minutes (an administrator can unlock earlier: 设置 → 登录锁定).
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=30)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "accounts.lockout.lockout_response"
AXES_CLIENT_IP_CALLABLE = "cms_pages.throttle.client_address"
AXES_ENABLE_ADMIN = False  # the Wagtail admin has its own unlock view
# Staff two-factor sign-in (accounts app, django-otp TOTP). Optional for every staff member;
# superusers must use it when this is True (production turns it on).
ACCOUNTS_2FA_REQUIRED_FOR_SUPERUSERS = False
# Proxies in front of the site that append to X-Forwarded-For (0: use the socket address).
TRUSTED_PROXY_COUNT = 0

# Content-Security-Policy (django-csp): the public site runs no inline script or style and
# loads nothing from other hosts. The Wagtail admin gets its own policy (accounts.csp).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [SELF],
    }
}

# Requests per address and window (cms_pages.throttle): scans over the limit still redirect
# but are not counted; searches and poster renderings over it get 429.
RATE_LIMITS = {
    "scan": (120, 60),
    "search": (60, 60),
    "suggest": (240, 60),
    "poster": (20, 60),
    "password_reset": (5, 3600),
}

# Results pages and suggestions kept in each process until the index or synonyms change.
SEARCH_RESULTS_CACHE = os.environ.get("SEARCH_RESULTS_CACHE", "1") == "1"
# Seconds between a process's checks whether another process edited the synonym list.
SEARCH_SYNONYMS_CHECK = 2.0
# Complaints and 好差评 (complaints app). Attachments live outside MEDIA_ROOT: never served
# directly, only through the case admin to people who may see the case.
COMPLAINTS_FILE_ROOT = Path(
    os.environ.get("COMPLAINTS_FILE_ROOT", BASE_DIR / "var" / "complaint-files")
)
COMPLAINTS_ATTACHMENTS = {"max_bytes": 5 * 1024 * 1024, "max_files": 3}
# Requests larger than this are refused before the body is read (files + text).
COMPLAINTS_MAX_REQUEST_BYTES = 20 * 1024 * 1024
# (requests, seconds) per client address and per browser session, kept in the cache.
COMPLAINTS_RATE_LIMITS = {
    "submit": {"address": (10, 3600), "session": (3, 3600)},
    "lookup": {"address": (30, 600), "session": (20, 600)},
    "rate": {"address": (60, 3600), "session": (20, 3600)},
}
# Off only for load tests (`make bench`): COMPLAINTS_RATE_LIMIT=0.
COMPLAINTS_RATE_LIMIT_ENABLED = os.environ.get("COMPLAINTS_RATE_LIMIT", "1") == "1"
# Days after closing when a case's personal data is purged (`manage.py purge_complaints`).
COMPLAINTS_RETENTION_DAYS = int(os.environ.get("COMPLAINTS_RETENTION_DAYS", "365"))
