"""Two web hosts, one database, one Redis: a publish is visible through the other host on
its very next request (the page cache and the publish generation live in Redis)."""

import os
import subprocess
import sys
import urllib.request

import pytest

from tests.support import ROOT
from tests.support.redis import redis_server
from tests.support.server import serve

MATTER = "出生登记"

# Its two hosts share an SQLite file of their own.
pytestmark = pytest.mark.db_independent


def fetch(url):
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.read().decode()


def test_publish_through_one_host_reaches_the_other_at_once(tmp_path):
    with redis_server(tmp_path) as redis_url:
        common = {**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
                  "SQLITE_PATH": str(tmp_path / "db.sqlite3"), "PYTHONPATH": str(ROOT),
                  "REDIS_URL": redis_url}  # fmt: skip
        common.pop("DATABASE_URL", None)
        manage = [sys.executable, str(ROOT / "manage.py")]
        subprocess.run([*manage, "migrate", "-v0"], env=common, check=True, cwd=ROOT)
        subprocess.run([*manage, "load_demo_content"], env=common, check=True, cwd=ROOT,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
        path = subprocess.run(
            [*manage, "shell", "-c",
             "from cms_pages.models import MatterPage;"
             f"print(MatterPage.objects.get(title='{MATTER}').url)"],
            env=common, check=True, cwd=ROOT, capture_output=True, text=True,
        ).stdout.strip().splitlines()[-1]  # fmt: skip
        host_a = {**common, "DJANGO_CACHE_DIR": str(tmp_path / "cache-a")}
        host_b = {**common, "DJANGO_CACHE_DIR": str(tmp_path / "cache-b")}
        with serve(host_a, workers=1) as a, serve(host_b, workers=1) as b:
            assert "（新）" not in fetch(b + path)  # host B has the page cached now
            assert "（新）" not in fetch(a + path)
            # An editor's publish, run on host A's settings (its own cache folder).
            subprocess.run(
                [*manage, "shell", "-c",
                 "from cms_pages.models import MatterPage;"
                 f"p = MatterPage.objects.get(title='{MATTER}');"
                 f"p.title = '{MATTER}（新）'; p.save_revision().publish()"],
                env=host_a, check=True, cwd=ROOT,
            )  # fmt: skip
            assert f"{MATTER}（新）" in fetch(b + path)
            assert f"{MATTER}（新）" in fetch(a + path)
