"""Real-browser journeys: Debian's chromium driven by Playwright against a real server."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support import ROOT
from tests.support.browser import CHROMIUM, CHROMIUM_ARGS, PHONE
from tests.support.server import serve
from tests.support.services import missing


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
           "DJANGO_TASKS_BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}  # fmt: skip
    env.pop("DATABASE_URL", None)
    return env


@pytest.fixture(scope="session")
def live_site(live_site_env):
    """The demo site on its own SQLite file, served by gunicorn as in production."""
    env = live_site_env
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "-v0"], env=env, check=True, cwd=ROOT)
    subprocess.run([*manage, "load_demo_content"], env=env, check=True, cwd=ROOT,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
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
