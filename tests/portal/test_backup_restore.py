"""Backup and restore on PostgreSQL, as an operator runs them (scripts/backup.sh and
scripts/restore.sh under production settings): dump a site with demo content and uploaded
files, drop the database and the folders, restore, and find the same site — searched on a
real OpenSearch node, whose index the backup does not hold: restore.sh rebuilds it from the
restored database, so it answers as before even after it had moved on past the backup."""

import json
import os
import shutil
import subprocess
import sys
import uuid

import pytest

from tests.support import ROOT
from tests.support.postgres import new_database, postgres_server, run_sql

QUERIES = ["出生登记", "身份证", "营业执照", "公积金", "结婚", "社保卡"]

# What a visitor and an editor would notice: the page tree, the live matters, what search
# answers, and every uploaded or attached file with its content.
SNAPSHOT = """
import hashlib, json
from pathlib import Path
from django.conf import settings
from wagtail.documents.models import Document
from wagtail.models import Page
from cms_pages.models import MatterPage
from search.backends import search

def files(root):
    root = Path(root)
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()} if root.exists() else {}

answers = {}
for query in QUERIES:
    results, degraded = search(query)
    answers[query] = [results.total, [hit.code for hit in results.hits], degraded]
print(json.dumps({
    "pages": Page.objects.count(),
    "live_matters": sorted(MatterPage.objects.live().values_list("code", flat=True)),
    "search": answers,
    "documents": sorted((d.title, d.file.read().hex()) for d in Document.objects.all()),
    "media": files(settings.MEDIA_ROOT),
    "complaint_files": files(settings.COMPLAINTS_FILE_ROOT),
}, ensure_ascii=False))
""".replace("QUERIES", repr(QUERIES))

UPLOADS = """
from pathlib import Path
from django.conf import settings
from django.core.files.base import ContentFile
from wagtail.documents.models import Document
guide = ContentFile("一次办好".encode() * 100, name="guide.pdf")
Document.objects.create(title="办事指南", file=guide)
folder = Path(settings.COMPLAINTS_FILE_ROOT) / "2026" / "11"
folder.mkdir(parents=True, exist_ok=True)
(folder / "case-attachment.jpg").write_bytes(bytes(range(256)) * 40)
"""


pytestmark = pytest.mark.postgres

# After the backup, an editor withdraws the matter a citizen finds first: the engine's index
# moves on past the backup.
WITHDRAW = """
from cms_pages.models import MatterPage
MatterPage.objects.get(code=CODE).unpublish()
"""


@pytest.mark.opensearch
def test_dump_drop_restore_gives_the_same_site(tmp_path, opensearch_node, postgres_template):
    engine = opensearch_node  # the session's node; the site gets an index of its own
    with postgres_server() as server, new_database(server, postgres_template) as name:
        env = {
            **os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings.production",
            "DATABASE_URL": f"{server}/{name}", "DJANGO_SECRET_KEY": "backup-test",
            "PUBLIC_BASE_URL": "http://testserver", "PYTHONPATH": str(ROOT),
            "PYTHON": sys.executable, "DJANGO_MEDIA_ROOT": str(tmp_path / "media"),
            "COMPLAINTS_FILE_ROOT": str(tmp_path / "complaint-files"),
            "DJANGO_CACHE_DIR": str(tmp_path / "cache"), "DJANGO_LOG_LEVEL": "WARNING",
            "OPENSEARCH_URL": engine.url, "OPENSEARCH_INDEX": f"restore-{uuid.uuid4().hex[:8]}",
        }  # fmt: skip
        env.pop("REDIS_URL", None)

        def manage(*args, **kwargs):
            return subprocess.run([sys.executable, str(ROOT / "manage.py"), *args], env=env,
                                  cwd=ROOT, check=True, **kwargs)  # fmt: skip

        def snapshot():
            out = manage("shell", "-v", "0", "-c", SNAPSHOT, capture_output=True, text=True)
            return json.loads(out.stdout.strip().splitlines()[-1])

        manage("migrate", "-v", "0")  # little to do on the pass's migrated template
        manage("load_demo_content", "--demo", stdout=subprocess.DEVNULL)
        manage("shell", "-v", "0", "-c", UPLOADS)
        manage("search_index", "rebuild", "--backend", "opensearch", stdout=subprocess.DEVNULL)
        before = snapshot()
        assert before["pages"] > 100 and len(before["live_matters"]) > 20
        answers = before["search"].values()
        assert all(total > 0 and not degraded for total, _codes, degraded in answers)
        assert before["documents"] and before["media"] and before["complaint_files"]

        backup = tmp_path / "backup"
        subprocess.run([str(ROOT / "scripts" / "backup.sh"), str(backup)], env=env, check=True)
        first_found = before["search"][QUERIES[0]][1][0]
        manage("shell", "-v", "0", "-c", WITHDRAW.replace("CODE", repr(first_found)))
        assert snapshot()["search"] != before["search"]
        run_sql(server, f'DROP DATABASE "{name}" WITH (FORCE)')
        run_sql(server, f'CREATE DATABASE "{name}"')
        shutil.rmtree(tmp_path / "media")
        shutil.rmtree(tmp_path / "complaint-files")

        subprocess.run([str(ROOT / "scripts" / "restore.sh"), str(backup)], env=env, check=True)
        assert snapshot() == before


def test_restore_refuses_a_damaged_backup(tmp_path):
    with postgres_server() as server, new_database(server) as name:
        env = {
            **os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings.production",
            "DATABASE_URL": f"{server}/{name}", "DJANGO_SECRET_KEY": "backup-test",
            "PUBLIC_BASE_URL": "http://testserver", "PYTHONPATH": str(ROOT),
            "PYTHON": sys.executable, "DJANGO_MEDIA_ROOT": str(tmp_path / "media"),
        }  # fmt: skip
        # An empty database: the checksums, not the dump's content, are what restore.sh
        # refuses on, and a migrate would cost a minute of the PostgreSQL pass.
        backup = tmp_path / "backup"
        subprocess.run([str(ROOT / "scripts" / "backup.sh"), str(backup)], env=env, check=True)
        dump = backup / "database.dump"
        dump.write_bytes(dump.read_bytes()[:-100])

        done = subprocess.run([str(ROOT / "scripts" / "restore.sh"), str(backup)], env=env,
                              capture_output=True, text=True)  # fmt: skip
        assert done.returncode != 0 and "备份文件不完整或已损坏" in done.stderr
