"""Settings of a server that answers as production does when a page is missing or the code
fails (DEBUG off: the site's own 404 and 500 pages), with one URL that always fails
(tests/support/error_site_urls.py)."""

from portal.settings.dev import *  # noqa: F403

DEBUG = False
ROOT_URLCONF = "tests.support.error_site_urls"
FAILING_PATH = "/always-fails/"
