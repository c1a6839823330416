"""A theme or care tag renamed or deleted in the admin reaches search at once: its matters'
documents carry its name (embedded database backend; the engine's side is in the contract and
test_engine_kept_answers.py)."""

import pytest
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from cms_pages.models import CareTag, Hall, Theme
from search import results_cache
from search.tasks import reindex_matters
from tests.search.answers import shown, titles
from tests.support.tasks import work_off_queue

pytestmark = pytest.mark.django_db
# The legal theme 法人注销 is the only text of 税务注销 naming it; 企业退出 is in no matter.
OLD, NEW, MATTER = "法人注销", "企业退出", "税务注销（清税申报）"


@pytest.fixture
def theme():
    return Theme.objects.get(audience="legal", name=OLD)


def reindex_runs():
    return DBTaskResult.objects.filter(task_path=reindex_matters.module_path)


def test_a_theme_renamed_in_the_admin_is_found_by_its_new_name(
    admin_client, site_client, kept, theme, on_commit
):
    assert MATTER in shown(site_client, OLD) and MATTER in titles(OLD)  # kept from here on
    assert MATTER not in shown(site_client, NEW)

    with on_commit():
        response = admin_client.post(
            reverse("wagtailsnippets_cms_pages_theme:edit", args=[theme.pk]),
            {"audience": theme.audience, "name": NEW, "sort_order": theme.sort_order},
        )
    assert response.status_code == 302

    assert shown(site_client, NEW)[:1] == [MATTER]
    assert MATTER not in shown(site_client, OLD) and MATTER not in titles(OLD)


def test_a_deleted_care_tag_no_longer_finds_its_matters(site_client, kept, on_commit):
    elderly = CareTag.objects.get(name="老年人")
    matters = set(elderly.matters.live().values_list("title", flat=True))
    assert matters and set(shown(site_client, "", care="老年人")) == matters

    with on_commit():
        elderly.delete()

    assert shown(site_client, "", care="老年人") == []


def test_saves_that_keep_every_name_queue_nothing_and_keep_the_answers(
    database_tasks, site_client, kept, theme, on_commit
):
    assert MATTER in titles(OLD)
    generation = results_cache.generation()
    with on_commit():
        theme.sort_order += 1
        theme.save()
        CareTag.objects.get(name="老年人").save()
        Hall.objects.first().save()
    assert not reindex_runs().exists()
    assert results_cache.generation() == generation

    # A rename queues one run for all of the theme's matters; a worker indexes them.
    with on_commit():
        theme.name = NEW
        theme.save()
    assert reindex_runs().count() == 1
    with on_commit():
        work_off_queue()
    assert shown(site_client, NEW)[:1] == [MATTER]
    assert MATTER not in titles(OLD)
