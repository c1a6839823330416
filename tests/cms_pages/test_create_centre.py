"""`manage.py create_centre` on an empty database: the whole page tree with both national
theme lists, the site and centre settings, a hall, the reform office with its approval task,
the batch workflow; no users, no matters; running it twice changes nothing."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# The command runs on an SQLite file of its own.
pytestmark = pytest.mark.db_independent
ARGS = ["--name", "江川市政务服务中心", "--hall", "江川市民中心一楼大厅",
        "--base-url", "https://zwfw.jiangchuan.example", "--hotline", "12345"]  # fmt: skip
PROBE = """
import json
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.models import GroupPagePermission, Site, WorkflowPage
from cms_pages.models import CentreSettings, Hall, HomePage, MatterPage, Theme, ThemePage
home = HomePage.objects.get()
office = Group.objects.get(name="审改办")
site = Site.objects.get(is_default_site=True)
batches = home.get_children().get(slug="batches")
print(json.dumps({
    "home": home.title,
    "sections": [(p.title, p.slug, p.specific_class.__name__) for p in home.get_children()],
    "themes": [ThemePage.objects.count(), Theme.objects.count(),
               sorted(set(Theme.objects.values_list("audience", flat=True)))],
    "site": [site.hostname, site.port, site.root_page_id == home.pk],
    "centre": CentreSettings.load().name,
    "halls": list(Hall.objects.values_list("name", flat=True)),
    "office_tasks": list(office.groupapprovaltask_set.values_list("name", flat=True)),
    "office_publishes": GroupPagePermission.objects.filter(
        group=office, page=home, permission__codename="publish_page").exists(),
    "batch_workflow": WorkflowPage.objects.get(page=batches).workflow.name,
    "groups": sorted(Group.objects.values_list("name", flat=True)),
    "users": get_user_model().objects.count(),
    "matters": MatterPage.objects.count(),
}, ensure_ascii=False))
"""


@pytest.fixture(scope="module")
def empty_site(tmp_path_factory, site_databases):
    database = site_databases.copy_to(tmp_path_factory.mktemp("centre") / "db.sqlite3")
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings.test",
           "DATABASE_URL": f"sqlite:///{database}", "PYTHONPATH": str(ROOT)}  # fmt: skip

    def manage(*args):
        done = subprocess.run([sys.executable, str(ROOT / "manage.py"), *args], env=env,
                              cwd=ROOT, capture_output=True, text=True)  # fmt: skip
        assert done.returncode == 0, done.stderr[-3000:]
        return done.stdout

    return manage


def test_create_centre_builds_the_whole_site_and_nothing_else(empty_site):
    output = empty_site("create_centre", *ARGS)
    assert "中心站点已就绪" in output
    site = json.loads(empty_site("shell", "-v0", "-c", PROBE).strip().splitlines()[-1])
    assert site["home"] == "江川市政务服务中心"
    assert [(slug, kind) for _title, slug, kind in site["sections"]] == [
        ("departments", "DepartmentIndexPage"), ("themes", "ThemeIndexPage"),
        ("bundles", "BundleIndexPage"), ("batches", "BatchIndexPage"),
        ("complaints", "ComplaintChannelsPage"), ("statistics", "StatisticsPage"),
    ]  # fmt: skip
    pages, themes, audiences = site["themes"]
    assert pages == themes > 0 and audiences == ["legal", "natural"]
    assert site["site"] == ["zwfw.jiangchuan.example", 443, True]
    assert site["centre"] == "江川市政务服务中心"
    assert site["halls"] == ["江川市民中心一楼大厅"]
    assert "审改办审核" in site["office_tasks"] and site["office_publishes"]
    assert site["batch_workflow"] == "改革批次发布流程"
    assert "Moderators" not in site["groups"] and "Editors" not in site["groups"]
    assert site["users"] == 0 and site["matters"] == 0
    assert "cms_pages.W001" not in empty_site("check")


def test_create_centre_twice_changes_nothing(empty_site):
    empty_site("create_centre", *ARGS)
    before = empty_site("dumpdata", "-e", "sessions")
    empty_site("create_centre", *ARGS)
    after = empty_site("dumpdata", "-e", "sessions")
    assert json.loads(before) == json.loads(after)
