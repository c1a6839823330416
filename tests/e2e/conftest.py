"""Real-browser journeys: Debian's chromium driven by Playwright against a real server."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support import ROOT
from tests.support.browser import CHROMIUM, CHROMIUM_ARGS, PHONE
from tests.support.public_pages import SITE_FACTS
from tests.support.server import serve
from tests.support.services import missing
from tests.support.site_databases import IMMEDIATE_TASKS


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def live_site_env(tmp_path_factory):
    """Environment of the served site: `manage.py` run with it works on the same database."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
           "SQLITE_PATH": str(tmp_path_factory.mktemp("site") / "db.sqlite3"),
           "PYTHONPATH": str(ROOT),
           "DJANGO_CACHE_DIR": str(tmp_path_factory.mktemp("cache")),
           # No worker beside the journey's server: background work runs within the request.
           "DJANGO_TASKS_BACKEND": IMMEDIATE_TASKS}  # fmt: skip
    env.pop("DATABASE_URL", None)
    return env


@pytest.fixture(scope="session")
def live_site(live_site_env, site_databases):
    """The demo site on its own SQLite file, served by gunicorn as in production."""
    env = live_site_env
    site_databases.copy_to(Path(env["SQLITE_PATH"]), demo=True, tasks=IMMEDIATE_TASKS)
    with serve(env) as base:
        yield base


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        missing(f"no chromium at {CHROMIUM}")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing("playwright is not installed")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def phone(browser):
    context = browser.new_context(**PHONE)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture(scope="session")
def error_site(live_site, live_site_env):
    """The same site and database with DEBUG off: its production 404 and 500 pages."""
    env = {**live_site_env, "DJANGO_SETTINGS_MODULE": "tests.support.error_site"}
    with serve(env, workers=1) as base:
        yield base


@pytest.fixture(scope="session")
def site_facts(live_site, live_site_env):
    """A matter's code and poster revision, and a complaint filed for it (code, secret)."""
    manage = [sys.executable, str(ROOT / "manage.py"), "shell", "-c", SITE_FACTS]
    done = subprocess.run(manage, env=live_site_env, cwd=ROOT, check=True, capture_output=True)
    return json.loads(done.stdout.decode().strip().splitlines()[-1])
