"""Two web hosts, one database, one Redis: a publish is visible through the other host on
its very next request (the page cache, the generations and the path stamps live in Redis)."""

import os
import subprocess
import sys
import urllib.request
from contextlib import contextmanager

import pytest

from tests.support import ROOT
from tests.support.redis import redis_server
from tests.support.server import serve
from tests.support.site_databases import IMMEDIATE_TASKS

MATTER = "出生登记"
MANAGE = [sys.executable, str(ROOT / "manage.py")]

# Its two hosts share an SQLite file of their own.
pytestmark = pytest.mark.db_independent


def fetch(url):
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.read().decode()


def shell(env, code):
    """Runs `code` in `manage.py shell` with `env`; its last printed line."""
    done = subprocess.run([*MANAGE, "shell", "-c", code], env=env, check=True, cwd=ROOT,
                          capture_output=True, text=True)  # fmt: skip
    return (done.stdout.strip().splitlines() or [""])[-1]


@contextmanager
def two_hosts(tmp_path, site_databases):
    """(host A's settings, A's address, B's address): the demo site served by two hosts."""
    # The journeys' demo (its work done as it loaded): what the demo left queued is no part
    # of this test, and another demo build would cost the pass half a minute.
    database = site_databases.copy_to(tmp_path / "db.sqlite3", demo=True, tasks=IMMEDIATE_TASKS)
    with redis_server(tmp_path) as redis_url:
        common = {**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
                  "SQLITE_PATH": str(database), "PYTHONPATH": str(ROOT),
                  "REDIS_URL": redis_url}  # fmt: skip
        common.pop("DATABASE_URL", None)
        host_a = {**common, "DJANGO_CACHE_DIR": str(tmp_path / "cache-a")}
        host_b = {**common, "DJANGO_CACHE_DIR": str(tmp_path / "cache-b")}
        with serve(host_a, workers=1) as a, serve(host_b, workers=1) as b:
            yield host_a, a, b


def test_publish_through_one_host_reaches_the_other_at_once(tmp_path, site_databases):
    with two_hosts(tmp_path, site_databases) as (host_a, a, b):
        path = shell(host_a, "from cms_pages.models import MatterPage;"
                             f"print(MatterPage.objects.get(title='{MATTER}').url)")  # fmt: skip
        assert "（新）" not in fetch(b + path)  # host B has the page cached now
        assert "（新）" not in fetch(a + path)
        # An editor's publish, run on host A's settings (its own cache folder).
        shell(host_a, "from cms_pages.models import MatterPage;"
                      f"p = MatterPage.objects.get(title='{MATTER}');"
                      f"p.title = '{MATTER}（新）'; p.save_revision().publish()")  # fmt: skip
        assert f"{MATTER}（新）" in fetch(b + path)
        assert f"{MATTER}（新）" in fetch(a + path)


def test_a_republish_that_changes_no_listing_reaches_the_other_host_at_once(
    tmp_path, site_databases
):
    """Only the matter's own paths are retired, through stamps both hosts read from Redis."""
    with two_hosts(tmp_path, site_databases) as (host_a, a, b):
        pk, path = shell(host_a, "from cms_pages.models import MatterPage;"
                                 "m = MatterPage.objects.live().filter(bundle_memberships=None)"
                                 ".first(); print(m.pk, m.url)").split()  # fmt: skip
        fetch(a + path), fetch(b + path)
        shell(host_a, "from cms_pages.models import MatterPage;"
                      "from cms_pages.page_cache import generation;"
                      f"p = MatterPage.objects.get(pk={pk}); before = generation();"
                      "p.conditions = '须持本人户口簿（新）'; p.save_revision().publish();"
                      "assert generation() == before, 'a broad advance'")  # fmt: skip
        assert "须持本人户口簿（新）" in fetch(b + path)
        assert "须持本人户口簿（新）" in fetch(a + path)
