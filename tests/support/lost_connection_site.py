"""Settings of a server whose database connections can be killed by a test
(tests/portal/test_lost_connection.py): the test settings with production's connection
handling (kept open between requests, checked before reuse; tests/portal/
test_production_database.py holds production to these), and two URLs that query PostgreSQL
(tests/support/lost_connection_urls.py)."""

from portal.settings.test import *  # noqa: F403

DATABASES["default"].update(CONN_MAX_AGE=600, CONN_HEALTH_CHECKS=True)  # noqa: F405
ROOT_URLCONF = "tests.support.lost_connection_urls"
MIDDLEWARE = [*MIDDLEWARE, "tests.support.lost_connection_urls.SlowBeforeTheView"]  # noqa: F405
# Production's logging (portal.settings.production), plain lines: the tests read them.
LOGGING = {
    **LOGGING,  # noqa: F405
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "INFO"},
}
